import * as XLSX from '@e965/xlsx';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/types';
import { META_SHEET, type ConsolidatedMeta, type ConsolidatedModel } from '../../src/core/merge/model';
import { readConsolidated } from '../../src/xlsx/read-consolidated';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import {
  dateSerial,
  dateTimeSerial,
  metaChunks,
  textWidth,
  writeConsolidatedBuffer,
  writeConsolidatedFile,
} from '../../src/xlsx/write-consolidated';

// Strings a spreadsheet would take for formulas if they were typed in.
const FORMULA_LIKE = ['=> Đề nghị bổ sung kinh phí', '- Đã ban hành Quyết định số 12/QĐ-UBND', '+84 912 345 678', '=SUM(A1:A2)', '@user'];

// LibreOffice trims spaces at the ends of a plain t="str" value; readers decode `_x0041_` as "A".
const INDENTED = '   - Nội dung thụt đầu dòng  ';
const ESCAPE_LIKE = 'mã _x0041_ giữ nguyên\ndòng 2';

const LONG_TEXT = 'Rà soát, đánh giá thủ tục hành chính '.repeat(5).trim();

function makeMeta(): ConsolidatedMeta {
  return {
    tool: 'phuluc',
    version: '1.0.0',
    round: 'kh-cchc-2023',
    generatedAt: '2023-12-20T09:15:00+07:00',
    sheets: ['Tổng hợp', 'PL01', 'Mô hình'],
    units: {
      // A unit sending in pieces: the forms of each file its line stands on, by sheet, come back.
      STP: {
        file: 'Sở Tư pháp - Phụ lục.xlsx',
        receivedAt: '2023-12-15T08:30:00+07:00',
        forms: ['pl01', 'pl02'],
        held: { 'Sở Tư pháp - Phụ lục.xlsx': { PL02: 'pl02' }, 'STP lần 1.xlsx': { 'Phụ lục 1': 'pl01', PL02: 'pl02' } },
      },
      UBND_HK: { file: 'UBND huyện Hương Khê.xlsx', receivedAt: null },
      // Spaces at the ends and a literal `_xHHHH_` both come back unchanged.
      SYT: { file: ' Sở Y tế _x0041_.xlsx ', receivedAt: null },
    },
  };
}

function makeModel(): ConsolidatedModel {
  return {
    meta: makeMeta(),
    sheets: [
      {
        name: 'Tổng hợp',
        role: 'summary',
        columns: [
          { header: 'Mã đơn vị', kind: 'text' },
          { header: 'Tên đơn vị', kind: 'text' },
          { header: 'Tình trạng', kind: 'text' },
          { header: 'Thời điểm nhận', kind: 'datetime' },
          { header: 'Tỷ lệ đạt chỉ tiêu', kind: 'percent' },
          { header: 'Số dòng', kind: 'integer' },
        ],
        rows: [
          ['STP', 'Sở Tư pháp', 'Đã nộp', { dateTime: '2023-12-15T01:30:00Z' }, 0.875, 12],
          ['UBND_HK', 'UBND huyện Hương Khê', 'Chưa nộp', null, null, 0],
          ['SNV', 'Sở Nội vụ', 'Đã nộp', { dateTime: '2023-12-15T18:00:00Z' }, 1, 3],
          ['SYT', 'Sở Y tế', 'Đã nộp', { dateTime: '2023-12-14T20:00:00-05:00' }, 0.3333, 7],
        ],
        chart: { title: 'Tỷ lệ hoàn thành', categoryColumn: 1, valueColumn: 4 },
      },
      {
        name: 'PL01',
        role: 'form',
        template: 'pl01',
        columns: [
          { header: 'Đơn vị', kind: 'text' },
          { header: 'STT', kind: 'text' },
          { header: 'Nội dung', kind: 'text' },
          { header: 'Ngày ban hành', kind: 'date' },
          { header: 'Kinh phí (triệu đồng)', kind: 'number' },
          { header: 'Hoàn thành', kind: 'text' },
          { header: 'Ghi chú', kind: 'text' },
        ],
        rows: [
          ['Sở Tư pháp', '1', FORMULA_LIKE[0]!, { date: '2023-12-15' }, 12.5, true, FORMULA_LIKE[1]!],
          ['Sở Tư pháp', '2', FORMULA_LIKE[2]!, { date: '2024-02-29' }, -3, false, FORMULA_LIKE[3]!],
          ['Sở Nội vụ', 'I.1', FORMULA_LIKE[4]!, null, 0, null, LONG_TEXT],
          ['Sở Nội vụ', '  2.1', INDENTED, null, null, null, ESCAPE_LIKE],
          // A row longer than the columns: nothing is dropped.
          ['Sở Nội vụ', '', 'Số hoá hồ sơ', { date: 'không rõ' }, null, null, null, 'thừa'],
        ],
      },
      {
        name: 'Mô hình',
        role: 'form',
        template: 'mo-hinh',
        columns: [
          { header: 'Đơn vị', kind: 'text' },
          { header: 'Tên mô hình', kind: 'text' },
        ],
        rows: [],
      },
    ],
  };
}

// What the reader must give back for each model sheet: header, then values as Excel holds them.
const SERIAL_2023_12_15 = 45275;
const EXPECTED: Record<string, SheetGrid['values']> = {
  'Tổng hợp': [
    ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Thời điểm nhận', 'Tỷ lệ đạt chỉ tiêu', 'Số dòng'],
    ['STP', 'Sở Tư pháp', 'Đã nộp', SERIAL_2023_12_15 + 8.5 / 24, 0.875, 12],
    ['UBND_HK', 'UBND huyện Hương Khê', 'Chưa nộp', null, null, 0],
    ['SNV', 'Sở Nội vụ', 'Đã nộp', SERIAL_2023_12_15 + 1 + 1 / 24, 1, 3],
    ['SYT', 'Sở Y tế', 'Đã nộp', SERIAL_2023_12_15 + 8 / 24, 0.3333, 7],
  ],
  PL01: [
    ['Đơn vị', 'STT', 'Nội dung', 'Ngày ban hành', 'Kinh phí (triệu đồng)', 'Hoàn thành', 'Ghi chú'],
    ['Sở Tư pháp', '1', FORMULA_LIKE[0]!, SERIAL_2023_12_15, 12.5, true, FORMULA_LIKE[1]!],
    ['Sở Tư pháp', '2', FORMULA_LIKE[2]!, 45351, -3, false, FORMULA_LIKE[3]!],
    ['Sở Nội vụ', 'I.1', FORMULA_LIKE[4]!, null, 0, null, LONG_TEXT],
    ['Sở Nội vụ', '  2.1', INDENTED, null, null, null, ESCAPE_LIKE],
    ['Sở Nội vụ', null, 'Số hoá hồ sơ', 'không rõ', null, null, null, 'thừa'],
  ],
  'Mô hình': [['Đơn vị', 'Tên mô hình']],
};

function keptSheets(): SheetGrid[] {
  return [
    {
      name: 'Ghi chú của Sở',
      visibility: 'visible',
      values: [
        ['Báo cáo gửi UBND tỉnh', null, null],
        [],
        ['Ngày', 'Nội dung', 'Số'],
        [45275, '=A1 không phải công thức', 3.25],
        ['  thụt lề', '_x0041_', null],
      ],
      formats: [[], [], [], ['dd/mm/yyyy'], []],
      merges: [{ r0: 0, c0: 0, r1: 0, c1: 2 }],
    },
    { name: 'Ẩn', visibility: 'hidden', values: [['x', 1, true]], merges: [] },
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading the package back without any spreadsheet library.

function unzip(buf: Buffer): Map<string, string> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf
      .subarray(p + 46, p + 46 + nameLen)
      .toString('utf8')
      .replace(/^\//, '');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    out.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Sheet name → its worksheet XML, through workbook.xml and its relationships. */
function sheetXmls(buf: Buffer): { parts: Map<string, string>; sheets: Map<string, string> } {
  const parts = unzip(buf);
  const rels = new Map<string, string>();
  for (const m of parts.get('xl/_rels/workbook.xml.rels')!.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])![1]!;
    const target = /Target="([^"]+)"/.exec(m[0])![1]!;
    rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = new Map<string, string>();
  for (const m of parts.get('xl/workbook.xml')!.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(/name="([^"]+)"/.exec(m[0])![1]!);
    const rid = /r:id="([^"]+)"/.exec(m[0])![1]!;
    sheets.set(name, parts.get(rels.get(rid)!)!);
  }
  return { parts, sheets };
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${grid.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

// ---------------------------------------------------------------------------------------------

let dir: string;
let fileBytes: Buffer;
let fileGrid: WorkbookGrid;
let bufferBytes: Buffer;
let bufferGrid: WorkbookGrid;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-write-'));
  const file = path.join(dir, 'tổng hợp.xlsx');
  await writeConsolidatedFile(makeModel(), file, { keep: keptSheets() });
  fileBytes = fs.readFileSync(file);
  fileGrid = parseWorkbookBytes(fileBytes);
  bufferBytes = Buffer.from(await writeConsolidatedBuffer(makeModel(), { keep: keptSheets() }));
  bufferGrid = parseWorkbookBytes(bufferBytes);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['file', () => ({ bytes: fileBytes, grid: fileGrid })],
  ['buffer', () => ({ bytes: bufferBytes, grid: bufferGrid })],
])('the %s variant', (_label, get) => {
  it('writes the model sheets in order, then the kept sheets, then the very hidden meta sheet', () => {
    expect(get().grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Tổng hợp', 'visible'],
      ['PL01', 'visible'],
      ['Mô hình', 'visible'],
      ['Ghi chú của Sở', 'visible'],
      ['Ẩn', 'hidden'],
      [META_SHEET, 'veryHidden'],
    ]);
  });

  it('gives back every value: strings exact, numbers, booleans, dates as serials', () => {
    const { grid } = get();
    for (const [name, values] of Object.entries(EXPECTED)) {
      const got = sheet(grid, name).values;
      expect(got.length).toBe(values.length);
      values.forEach((row, r) => {
        expect(got[r]!.length).toBe(row.length);
        row.forEach((v, c) => {
          if (typeof v === 'number') expect(got[r]![c]).toBeCloseTo(v, 8);
          else expect(got[r]![c]).toBe(v);
        });
      });
    }
  });

  it('formats dates, date-times in Vietnam time, percents and integers', () => {
    const { grid } = get();
    const summary = sheet(grid, 'Tổng hợp');
    expect(summary.formats?.[1]?.[3]).toBe('dd/mm/yyyy hh:mm');
    expect(summary.text?.[1]?.[3]).toBe('15/12/2023 08:30');
    // 18:00 UTC is 01:00 the next morning in Hà Tĩnh.
    expect(summary.text?.[3]?.[3]).toBe('16/12/2023 01:00');
    expect(summary.text?.[4]?.[3]).toBe('15/12/2023 08:00');
    expect(summary.formats?.[1]?.[4]).toBe('0.0%');
    expect(summary.text?.[1]?.[4]).toBe('87.5%');
    expect(summary.formats?.[1]?.[5]).toBe('0');
    const pl01 = sheet(grid, 'PL01');
    expect(pl01.formats?.[1]?.[3]).toBe('dd/mm/yyyy');
    expect(pl01.text?.[1]?.[3]).toBe('15/12/2023');
    expect(pl01.text?.[2]?.[3]).toBe('29/02/2024');
    // A plain number column keeps General.
    expect(pl01.formats?.[1]?.[4]).toBeUndefined();
  });

  it('writes strings that look like formulas as text, with no formula anywhere', () => {
    const { bytes } = get();
    const wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true, dense: false });
    const ws = wb.Sheets['PL01']!;
    const cells = ['C2', 'G2', 'C3', 'G3', 'C4'].map((a) => ws[a] as XLSX.CellObject);
    expect(cells.map((c) => c.v)).toEqual(FORMULA_LIKE);
    for (const c of cells) {
      expect(c.t).toBe('s');
      expect(c.f).toBeUndefined();
    }
    const { parts, sheets } = sheetXmls(bytes);
    expect(sheets.size).toBe(6);
    for (const [name, xml] of sheets) {
      expect({ name, formula: /<f[\s/>]/.test(xml) }).toEqual({ name, formula: false });
    }
    // The text is in the package, in the sheet (file variant) or the shared strings (buffer).
    expect(`${sheets.get('PL01')}${parts.get('xl/sharedStrings.xml') ?? ''}`).toContain('=SUM(A1:A2)');
  });

  it('keeps spaces at either end in a <t xml:space="preserve">, which LibreOffice does not trim', () => {
    const { parts, sheets } = sheetXmls(get().bytes);
    const xml = `${sheets.get('PL01')}${parts.get('xl/sharedStrings.xml') ?? ''}`;
    expect(xml).toContain(`<t xml:space="preserve">${INDENTED}</t>`);
    expect(xml).toContain('<t xml:space="preserve">  2.1</t>');
    // Escaped the way Excel writes a literal `_xHHHH_`.
    expect(xml).toContain('mã _x005F_x0041_ giữ nguyên');
  });

  it('freezes the header row and puts an autofilter over header and data', () => {
    const { sheets } = sheetXmls(get().bytes);
    const refs: Record<string, string> = { 'Tổng hợp': 'A1:F5', PL01: 'A1:H6', 'Mô hình': 'A1:B1' };
    for (const [name, ref] of Object.entries(refs)) {
      const xml = sheets.get(name)!;
      const pane = /<pane\b[^>]*>/.exec(xml)?.[0] ?? '';
      expect(pane).toMatch(/ySplit="1"/);
      expect(pane).toMatch(/state="frozen"/);
      expect(xml).toContain(`<autoFilter ref="${ref}"`);
    }
    // Kept and meta sheets get neither.
    expect(sheets.get('Ghi chú của Sở')).not.toMatch(/<pane|<autoFilter/);
  });

  it('prints on A4 landscape, one page wide, the header on every page', () => {
    const { parts, sheets } = sheetXmls(get().bytes);
    const xml = sheets.get('PL01')!;
    const setup = /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? '';
    expect(setup).toMatch(/paperSize="9"/);
    expect(setup).toMatch(/orientation="landscape"/);
    expect(setup).toMatch(/fitToWidth="1"/);
    expect(setup).toMatch(/fitToHeight="0"/);
    expect(xml).toMatch(/<pageSetUpPr\b[^>]*fitToPage="1"/);
    expect(parts.get('xl/workbook.xml')).toMatch(/_xlnm\.Print_Titles[^<]*<|Print_Titles/);
  });

  it('makes header cells bold on a fill, data cells not', () => {
    const { parts, sheets } = sheetXmls(get().bytes);
    const styles = parts.get('xl/styles.xml')!;
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const fonts = [.../<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)![1]!.matchAll(/<font\b[\s\S]*?<\/font>/g)].map((m) => m[0]);
    const styleOf = (xml: string, ref: string) => {
      const s = new RegExp(`<c r="${ref}"[^>]*?(?: s="(\\d+)")?[^>]*>`).exec(xml);
      const idx = Number(/ s="(\d+)"/.exec(s?.[0] ?? '')?.[1] ?? 0);
      const xf = xfs[idx]!;
      return {
        bold: /<b\/>/.test(fonts[Number(/fontId="(\d+)"/.exec(xf)?.[1] ?? 0)]!),
        filled: Number(/fillId="(\d+)"/.exec(xf)?.[1] ?? 0) > 1,
      };
    };
    const xml = sheets.get('PL01')!;
    expect(styleOf(xml, 'A1')).toEqual({ bold: true, filled: true });
    expect(styleOf(xml, 'G1')).toEqual({ bold: true, filled: true });
    expect(styleOf(xml, 'A2')).toEqual({ bold: false, filled: false });
  });

  it('fits column widths to header and content, between 8 and 60', () => {
    const { sheets } = sheetXmls(get().bytes);
    const widths = [...sheets.get('PL01')!.matchAll(/<col\b[^>]*>/g)].map((m) => Number(/width="([\d.]+)"/.exec(m[0])![1]));
    expect(widths).toHaveLength(8);
    // 'Đơn vị' / 'Sở Tư pháp': 10 characters of content beat the 6 of the header.
    expect(widths[0]).toBeGreaterThanOrEqual(10);
    expect(widths[0]).toBeLessThan(16);
    // 'STT' with short values: the minimum.
    expect(widths[1]).toBe(8);
    // 'Kinh phí (triệu đồng)': the header decides.
    expect(widths[4]).toBeGreaterThanOrEqual(21);
    expect(widths[4]).toBeLessThan(28);
    // A 184-character text is capped.
    expect(widths[6]).toBe(60);
    // The 'Nội dung' column holds '- Đã ban hành…'-like texts of about 30 characters.
    expect(widths[2]).toBeGreaterThanOrEqual(27);
    expect(widths[2]).toBeLessThan(35);
  });

  it('round-trips the metadata through readConsolidated and returns the other sheets', () => {
    const read = readConsolidated(get().grid);
    expect(read.meta).toEqual(makeMeta());
    expect(read.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'PL01', 'Mô hình', 'Ghi chú của Sở', 'Ẩn']);
  });

  it('keeps the sheets of a previous workbook with their values, merges and number formats', () => {
    const { grid } = get();
    const [notes, hidden] = keptSheets();
    const gotNotes = sheet(grid, 'Ghi chú của Sở');
    // The reader trims trailing empty cells.
    const trim = (r: SheetGrid['values'][number]) => {
      let n = r.length;
      while (n > 0 && r[n - 1] === null) n--;
      return r.slice(0, n);
    };
    expect(gotNotes.values).toEqual(notes!.values.map(trim));
    expect(gotNotes.merges).toEqual(notes!.merges);
    expect(gotNotes.formats?.[3]?.[0]).toBe('dd/mm/yyyy');
    expect(sheet(grid, 'Ẩn').values).toEqual(hidden!.values);
  });
});

describe('file and buffer variants', () => {
  it('give the same cells, formats, merges and visibility', () => {
    const strip = (g: WorkbookGrid) =>
      g.sheets.map((s) => ({ name: s.name, visibility: s.visibility, values: s.values, formats: s.formats, merges: s.merges }));
    expect(strip(bufferGrid)).toEqual(strip(fileGrid));
  });
});

describe('kept sheets with merges spread over many rows', () => {
  it('survive the streaming writer committing rows between merges', async () => {
    const values: SheetGrid['values'] = [];
    for (let r = 0; r < 60; r++) values.push([`dòng ${r + 1}`, r, r % 7 === 0 ? null : 'Hà Tĩnh', r * 1.5]);
    const merges = [
      { r0: 5, c0: 0, r1: 8, c1: 1 },
      { r0: 6, c0: 3, r1: 40, c1: 3 },
      { r0: 20, c0: 0, r1: 20, c1: 2 },
      { r0: 59, c0: 1, r1: 59, c1: 3 },
    ];
    // Cells covered by a merge hold nothing once merged (Excel shows only the top-left).
    for (const m of merges) {
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) values[r]![c] = null;
    }
    const keep: SheetGrid[] = [{ name: 'Dài', visibility: 'visible', values, merges }];
    const file = path.join(dir, 'merges.xlsx');
    await writeConsolidatedFile(makeModel(), file, { keep });
    const fromFile = sheet(parseWorkbookBytes(fs.readFileSync(file)), 'Dài');
    const fromBuffer = sheet(parseWorkbookBytes(Buffer.from(await writeConsolidatedBuffer(makeModel(), { keep }))), 'Dài');
    const trimmed = values.map((row) => {
      let n = row.length;
      while (n > 0 && row[n - 1] === null) n--;
      return row.slice(0, n);
    });
    for (const got of [fromFile, fromBuffer]) {
      expect(got.values).toEqual(trimmed);
      expect(got.merges).toEqual([...merges].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0));
    }
  });
});

describe('a large model streamed in pieces', () => {
  // The streaming writer pauses every few hundred rows so that the zip compresses while rows are
  // rendered; rows must still come out whole and in order, in every sheet, kept ones too.
  it('gives back every row in order, and no row carries a style of its own', async () => {
    const rows = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => [`${tag} ${i + 1}`, i, i % 3 === 0 ? null : `Hà Tĩnh ${i}`]);
    const model = makeModel();
    model.sheets[1] = { ...model.sheets[1]!, columns: model.sheets[1]!.columns.slice(0, 3), rows: rows(1_700, 'PL01') };
    const keep: SheetGrid[] = [{ name: 'Dài', visibility: 'visible', values: rows(1_100, 'giữ'), merges: [] }];
    const file = path.join(dir, 'large.xlsx');
    await writeConsolidatedFile(model, file, { keep });
    const bytes = fs.readFileSync(file);
    const grid = parseWorkbookBytes(bytes);
    const trim = (values: SheetGrid['values']) => values.map((r) => (r[r.length - 1] === null ? r.slice(0, -1) : r));
    expect(sheet(grid, 'PL01').values).toEqual([model.sheets[1]!.columns.map((c) => c.header), ...trim(rows(1_700, 'PL01'))]);
    expect(sheet(grid, 'Dài').values).toEqual(trim(rows(1_100, 'giữ')));
    const xml = sheetXmls(bytes).sheets.get('PL01')!;
    expect(xml.match(/<row /g)).toHaveLength(1_701);
    expect(/<row [^>]*\bs="/.test(xml)).toBe(false);
  });
});

describe('the metadata sheet', () => {
  it('splits long metadata over column A and joins it back, surrogate pairs intact', async () => {
    const meta = makeMeta();
    for (let i = 0; i < 2000; i++) {
      meta.units[`DV${String(i).padStart(4, '0')}`] = { file: `Đơn vị số ${i} 📄 báo cáo.xlsx`, receivedAt: '2023-12-15T08:30:00+07:00' };
    }
    const model = { ...makeModel(), meta };
    const grid = parseWorkbookBytes(Buffer.from(await writeConsolidatedBuffer(model)));
    const metaSheet = sheet(grid, META_SHEET);
    expect(metaSheet.values.length).toBeGreaterThan(2);
    for (const row of metaSheet.values) expect((row[0] as string).length).toBeLessThanOrEqual(30_000);
    expect(readConsolidated(grid).meta).toEqual(meta);
  });

  it('never cuts between the halves of a surrogate pair, and escapes DEL', () => {
    const chunks = metaChunks('ab😀cd', 3);
    expect(chunks).toEqual(['ab', '😀c', 'd']);
    expect(metaChunks('a\u007fb')).toEqual(['a\\u007fb']);
    expect(JSON.parse(metaChunks(JSON.stringify({ f: 'x\u007fy' })).join(''))).toEqual({ f: 'x\u007fy' });
    // `_xHHHH_` leaves as a JSON escape, so no cell grows by Excel's longer escape.
    const tricky = JSON.stringify({ f: '_x0041_'.repeat(10) });
    const cut = metaChunks(tricky, 8);
    expect(cut.some((c) => /_x[0-9a-f]{4}_/i.test(c))).toBe(false);
    expect(JSON.parse(cut.join(''))).toEqual({ f: '_x0041_'.repeat(10) });
  });
});

describe('readConsolidated', () => {
  const grid = (metaRows: SheetGrid['values'] | null): WorkbookGrid => ({
    sheets: [
      { name: 'Tổng hợp', visibility: 'visible', values: [['x']], merges: [] },
      ...(metaRows ? [{ name: META_SHEET, visibility: 'veryHidden' as const, values: metaRows, merges: [] }] : []),
      { name: 'Của tôi', visibility: 'visible', values: [['y']], merges: [] },
    ],
  });

  it('gives no metadata and every sheet for a workbook Phuluc did not write', () => {
    const r = readConsolidated(grid(null));
    expect(r.meta).toBeNull();
    expect(r.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Của tôi']);
  });

  it('gives no metadata when the JSON is broken or lacks the sheet list', () => {
    expect(readConsolidated(grid([['{"sheets": [']])).meta).toBeNull();
    expect(readConsolidated(grid([['{"round": "x"}']])).meta).toBeNull();
    expect(readConsolidated(grid([['{"sheets": ["a", 1]}']])).meta).toBeNull();
    expect(readConsolidated(grid([['[]']])).meta).toBeNull();
    expect(readConsolidated(grid([])).meta).toBeNull();
    // The meta sheet is still not offered as a sheet to keep.
    expect(readConsolidated(grid([['nonsense']])).sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Của tôi']);
  });

  it('accepts metadata loosely: missing fields default, bad unit entries are dropped', () => {
    const json = JSON.stringify({
      sheets: ['Tổng hợp'],
      round: 'r',
      extra: 1,
      units: { A: { file: 'a.xlsx', receivedAt: 5 }, B: { nofile: true }, C: 'x' },
    });
    const r = readConsolidated(grid([[json.slice(0, 10)], [], [json.slice(10)]]));
    expect(r.meta).toEqual({
      tool: '',
      version: '',
      round: 'r',
      generatedAt: '',
      sheets: ['Tổng hợp'],
      units: { A: { file: 'a.xlsx', receivedAt: null } },
    });
  });
});

describe('dates', () => {
  it('turns calendar dates into 1900-system serials', () => {
    expect(dateSerial('1900-03-01')).toBe(61);
    expect(dateSerial('2023-01-01')).toBe(44927);
    expect(dateSerial('2024-02-29')).toBe(45351);
    expect(dateSerial('2023-02-29')).toBeNull();
    expect(dateSerial('1900-02-28')).toBeNull(); // before Excel's phantom 29 Feb 1900
    expect(dateSerial('15/12/2023')).toBeNull();
  });

  it('turns instants into Vietnam wall time, whatever the offset or the machine zone', () => {
    const at = (h: number, m = 0) => SERIAL_2023_12_15 + (h * 60 + m) / 1440;
    expect(dateTimeSerial('2023-12-15T08:30:00+07:00')).toBeCloseTo(at(8, 30), 9);
    expect(dateTimeSerial('2023-12-15T01:30:00Z')).toBeCloseTo(at(8, 30), 9);
    expect(dateTimeSerial('2023-12-15T01:30:00.500Z')).toBeCloseTo(at(8, 30) + 0.5 / 86400, 9);
    expect(dateTimeSerial('2023-12-14T23:30:00-02:00')).toBeCloseTo(at(8, 30), 9);
    expect(dateTimeSerial('2023-12-15T13:30+0500')).toBeCloseTo(at(15, 30), 9);
    // Without an offset the time is taken as Vietnam time already.
    expect(dateTimeSerial('2023-12-15T08:30:00')).toBeCloseTo(at(8, 30), 9);
    expect(dateTimeSerial('2023-12-15')).toBeNull();
    expect(dateTimeSerial('2023-12-15T25:00:00Z')).toBeNull();
  });
});

describe('textWidth', () => {
  it('counts characters as seen: composed or decomposed Vietnamese, longest line', () => {
    const s = 'Sở Tư pháp tỉnh Hà Tĩnh';
    expect(textWidth(s)).toBe(23);
    expect(textWidth(s.normalize('NFD'))).toBe(23);
    expect(textWidth('ab\nabcdef\r\nabc')).toBe(6);
    expect(textWidth('📄x')).toBe(2);
  });
});

describe('failures', () => {
  it('refuses sheet names Excel would not open, before touching the target file', async () => {
    const file = path.join(dir, 'existing.xlsx');
    fs.writeFileSync(file, 'previous workbook');
    for (const name of ['PL01/2023', 'Tên trang tính dài hơn ba mươi mốt ký tự', '', META_SHEET, 'pl01']) {
      const model = makeModel();
      model.sheets[2]!.name = name;
      await expect(writeConsolidatedFile(model, file)).rejects.toThrow(/sheet/);
      await expect(writeConsolidatedBuffer(model)).rejects.toThrow(/sheet/);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('previous workbook');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects (does not crash) when the folder does not exist', async () => {
    await expect(writeConsolidatedFile(makeModel(), path.join(dir, 'no', 'such', 'x.xlsx'))).rejects.toThrow(/ENOENT/);
  });

  it('replaces an existing file only with a complete workbook', async () => {
    const file = path.join(dir, 'replace.xlsx');
    fs.writeFileSync(file, 'old');
    await writeConsolidatedFile(makeModel(), file);
    expect(sheet(parseWorkbookBytes(fs.readFileSync(file)), 'PL01').values[1]![0]).toBe('Sở Tư pháp');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('drops a kept sheet whose name a model sheet now uses', async () => {
    const keep: SheetGrid[] = [{ name: 'pl01', visibility: 'visible', values: [['cũ']], merges: [] }, ...keptSheets()];
    const grid = parseWorkbookBytes(Buffer.from(await writeConsolidatedBuffer(makeModel(), { keep })));
    expect(grid.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'PL01', 'Mô hình', 'Ghi chú của Sở', 'Ẩn', META_SHEET]);
    expect(sheet(grid, 'PL01').values[0]![0]).toBe('Đơn vị');
  });
});
