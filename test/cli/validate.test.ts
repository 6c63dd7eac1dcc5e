/**
 * `phuluc validate` end to end: real files on disk, the worker-thread reader, the report contract,
 * exit codes, and a batch that survives broken files.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import { buildWorkbook, gridToBytes, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { makeZip as zipBytes } from '../fixtures/zip';
import type { ValidationReport } from '../../src/core/report/report';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const round = (unit: string[], planted = false): SheetSpec[] => {
  const pl02 = pl02Rows({ seed: 3, rows: 8, sections: true });
  if (planted) {
    const row = pl02.find((r) => 'tinh_trang' in r) as Record<string, unknown>;
    row.tinh_trang = 'Đang thực hiện';
    row.ly_do = null;
  }
  return [
    { form: 'pl01', letterhead: unit, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 4 }) },
    { form: 'pl02', letterhead: unit, rows: pl02 },
    { form: 'pl03', letterhead: unit, rows: pl03Rows({ seed: 2, rows: 4 }) },
    { form: 'pl04', letterhead: unit, rows: pl03Rows({ seed: 3, rows: 6, sections: true }) },
  ];
};

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'phuluc', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'phuluc-cli-'));
  const inbox = path.join(dir, 'inbox');
  mkdirSync(path.join(inbox, 'sub'), { recursive: true });
  writeFileSync(path.join(inbox, 'So Tu phap.xlsx'), gridToBytes(buildWorkbook({ sheets: round(STP) })));
  writeFileSync(
    path.join(inbox, 'sub', 'So Tai chinh.xls'),
    gridToBytes(buildWorkbook({ sheets: round(['UBND TỈNH HÀ TĨNH', 'SỞ TÀI CHÍNH'], true) }), 'biff8'),
  );
  writeFileSync(path.join(inbox, 'empty.xlsx'), '');
  writeFileSync(path.join(inbox, 'text renamed.xlsx'), 'Kính gửi: Sở Nội vụ\n');
  writeFileSync(path.join(inbox, 'random.xls'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
  const good = gridToBytes(buildWorkbook({ sheets: round(STP) }));
  writeFileSync(path.join(inbox, 'truncated.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  writeFileSync(path.join(inbox, 'no workbook.xlsx'), zipBytes([{ name: 'hello.txt', data: Buffer.from('xin chào') }]));
  const bomb = zipBytes([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20), method: 'deflate' },
  ]);
  writeFileSync(path.join(inbox, 'bomb.xlsx'), bomb);
  writeFileSync(path.join(inbox, 'notes.txt'), 'not a workbook');
  writeFileSync(path.join(inbox, '~$So Tu phap.xlsx'), 'lock file');
});

test('a batch with broken files completes; each broken file is file-unreadable, the rest are checked', async () => {
  const started = Date.now();
  const { code, out } = await run(['validate', path.join(dir, 'inbox'), '--json']);
  const report = JSON.parse(out) as ValidationReport & { skipped: string[] };
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(code).toBe(1);
  const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f]));
  expect(Object.keys(byName).sort()).toEqual(
    [
      'So Tai chinh.xls',
      'So Tu phap.xlsx',
      'bomb.xlsx',
      'empty.xlsx',
      'no workbook.xlsx',
      'random.xls',
      'text renamed.xlsx',
      'truncated.xlsx',
    ].sort(),
  );
  for (const broken of ['bomb.xlsx', 'empty.xlsx', 'no workbook.xlsx', 'random.xls', 'text renamed.xlsx', 'truncated.xlsx']) {
    expect(byName[broken].status).toBe('unreadable');
    expect(byName[broken].issues.map((i) => i.code)).toEqual(['file-unreadable']);
    expect(byName[broken].issues[0].message.length).toBeGreaterThan(10);
  }
  expect(byName['So Tu phap.xlsx'].status).toBe('ok');
  expect(byName['So Tu phap.xlsx'].unit).toEqual({ id: 'STP', name: 'Sở Tư pháp', from: 'cell' });
  expect(byName['So Tai chinh.xls'].issues.map((i) => `${i.code}@${i.sheet}!${i.cell}`)).toEqual(['reason-missing@PL02!G8']);
  expect(report.skipped.map((s) => path.basename(s)).sort()).toEqual(['notes.txt', '~$So Tu phap.xlsx']);
});

test('the JSON report follows contracts.md', async () => {
  const { code, out } = await run(['validate', path.join(dir, 'inbox', 'sub'), '--json', '--lang', 'en']);
  expect(code).toBe(1);
  const report = JSON.parse(out) as ValidationReport;
  expect(report.tool).toBe('phuluc');
  expect(report.version).toMatch(/^\d+\.\d+\.\d+$/);
  const f = report.files[0];
  expect(f.tables.map((t) => [t.sheet, t.template, t.header, t.rows])).toEqual([
    ['PL01', 'pl01', 'A6:I7', 4],
    ['PL02', 'pl02', 'A6:H6', 8],
    ['PL03', 'pl03', 'A6:G6', 4],
    ['PL04', 'pl04', 'A6:G6', 6],
  ]);
  expect(f.issues[0]).toEqual({
    severity: 'error',
    code: 'reason-missing',
    sheet: 'PL02',
    cell: 'G8',
    row: 8,
    column: 'ly_do',
    template: 'pl02',
    message: 'Marked «Đang thực hiện» (not completed) but no reason is given.',
    hint: 'Give a specific reason in the Reason column, as the letter requires.',
  });
});

test('a workbook saved as .xls is checked exactly like the same workbook as .xlsx', async () => {
  const grid = buildWorkbook({ sheets: round(['UBND TỈNH HÀ TĨNH', 'SỞ TÀI CHÍNH'], true) });
  writeFileSync(path.join(dir, 'same.xlsx'), gridToBytes(grid, 'xlsx'));
  writeFileSync(path.join(dir, 'same.xls'), gridToBytes(grid, 'biff8'));
  const a = JSON.parse((await run(['validate', path.join(dir, 'same.xlsx'), '--json'])).out) as ValidationReport;
  const b = JSON.parse((await run(['validate', path.join(dir, 'same.xls'), '--json'])).out) as ValidationReport;
  const strip = (r: ValidationReport) => r.files.map(({ file: _f, ...rest }) => rest);
  expect(strip(b)).toEqual(strip(a));
  expect(a.files[0].issues.length).toBeGreaterThan(0);
});

test('exit codes: 0 clean, 2 bad usage; human output in Vietnamese by default', async () => {
  const clean = await run(['validate', path.join(dir, 'inbox', 'So Tu phap.xlsx')]);
  expect(clean.code).toBe(0);
  expect(clean.out).toContain('ĐẠT');
  expect(clean.out).toContain('Tổng cộng 1 tệp: 1 đạt');
  expect((await run(['validate'])).code).toBe(2);
  expect((await run(['validate', dir, '--lang', 'fr'])).code).toBe(2);
  const badRound = await run(['validate', dir, '--round', 'khong-co']);
  expect(badRound.code).toBe(2);
  expect(badRound.err).toContain('Không có đợt báo cáo');
  // Usage mistakes are explained in Vietnamese first, then commander's English.
  const noOutput = await run(['merge', dir]);
  expect(noOutput.code).toBe(2);
  expect(noOutput.err).toMatch(/^Thiếu tùy chọn bắt buộc -o, --output <consolidated\.xlsx>\. Xem: phuluc --help\nerror: required option/);
  expect((await run(['validate', dir, '--bogus'])).err).toMatch(/^Không có tùy chọn --bogus\./);
  // Form and round ids as people write them: "PL02" is pl02.
  const upper = await run(['validate', path.join(dir, 'inbox', 'So Tu phap.xlsx'), '--template', 'PL02', '--json']);
  expect(upper.err).toBe('');
  expect((JSON.parse(upper.out) as ValidationReport).files[0].tables.map((t) => t.template)).toContain('pl02');
  expect((await run(['validate', path.join(dir, 'inbox', 'So Tu phap.xlsx'), '--round', 'KH-CCHC-2023'])).code).toBe(0);
});

test('--template with a definition file, and a broken definition file gets a readable error', async () => {
  const good = path.join(dir, 'tpl.json');
  writeFileSync(
    good,
    JSON.stringify({
      id: 'pl02',
      title: 'PL02 sửa',
      sheetName: 'PL02',
      columns: [
        { key: 'stt', header: 'TT', type: 'index' },
        { key: 'nhiem_vu', header: 'Nhiệm vụ', type: 'text', required: true },
        { key: 'ket_qua', header: 'Kết quả thực hiện', type: 'text', required: true },
      ],
    }),
  );
  const r = await run(['validate', path.join(dir, 'inbox', 'So Tu phap.xlsx'), '--template', good, '--json']);
  const rep = JSON.parse(r.out) as ValidationReport;
  expect(rep.files[0].tables.map((t) => t.template)).toEqual(['pl02']);
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ id: 'x', title: 'x', sheetName: 'X', columns: [{ key: 'Bad Key', header: 'A', type: 'texte' }] }));
  const b = await run(['validate', dir, '--template', bad]);
  expect(b.code).toBe(2);
  expect(b.err).toMatch(/columns\[0\]\.key/);
  expect(b.err).toMatch(/columns\[0\]\.type/);
  expect((await run(['templates', 'check', bad])).code).toBe(2);
  const notJson = path.join(dir, 'not-json.json');
  writeFileSync(notJson, '{ "id": "pl02", ');
  const nj = await run(['templates', 'check', notJson]);
  expect(nj.code).toBe(2);
  expect(nj.err).toContain('không phải JSON hợp lệ');
  expect(nj.err).not.toContain('Lỗi không mong đợi');
  expect((await run(['templates', 'check', good])).out).toContain('hợp lệ');
});

test('npx phuluc works from the built bin', () => {
  const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/phuluc.js'), 'rounds', 'list'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('kh-cchc-2023');
  expect(r.stdout).toContain('mo-hinh-2023');
});
