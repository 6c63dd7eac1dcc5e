/** Workbooks and broken files for the reader tests, all built in memory. */
import * as XLSX from '@e965/xlsx';
import * as zlib from 'node:zlib';
import type { SheetGrid } from '../../src/core/grid/types';
import { makeZip, minimalXlsx, sheetXml } from '../fixtures/zip';

export const MB = 1024 * 1024;

/** A small but feature-complete submission: every grid rule has a cell that exercises it. */
export function normalWorkbook(bookType: 'xlsx' | 'biff8' = 'xlsx'): Buffer {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([
    ['PHỤ LỤC 01', null, null, null],
    ['STT', 'Nhiệm vụ', 'Tỷ lệ', 'Ngày hoàn thành', 'Tổng'],
    [1, 'Rà soát thủ tục hành chính', 0.875, 45000, 3],
    [2, 'Số hoá hồ sơ', 1, 45031, null, true],
  ]);
  ws['C3']!.z = '0.0%';
  ws['C4']!.z = '0.0%';
  ws['D3']!.z = 'dd/mm/yyyy';
  ws['D4']!.z = 'dd/mm/yyyy';
  ws['E3'] = { t: 'n', v: 3, f: 'A3+2' }; // formula with its cached value
  ws['E4'] = { t: 'e', v: 0x17, w: '#REF!' };
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }];
  XLSX.utils.book_append_sheet(wb, ws, 'PL01');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Danh mục'], ['Sở Tư pháp']]), 'DanhMuc');
  wb.Workbook = { Sheets: [{}, { Hidden: 1 }] } as XLSX.WorkBook['Workbook'];
  wb.Custprops = { PhulucStamp: 'v1:abc123', Lan: 2 };
  return XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer;
}

export const NORMAL_PL01_VALUES: SheetGrid['values'] = [
  ['PHỤ LỤC 01'],
  ['STT', 'Nhiệm vụ', 'Tỷ lệ', 'Ngày hoàn thành', 'Tổng'],
  [1, 'Rà soát thủ tục hành chính', 0.875, 45000, 3],
  [2, 'Số hoá hồ sơ', 1, 45031, '#REF!', true],
];

/** A deterministic pseudo-random byte string (so a failure reproduces). */
export function randomBytes(n: number, seed = 12345): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x13; // no magic number by accident
  return out;
}

/**
 * A raw deflate stream inflating to `mb` MiB of sheet-like XML, built without allocating the
 * inflated data: one fully-flushed (non-final, self-contained) block set repeated, then a final
 * empty block.
 */
export function bombDeflate(mb: number): Buffer {
  const pattern = Buffer.from('<row><c t="s"><v>0</v></c></row>'.repeat(Math.ceil(MB / 33))).subarray(0, MB);
  const chunk = zlib.deflateRawSync(pattern, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mb).fill(chunk), Buffer.from([0x03, 0x00])]);
}

const WB_XML =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** A small package whose sheet entry inflates to `mb` MiB; `declaredMb` is what its headers claim. */
export function bombZip(mb: number, declaredMb = mb): Buffer {
  return makeZip([
    { name: 'xl/workbook.xml', data: WB_XML },
    { name: 'xl/worksheets/sheet1.xml', raw: bombDeflate(mb), declaredSize: declaredMb * MB },
  ]);
}

/** A password-protected OOXML file is a compound file holding these two streams. */
export function encryptedPackage(): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  // Agile encryption version header (4.4) followed by filler: the content is never decrypted.
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.alloc(600, 0x20)]));
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', randomBytes(8192, 7));
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}

/** A sheet whose <dimension> claims the whole grid while it holds a handful of cells. */
export function hugeDimensionWorkbook(): Buffer {
  return minimalXlsx([
    {
      name: 'Dim',
      xml: sheetXml(
        [
          { r: 1, cells: [{ ref: 'A1', v: 'Tiêu đề' }] },
          {
            r: 3,
            cells: [
              { ref: 'A3', v: 'STT' },
              { ref: 'B3', v: 'Nội dung' },
            ],
          },
          {
            r: 4,
            cells: [
              { ref: 'A4', v: 1 },
              { ref: 'C4', v: 2.5 },
            ],
          },
        ],
        { dimension: 'A1:XFD1048576', merges: ['A1:XFD1048576'] },
      ),
    },
  ]);
}

/** A legitimate but heavy workbook: `rows` rows of five cells (about 26 bytes of zip per row). */
export function largeWorkbook(rows: number): Buffer {
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) {
    parts.push(
      `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>${r * 1.5}</v></c><c r="C${r}" t="inlineStr"><is><t>Đơn vị ${r % 97}</t></is></c><c r="D${r}"><v>${r % 13}</v></c><c r="E${r}"><v>45000</v></c></row>`,
    );
  }
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    parts.join('') +
    '</sheetData></worksheet>';
  return minimalXlsx([{ name: 'Big', xml }]);
}
