/**
 * The page as its two users meet it, at a task pane's width (320 px) and by keyboard: the officer's
 * list of problems (errors first, "Chỉ lỗi", severity in words, places in words, groups that fold)
 * and the clerk's table (tiles that filter, search, sort, badges). No sideways scrolling after a
 * check or after a merge of 150 files; focus moves to the result and the live region, present
 * before, says it; axe-core finds nothing but Fluent's own focus helpers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { writeBatch } from '../fixtures/batch';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { GOOD_PL02_ROW, khCchcSubmission } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { fakeOfficeScript, waitText, writeFiles } from './harness';
import { browserSession } from './session';

jest.setTimeout(240_000);

const session = browserSession();
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const good = GOOD_PL02_ROW;
const planted = () =>
  gridToBytes(
    buildWorkbook({
      sheets: [
        {
          form: 'pl02',
          letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'],
          rows: [
            { ...good, stt: 1, tinh_trang: 'Chưa hoàn thành', ly_do: 'Khách quan' }, // reason-vague G7 (warning) before the errors
            { ...good, stt: 2, nhiem_vu: 'Rà soát thủ tục hành chính cấp tỉnh', ket_qua: null }, // value-required E8
            { ...good, stt: 3, tinh_trang: 'Xong rồi' }, // value-not-allowed F9
          ],
        },
      ],
    }),
  );

/** Wider than the window: the page scrolls sideways (WCAG 1.4.10). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

interface AxeViolation {
  id: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's violations, less Fluent's focus-trap helpers (tabster's hidden dummy inputs). */
async function axeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  // Through the DevTools protocol: the page's CSP (script-src 'self') refuses an inline script tag.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return found
    .map((v) => ({ id: v.id, targets: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')).map((n) => n.target.join(' ')) }))
    .filter((v) => v.targets.length > 0);
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement === document.body ? '<body>' : (document.activeElement?.textContent ?? '')));
}

async function pressButton(panel: Locator, name: string) {
  const b = panel.getByRole('button', { name, exact: true });
  await b.focus();
  await b.press('Enter');
}

test('Kiểm tra at 320 px by keyboard: errors first with icon and word, places in words, "Chỉ lỗi", focus and announcement, axe clean', async () => {
  const name = 'So Tu phap - PL02 - ban gui lan hai co ten rat dai khong co khoang trang.xlsx';
  const [file] = writeFiles(session.dir, [{ name, bytes: planted() }]);
  const engine = validateWorkbook(parseWorkbookBytes(planted()), { catalog: builtinCatalog(), fileName: name });
  const errors = engine.findings.filter((f) => f.severity === 'error').length;
  const counts = `${errors} lỗi, ${engine.findings.length - errors} cảnh báo`;
  expect(errors).toBeGreaterThan(1);
  const { page } = await session.open('app.html');
  await page.setViewportSize({ width: 320, height: 800 });
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  // The live region is there, empty, before anything is checked: its change is what is announced.
  expect(await panel.getByRole('status').textContent()).toBe('');
  await panel.getByLabel('Chọn tệp').setInputFiles(file);
  await pressButton(panel, 'Kiểm tra');
  await waitText(panel.getByRole('status'), counts);
  await page.waitForFunction((c) => document.activeElement?.textContent === c, counts);
  expect(await focusedText(page)).toBe(counts);

  const items = panel.locator('li[data-code]');
  await waitText(panel.locator('li[data-code]', { hasText: 'PL02!E8' }), 'dòng 8', { contains: true });
  const list = await items.evaluateAll((els) =>
    els.map((e) => ({
      sheet: e.closest('details')?.getAttribute('data-sheet') ?? '',
      sev: e.getAttribute('data-severity'),
      text: e.textContent ?? '',
    })),
  );
  expect(list).toHaveLength(engine.findings.length);
  // Within each form, errors first though the warning's row (7) comes before theirs; each says its severity in a word.
  const pl02 = list.filter((i) => i.sheet === 'PL02');
  const pl02Errors = pl02.filter((i) => i.sev === 'error').length;
  expect(pl02Errors).toBeGreaterThan(0);
  expect(pl02.length).toBeGreaterThan(pl02Errors);
  expect(pl02.map((i) => i.sev)).toEqual([...Array(pl02Errors).fill('error'), ...Array(pl02.length - pl02Errors).fill('warning')]);
  for (const i of pl02) expect(i.text).toMatch(i.sev === 'error' ? /^PL02!\w+\d+Lỗi/ : /^PL02!\w+\d+Cảnh báo/);
  // The place in words: row, column header, the row's task.
  const e8 = pl02.find((i) => i.text.startsWith('PL02!E8'));
  expect(e8?.text).toContain('dòng 8, cột “Kết quả thực hiện đến 10/11/2022”, nhiệm vụ: “Rà soát thủ tục hành chính cấp tỉnh”');
  // The group names its form.
  await waitText(panel.locator('details[data-sheet="PL02"] > summary'), new RegExp(`^PL02 — Phụ lục 02: .* \\(${pl02.length} vấn đề\\)$`));
  // The passed message of the page no longer sends the unit to Excel.
  expect(await panel.textContent()).not.toContain('Excel có Phuluc');

  await panel.getByRole('switch', { name: 'Chỉ lỗi' }).check();
  await page.waitForFunction(() => document.querySelectorAll('li[data-severity="warning"]').length === 0);
  expect(await items.count()).toBe(errors);

  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);

  // The Mẫu tab too.
  await page.getByRole('tab', { name: 'Mẫu' }).click();
  await waitText(page.getByRole('tabpanel', { name: 'Mẫu' }).getByRole('table', { name: 'Mẫu phụ lục' }), 'pl02', { contains: true });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('Tổng hợp at 320 px: 150 files merged without sideways scrolling, tiles filter, search and sort the table; focus, announcement, axe clean', async () => {
  const { files } = writeBatch(path.join(session.dir, 'b150'), 150);
  const { page } = await session.open('app.html');
  await page.setViewportSize({ width: 320, height: 800 });
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  // The round list holds long titles: it must not widen the pane before anything is chosen.
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // Chosen in two goes (two folders): the second adds to the first.
  await panel.getByLabel('Chọn tệp').setInputFiles(files.slice(0, 100));
  await panel.getByLabel('Chọn tệp').setInputFiles(files.slice(90));
  await waitText(panel.locator('summary'), 'Đã chọn 150 tệp');
  await pressButton(panel, 'Tổng hợp');
  await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Đợt kh-cchc-2023') ?? false, undefined, {
    timeout: 180_000,
  });
  const status = await waitText(panel.getByRole('status'), /^Phải nộp \d+, Đã nộp 0, Chưa nộp \d+$/);
  const expected = Number(/Phải nộp (\d+)/.exec(status)![1]);
  expect(expected).toBeGreaterThan(0);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

  const rows = panel.locator('tbody tr');
  // 100 rows drawn at first, the rest on request.
  await waitText(panel, `Hiện ${150 + expected}/${150 + expected} dòng`, { contains: true });
  expect(await rows.count()).toBe(100);
  await panel.getByRole('button', { name: `Xem thêm ${Math.min(100, 50 + expected)} dòng` }).click();
  expect(await rows.count()).toBe(150 + expected);
  // The tile "Chưa nộp" is a toggle: pressed, the table shows the missing units only.
  const missing = panel.getByRole('button', { name: new RegExp(`^${expected}\\s*Chưa nộp$`) });
  await missing.click();
  expect(await missing.getAttribute('aria-pressed')).toBe('true');
  expect(await rows.count()).toBe(expected);
  expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))))).toEqual(new Set(['missing']));
  await waitText(rows.first(), 'Chưa nộp', { contains: true });
  await missing.click();
  expect(await rows.count()).toBe(150 + expected);
  // Sorted by unit, then the other way: the unidentified files (no code) last, then first.
  const unitHeader = panel.getByRole('columnheader', { name: 'Đơn vị' });
  await unitHeader.getByRole('button').click();
  expect(await unitHeader.getAttribute('aria-sort')).toBe('ascending');
  expect(await rows.first().getAttribute('data-state')).not.toBe('unidentified');
  expect(await rows.last().getAttribute('data-state')).toBe('unidentified');
  await unitHeader.getByRole('button').click();
  expect(await unitHeader.getAttribute('aria-sort')).toBe('descending');
  expect(await rows.first().getAttribute('data-state')).toBe('unidentified');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // Found as typed, without the accents.
  await panel.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('don-vi-007');
  expect(await rows.count()).toBe(1);
  await waitText(rows.first(), 'Chưa xác định', { contains: true });
  await panel.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('a chosen file is removed from the selection; a merge is stopped; a double click downloads once', async () => {
  const { files } = writeBatch(path.join(session.dir, 'b40'), 40);
  const { page } = await session.open('app.html');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(files);
  await panel.locator('summary', { hasText: 'Đã chọn 40 tệp' }).click();
  await panel.getByRole('button', { name: 'Bỏ don-vi-001.xlsx' }).click();
  await waitText(panel.locator('summary'), 'Đã chọn 39 tệp');
  expect(await panel.getByRole('list', { name: 'Các tệp đã chọn' }).textContent()).not.toContain('don-vi-001.xlsx');

  await panel.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  await panel.getByRole('button', { name: 'Dừng' }).click();
  await waitText(panel, 'Đã dừng tổng hợp.', { contains: true });
  expect(await panel.locator('tbody tr').count()).toBe(0);

  // Merged again to the end: one file per press of "Tải xuống", however fast the second click.
  await panel.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor({ timeout: 120_000 });
  let downloads = 0;
  page.on('download', () => downloads++);
  const first = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Tải xuống' }).dblclick();
  await first;
  await page.waitForTimeout(1500); // a second download would have started by now
  expect(downloads).toBe(1);
  await waitText(panel.locator('tbody tr').first(), /.+/);
});

test('the clerk opens a unit’s problems in its row, and gives an unidentified file to a unit; English statuses in English', async () => {
  const withErrors = khCchcSubmission('Sở Tư pháp', 1);
  withErrors[1] = { form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: [good, { ...good, stt: 2, ket_qua: null }] };
  const paths = writeFiles(path.join(session.dir, 'assign'), [
    { name: 'So Tu phap.xlsx', bytes: gridToBytes(buildWorkbook({ sheets: withErrors })) },
    { name: 'Ky Anh.xlsx', bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Phòng một cửa', 2) })) },
  ]);
  const { page } = await session.open('app.html');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
  const tile = async (label: string) =>
    Number(await panel.getByText(label, { exact: true }).locator('xpath=preceding-sibling::span[1]').textContent());
  expect(await tile('Chưa xác định')).toBe(1);
  expect(await tile('Đã nộp')).toBe(1);

  // Sở Tư pháp's problems, opened in place: the cell and the message, in the table.
  const stp = panel.getByRole('row', { name: /STP/ });
  const show = stp.getByRole('button', { name: /^Xem \d+ lỗi$/ });
  expect(await show.getAttribute('aria-expanded')).toBe('false');
  await show.click();
  const issues = panel.getByRole('list', { name: 'Các vấn đề của So Tu phap.xlsx' });
  await waitText(issues, 'PL02!E8', { contains: true });
  expect(await stp.getByRole('button', { name: 'Ẩn lỗi' }).getAttribute('aria-expanded')).toBe('true');

  // Ky Anh.xlsx given to Văn phòng UBND tỉnh: merged again, no longer unidentified.
  await panel.getByRole('combobox', { name: 'Gán tệp Ky Anh.xlsx cho đơn vị' }).selectOption('VPUB');
  await waitText(panel, 'Đã gán Ky Anh.xlsx cho VPUB', { contains: true });
  await waitText(panel.getByRole('row', { name: /VPUB/ }), 'Ky Anh.xlsx', { contains: true });
  await waitText(panel.getByRole('row', { name: /VPUB/ }), 'Đã nộp', { contains: true });
  expect(await tile('Đã nộp')).toBe(2);
  expect(await panel.getByText('Chưa xác định', { exact: true }).count()).toBe(0);

  // Sở Tư pháp's receipt corrected to the date the document system recorded: 10 days late, and the
  // assignment above survives the new merge.
  const date = panel.getByLabel('Sửa ngày nhận của STP');
  await date.fill('2022-11-25');
  await date.press('Enter');
  await waitText(panel, 'Đã sửa ngày nhận của STP thành 25/11/2022', { contains: true });
  await waitText(panel.getByRole('row', { name: /STP/ }), '25/11/2022 00:00', { contains: true });
  expect(await panel.getByRole('row', { name: /STP/ }).locator('td').last().textContent()).toBe('10');
  await waitText(panel.getByRole('row', { name: /VPUB/ }), 'Ky Anh.xlsx', { contains: true });

  // In English the statuses are English too.
  await page.getByRole('button', { name: 'English' }).click();
  const en = page.getByRole('tabpanel', { name: 'Merge' });
  await waitText(en.getByRole('row', { name: /VPUB/ }), 'Submitted', { contains: true });
  await waitText(en.getByRole('row', { name: /SKHDT/ }), 'Missing', { contains: true });
  expect(await en.locator('tbody').textContent()).not.toMatch(/Đã nộp|Chưa nộp/);
});

test('an engine message is said in the pane’s language only', async () => {
  // A workbook with no form in it: the round cannot be told.
  const [file] = writeFiles(path.join(session.dir, 'noform'), [
    {
      name: 'Ghi chu.xlsx',
      bytes: gridToBytes({
        sheets: [{ name: 'Sheet1', visibility: 'visible', values: [['Danh sách đơn vị'], ['Sở Tư pháp']], merges: [] }],
      }),
    },
  ]);
  const { page } = await session.open('app.html');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(file);
  await panel.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  const vi = await waitText(panel, 'Không xác định được đợt báo cáo', { contains: true });
  expect(vi).not.toContain('Cannot tell');
  await page.getByRole('button', { name: 'English' }).click();
  const en = await waitText(page.getByRole('tabpanel', { name: 'Merge' }), 'Cannot tell which round', { contains: true });
  expect(en).not.toContain('Không xác định được đợt');
});

test('the pane in Excel at 320 px: after Kiểm tra, focus on the result, problems as buttons to their cells, no sideways scroll, axe clean', async () => {
  const grid = parseWorkbookBytes(planted());
  const setup = {
    version: '1.13',
    url: 'https://x/So%20Tu%20phap.xlsx',
    grid: { sheets: grid.sheets.map((x) => ({ name: x.name, values: x.values, formats: x.formats, merges: x.merges, fonts: x.fonts })) },
  };
  const { page } = await session.open('taskpane.html', {
    officeJs: fakeOfficeScript(),
    init: `window.__PHULUC_FAKE__ = ${JSON.stringify(setup)};`,
  });
  await page.setViewportSize({ width: 320, height: 800 });
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  expect(await panel.getByRole('status').textContent()).toBe('');
  await pressButton(panel, 'Kiểm tra');
  const counts = await waitText(panel.getByRole('status'), /^\d+ lỗi, \d+ cảnh báo$/);
  await page.waitForFunction((c) => document.activeElement?.textContent === c, counts);
  await waitText(panel.locator('li[data-code] button', { hasText: 'PL02!E8' }), 'dòng 8', { contains: true });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  await page.getByRole('tabpanel', { name: 'Tổng hợp' }).getByRole('combobox', { name: 'Đợt báo cáo' }).waitFor();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('Tổng hợp at 1280 px: the clerk’s table of 300 files takes the screen’s width as a table, its header in sight; back to 320 px it folds', async () => {
  const { files } = writeBatch(path.join(session.dir, 'b300'), 300);
  const { page } = await session.open('app.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(files);
  await panel.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor({ timeout: 200_000 });
  await panel.getByRole('button', { name: /^Xem thêm \d+ dòng$/ }).click();
  await panel.getByRole('button', { name: /^Xem thêm \d+ dòng$/ }).click();
  expect(await panel.locator('tbody tr').count()).toBeGreaterThanOrEqual(300);

  const table = panel.getByRole('table', { name: 'Tổng hợp' });
  const layout = () =>
    table.evaluate((t) => ({
      width: t.getBoundingClientRect().width,
      row: getComputedStyle(t.querySelector('tbody tr')!).display,
      head: getComputedStyle(t.querySelector('thead')!).display,
    }));
  // Not the 960 px column of a laptop, nor the pane's cards: a table across the screen.
  const wide = await layout();
  expect(wide.width).toBeGreaterThan(1100);
  expect(wide.row).toBe('table-row');
  expect(wide.head).not.toBe('block');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // Scrolled down the 300 rows, the column headers stay in sight at the top of the table's box.
  const region = panel.getByRole('region', { name: 'Tổng hợp' });
  await region.evaluate((r) => (r.scrollTop = 4000));
  const [boxTop, headTop] = await region.evaluate((r) => [
    r.getBoundingClientRect().top,
    r.querySelector('th')!.getBoundingClientRect().top,
  ]);
  expect(Math.abs(headTop - boxTop)).toBeLessThanOrEqual(1);
  expect(await axeViolations(page)).toEqual([]);

  // The same page in a task pane's width: labelled blocks, no sideways scrolling.
  await page.setViewportSize({ width: 320, height: 800 });
  expect((await layout()).row).toBe('block');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
});
