/**
 * Hostile workbooks before and inside the parser (issue 13): references outside Excel's grid,
 * whole-sheet hyperlinks and merges, altered bytes under a good CRC, library noise.
 */
import * as zlib from 'node:zlib';
import { inflateAhead } from '../../src/xlsx/inflate-ahead';
import { parseWorkbookBytes, UnreadableError } from '../../src/xlsx/read-grid';
import type { ZipCodec } from '../../src/xlsx/zip/reader';
import { boundCfbHyperlinks } from '../../src/xlsx/biff-bounds';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { khCchcSubmission } from '../fixtures/content';
import { EXCEL_MAX_COLS, MAX_MERGES, refInGrid } from '../../src/xlsx/sheet-bounds';
import { describe as describeIssue } from '../../src/core/report/catalogue';
import {
  extraCellWorkbook,
  hugeMergesWorkbook,
  submissionBytes,
  wholeSheetHyperlinksXls,
  wholeSheetHyperlinkWorkbook,
  wrongCrcWorkbook,
} from '../fixtures/hostile';
import { minimalXlsx, sheetXml } from '../fixtures/zip';

function unreadable(bytes: Uint8Array, codec?: ZipCodec | null) {
  try {
    parseWorkbookBytes(bytes, codec === undefined ? {} : { codec });
  } catch (err) {
    if (err instanceof UnreadableError) return err.info;
    throw err;
  }
  throw new Error('the workbook was read');
}

describe('references outside XFD1048576', () => {
  it.each(['A4294967295', 'ZZZZ99999999', 'XFE1', 'A1048577'])(
    'a cell at %s makes the file damaged, before the parser walks to it',
    (ref) => {
      const info = unreadable(extraCellWorkbook(ref));
      expect(info.reason).toBe('corrupt');
      expect(info.detail).toContain(ref.replace(/^[A-Z]+(?=\d{7,})/, ''));
    },
  );

  it('a cell at the last cell Excel has (XFD1048576) is within bounds: the file is read (that row lies past the row cap)', () => {
    const grid = parseWorkbookBytes(extraCellWorkbook('XFD1048576'));
    expect(grid.sheets[0]!.values).toEqual([['Sở Tư pháp']]);
  });

  it('a dimension or merged area outside the grid is damage too; one inside is not', () => {
    expect(
      unreadable(minimalXlsx([{ name: 'S', xml: sheetXml([{ r: 1, cells: [{ ref: 'A1', v: 1 }] }], { dimension: 'A1:A4294967295' }) }]))
        .reason,
    ).toBe('corrupt');
    expect(
      unreadable(minimalXlsx([{ name: 'S', xml: sheetXml([{ r: 1, cells: [{ ref: 'A1', v: 1 }] }], { merges: ['A1:ZZZZ1'] }) }])).reason,
    ).toBe('corrupt');
    const ok = parseWorkbookBytes(
      minimalXlsx([
        { name: 'S', xml: sheetXml([{ r: 1, cells: [{ ref: 'A1', v: 1 }] }], { dimension: 'A1:XFD1048576', merges: ['A1:B1'] }) },
      ]),
    );
    expect(ok.sheets[0]!.values).toEqual([[1]]);
  });

  it('refInGrid knows Excel’s limits', () => {
    expect(['A1', 'XFD1048576', '$B$2', 'AAA1', 'C', '7'].every(refInGrid)).toBe(true);
    expect(['XFE1', 'A0', 'A1048577', 'A4294967295', 'ZZZZ1', 'A1B'].some(refInGrid)).toBe(false);
    expect(EXCEL_MAX_COLS).toBe(16_384);
  });
});

describe('areas the parser would fill cell by cell', () => {
  it('a hyperlink over A1:XFD1048576 is left out: the sheet reads as it does without it', () => {
    const plain = parseWorkbookBytes(submissionBytes());
    const linked = parseWorkbookBytes(wholeSheetHyperlinkWorkbook());
    expect(linked.sheets.map((s) => s.values)).toEqual(plain.sheets.map((s) => s.values));
    expect(linked.sheets.map((s) => s.merges)).toEqual(plain.sheets.map((s) => s.merges));
  });

  it(`${MAX_MERGES * 2} merged areas below the data: the data and its own merges read as before`, () => {
    const plain = parseWorkbookBytes(submissionBytes());
    const merged = parseWorkbookBytes(hugeMergesWorkbook(MAX_MERGES * 2));
    expect(merged.sheets.map((s) => s.values)).toEqual(plain.sheets.map((s) => s.values));
    expect(merged.sheets.map((s) => s.merges)).toEqual(plain.sheets.map((s) => s.merges));
  });
});

describe('.xls hyperlink records over the whole sheet', () => {
  it('are shrunk to their first cell before the parser visits every cell of them', () => {
    // As a worker receives it: a plain Uint8Array, not a Node Buffer.
    const grid = parseWorkbookBytes(Uint8Array.from(wholeSheetHyperlinksXls(500)));
    expect(grid.sheets[0]!.values).toHaveLength(500);
    expect(grid.sheets[0]!.values[499]).toEqual(['Dòng 500']);
  });

  it('an .xls without them is handed to the parser as it is', () => {
    const xls = gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Y tế', 3) }), 'biff8');
    expect(boundCfbHyperlinks(xls)).toBe(xls);
    expect(parseWorkbookBytes(xls).sheets).toHaveLength(4);
  });
});

describe('CRC-32', () => {
  it('an entry whose bytes were altered is a damaged file ("tệp bị hỏng"), not data read as good', () => {
    const info = unreadable(wrongCrcWorkbook());
    expect(info.reason).toBe('corrupt');
    expect(info.detail).toMatch(/CRC-32/);
    expect(describeIssue('file-unreadable', { reason: info.reason }, 'vi').message).toMatch(/bị hỏng/);
  });

  it('the same through the browser’s inflate-ahead codec (no native CRC there)', async () => {
    const bytes = wrongCrcWorkbook();
    const codec = await inflateAhead(bytes, async (data, size) => zlib.inflateRawSync(data, { maxOutputLength: size + 1 }));
    expect(codec?.crc32).toBeUndefined();
    expect(unreadable(bytes, codec).detail).toMatch(/CRC-32/);
  });

  it('a good archive passes the check', () => {
    expect(parseWorkbookBytes(submissionBytes()).sheets).toHaveLength(4);
  });
});

describe('library output', () => {
  it('a damaged .xls record makes the parser say nothing on the console', () => {
    const rec = (type: number, body: Buffer) => {
      const b = Buffer.alloc(4 + body.length);
      b.writeUInt16LE(type, 0);
      b.writeUInt16LE(body.length, 2);
      body.copy(b, 4);
      return b;
    };
    const bof = Buffer.alloc(16);
    bof.writeUInt16LE(0x600, 0);
    bof.writeUInt16LE(0x5, 2);
    const xls = Buffer.concat([rec(0x809, bof), rec(0x1234, Buffer.from([1, 2, 3])), rec(0x0a, Buffer.alloc(0))]);
    const spies = (['error', 'warn', 'log'] as const).map((m) => jest.spyOn(console, m));
    try {
      expect(parseWorkbookBytes(xls).sheets).toEqual([]);
      for (const s of spies) expect(s).not.toHaveBeenCalled();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    // The console is back for everyone else.
    expect(console.error).not.toBe(spies[0]);
  });
});
