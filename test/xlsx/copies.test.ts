/**
 * The page's copies of a submitted workbook (issue 14), reopened with exceljs, the project's reader
 * and the command line: the highlighted copy carries one note per problem cell in the reader's
 * language; the clean copy has none of Phuluc's marks or notes and nothing else changed; the stamped
 * copy carries the add-in's stamp, read back by `phuluc validate` as the unit's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { main } from '../../src/cli/main';
import { describe as describeIssue } from '../../src/core/report/catalogue';
import type { Finding } from '../../src/core/report/issue';
import { makeStamp, parseStamp, STAMP_PROPERTY } from '../../src/core/stamp/stamp';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import type { ValidationReport } from '../../src/core/report/report';
import { cleanCopy, highlightCopy, stampedCopy, type Inflate } from '../../src/xlsx/highlight-copy';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { GOOD_PL02_ROW, moHinhRows } from '../fixtures/content';
import { unzip } from '../fixtures/zip';

const inflate: Inflate = (data, expectedSize) => Promise.resolve(zlib.inflateRawSync(data, { maxOutputLength: expectedSize + 1 }));
const catalog = builtinCatalog();
const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const good = GOOD_PL02_ROW;

/** Header on row 6, data from row 7: D=thoi_gian E=ket_qua F=tinh_trang G=ly_do. */
function workbook(
  rows = [good, { ...good, stt: 2, ket_qua: null }, { ...good, stt: 3, tinh_trang: 'Chưa hoàn thành', ly_do: 'Khách quan' }],
) {
  return gridToBytes(buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows }] }));
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every note of the workbook as SheetJS (the project's reader) reads it: "Sheet!A1" → author and text. */
function notesOf(bytes: Uint8Array): Map<string, { author: string; text: string }> {
  const wb = XLSX.read(bytes, { type: 'array' });
  const out = new Map<string, { author: string; text: string }>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      const c = (cell as XLSX.CellObject).c;
      if (c?.length) out.set(`${name}!${addr}`, { author: c.map((x) => x.a ?? '').join(), text: c.map((x) => x.t).join('') });
    }
  }
  return out;
}

function note(bytes: Uint8Array, at: string): string | null {
  return notesOf(bytes).get(at)?.text.replace(/\r\n/g, '\n') ?? null;
}

function allNotes(bytes: Uint8Array): string[] {
  return [...notesOf(bytes).keys()].sort();
}

const checkOf = (bytes: Uint8Array) => validateWorkbook(parseWorkbookBytes(bytes), { catalog, fileName: 'x.xlsx' });

describe('the highlighted copy carries each problem as a note', () => {
  const original = workbook();
  const check = checkOf(original);
  const E8 = check.findings.find((f) => f.code === 'value-required')!;
  const G9 = check.findings.find((f) => f.code === 'reason-vague')!;

  test('one note per problem cell, in Vietnamese, with the message and what to do; values untouched', async () => {
    expect([E8, G9].every(Boolean)).toBe(true);
    // A second problem on E8 (a made-up warning): one note says both, the error first.
    const second: Finding = {
      code: 'row-duplicate',
      severity: 'warning',
      sheet: E8.sheet,
      row: E8.row,
      col: E8.col,
      params: { otherCell: 'A7' },
    };
    const { bytes, noted } = await highlightCopy(original, [second, ...check.findings], inflate);
    expect(noted).toBe(new Set(check.findings.filter((f) => f.row !== undefined).map((f) => `${f.row}:${f.col}`)).size);
    const e8 = note(bytes, 'PL02!E8')!;
    const required = describeIssue('value-required', E8.params, 'vi');
    const dup = describeIssue('row-duplicate', second.params, 'vi');
    expect(e8).toContain(`Lỗi: ${required.message}`);
    expect(e8).toContain(`→ ${required.hint}`);
    expect(e8.indexOf('Lỗi:')).toBeLessThan(e8.indexOf(`Cảnh báo: ${dup.message}`));
    expect(note(bytes, 'PL02!G9')).toContain(`Cảnh báo: ${describeIssue('reason-vague', G9.params, 'vi').message}`);
    expect(note(bytes, 'PL02!A7')).toBeNull();
    expect(allNotes(bytes)).toEqual(['PL02!E8', 'PL02!G9']);
    expect(notesOf(bytes).get('PL02!E8')?.author).toBe('Phuluc');
    // By the author Phuluc, so that a later copy finds them again.
    expect(unzip(bytes).text('xl/comments1.xml')).toContain('<author>Phuluc</author>');
    expect(parseWorkbookBytes(bytes).sheets.map((s) => s.values)).toEqual(parseWorkbookBytes(original).sheets.map((s) => s.values));
  });

  test('in English when the page is in English', async () => {
    const { bytes } = await highlightCopy(original, check.findings, inflate, { lang: 'en' });
    const e8 = note(bytes, 'PL02!E8')!;
    expect(e8).toContain(`Error: ${describeIssue('value-required', E8.params, 'en').message}`);
    expect(e8).not.toMatch(/Lỗi|Cảnh báo/);
  });

  test('a note is text: a quoted value that looks like a formula stays words in the note, never a formula', async () => {
    const f: Finding = {
      code: 'value-not-allowed',
      severity: 'error',
      sheet: 'PL02',
      row: 6,
      col: 5,
      params: { found: '=HYPERLINK("x")&"<b>"', allowed: 'Hoàn thành' },
    };
    const { bytes } = await highlightCopy(original, [f], inflate);
    const xml = unzip(bytes).text('xl/comments1.xml');
    expect(xml).not.toMatch(/<f>|<formula/);
    expect(note(bytes, 'PL02!F7')).toContain('=HYPERLINK("x")&"<b>"');
  });

  test('highlighting again replaces Phuluc’s notes: the fixed cell loses its note', async () => {
    const first = await highlightCopy(original, check.findings, inflate);
    const again = await highlightCopy(first.bytes, [G9], inflate);
    expect(again.removed).toBeGreaterThan(0);
    expect(allNotes(again.bytes)).toEqual(['PL02!G9']);
  });
});

describe('the clean copy: Phuluc’s marks and notes gone, nothing else changed', () => {
  test('a highlighted copy made clean is the original again, part for part', async () => {
    const original = workbook();
    const marked = await highlightCopy(original, checkOf(original).findings, inflate);
    const clean = await cleanCopy(marked.bytes, inflate);
    // The notes and the rules (one per severity) that were there.
    expect(marked.noted).toBeGreaterThan(0);
    expect(clean.removed).toBe(marked.noted + 2);
    const a = unzip(original);
    const c = unzip(clean.bytes);
    expect([...c.entries.keys()].sort()).toEqual([...a.entries.keys()].sort());
    for (const name of a.entries.keys()) {
      if (name === 'xl/styles.xml') continue; // the two fills stay defined, used by no cell
      expect([name, c.text(name)]).toEqual([name, a.text(name)]);
    }
    expect(allNotes(clean.bytes)).toEqual([]);
    expect(c.text('xl/worksheets/sheet1.xml')).not.toContain('phuluc');
  });

  test('a note someone else wrote stays, in the highlighted copy and in the clean one', async () => {
    // The unit's own note on E8, written by Excel (exceljs here); Phuluc's on G9 only.
    const wb = await open(workbook());
    wb.getWorksheet('PL02')!.getCell('E8').note = 'Số liệu chờ phòng Kế hoạch';
    const own = new Uint8Array(await wb.xlsx.writeBuffer());
    const findings = checkOf(own).findings;
    const marked = await highlightCopy(own, findings, inflate);
    expect(note(own, 'PL02!E8')).toBe('Số liệu chờ phòng Kế hoạch');
    expect(note(marked.bytes, 'PL02!E8')).toBe('Số liệu chờ phòng Kế hoạch');
    expect(note(marked.bytes, 'PL02!G9')).toContain('Cảnh báo:');
    const clean = (await cleanCopy(marked.bytes, inflate)).bytes;
    expect(allNotes(clean)).toEqual(['PL02!E8']);
    expect(note(clean, 'PL02!E8')).toBe('Số liệu chờ phòng Kế hoạch');
  });

  test('a workbook with nothing of Phuluc’s comes back unchanged', async () => {
    const original = workbook();
    const clean = await cleanCopy(original, inflate);
    expect(clean.removed).toBe(0);
    expect(Buffer.from(clean.bytes).equals(Buffer.from(original))).toBe(true);
  });
});

describe('the stamped copy', () => {
  const passing = gridToBytes(
    buildWorkbook({ sheets: [{ form: 'mo-hinh', letterhead: STP, rows: moHinhRows({ seed: 5, rows: 3 }, 'Sở Tư pháp') }] }),
  );
  const check = checkOf(passing);

  test('carries the add-in’s stamp: the custom property phuluc.stamp, current for the data', async () => {
    expect(check.status).toBe('ok');
    const stamp = makeStamp(
      check.unit.unit!.id,
      check.round?.id ?? null,
      check.digest,
      'phuluc 1.0.0 (web)',
      new Date('2022-11-14T03:00:00Z'),
    );
    const { bytes } = await stampedCopy(passing, stamp, inflate);
    const grid = parseWorkbookBytes(bytes);
    expect(parseStamp(grid.customProps?.[STAMP_PROPERTY])).toEqual(stamp);
    const again = validateWorkbook(grid, { catalog, fileName: 'x.xlsx' });
    expect(again.stamp).toEqual({ stamp, current: true });
    expect(again.unit.from).toBe('stamp');
    expect(again.findings.map((f) => f.code)).not.toContain('stamp-stale');
    // Stamped again: one property, the newer.
    const later = { ...stamp, checkedAt: '2022-11-15T03:00:00.000Z' };
    const twice = await stampedCopy(bytes, later, inflate);
    expect(
      unzip(twice.bytes)
        .text('docProps/custom.xml')
        .match(/name="phuluc\.stamp"/g),
    ).toHaveLength(1);
    expect(parseStamp(parseWorkbookBytes(twice.bytes).customProps?.[STAMP_PROPERTY])).toEqual(later);
  });

  test('the command line reads it: validate --json names the unit from the stamp', async () => {
    const stamp = makeStamp(
      check.unit.unit!.id,
      check.round?.id ?? null,
      check.digest,
      'phuluc 1.0.0 (web)',
      new Date('2022-11-14T03:00:00Z'),
    );
    const { bytes } = await stampedCopy(passing, stamp, inflate);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-stamp-'));
    const file = path.join(dir, 'ten tep khong noi gi.xlsx');
    fs.writeFileSync(file, bytes);
    let out = '';
    const code = await main(['node', 'phuluc', 'validate', file, '--json'], { out: (s) => (out += s), err: () => undefined });
    const report = JSON.parse(out) as ValidationReport;
    expect(code).toBe(0);
    expect(report.files[0].unit).toMatchObject({ id: check.unit.unit!.id, from: 'stamp' });
    expect(report.files[0].issues.map((i) => i.code)).not.toContain('stamp-stale');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
