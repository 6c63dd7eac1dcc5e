import * as XLSX from '@e965/xlsx';
import type { UnreadableReason } from '../../src/core/report/unreadable';
import { UnreadableError, classifyParserError, parseWorkbookBytes, workbookToGrid } from '../../src/xlsx/read-grid';
import { makeZip, minimalXlsx, sheetXml } from '../fixtures/zip';
import { NORMAL_PL01_VALUES, bombZip, encryptedPackage, hugeDimensionWorkbook, normalWorkbook, randomBytes } from './helpers';

function failure(fn: () => unknown): { reason: UnreadableReason; detail?: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    return (err as UnreadableError).info;
  }
  throw new Error('expected an UnreadableError');
}

describe('parseWorkbookBytes: a normal workbook', () => {
  const grid = parseWorkbookBytes(normalWorkbook('xlsx'));
  const pl01 = grid.sheets[0]!;

  it('keeps sheet order, names and visibility', () => {
    expect(grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['PL01', 'visible'],
      ['DanhMuc', 'hidden'],
    ]);
  });

  it('gives values: strings, numbers, booleans, cached formula results, error text', () => {
    expect(pl01.values).toEqual(NORMAL_PL01_VALUES);
  });

  it('gives displayed text and formats only for formatted numbers', () => {
    expect(pl01.text?.[2]?.[2]).toBe('87.5%');
    expect(pl01.text?.[2]?.[3]).toBe('15/03/2023');
    expect(pl01.text?.[3]?.[3]).toBe('15/04/2023');
    expect(pl01.formats?.[2]?.[3]).toBe('dd/mm/yyyy');
    expect(pl01.formats?.[3]?.[2]).toBe('0.0%');
    // General numbers and text cells carry neither
    expect(pl01.text?.[2]?.[0]).toBeUndefined();
    expect(pl01.formats?.[2]?.[4]).toBeUndefined();
    expect(pl01.formats?.[1]?.[1]).toBeUndefined();
  });

  it('gives merges, custom properties and the date system', () => {
    expect(pl01.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 4 }]);
    expect(grid.customProps).toEqual({ PhulucStamp: 'v1:abc123', Lan: '2' });
    expect(grid.date1904).toBeUndefined();
    expect(grid.truncated).toBeUndefined();
  });

  it('reads the same workbook saved as .xls (BIFF8) to the same values and merges', () => {
    const xls = parseWorkbookBytes(normalWorkbook('biff8'));
    expect(xls.sheets.map((s) => [s.name, s.visibility])).toEqual(grid.sheets.map((s) => [s.name, s.visibility]));
    expect(xls.sheets[0]!.values).toEqual(pl01.values);
    expect(xls.sheets[0]!.merges).toEqual(pl01.merges);
    expect(xls.sheets[0]!.text?.[2]?.[3]).toBe('15/03/2023');
    expect(xls.sheets[1]!.values).toEqual(grid.sheets[1]!.values);
    expect(xls.customProps).toEqual(grid.customProps);
  });

  it('gives the same grid without the native inflater (browser path)', () => {
    expect(parseWorkbookBytes(normalWorkbook('xlsx'), { codec: null })).toEqual(grid);
  });
});

describe('parseWorkbookBytes: sheets that lie about their size', () => {
  it('ignores a <dimension> of A1:XFD1048576 and clamps a merge of the same size', () => {
    const t0 = Date.now();
    const grid = parseWorkbookBytes(hugeDimensionWorkbook());
    expect(Date.now() - t0).toBeLessThan(2000);
    const s = grid.sheets[0]!;
    expect(s.values).toEqual([['Tiêu đề'], [], ['STT', 'Nội dung'], [1, null, 2.5]]);
    expect(s.merges).toEqual([{ r0: 0, c0: 0, r1: 3, c1: 2 }]);
  });

  it('drops merges outside the used range and trims trailing empty cells', () => {
    const xml = sheetXml(
      [
        {
          r: 2,
          cells: [
            { ref: 'B2', v: 'x' },
            { ref: 'C2', v: '' },
          ],
        },
        { r: 5, cells: [{ ref: 'A5', v: '' }] },
      ],
      { merges: ['D1:E2', 'A10:C12', 'B2:B2', 'A1:B3'] },
    );
    const s = parseWorkbookBytes(minimalXlsx([{ name: 'S', xml }])).sheets[0]!;
    expect(s.values).toEqual([[], [null, 'x']]);
    expect(s.merges).toEqual([{ r0: 0, c0: 0, r1: 1, c1: 1 }]);
  });

  it('caps the rows read and records the cap', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ r: i + 1, cells: [{ ref: `A${i + 1}`, v: i + 1 }] }));
    rows.push({ r: 900_000, cells: [{ ref: 'A900000', v: 1 }] });
    const grid = parseWorkbookBytes(minimalXlsx([{ name: 'Dai', xml: sheetXml(rows) }]), { maxRows: 10 });
    expect(grid.sheets[0]!.values).toHaveLength(10);
    expect(grid.truncated).toEqual([{ sheet: 'Dai', rowsRead: 10 }]);
    // With the default cap the far row is beyond it: never parsed (the parser skips it unseen, so
    // only a sheet whose rows run on past the cap is recorded as truncated).
    const full = parseWorkbookBytes(minimalXlsx([{ name: 'Dai', xml: sheetXml(rows) }]));
    expect(full.sheets[0]!.values).toHaveLength(30);
  });

  it('refuses a grid that would need too many cells (one far-right cell per row)', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ r: i + 1, cells: [{ ref: `XFD${i + 1}`, v: i }] }));
    const info = failure(() => parseWorkbookBytes(minimalXlsx([{ name: 'S', xml: sheetXml(rows) }]), { maxGridCells: 1_000_000 }));
    expect(info.reason).toBe('too-large');
  });
});

describe('parseWorkbookBytes: broken input', () => {
  it.each<[string, () => Uint8Array, UnreadableReason]>([
    ['an empty file', () => new Uint8Array(0), 'empty'],
    ['text renamed .xlsx', () => Buffer.from('STT;Tên đơn vị;Tỷ lệ\n1;Sở Tư pháp;100%\n'), 'not-spreadsheet'],
    ['random bytes named .xls', () => randomBytes(20_000), 'not-spreadsheet'],
    ['a truncated workbook', () => normalWorkbook('xlsx').subarray(0, 6000), 'corrupt'],
    ['a zip without a workbook', () => makeZip([{ name: 'docProps/app.xml', data: '<Properties/>' }]), 'no-workbook'],
    ['a decompression bomb', () => bombZip(200), 'too-large'],
    ['a bomb that under-declares its size', () => bombZip(200, 1), 'corrupt'],
    ['a password-protected workbook', () => encryptedPackage(), 'encrypted'],
  ])('%s', (_, make, reason) => {
    const bytes = make();
    const t0 = Date.now();
    expect(failure(() => parseWorkbookBytes(bytes)).reason).toBe(reason);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('reads packages written with data descriptors (sizes only in the central directory)', () => {
    const base = minimalXlsx([{ name: 'S', xml: sheetXml([{ r: 1, cells: [{ ref: 'A1', v: 7 }] }]) }]);
    const zip = Buffer.from(base);
    // set bit 3 and zero the local sizes, as streaming writers do
    for (let p = zip.indexOf('PK\x03\x04', 0, 'latin1'); p >= 0; p = zip.indexOf('PK\x03\x04', p + 4, 'latin1')) {
      zip.writeUInt16LE(zip.readUInt16LE(p + 6) | 0x8, p + 6);
      zip.writeUInt32LE(0, p + 18);
      zip.writeUInt32LE(0, p + 22);
    }
    expect(parseWorkbookBytes(zip).sheets[0]!.values).toEqual([[7]]);
  });

  it('maps parser exceptions to reasons', () => {
    expect(classifyParserError(new Error('File is password-protected')).reason).toBe('encrypted');
    expect(classifyParserError('Unrecognized encryption algorithm: 1').reason).toBe('encrypted');
    expect(classifyParserError(new Error('Unsupported ZIP Compression method 12'))).toEqual({
      reason: 'corrupt',
      detail: 'Unsupported ZIP Compression method 12',
    });
  });
});

describe('workbookToGrid', () => {
  it('accepts sparse (non-dense) workbooks and 1904 dates', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['a', 2],
      [null, null, true],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    wb.Workbook = { WBProps: { date1904: true }, Sheets: [{ Hidden: 2 }] } as XLSX.WorkBook['Workbook'];
    const grid = workbookToGrid(wb);
    expect(grid.date1904).toBe(true);
    expect(grid.sheets[0]).toMatchObject({
      visibility: 'veryHidden',
      values: [
        ['a', 2],
        [null, null, true],
      ],
    });
  });
});
