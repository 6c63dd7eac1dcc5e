/**
 * `phuluc merge` end to end: files on disk → consolidated .xlsx → read back.
 */
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, mkdirSync, utimesSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { main } from '../../src/cli/main';
import { buildWorkbook, gridToBytes, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import type { WorkbookGrid } from '../../src/core/grid/types';

const DANGEROUS = ['=> Đề nghị bổ sung kinh phí', '- Đã ban hành Quyết định số 12/QĐ-UBND', '+84 912 345 678', '=SUM(A1:A3)', '@Sở Nội vụ'];

function round(unit: string, dangerous = false): SheetSpec[] {
  const head = ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()];
  let n = 0;
  const pl02 = pl02Rows({ seed: unit.length, rows: 8, sections: true }).map((r) =>
    dangerous && 'ket_qua' in r && n < DANGEROUS.length ? { ...r, ket_qua: DANGEROUS[n++] } : r,
  );
  return [
    { form: 'pl01', letterhead: head, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 4 }) },
    { form: 'pl02', letterhead: head, rows: pl02 },
    { form: 'pl03', letterhead: head, rows: pl03Rows({ seed: 2, rows: 3 }) },
    { form: 'pl04', letterhead: head, rows: pl03Rows({ seed: 3, rows: 5, sections: true }) },
  ];
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'phuluc', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function put(dir: string, name: string, bytes: Uint8Array | string, when: string) {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  utimesSync(p, new Date(when), new Date(when));
}

const read = (file: string): WorkbookGrid => parseWorkbookBytes(new Uint8Array(readFileSync(file)));
const sheetValues = (g: WorkbookGrid, name: string) => g.sheets.find((s) => s.name === name)?.values ?? [];

let dir: string;
let inbox: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'phuluc-merge-'));
  inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  put(inbox, 'So Tu phap.xlsx', gridToBytes(buildWorkbook({ sheets: round('Sở Tư pháp', true) })), '2022-11-14T10:00:00+07:00');
  put(inbox, 'So Tai chinh.xls', gridToBytes(buildWorkbook({ sheets: round('Sở Tài chính') }), 'biff8'), '2022-11-18T10:00:00+07:00');
  put(inbox, 'bao cao.xlsx', gridToBytes(buildWorkbook({ sheets: round('') })), '2022-11-15T10:00:00+07:00');
  put(inbox, 'Cuc Thue.xlsx', 'không phải bảng tính', '2022-11-15T10:00:00+07:00');
});

test('a batch with a broken file, an .xls and an unidentified file completes, and each is reported', async () => {
  const out = path.join(dir, 'out', 'tong-hop.xlsx');
  const r = await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('Chưa nộp');
  expect(r.out).toMatch(/Nộp trễ\s+1: STC Sở Tài chính \(3 ngày\)/);
  const g = read(out);
  expect(g.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name)).toEqual([
    'Tổng hợp',
    'PL01',
    'PL02',
    'PL03',
    'PL04',
    'Lỗi',
    'Chưa nộp',
    'Phản hồi',
    'Theo lĩnh vực',
  ]);
  const summary = sheetValues(g, 'Tổng hợp');
  const status = summary.map((row) => `${row[0] ?? ''}|${row[3]}`);
  expect(status).toEqual(expect.arrayContaining(['STP|Đã nộp', 'STC|Đã nộp', 'CTHUE|Tệp không đọc được', 'VPUB|Chưa nộp', '|Đã nộp']));
  expect(sheetValues(g, 'Lỗi').some((row) => row[0] === 'CTHUE' && row[9] === 'file-unreadable')).toBe(true);
  expect(
    sheetValues(g, 'Chưa nộp')
      .map((row) => row[0])
      .slice(1),
  ).toEqual(['VPUB', 'SKHDT', 'STTTT', 'SKHCN']);
  expect(sheetValues(g, 'PL02').some((row) => row[0] === 'Chưa xác định')).toBe(true);
});

test('no formula in the output comes from submitted text', async () => {
  const out = path.join(dir, 'formulas.xlsx');
  expect((await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
  const wb = XLSX.read(readFileSync(out), { type: 'buffer', cellFormula: true });
  const found: string[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      expect(c.f).toBeUndefined();
      if (typeof c.v === 'string' && DANGEROUS.includes(c.v)) {
        expect(c.t).toBe('s');
        found.push(c.v);
      }
    }
  }
  expect(new Set(found)).toEqual(new Set(DANGEROUS));
});

test('merging the same folder twice gives the same workbook apart from the generated-at time', async () => {
  const a = path.join(dir, 'a.xlsx');
  const b = path.join(dir, 'b.xlsx');
  await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', a]);
  await new Promise((res) => setTimeout(res, 20));
  await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', b]);
  const strip = (g: WorkbookGrid) => g.sheets.filter((s) => s.name !== '_phuluc').map((s) => ({ name: s.name, values: s.values }));
  expect(strip(read(b))).toEqual(strip(read(a)));
  const meta = (g: WorkbookGrid) =>
    JSON.parse(
      String(
        g.sheets
          .find((s) => s.name === '_phuluc')!
          .values.map((r) => r[0])
          .join(''),
      ),
    );
  expect({ ...meta(read(b)), generatedAt: '' }).toEqual({ ...meta(read(a)), generatedAt: '' });
});

test('merge -o onto an existing consolidated workbook keeps the sheets Phuluc did not create and the units not re-sent', async () => {
  const out = path.join(dir, 'update.xlsx');
  await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', out]);
  // The clerk adds a sheet of their own.
  const g = read(out);
  const wb = XLSX.utils.book_new();
  for (const s of g.sheets)
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.values.map((r) => r.map((v) => v ?? undefined))), s.name);
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([['Ghi chú của chuyên viên'], ['Gọi điện nhắc Sở Tài chính', 45000]]),
    'Ghi chú riêng',
  );
  wb.Workbook = {
    Sheets: [
      ...g.sheets.map((s) => ({ name: s.name, Hidden: (s.visibility === 'veryHidden' ? 2 : 0) as 0 | 2 })),
      { name: 'Ghi chú riêng', Hidden: 0 as const },
    ],
  };
  writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  // Only Sở Tài chính sends again.
  const again = path.join(dir, 'again');
  mkdirSync(again);
  put(
    again,
    'So Tai chinh - bo sung.xlsx',
    gridToBytes(buildWorkbook({ sheets: round('Sở Tài chính', true) })),
    '2022-11-19T08:00:00+07:00',
  );
  const update = await run(['merge', again, '--round', 'kh-cchc-2023', '-o', out]);
  expect(update.code).toBe(0);
  // Said plainly: what of the clerk's sheet survives and what does not.
  expect(update.out).toContain('Lưu ý: giữ lại trang Ghi chú riêng với giá trị');
  const after = read(out);
  expect(sheetValues(after, 'Ghi chú riêng')).toEqual([['Ghi chú của chuyên viên'], ['Gọi điện nhắc Sở Tài chính', 45000]]);
  const pl02 = sheetValues(after, 'PL02');
  const fileAt = pl02[0].indexOf('Tệp nguồn');
  expect(new Set(pl02.filter((r) => r[1] === 'STC').map((r) => r[fileAt]))).toEqual(new Set(['So Tai chinh - bo sung.xlsx']));
  expect(pl02.some((r) => r[1] === 'STP' && r[fileAt] === 'So Tu phap.xlsx')).toBe(true);
  expect(sheetValues(after, 'Chưa nộp').map((r) => r[0])).not.toContain('STP');
});

test('--json prints the consolidated summary; bad options exit 2', async () => {
  const r = await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', path.join(dir, 'j.xlsx'), '--json']);
  const s = JSON.parse(r.out);
  expect(s.expected).toBe(7);
  // The roster adds up: of the 7 that must send, 2 did, 1 must send again (its file cannot be read)
  // and 4 did not; the unidentified file is apart.
  expect(s.submitted).toBe(2);
  expect(s.resend).toHaveLength(1);
  expect(s.missing).toHaveLength(4);
  expect(s.submitted + s.resend.length + s.missing.length).toBe(s.expected);
  expect(s.figures).toMatchObject({ expected: 7, submitted: 2, resend: 1, missing: 4, unidentified: 1 });
  expect(s.unidentified).toHaveLength(1);
  expect(s.unexpected).toEqual([]);
  expect(s.late).toEqual([{ unit: 'STC Sở Tài chính', days: 3 }]);
  expect((await run(['merge', inbox, '-o', path.join(dir, 'x.xlsx'), '--deadline', '2022-02-30'])).code).toBe(2);
  expect((await run(['merge', inbox])).code).toBe(2);
  const blocked = path.join(dir, 'not-a-dir');
  writeFileSync(blocked, 'x');
  expect((await run(['merge', inbox, '-o', path.join(blocked, 'out.xlsx')])).code).toBe(2);
});

describe('what a merge must not read, overwrite or drop', () => {
  const copyInbox = (name: string) => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    for (const f of ['So Tu phap.xlsx', 'bao cao.xlsx']) put(d, f, readFileSync(path.join(inbox, f)), '2022-11-14T10:00:00+07:00');
    return d;
  };

  test('the output saved in the folder of received files is not read back as a submission', async () => {
    const d = copyInbox('with-output');
    const out = path.join(d, 'tong-hop.xlsx');
    expect((await run(['merge', d, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
    const first = sheetValues(read(out), 'PL02').length;
    // An earlier output under another name is set aside too, and said so.
    writeFileSync(path.join(d, 'tong-hop (cu).xlsx'), readFileSync(out));
    const again = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', out]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Bỏ qua 1 sổ tổng hợp do Phuluc tạo');
    expect(again.out).toContain('tong-hop (cu).xlsx');
    expect(sheetValues(read(out), 'PL02')).toHaveLength(first);
    const summary = sheetValues(read(out), 'Tổng hợp');
    expect(summary.flat().filter((v) => typeof v === 'string' && v.includes('tong-hop'))).toEqual([]);
    // validate sets it aside as well instead of checking it as a unit's forms.
    const v = await run(['validate', path.join(d, 'tong-hop (cu).xlsx'), path.join(d, 'So Tu phap.xlsx'), '--json']);
    const report = JSON.parse(v.out);
    expect(report.files).toHaveLength(1);
    expect(report.consolidated.map((s: string) => path.basename(s))).toEqual(['tong-hop (cu).xlsx']);
    expect(report.skipped).toBeUndefined();
  });

  test('an input named as the output is refused before anything is written', async () => {
    const d = copyInbox('input-as-output');
    const target = path.join(d, 'So Tu phap.xlsx');
    const before = readFileSync(target);
    const r = await run(['merge', d, target, '-o', target]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cũng là tệp đầu vào');
    expect(readFileSync(target).equals(before)).toBe(true);
    // The same when the submission is only found in the folder: -o names a unit's file there.
    const inFolder = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', target]);
    expect(inFolder.code).toBe(2);
    expect(readFileSync(target).equals(before)).toBe(true);
    // And through a link to the folder of received files.
    const link = path.join(dir, 'link-to-input');
    symlinkSync(d, link);
    const viaLink = await run(['merge', link, '--round', 'kh-cchc-2023', '-o', target]);
    expect(viaLink.code).toBe(2);
    expect(readFileSync(target).equals(before)).toBe(true);
    // Only consolidated workbooks given: said plainly, nothing written.
    const out = path.join(d, 'out', 'T.xlsx');
    expect((await run(['merge', path.join(d, 'So Tu phap.xlsx'), '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
    const only = await run(['merge', out, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'U.xlsx')]);
    expect(only.code).toBe(2);
    expect(only.err).toContain('đều là sổ tổng hợp');
  });

  test('a workbook of someone else with a sheet named like ours, or a consolidation of another round, is not overwritten', async () => {
    const d = copyInbox('foreign');
    const foreign = path.join(d, 'out', 'So Noi vu.xlsx');
    mkdirSync(path.dirname(foreign));
    writeFileSync(foreign, gridToBytes(buildWorkbook({ sheets: round('Sở Nội vụ') })));
    const before = readFileSync(foreign);
    const r = await run(['merge', path.join(d, 'So Tu phap.xlsx'), '--round', 'kh-cchc-2023', '-o', foreign]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/đã có trang PL01, PL02, PL03, PL04 không do Phuluc tạo/);
    expect(readFileSync(foreign).equals(before)).toBe(true);

    const mine = path.join(d, 'out', 'tong-hop.xlsx');
    expect((await run(['merge', path.join(d, 'So Tu phap.xlsx'), '--round', 'kh-cchc-2023', '-o', mine])).code).toBe(0);
    const consolidated = readFileSync(mine);
    const other = await run(['merge', path.join(d, 'So Tu phap.xlsx'), '--round', 'mo-hinh-2023', '-o', mine]);
    expect(other.code).toBe(2);
    expect(other.err).toContain('là sổ tổng hợp của đợt kh-cchc-2023, không phải đợt mo-hinh-2023');
    expect(readFileSync(mine).equals(consolidated)).toBe(true);
  });

  test('a path that does not exist is said, and does not touch the unit its name suggests', async () => {
    const d = copyInbox('missing');
    const out = path.join(d, 'out', 'x.xlsx');
    expect((await run(['merge', d, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
    const stpRows = sheetValues(read(out), 'PL02').filter((row) => row[1] === 'STP').length;
    expect(stpRows).toBeGreaterThan(0);
    // The clerk mistypes the path of a re-sent file.
    const typo = path.join(d, 'moi', 'So Tu phap.xlsx');
    const r = await run(['merge', typo, '--round', 'kh-cchc-2023', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Không tìm thấy 1 tệp hoặc thư mục đã nêu/);
    expect(r.out).toContain(path.relative(process.cwd(), typo));
    expect(sheetValues(read(out), 'PL02').filter((row) => row[1] === 'STP')).toHaveLength(stpRows);
    const j = JSON.parse((await run(['merge', d, typo, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'y.xlsx'), '--json'])).out);
    expect(j.missingPaths).toEqual([typo]);
    expect(j.unreadable).toEqual([]);
  });

  test('one file named twice in different spellings is read once', async () => {
    const d = copyInbox('twice');
    const a = path.join(d, 'So Tu phap.xlsx');
    const b = `${d}${path.sep}..${path.sep}twice${path.sep}.${path.sep}So Tu phap.xlsx`; // not normalised, as typed
    const r = await run(['merge', a, b, d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 't.xlsx'), '--json']);
    const stp = JSON.parse(r.out).units.find((u: Record<string, unknown>) => u['Mã đơn vị'] === 'STP');
    expect(stp['Tệp']).toBe('So Tu phap.xlsx');
    const v = JSON.parse((await run(['validate', a, b, '--json'])).out);
    expect(v.files).toHaveLength(1);
  });

  test('two files of one name in different folders are told apart by their folders, wherever merge is run from', async () => {
    const d = path.join(dir, 'two-rounds');
    for (const [sub, when] of [
      ['Đợt 1', '2022-11-10T10:00:00+07:00'],
      ['Đợt 2', '2022-11-14T10:00:00+07:00'],
    ]) {
      mkdirSync(path.join(d, sub), { recursive: true });
      put(path.join(d, sub), 'So Tu phap.xlsx', readFileSync(path.join(inbox, 'So Tu phap.xlsx')), when);
    }
    const files = (json: string) => JSON.parse(json).units.find((u: Record<string, unknown>) => u['Mã đơn vị'] === 'STP')['Tệp'];
    const here = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'a.xlsx'), '--json']);
    expect(files(here.out)).toBe('Đợt 1/So Tu phap.xlsx; Đợt 2/So Tu phap.xlsx');
    const cwd = process.cwd();
    try {
      process.chdir(os.tmpdir());
      const there = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'b.xlsx'), '--json']);
      expect(files(there.out)).toBe(files(here.out));
    } finally {
      process.chdir(cwd);
    }
  });

  test('a batch of only unreadable files updates the workbook of its round without --round', async () => {
    const d = copyInbox('only-broken');
    const out = path.join(d, 'out', 'T.xlsx');
    expect((await run(['merge', d, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
    const later = path.join(d, 'later');
    mkdirSync(later);
    put(later, 'So Tai chinh.xlsx', 'hỏng', '2022-11-15T10:00:00+07:00');
    const r = await run(['merge', later, '-o', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.round).toBe('kh-cchc-2023');
    expect(s.unreadable).toEqual(['STC Sở Tài chính']);
    // A broken re-send of a unit that keeps its earlier rows is still named as unreadable.
    const again = path.join(d, 'again');
    mkdirSync(again);
    put(again, 'So Tu phap.xlsx', 'hỏng', '2022-11-16T10:00:00+07:00');
    const broken = JSON.parse((await run(['merge', again, '-o', out, '--json'])).out);
    expect(broken.unreadable).toEqual(expect.arrayContaining(['STP Sở Tư pháp']));
    expect(sheetValues(read(out), 'PL02').some((row) => row[1] === 'STP')).toBe(true);
  });

  test('the output is an .xlsx: the extension is added when missing, another one refused', async () => {
    const d = copyInbox('names');
    const r = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'Tong hop 2023')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Đã ghi ${path.join(d, 'out', 'Tong hop 2023.xlsx')}`);
    expect(read(path.join(d, 'out', 'Tong hop 2023.xlsx')).sheets.map((x) => x.name)).toContain('Tổng hợp');
    const csv = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'tong-hop.csv')]);
    expect(csv.code).toBe(2);
    expect(csv.err).toContain('phải là .xlsx');
    // A dot in a name is not an extension unless it names another format.
    expect((await run(['merge', d, '--round', 'kh-cchc-2023', '-o', path.join(d, 'out', 'Bao cao 15.11')])).out).toContain(
      'Bao cao 15.11.xlsx',
    );
    for (const notAFile of [path.join(d, 'out') + path.sep, path.join(d, 'out')]) {
      const r = await run(['merge', d, '--round', 'kh-cchc-2023', '-o', notAFile]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('không phải thư mục');
    }
  });

  test('--deadline must be a date even when empty; a round file may name units only --units defines', async () => {
    const d = copyInbox('defs');
    expect((await run(['merge', d, '-o', path.join(d, 'out', 'a.xlsx'), '--round', 'kh-cchc-2023', '--deadline', ''])).code).toBe(2);
    const units = path.join(d, 'units.json');
    writeFileSync(
      units,
      JSON.stringify({
        units: [
          { id: 'STP', name: 'Sở Tư pháp', kind: 'department', aliases: [] },
          { id: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'department', aliases: [] },
        ],
      }),
    );
    const roundFile = path.join(d, 'dot-moi.json');
    writeFileSync(
      roundFile,
      JSON.stringify({
        id: 'dot-moi',
        title: 'Đợt mới',
        forms: ['pl02'],
        expected: { units: ['STP', 'TTPVHCC'], kinds: [] },
        deadline: '2022-11-15',
      }),
    );
    const r = await run(['merge', d, '-o', path.join(d, 'out', 'b.xlsx'), '--round', roundFile, '--units', units, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).missing).toEqual(['TTPVHCC Trung tâm Phục vụ hành chính công tỉnh']);
  });
});

describe('one round at a time, true receipt dates', () => {
  const moHinh = (unit: string): SheetSpec[] => [
    {
      form: 'mo-hinh',
      letterhead: ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()],
      rows: [{ stt: 1, ten_mo_hinh: 'Mô hình "Ngày thứ Bảy vì dân"', don_vi_chu_tri: unit }],
    },
  ];
  /** A workbook saved by the unit at `saved`, landing on this disk at `arrived` (e-mail saved later). */
  function sent(folder: string, name: string, sheets: SheetSpec[], saved: string, arrived = '2023-05-02T09:00:00+07:00') {
    const grid = buildWorkbook({ sheets });
    grid.savedAt = new Date(saved).toISOString();
    put(folder, name, gridToBytes(grid), arrived);
  }
  let mixed: string;
  beforeAll(() => {
    mixed = path.join(dir, 'mixed');
    mkdirSync(mixed);
    sent(mixed, 'STC - PL01-04.xlsx', round('Sở Tài chính'), '2022-11-14T10:00:00+07:00');
    sent(mixed, 'STP - PL01-04.xlsx', round('Sở Tư pháp'), '2022-11-17T10:00:00+07:00');
    sent(mixed, 'STC - mo hinh.xlsx', moHinh('Sở Tài chính'), '2023-03-20T10:00:00+07:00');
  });

  test('a batch of two rounds is refused without --round, naming each round and its files', async () => {
    const r = await run(['merge', mixed, '-o', path.join(dir, 'mixed.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /2 đợt báo cáo khác nhau: kh-cchc-2023 \(2 tệp[^)]*STC - PL01-04\.xlsx[^)]*\); mo-hinh-2023 \(1 tệp[^)]*STC - mo hinh\.xlsx\)/,
    );
    expect(r.err).toContain('--round');
  });

  test('with --round, a file of the other round is set aside and never stands for the unit', async () => {
    const out = path.join(dir, 'mo-hinh.xlsx');
    const r = await run(['merge', mixed, '--round', 'mo-hinh-2023', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.otherRound.map((f: { file: string; round: string }) => [path.basename(f.file), f.round]).sort()).toEqual([
      ['STC - PL01-04.xlsx', 'kh-cchc-2023'],
      ['STP - PL01-04.xlsx', 'kh-cchc-2023'],
    ]);
    expect(s.submitted).toBe(1);
    const models = sheetValues(read(out), 'Mô hình');
    const fileAt = models[0].indexOf('Tệp nguồn');
    expect(models.slice(1).map((row) => row[fileAt])).toEqual(['STC - mo hinh.xlsx']);
  });

  test('lateness is counted from the time the workbook was saved, not from when it reached this disk', async () => {
    const r = await run(['merge', mixed, '--round', 'kh-cchc-2023', '-o', path.join(dir, 'kh.xlsx'), '--json']);
    const s = JSON.parse(r.out);
    // Both arrived on this disk in May 2023; STP saved its workbook on 17/11/2022, two days late.
    expect(s.late).toEqual([{ unit: 'STP Sở Tư pháp', days: 2 }]);
    const summary = sheetValues(read(path.join(dir, 'kh.xlsx')), 'Tổng hợp');
    const from = summary[0].indexOf('Nguồn thời điểm nhận');
    expect(summary.find((row) => row[0] === 'STP')?.[from]).toBe('Thời điểm lưu tệp');
  });

  test('--received sets a unit’s receipt date, and a later merge keeps it', async () => {
    const receipts = path.join(dir, 'receipts.csv');
    writeFileSync(receipts, 'Mã đơn vị,Ngày nhận\nSTP,15/11/2022\n');
    const out = path.join(dir, 'kh-received.xlsx');
    const first = JSON.parse((await run(['merge', mixed, '--round', 'kh-cchc-2023', '-o', out, '--received', receipts, '--json'])).out);
    expect(first.late).toEqual([]);
    const again = JSON.parse((await run(['merge', mixed, '--round', 'kh-cchc-2023', '-o', out, '--json'])).out);
    expect(again.late).toEqual([]);
    const summary = sheetValues(read(out), 'Tổng hợp');
    expect(summary.find((row) => row[0] === 'STP')?.[summary[0].indexOf('Nguồn thời điểm nhận')]).toBe('Văn thư nhập');
    writeFileSync(receipts, 'STP,31/02/2022\nXYZ,15/11/2022\n');
    const bad = await run(['merge', mixed, '--round', 'kh-cchc-2023', '-o', out, '--received', receipts]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('1: STP,31/02/2022');
    expect(bad.err).toContain('2: XYZ,15/11/2022');
  });
});

test('updating a consolidated workbook with a supplementary file adds the form and keeps the others', async () => {
  const head = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
  const firstDir = path.join(dir, 'pieces-1');
  const laterDir = path.join(dir, 'pieces-2');
  mkdirSync(firstDir);
  mkdirSync(laterDir);
  const sheets = round('Sở Tư pháp');
  put(
    firstDir,
    'STP - PL01-03.xlsx',
    gridToBytes(buildWorkbook({ sheets: sheets.filter((s) => s.form !== 'pl04') })),
    '2022-11-14T10:00:00+07:00',
  );
  put(
    laterDir,
    'STP - bo sung PL04.xlsx',
    gridToBytes(buildWorkbook({ sheets: [{ form: 'pl04', letterhead: head, rows: pl03Rows({ seed: 7, rows: 4, sections: true }) }] })),
    '2022-11-15T10:00:00+07:00',
  );
  const out = path.join(dir, 'pieces.xlsx');
  expect((await run(['merge', firstDir, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
  expect((await run(['merge', laterDir, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
  const book = read(out);
  const filesOf = (name: string) => {
    const v = sheetValues(book, name);
    return new Set(
      v
        .slice(1)
        .filter((r) => r[1] === 'STP')
        .map((r) => r[v[0].indexOf('Tệp nguồn')]),
    );
  };
  expect(filesOf('PL01')).toEqual(new Set(['STP - PL01-03.xlsx']));
  expect(filesOf('PL02')).toEqual(new Set(['STP - PL01-03.xlsx']));
  expect(filesOf('PL04')).toEqual(new Set(['STP - bo sung PL04.xlsx']));
  // Neither file's "form missing" stands: the workbook has PL01–PL03 from the first, PL04 from the second.
  const issues = sheetValues(book, 'Lỗi');
  const codeAt = issues[0].indexOf('Mã lỗi (dùng cho máy)');
  expect(issues.slice(1).filter((r) => r[0] === 'STP' && r[codeAt] === 'sheet-missing')).toEqual([]);
  // And the same again changes nothing.
  const before = sheetValues(read(out), 'PL02');
  expect((await run(['merge', laterDir, '--round', 'kh-cchc-2023', '-o', out])).code).toBe(0);
  expect(sheetValues(read(out), 'PL02')).toEqual(before);
});

test('an update with a supplementary file gives the figures of one merge of every file (Tổng hợp, Lỗi, Theo lĩnh vực, --json)', async () => {
  const firstDir = path.join(dir, 'supplement-1');
  const laterDir = path.join(dir, 'supplement-2');
  mkdirSync(firstDir);
  mkdirSync(laterDir);
  const stp = round('Sở Tư pháp');
  put(
    firstDir,
    'STP - PL01 PL03 PL04.xlsx',
    gridToBytes(buildWorkbook({ sheets: stp.filter((s) => s.form !== 'pl02') })),
    '2022-11-13T10:00:00+07:00',
  );
  put(firstDir, 'So Tai chinh.xlsx', gridToBytes(buildWorkbook({ sheets: round('Sở Tài chính') })), '2022-11-14T10:00:00+07:00');
  // PL02 alone, later: incomplete tasks, one of them without its reason.
  let planted = false;
  const tasks = pl02Rows({ seed: 5, rows: 9, sections: true, incompleteShare: 0.5 }).map((r) => {
    if (planted || !('ly_do' in r) || r.ly_do === null) return r;
    planted = true;
    return { ...r, ly_do: null };
  });
  const pl02 = { form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: tasks };
  put(laterDir, 'STP - bo sung PL02.xlsx', gridToBytes(buildWorkbook({ sheets: [pl02] })), '2022-11-15T10:00:00+07:00');
  const updated = path.join(dir, 'supplement-updated.xlsx');
  const together = path.join(dir, 'supplement-together.xlsx');
  expect((await run(['merge', firstDir, '--round', 'kh-cchc-2023', '-o', updated])).code).toBe(0);
  const update = await run(['merge', laterDir, '--round', 'kh-cchc-2023', '-o', updated, '--json']);
  const once = await run(['merge', firstDir, laterDir, '--round', 'kh-cchc-2023', '-o', together, '--json']);
  expect([update.code, once.code]).toEqual([0, 0]);
  expect(JSON.parse(update.out).figures).toEqual(JSON.parse(once.out).figures);
  const [a, b] = [read(updated), read(together)];
  const line = (g: WorkbookGrid, code: string) => sheetValues(g, 'Tổng hợp').find((r) => r[0] === code);
  for (const code of ['STP', 'STC']) expect([code, line(a, code)]).toEqual([code, line(b, code)]);
  const header = sheetValues(a, 'Tổng hợp')[0];
  expect(line(a, 'STP')![header.indexOf('Số dòng PL02')]).toBe(9);
  expect(line(a, 'STP')![header.indexOf('Chưa hoàn thành thiếu lý do cụ thể')]).toBeGreaterThanOrEqual(1);
  expect(sheetValues(a, 'Theo lĩnh vực')).toEqual(sheetValues(b, 'Theo lĩnh vực'));
  const issues = (g: WorkbookGrid) =>
    sheetValues(g, 'Lỗi')
      .slice(1)
      .map((r) => JSON.stringify(r))
      .sort();
  expect(issues(a)).toEqual(issues(b));
  const province = sheetValues(a, 'Theo lĩnh vực').find((r) => r[0] === 'Toàn tỉnh' && r[2] === 'PL02' && r[3] === 'Tổng')!;
  expect(province[4]).toBe(9 + 8); // STP's supplement and STC's PL02
});

test('a corrected form takes the earlier file’s findings on it away, in an update as in one merge; --feedback follows Phản hồi', async () => {
  const firstDir = path.join(dir, 'replaced-1');
  const laterDir = path.join(dir, 'replaced-2');
  mkdirSync(firstDir);
  mkdirSync(laterDir);
  // STP sends every form with a task left without its reason on PL02, then PL02 alone, corrected.
  const stp = round('Sở Tư pháp');
  let planted = false;
  const broken = stp.map((s) =>
    s.form !== 'pl02'
      ? s
      : {
          ...s,
          rows: s.rows.map((r) => {
            if (planted || !('stt' in r)) return r;
            planted = true;
            return { ...r, tinh_trang: 'Chưa hoàn thành', ly_do: null };
          }),
        },
  );
  put(firstDir, 'STP - lan 1.xlsx', gridToBytes(buildWorkbook({ sheets: broken })), '2022-11-13T10:00:00+07:00');
  put(firstDir, 'So Tai chinh.xlsx', gridToBytes(buildWorkbook({ sheets: round('Sở Tài chính') })), '2022-11-14T10:00:00+07:00');
  put(
    laterDir,
    'STP - PL02 sua.xlsx',
    gridToBytes(buildWorkbook({ sheets: stp.filter((s) => s.form === 'pl02') })),
    '2022-11-15T10:00:00+07:00',
  );
  const [before, updated, together] = ['replaced-before.xlsx', 'replaced-updated.xlsx', 'replaced-together.xlsx'].map((f) =>
    path.join(dir, f),
  );
  const feedback = path.join(dir, 'replaced-feedback');
  const args = ['--round', 'kh-cchc-2023'];
  expect((await run(['merge', firstDir, ...args, '-o', before])).code).toBe(0);
  expect((await run(['merge', firstDir, ...args, '-o', updated])).code).toBe(0);
  const update = await run(['merge', laterDir, ...args, '-o', updated, '--json', '--feedback', feedback]);
  const once = await run(['merge', firstDir, laterDir, ...args, '-o', together, '--json']);
  expect([update.code, once.code]).toEqual([0, 0]);
  expect(JSON.parse(update.out).figures).toEqual(JSON.parse(once.out).figures);
  const [a, b, c] = [read(updated), read(together), read(before)];
  const header = sheetValues(a, 'Tổng hợp')[0];
  const line = (g: WorkbookGrid, code: string) => sheetValues(g, 'Tổng hợp').find((r) => r[0] === code)!;
  for (const code of ['STP', 'STC']) expect([code, line(a, code)]).toEqual([code, line(b, code)]);
  expect(line(c, 'STP')[header.indexOf('Lỗi')]).toBe(1);
  expect(line(a, 'STP')[header.indexOf('Lỗi')]).toBe(0);
  expect(String(line(a, 'STP')[header.indexOf('Ghi chú')])).toContain('PL02 của STP - lan 1.xlsx thay bằng STP - PL02 sua.xlsx');
  const stpIssues = (g: WorkbookGrid) => sheetValues(g, 'Lỗi').filter((r) => r[0] === 'STP');
  expect(stpIssues(c).filter((r) => r[2] === 'STP - lan 1.xlsx' && r[3] === 'PL02')).toHaveLength(1);
  expect(stpIssues(a).filter((r) => r[3] === 'PL02')).toEqual([]);
  expect(
    stpIssues(a)
      .map((r) => JSON.stringify(r))
      .sort(),
  ).toEqual(
    stpIssues(b)
      .map((r) => JSON.stringify(r))
      .sort(),
  );
  const phanHoi = (g: WorkbookGrid) => sheetValues(g, 'Phản hồi').slice(1);
  expect(
    phanHoi(a)
      .map((r) => JSON.stringify(r))
      .sort(),
  ).toEqual(
    phanHoi(b)
      .map((r) => JSON.stringify(r))
      .sort(),
  );
  // The texts written are the sheet's, the carried unit's included: STC is not told it has not sent.
  const textAt = sheetValues(a, 'Phản hồi')[0].indexOf('Nội dung phản hồi');
  expect(readdirSync(feedback).sort()).toEqual(
    phanHoi(a)
      .map((r) => `${r[0]}.txt`)
      .sort(),
  );
  for (const row of phanHoi(a)) expect(readFileSync(path.join(feedback, `${row[0]}.txt`), 'utf8')).toBe(`${row[textAt]}\n`);
});

test('--feedback writes one UTF-8 text per unit, the same as the Phản hồi sheet; English with --lang en', async () => {
  const out = path.join(dir, 'feedback.xlsx');
  const folder = path.join(dir, 'phan-hoi');
  const r = await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', out, '--feedback', folder]);
  expect(r.code).toBe(0);
  const sheet = sheetValues(read(out), 'Phản hồi');
  const textAt = sheet[0].indexOf('Nội dung phản hồi');
  expect(sheet.length).toBeGreaterThan(2);
  for (const row of sheet.slice(1)) expect(readFileSync(path.join(folder, `${row[0]}.txt`), 'utf8')).toBe(`${row[textAt]}\n`);
  const en = path.join(dir, 'feedback-en');
  expect(
    (await run(['merge', inbox, '--round', 'kh-cchc-2023', '-o', path.join(dir, 'feedback-en.xlsx'), '--feedback', en, '--lang', 'en']))
      .code,
  ).toBe(0);
  expect(readFileSync(path.join(en, 'VPUB.txt'), 'utf8')).toMatch(
    /^To: Văn phòng UBND tỉnh\.\n.*has not yet received your report \(deadline 15\/11\/2022\)/s,
  );
});
