/**
 * The standalone page (dist/app.html) in real Chromium: checking one submission lists every problem
 * the engine finds, with its cell; merging a round's files gives a downloadable consolidated
 * workbook with nothing lost and the roster right. No console error, no request off the page.
 */
import fs from 'node:fs';
import pl03Definition from '../../src/core/template/builtin/pl03.json';
import path from 'node:path';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { GOOD_PL02_ROW, khCchcSubmission, pl02Rows } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { renderFinding } from '../../src/core/report/issue';
import { a1 } from '../../src/core/grid/address';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import type { CellValue, WorkbookGrid } from '../../src/core/grid/types';
import { unzip } from '../fixtures/zip';
import * as XLSX from '@e965/xlsx';
import { waitText, writeFiles } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const catalog = builtinCatalog();
const unzipEntry = (bytes: Uint8Array, name: string) => unzip(bytes).text(name);
const session = browserSession();
const open = () => session.open('app.html');

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];

/** The notes of a workbook as SheetJS reads them: "Sheet!A1" → text. */
function notesOf(bytes: Uint8Array): Map<string, string> {
  const wb = XLSX.read(bytes, { type: 'array' });
  const out = new Map<string, string>();
  for (const name of wb.SheetNames)
    for (const [addr, cell] of Object.entries(wb.Sheets[name]!))
      if (!addr.startsWith('!') && (cell as XLSX.CellObject).c?.length)
        out.set(`${name}!${addr}`, (cell as XLSX.CellObject).c!.map((x) => x.t).join(''));
  return out;
}
const good = GOOD_PL02_ROW;

describe('Kiểm tra on the page', () => {
  // Header on row 6, data from row 7: A=stt B=nhiem_vu C=san_pham D=thoi_gian E=ket_qua F=tinh_trang G=ly_do.
  const planted = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: STP,
        rows: [
          good,
          { ...good, stt: 2, ket_qua: null }, // value-required E8
          { ...good, stt: 3, tinh_trang: 'Đang thực hiện', ly_do: null }, // reason-missing G9
          { ...good, stt: 4, tinh_trang: 'Xong rồi' }, // value-not-allowed F10
          { ...good, stt: 5, thoi_gian: 'sắp tới' }, // value-type D11
          { ...good, stt: 6, tinh_trang: 'Chưa hoàn thành', ly_do: 'Khách quan' }, // reason-vague G12 (warning)
        ],
      },
    ],
  });
  const PLANTED = [
    'value-required@PL02!E8',
    'reason-missing@PL02!G9',
    'value-not-allowed@PL02!F10',
    'value-type@PL02!D11',
    'reason-vague@PL02!G12',
  ];

  test('lists every planted problem with its cell, and the summary first', async () => {
    const [file] = writeFiles(session.dir, [{ name: 'So Tu phap - PL02.xlsx', bytes: gridToBytes(planted) }]);
    const engine = validateWorkbook(planted, { catalog, fileName: 'So Tu phap - PL02.xlsx' });
    const expected = engine.findings.map((f) => renderFinding(f, 'vi'));
    const { page } = await open();
    const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await panel.getByLabel('Chọn tệp').setInputFiles(file);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    const errors = expected.filter((i) => i.severity === 'error').length;
    await waitText(panel.getByRole('status'), `${errors} lỗi, ${expected.length - errors} cảnh báo`);
    const items = await panel
      .locator('li[data-code]')
      .evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-code'), text: e.textContent ?? '' })));
    const shown = items.map((i) => `${i.code}@${i.text.match(/^(\S+!\w+\d+)/)?.[1] ?? ''}`);
    for (const p of PLANTED) expect(shown).toContain(p);
    // Every issue the engine finds is listed with its message, not just the planted ones.
    expect(items).toHaveLength(expected.length);
    for (const e of expected) expect(items.some((i) => i.code === e.code && i.text.includes(e.message))).toBe(true);
  });

  test('a copy with the problem cells highlighted downloads, values untouched', async () => {
    const [file] = writeFiles(session.dir, [{ name: 'So Tu phap - PL02.xlsx', bytes: gridToBytes(planted) }]);
    const { page } = await open();
    const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await panel.getByLabel('Chọn tệp').setInputFiles(file);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    const downloadP = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Tải bản có tô màu ô lỗi' }).click();
    const download = await downloadP;
    expect(download.suggestedFilename()).toBe('So Tu phap - PL02 (danh dau loi).xlsx');
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
    const copy = parseWorkbookBytes(bytes);
    expect(copy.sheets.map((s) => s.values)).toEqual(parseWorkbookBytes(gridToBytes(planted)).sheets.map((s) => s.values));
    // The marks are Phuluc's conditional formats on the problem cells (see test/xlsx/highlight-copy).
    const xml = unzipEntry(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<conditionalFormatting sqref="[^"]*\bE8\b[^"]*">/);
    expect(xml).toContain('N("phuluc")=0');
    // Each problem cell carries a note saying its problem, in Vietnamese.
    const notes = notesOf(bytes);
    expect(notes.get('PL02!E8')).toMatch(/^Lỗi: /);
    expect(notes.get('PL02!G12')).toMatch(/^Cảnh báo: Lý do «Khách quan» chưa cụ thể/);

    // The officer fixes the copy in Excel without the add-in, and downloads a clean copy of it to send:
    // no marks, no notes, the values as they were.
    const [marked] = writeFiles(path.join(session.dir, 'marked'), [{ name: 'So Tu phap - PL02 (danh dau loi).xlsx', bytes }]);
    await panel.getByLabel('Chọn tệp').setInputFiles(marked);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(panel.getByRole('status'), /^\d+ lỗi/);
    const cleanP = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Tải bản sạch' }).click();
    const clean = await cleanP;
    expect(clean.suggestedFilename()).toBe('So Tu phap - PL02 (danh dau loi) (ban sach).xlsx');
    const cleanBytes = new Uint8Array(fs.readFileSync((await clean.path())!));
    expect(notesOf(cleanBytes).size).toBe(0);
    expect(unzipEntry(cleanBytes, 'xl/worksheets/sheet1.xml')).not.toContain('phuluc');
    expect(parseWorkbookBytes(cleanBytes).sheets.map((s) => s.values)).toEqual(
      parseWorkbookBytes(gridToBytes(planted)).sheets.map((s) => s.values),
    );
    await waitText(panel, /Đã tải bản sạch: bỏ \d+ tô màu và ghi chú của Phuluc\./, { contains: true });
    // A workbook with errors is not offered the stamp.
    expect(await panel.getByRole('button', { name: 'Tải bản đã đóng dấu' }).count()).toBe(0);
  });

  test('a workbook with no error downloads stamped as the add-in stamps it; the page no longer sends the unit to Excel', async () => {
    const passing = gridToBytes(
      buildWorkbook({
        sheets: [{ form: 'mo-hinh', letterhead: STP, rows: [{ stt: 1, ten_mo_hinh: 'Một cửa liên thông', don_vi_chu_tri: 'Sở Tư pháp' }] }],
      }),
    );
    const [file] = writeFiles(path.join(session.dir, 'passing'), [{ name: 'bao cao mo hinh.xlsx', bytes: passing }]);
    const { page } = await open();
    const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await panel.getByLabel('Chọn tệp').setInputFiles(file);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(panel.getByRole('status'), /^0 lỗi/);
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toMatch(/Excel có Phuluc|mở tệp .*Excel/i);
    expect(text).toContain('tải bản đã đóng dấu');
    const downloadP = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Tải bản đã đóng dấu' }).click();
    const download = await downloadP;
    expect(download.suggestedFilename()).toBe('bao cao mo hinh (da kiem tra).xlsx');
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
    // Read back as the command line reads it: the unit comes from the stamp, which is current.
    const check = validateWorkbook(parseWorkbookBytes(bytes), { catalog, fileName: 'x.xlsx' });
    expect(check.unit).toMatchObject({ from: 'stamp' });
    expect(check.unit.unit?.id).toBe('STP');
    expect(check.stamp?.current).toBe(true);
    expect(check.stamp?.stamp.tool).toBe('phuluc 1.0.0 (web)');
    await waitText(panel, 'Đã tải bản đã đóng dấu.', { contains: true });
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tabpanel', { name: 'Check' }).getByRole('button', { name: 'Download the stamped copy' }).waitFor();
  });

  test('an Excel 97–2003 .xls is checked the same way; no highlighted copy is offered for it', async () => {
    const [file] = writeFiles(session.dir, [{ name: 'So Tu phap - PL02.xls', bytes: gridToBytes(planted, 'biff8') }]);
    const { page } = await open();
    const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await panel.getByLabel('Chọn tệp').setInputFiles(file);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(panel.getByRole('status'), /^\d+ lỗi/);
    const codes = await panel
      .locator('li[data-code]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-code')}@${(e.textContent ?? '').split(' ')[0]}`));
    for (const p of PLANTED) expect(codes.some((c) => c.startsWith(p))).toBe(true);
    expect(await panel.getByRole('button', { name: 'Tải bản có tô màu ô lỗi' }).count()).toBe(0);
  });

  test('a file that is not a workbook is reported, not a crash', async () => {
    const [file] = writeFiles(session.dir, [{ name: 'bao cao.xlsx', bytes: 'Đây không phải bảng tính' }]);
    const { page } = await open();
    const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await panel.getByLabel('Chọn tệp').setInputFiles(file);
    await panel.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(panel.getByRole('status'), '1 lỗi, 0 cảnh báo');
    await waitText(panel.locator('li[data-code="file-unreadable"]'), 'không phải bảng tính', { contains: true });
  });

  test('the English switch changes the labels and the messages', async () => {
    const [file] = writeFiles(session.dir, [{ name: 'pl02.xlsx', bytes: gridToBytes(planted) }]);
    const { page } = await open();
    await page.getByRole('button', { name: 'English' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Check' });
    await panel.getByLabel('Choose file').setInputFiles(file);
    await panel.getByRole('button', { name: 'Check' }).click();
    await waitText(panel.getByRole('status'), /^\d+ errors?, \d+ warnings?$/);
    await waitText(panel.locator('li[data-code="reason-missing"]').first(), 'PL02!G9', { contains: true });
  });
});

// ---------------------------------------------------------------------------------------------

function sameCell(source: CellValue, out: CellValue): boolean {
  if (source === out) return true;
  if (typeof source === 'string' && typeof out === 'string') return source.trim() === out.trim();
  return typeof source === 'number' && typeof out === 'number' && Math.abs(source - out) < 1e-9;
}

describe('Tổng hợp on the page', () => {
  const senders: [string, string, string][] = [
    // file, unit as written in the letterhead, mtime (Hà Tĩnh time); kh-cchc-2023's deadline is in the round
    ['So Tu phap.xlsx', 'Sở Tư pháp', '2022-11-14T10:00:00+07:00'],
    ['So Tai chinh.xlsx', 'Sở Tài chính', '2022-11-14T11:00:00+07:00'],
    ['STTTT - bao cao.xlsx', 'Sở Thông tin và Truyền thông', '2022-11-25T09:00:00+07:00'],
    ['bao cao.xlsx', '', '2022-11-15T10:00:00+07:00'],
  ];

  test('a round’s files give a downloadable workbook: nothing lost, the roster right', async () => {
    const round = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;
    const grids = new Map<string, WorkbookGrid>();
    const files = senders.map(([name, unit], i) => {
      const grid = buildWorkbook({ sheets: khCchcSubmission(unit, 10 * i + 1, 9) });
      grids.set(name, grid);
      return { name, bytes: gridToBytes(grid), mtime: senders[i][2] };
    });
    files.push({ name: 'Cuc Thue.xlsx', bytes: 'không phải bảng tính' as unknown as Uint8Array, mtime: '2022-11-15T10:00:00+07:00' });
    const paths = writeFiles(path.join(session.dir, 'round'), files);

    const { page } = await open();
    await page.getByRole('tab', { name: 'Tổng hợp' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
    await panel.getByLabel('Chọn tệp').setInputFiles(paths);
    await panel.getByRole('button', { name: 'Tổng hợp' }).click();
    await panel.getByText(`Đã đọc ${paths.length}/${paths.length} tệp`).waitFor();
    await panel.getByText(/Đợt kh-cchc-2023 \(tự nhận biết\)/).waitFor();
    const downloadP = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Tải xuống' }).click();
    const download = await downloadP;
    expect(download.suggestedFilename()).toBe('tong-hop-kh-cchc-2023.xlsx');
    const out = parseWorkbookBytes(new Uint8Array(fs.readFileSync((await download.path())!)));
    const sheet = (name: string) => {
      const s = out.sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name} in ${out.sheets.map((x) => x.name).join(', ')}`);
      return s.values;
    };

    // Nothing lost: every non-empty cell of every data row is in the row naming its file and cell.
    let cells = 0;
    for (const [name, grid] of grids) {
      const check = validateWorkbook(grid, { catalog, fileName: name });
      for (const table of check.tables) {
        const rows = sheet(table.template.sheetName);
        const head = rows[0].map((v) => String(v ?? ''));
        const fileAt = head.indexOf('Tệp nguồn');
        const cellAt = head.indexOf('Ô nguồn');
        const firstCol = Math.min(...Object.values(table.columns));
        const values = grid.sheets.find((g) => g.name === table.sheet)!.values;
        for (const row of table.rows) {
          const outRow = rows.find((r) => r[fileAt] === name && r[cellAt] === `${table.sheet}!${a1(row.row, firstCol)}`);
          expect(outRow).toBeDefined();
          for (const v of values[row.row]) {
            if (v === null || v === '') continue;
            cells++;
            expect(outRow!.some((o) => sameCell(v, o))).toBe(true);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(150);

    // The roster: every expected unit without a file is on Chưa nộp; lateness in days; the broken
    // and the unidentified files are on Tổng hợp, not dropped.
    const summary = sheet('Tổng hợp');
    const h = summary[0].map((v) => String(v ?? ''));
    const byCode = (code: string) => summary.find((r) => r[h.indexOf('Mã đơn vị')] === code)!;
    const missing = sheet('Chưa nộp')
      .slice(1)
      .map((r) => r[0]);
    const sent = new Set(['STP', 'STC', 'STTTT', 'CTHUE']);
    const expectedIds = catalog.registry.units
      .filter((u) => round.expected.units.includes(u.id) || round.expected.kinds.includes(u.kind))
      .map((u) => u.id);
    expect(missing.sort()).toEqual(expectedIds.filter((id) => !sent.has(id)).sort());
    expect(byCode('STTTT')[h.indexOf('Số ngày trễ')]).toBeGreaterThan(0);
    expect(byCode('STP')[h.indexOf('Số ngày trễ')] ?? 0).toBe(0);
    expect(byCode('CTHUE')[h.indexOf('Tình trạng nộp')]).toBe('Tệp không đọc được');
    expect(summary.some((r) => String(r[h.indexOf('Tên đơn vị')]).startsWith('Chưa xác định (bao cao.xlsx)'))).toBe(true);
    expect(sheet('Lỗi').some((r) => r.includes('Cuc Thue.xlsx'))).toBe(true);

    // The table in the page says the same.
    await waitText(panel.getByRole('row', { name: /STTTT/ }), 'STTTT - bao cao.xlsx', { contains: true });
  });
});

test('a second merge on the same page is of its own files only', async () => {
  const make = (name: string, unit: string, seed: number) => ({
    name,
    bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission(unit, seed) })),
    mtime: '2022-11-14T10:00:00+07:00',
  });
  const first = writeFiles(path.join(session.dir, 'm1'), [
    make('So Tu phap.xlsx', 'Sở Tư pháp', 1),
    make('So Tai chinh.xlsx', 'Sở Tài chính', 2),
    make('STTTT.xlsx', 'Sở Thông tin và Truyền thông', 3),
  ]);
  const second = writeFiles(path.join(session.dir, 'm2'), [make('Cuc Thue.xlsx', 'Cục Thuế tỉnh', 4)]);
  const { page } = await open();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  const submitted = async () =>
    Number(await panel.getByText('Đã nộp', { exact: true }).locator('xpath=preceding-sibling::span[1]').textContent());
  await panel.getByLabel('Chọn tệp').setInputFiles(first);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
  expect(await submitted()).toBe(3);
  // A new choice adds to the last; cleared first, the second merge is of the second files only.
  await panel.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
  await panel.getByLabel('Chọn tệp').setInputFiles(second);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, 'Đã đọc 1/1 tệp', { contains: true });
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
  expect(await submitted()).toBe(1);
  await waitText(panel.getByRole('row', { name: /CTHUE/ }), 'Cuc Thue.xlsx', { contains: true });
  expect(await panel.getByRole('row', { name: /So Tu phap\.xlsx/ }).count()).toBe(0);
});

test('an earlier output chosen with the received files is not merged as a unit’s submission', async () => {
  const [sub] = writeFiles(path.join(session.dir, 'again'), [
    { name: 'So Tu phap.xlsx', bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Tư pháp', 1) })) },
  ]);
  const { page } = await open();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles([sub]);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  const downloadP = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Tải xuống' }).click();
  // Saved with the received files, under the name it was downloaded as.
  const [output] = writeFiles(path.join(session.dir, 'again'), [
    { name: 'tong-hop-kh-cchc-2023.xlsx', bytes: fs.readFileSync((await (await downloadP).path())!) },
  ]);
  await panel.getByLabel('Chọn tệp').setInputFiles([sub, output]);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, 'Không gộp 1 sổ tổng hợp do Phuluc tạo', { contains: true });
  await waitText(panel, 'tong-hop-kh-cchc-2023.xlsx.', { contains: true });
  const submitted = Number(await panel.getByText('Đã nộp', { exact: true }).locator('xpath=preceding-sibling::span[1]').textContent());
  expect(submitted).toBe(1);
  expect(await panel.getByRole('row', { name: /tong-hop/ }).count()).toBe(0);
});

test('a file that takes too long is stopped and reported, and the batch goes on', async () => {
  const make = (name: string, unit: string, seed: number) => ({
    name,
    bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission(unit, seed) })),
  });
  // 100,000 rows: seconds to read, far over the 1.5 s this page is given per file below.
  const slow = {
    name: 'So Y te.xlsx',
    bytes: gridToBytes(
      buildWorkbook({
        sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ Y TẾ'], rows: pl02Rows({ seed: 9, rows: 100_000 }) }],
      }),
    ),
  };
  const paths = writeFiles(path.join(session.dir, 'slow'), [
    make('So Tu phap.xlsx', 'Sở Tư pháp', 1),
    slow,
    make('So Tai chinh.xlsx', 'Sở Tài chính', 2),
  ]);
  const { page } = await session.open('app.html?fileTimeoutMs=1500');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, 'Đã đọc 3/3 tệp', { contains: true, timeout: 60_000 });
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
  await waitText(panel.getByRole('row', { name: /So Y te\.xlsx/ }), 'Tệp không đọc được', { contains: true });
  await waitText(panel.getByRole('row', { name: /So Tu phap\.xlsx/ }), 'Đã nộp', { contains: true });
  await waitText(panel.getByRole('row', { name: /So Tai chinh\.xlsx/ }), 'Đã nộp', { contains: true });
  // The stopped worker was replaced: the next merge on the page still works.
  await panel.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
  await panel.getByLabel('Chọn tệp').setInputFiles([paths[0]]);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, 'Đã đọc 1/1 tệp', { contains: true });
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
});

describe('Mẫu on the page', () => {
  test('lists the rounds and forms; a definition file is checked by the schema, errors shown readably', async () => {
    const { page } = await open();
    await page.getByRole('tab', { name: 'Mẫu' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Mẫu' });
    for (const r of catalog.rounds) await waitText(panel.getByRole('table', { name: 'Đợt báo cáo' }), r.id, { contains: true });
    for (const t of catalog.templates) await waitText(panel.getByRole('table', { name: 'Mẫu phụ lục' }), t.title, { contains: true });

    const bad = { id: 'Dot Moi', title: 'Đợt mới', forms: ['pl02', 'pl99'], expected: { kinds: ['department'] }, deadline: '2024-13-01' };
    const good = {
      id: 'kh-cchc-2024',
      title: 'Kế hoạch CCHC năm 2024',
      forms: ['pl01', 'pl02'],
      expected: { kinds: ['department'] },
      deadline: '2024-11-15',
    };
    const [badFile, goodFile] = writeFiles(path.join(session.dir, 'defs'), [
      { name: 'dot-moi.json', bytes: JSON.stringify(bad) },
      { name: 'kh-cchc-2024.json', bytes: JSON.stringify(good) },
    ]);
    const input = panel.getByLabel('Nạp định nghĩa (JSON)');
    await input.setInputFiles(badFile);
    const problems = await waitText(panel, 'Định nghĩa không hợp lệ', { contains: true });
    expect(problems).toMatch(/id/);
    expect(problems).toMatch(/deadline/);
    await input.setInputFiles(goodFile);
    await waitText(panel, 'Đã nạp đợt “kh-cchc-2024”', { contains: true });
    // The notice is kept as what to say, so the English button translates it too.
    await page.getByRole('button', { name: 'English' }).click();
    await waitText(page.getByRole('tabpanel', { name: 'Forms' }), 'Loaded round “kh-cchc-2024”', { contains: true });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await waitText(panel.getByRole('table', { name: 'Đợt báo cáo' }), 'kh-cchc-2024', { contains: true });
    // The new round can be chosen for a merge at once.
    await page.getByRole('tab', { name: 'Tổng hợp' }).click();
    const merge = page.getByRole('tabpanel', { name: 'Tổng hợp' });
    await merge.getByRole('combobox', { name: 'Đợt báo cáo' }).selectOption('kh-cchc-2024');
  });
});

describe('definitions loaded again', () => {
  test('a form re-loaded after a round that uses it keeps its place; checks still run', async () => {
    const form = (title: string) => JSON.stringify({ ...pl03Definition, id: 'pl99', sheetName: 'PL99', title });
    const round = { id: 'dot-thu', title: 'Đợt thử', forms: ['pl99'], expected: { kinds: ['department'] }, deadline: '2024-11-15' };
    const [formFile, roundFile] = writeFiles(path.join(session.dir, 'defs2'), [
      { name: 'pl99.json', bytes: form('Phụ lục 99: bản đầu') },
      { name: 'dot-thu.json', bytes: JSON.stringify(round) },
    ]);
    const { page } = await open();
    await page.getByRole('tab', { name: 'Mẫu' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Mẫu' });
    const input = panel.getByLabel('Nạp định nghĩa (JSON)');
    await input.setInputFiles(formFile);
    await waitText(panel, 'Đã nạp mẫu “pl99”', { contains: true });
    await input.setInputFiles(roundFile);
    await waitText(panel, 'Đã nạp đợt “dot-thu”', { contains: true });
    // The same file, edited and chosen again.
    fs.writeFileSync(formFile, form('Phụ lục 99: bản sửa'));
    await input.setInputFiles(formFile);
    await waitText(panel, 'Đã nạp mẫu “pl99”', { contains: true });
    await waitText(panel.getByRole('table', { name: 'Mẫu phụ lục' }), 'Phụ lục 99: bản sửa', { contains: true });
    // The workers took the definitions too: a check still runs.
    const [file] = writeFiles(session.dir, [
      {
        name: 'So Tu phap - PL02 (2).xlsx',
        bytes: gridToBytes(buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows: [good] }] })),
      },
    ]);
    await page.getByRole('tab', { name: 'Kiểm tra' }).click();
    const check = page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await check.getByLabel('Chọn tệp').setInputFiles(file);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(check.getByRole('status'), /^\d+ lỗi/);
  });
});

test('two rounds chosen together: one merged, the other round’s file and a note set apart, receipt times from the workbooks', async () => {
  const saved = (sheets: Parameters<typeof buildWorkbook>[0]['sheets'], at: string) => {
    const grid = buildWorkbook({ sheets });
    grid.savedAt = new Date(at).toISOString();
    return gridToBytes(grid);
  };
  const model = (unit: string) => [
    {
      form: 'mo-hinh',
      letterhead: ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()],
      rows: [{ stt: 1, ten_mo_hinh: 'Mô hình "Ngày thứ Bảy vì dân"', don_vi_chu_tri: unit }],
    },
  ];
  // Every file reached this disk long after the deadline; the workbooks say when they were saved.
  const arrived = '2023-05-02T09:00:00+07:00';
  const paths = writeFiles(path.join(session.dir, 'mixed'), [
    { name: 'So Tai chinh - mo hinh.xlsx', bytes: saved(model('Sở Tài chính'), '2023-03-20T10:00:00+07:00'), mtime: arrived },
    { name: 'So Tu phap - mo hinh.xlsx', bytes: saved(model('Sở Tư pháp'), '2023-03-27T10:00:00+07:00'), mtime: arrived },
    { name: 'So Tai chinh - PL01-04.xlsx', bytes: saved(khCchcSubmission('Sở Tài chính', 3), '2022-11-14T10:00:00+07:00'), mtime: arrived },
    { name: 'Ghi chu tiep nhan.txt', bytes: 'Danh sách tệp nhận qua hệ thống quản lý văn bản', mtime: arrived },
  ]);
  const { page } = await open();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await panel.getByText(/Đợt mo-hinh-2023 \(tự nhận biết\)/).waitFor();
  await waitText(panel, 'Các tệp đã chọn thuộc 2 đợt báo cáo (mo-hinh-2023: 2 tệp; kh-cchc-2023: 1 tệp)', { contains: true });
  await waitText(panel, 'Không tổng hợp 1 tệp của đợt khác: So Tai chinh - PL01-04.xlsx (kh-cchc-2023).', { contains: true });
  await waitText(panel, 'Không tính 1 tệp không phải bảng tính', { contains: true });
  const tile = async (label: string) =>
    Number(await panel.getByText(label, { exact: true }).locator('xpath=preceding-sibling::span[1]').textContent());
  expect(await tile('Phải nộp')).toBe(32);
  expect(await tile('Đã nộp')).toBe(2);
  expect((await tile('Đã nộp')) + (await tile('Chưa nộp'))).toBe(32);
  // Sở Tài chính's row is its mô hình file, received when it was saved: on time.
  await waitText(panel.getByRole('row', { name: /STC/ }), 'So Tai chinh - mo hinh.xlsx', { contains: true });
  await waitText(panel.getByRole('row', { name: /STC/ }), '20/03/2023 10:00', { contains: true });
  await waitText(panel.getByRole('row', { name: /STC/ }), 'Thời điểm lưu tệp', { contains: true });
  expect(await tile('Nộp trễ')).toBe(1); // Sở Tư pháp saved its workbook on 27/03, after the 24/03 deadline
});

test('Phản hồi: a unit’s text to send back, the same as the workbook’s sheet, copied with one click', async () => {
  const stc = buildWorkbook({ sheets: khCchcSubmission('Sở Tài chính', 5) });
  const pl02 = stc.sheets.find((s) => s.name === 'PL02')!;
  const head = pl02.values.findIndex((r) => r.includes('Tình trạng'));
  const statusAt = pl02.values[head].indexOf('Tình trạng');
  const first = pl02.values.findIndex((r, i) => i > head && typeof r[statusAt] === 'string' && r[statusAt] !== '');
  pl02.values[first][statusAt] = 'Gần xong';
  const paths = writeFiles(path.join(session.dir, 'feedback'), [
    { name: 'So Tai chinh.xlsx', bytes: gridToBytes(stc), mtime: '2022-11-14T10:00:00+07:00' },
  ]);
  const watched = await open();
  const { page } = watched;
  await watched.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await panel.getByRole('button', { name: 'Sao chép: Sở Tài chính' }).click();
  await panel.getByRole('button', { name: 'Sao chép: Sở Tài chính' }).getByText('Đã chép').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Kính gửi: Sở Tài chính\./);
  expect(copied).toContain(`Phụ lục 02, ô F${first + 1}: «Gần xong» không phải là giá trị được phép`);
  // The same text as the downloaded workbook's Phản hồi sheet.
  const downloadP = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Tải xuống' }).click();
  const out = parseWorkbookBytes(new Uint8Array(fs.readFileSync((await (await downloadP).path())!)));
  const sheet = out.sheets.find((s) => s.name === 'Phản hồi')!.values;
  expect(sheet.find((r) => r[0] === 'STC')?.[sheet[0].indexOf('Nội dung phản hồi')]).toBe(copied);
});

test('the file used is named apart from the files superseded and a broken re-send, as the merge decided', async () => {
  const saved = (at: string) => {
    const grid = buildWorkbook({
      sheets: [
        {
          form: 'mo-hinh',
          letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'],
          rows: [{ stt: 1, ten_mo_hinh: 'Mô hình "Ngày thứ Bảy vì dân"', don_vi_chu_tri: 'Sở Tư pháp' }],
        },
      ],
    });
    grid.savedAt = new Date(at).toISOString();
    return gridToBytes(grid);
  };
  // The broken re-send came last: guessing "the last file named wins" would name it.
  const paths = writeFiles(path.join(session.dir, 'resent'), [
    { name: 'So Tu phap - sua.xlsx', bytes: saved('2023-03-22T10:00:00+07:00') },
    { name: 'So Tu phap.xlsx', bytes: saved('2023-03-20T10:00:00+07:00') },
    { name: 'So Tu phap - gui lai.xlsx', bytes: 'hỏng', mtime: '2023-03-23T10:00:00+07:00' },
  ]);
  const { page } = await open();
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  const row = panel.getByRole('row', { name: /STP/ });
  await waitText(row.locator('[data-role="used"]'), 'Bản dùng: So Tu phap - sua.xlsx');
  await waitText(row.locator('[data-role="superseded"]'), 'Bản cũ (không dùng): So Tu phap.xlsx');
  await waitText(row.locator('[data-role="unreadable"]'), 'Không đọc được: So Tu phap - gui lai.xlsx');
  await page.getByRole('button', { name: 'English' }).click();
  const en = page.getByRole('tabpanel', { name: 'Merge' }).getByRole('row', { name: /STP/ });
  await waitText(en.locator('[data-role="used"]'), 'Used: So Tu phap - sua.xlsx');
  await waitText(en.locator('[data-role="superseded"]'), 'Superseded (not used): So Tu phap.xlsx');
});
