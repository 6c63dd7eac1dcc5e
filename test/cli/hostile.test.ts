/**
 * Hostile files through `phuluc validate` and `phuluc merge` (issue 13): every file in the report,
 * the good ones checked, exit 0/1, no stack trace or library noise, one file's report bounded.
 */
import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { ValidationReport } from '../../src/core/report/report';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import {
  extraCellWorkbook,
  hugeMergesWorkbook,
  longText,
  longInvalidStatusWorkbook,
  longLegacyWorkbook,
  sheetNamedPhulucWorkbook,
  submissionBytes,
  wholeSheetHyperlinkWorkbook,
  wrongCrcWorkbook,
} from '../fixtures/hostile';

async function run(args: string[]): Promise<{ code: number; out: string; err: string; writes: number }> {
  let out = '';
  let err = '';
  let writes = 0;
  const code = await main(['node', 'phuluc', ...args], { out: (s) => ((out += s), writes++), err: (s) => (err += s) });
  return { code, out, err, writes };
}

let inbox: string;
const GOOD = ['good.xlsx', 'named _phuluc.xlsx', 'hyperlink.xlsx', 'merges.xlsx'];
const BROKEN = ['ref 2^32.xlsx', 'ref ZZZZ.xlsx', 'crc.xlsx'];
const LONG = ['legacy 3000 rows.xlsx', 'status 1.xlsx', 'status 2.xlsx'];

beforeAll(() => {
  inbox = path.join(mkdtempSync(path.join(os.tmpdir(), 'phuluc-hostile-')), 'inbox');
  mkdirSync(inbox);
  const files: [string, Uint8Array][] = [
    ['good.xlsx', submissionBytes()],
    ['named _phuluc.xlsx', sheetNamedPhulucWorkbook()],
    ['hyperlink.xlsx', wholeSheetHyperlinkWorkbook()],
    ['merges.xlsx', hugeMergesWorkbook(50_000)],
    ['ref 2^32.xlsx', extraCellWorkbook('A4294967295')],
    ['ref ZZZZ.xlsx', extraCellWorkbook('ZZZZ99999999')],
    ['crc.xlsx', wrongCrcWorkbook()],
    ['legacy 3000 rows.xlsx', longLegacyWorkbook(3000)],
    ['status 1.xlsx', longInvalidStatusWorkbook(500)],
    ['status 2.xlsx', longInvalidStatusWorkbook(500)],
  ];
  for (const [name, bytes] of files) writeFileSync(path.join(inbox, name), bytes);
});

test('validate: every file reported, good ones checked, broken ones unreadable, long texts quoted short', async () => {
  const r = await run(['validate', '--json', inbox]);
  expect(r.err).toBe('');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as ValidationReport & { consolidated?: string[] };
  // The streamed text is the one JSON.stringify gives for the whole report.
  expect(r.out).toBe(JSON.stringify(report, null, 2) + '\n');
  expect(r.writes).toBeGreaterThan(report.files.length);
  const status = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f.status]));
  expect(Object.keys(status).sort()).toEqual([...GOOD, ...BROKEN, ...LONG].sort());
  for (const name of GOOD) expect([name, status[name]]).toEqual([name, 'ok']);
  for (const name of BROKEN) expect([name, status[name]]).toEqual([name, 'unreadable']);
  expect(report.consolidated).toBeUndefined();
  const legacy = report.files.find((f) => f.file.endsWith('legacy 3000 rows.xlsx'))!;
  expect(legacy.issues.filter((i) => i.code === 'legacy-encoding')).toHaveLength(9000);
  const statusFile = report.files.find((f) => f.file.endsWith('status 1.xlsx'))!;
  expect(statusFile.issues.filter((i) => i.code === 'value-not-allowed')).toHaveLength(500);
  for (const f of report.files) {
    for (const i of f.issues) expect(i.message.length + i.hint.length).toBeLessThan(700);
  }
  const crc = report.files.find((f) => f.file.endsWith('crc.xlsx'))!;
  expect(crc.issues[0]!.message).toMatch(/bị hỏng/);
}, 60_000);

test('validate, human output: the same files, one block each, no stack trace', async () => {
  const r = await run(['validate', inbox]);
  expect(r.code).toBe(1);
  expect(r.err).toBe('');
  expect(r.out).not.toMatch(/\n\s+at /);
  // The TCVN3 workbook only warns; the two with invalid statuses have errors.
  expect(r.out).toMatch(/Tổng cộng 10 tệp: 5 đạt, 2 có lỗi, 3 không đọc được\./);
  expect(Math.max(...r.out.split('\n').map((l) => l.length))).toBeLessThan(700);
}, 60_000);

test('merge: the good files merged, the broken ones listed, the long texts written once', async () => {
  const out = path.join(path.dirname(inbox), 'tong hop.xlsx');
  // The folder holds a mô hình workbook too: one round per merge, the other round's file set aside.
  const r = await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', out, '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const summary = JSON.parse(r.out) as { unreadable: string[]; consolidated: string[]; otherRound: { file: string; round: string }[] };
  expect(summary.consolidated).toEqual([]);
  expect(summary.otherRound.map((f) => [path.basename(f.file), f.round])).toEqual([['legacy 3000 rows.xlsx', 'mo-hinh-2023']]);
  expect(summary.unreadable.map((u) => u.replace(/^.*\((.*)\)$/, '$1')).sort()).toEqual([...BROKEN].sort());
  // 500 cells of 32,767 characters (the two files are one unit's; the later one stands): kept whole,
  // nothing lost, stored once, quoted short in Lỗi.
  const book = parseWorkbookBytes(readFileSync(out));
  const status = longText('Không rõ tình trạng ');
  expect(book.sheets.flatMap((sh) => sh.values.flat()).filter((v) => v === status).length).toBe(500);
  expect(statSync(out).size).toBeLessThan(2 * 1024 * 1024);
}, 120_000);
