/**
 * The task pane (dist/taskpane.html) in real Chromium with the strict Excel fake in place of
 * office.js: the check lists the problems, a click moves Excel's selection to the cell, marks come
 * and go, a clean workbook is stamped, and a merge writes the consolidated sheets into the workbook.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { GOOD_PL02_ROW, khCchcSubmission, pl02Rows } from '../fixtures/content';
import type { WorkbookGrid } from '../../src/core/grid/types';
import { builtinCatalog } from '../../src/core/template/catalog';
import { countBySeverity } from '../../src/core/report/report';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { encodeTcvn3 } from '../../src/core/text/legacy';
import { fakeOfficeScript, waitText, writeFiles } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const session = browserSession();
let officeJs: string;
beforeAll(() => {
  officeJs = fakeOfficeScript();
});

/** Opens the pane over a fake workbook holding `grid`, as Excel would with office.js. */
async function pane(
  grid: WorkbookGrid,
  url = 'https://so-tu-phap.example/Shared%20Documents/So%20Tu%20phap%20-%20PL02.xlsx',
  theme?: string,
): Promise<Page> {
  const setup = {
    version: '1.13',
    url,
    bodyBackgroundColor: theme,
    grid: { sheets: grid.sheets.map((s) => ({ name: s.name, values: s.values, formats: s.formats, merges: s.merges, fonts: s.fonts })) },
  };
  const w = await session.open('taskpane.html', { officeJs, init: `window.__PHULUC_FAKE__ = ${JSON.stringify(setup)};` });
  return w.page;
}

const fake = <T>(page: Page, expr: string) => page.evaluate(`(() => { const s = window.__fakeState; return ${expr}; })()`) as Promise<T>;

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const good = GOOD_PL02_ROW;

test('check, list, jump to the cell on click, marks on and off', async () => {
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: STP,
        rows: [good, { ...good, stt: 2, ket_qua: null }, { ...good, stt: 3, tinh_trang: 'Đang thực hiện', ly_do: null }],
      },
    ],
  });
  const { errors, warnings } = countBySeverity(validateWorkbook(grid, { catalog: builtinCatalog(), fileName: 'So Tu phap - PL02.xlsx' }));
  expect(errors).toBeGreaterThanOrEqual(2);
  const page = await pane(grid);
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel.getByRole('status'), `${errors} lỗi, ${warnings} cảnh báo`);
  await waitText(panel, 'Sở Tư pháp', { contains: true });

  const missingReason = panel.getByRole('button', { name: /PL02!G9/ });
  await missingReason.click();
  await page.waitForFunction(() => (window as unknown as { __fakeState: { selection: unknown } }).__fakeState.selection !== null);
  expect(await fake(page, 's.selection')).toEqual({ sheet: 'PL02', address: 'G9' });
  expect(await fake(page, 's.activeSheet')).toBe('PL02');
  await panel.getByRole('button', { name: /PL02!E8/ }).click();
  await page.waitForFunction(
    () => (window as unknown as { __fakeState: { selection: { address: string } } }).__fakeState.selection.address === 'E8',
  );

  // The check marked the two cells; the switch takes the marks away and puts them back.
  expect(await fake<number>(page, "s.sheet('PL02').cfs.length")).toBeGreaterThan(0);
  await panel.getByRole('switch', { name: 'Tô màu các ô có vấn đề' }).click();
  await page.waitForFunction(
    () => (window as unknown as { __fakeState: { sheet(n: string): { cfs: unknown[] } } }).__fakeState.sheet('PL02').cfs.length === 0,
  );
  await panel.getByRole('switch', { name: 'Tô màu các ô có vấn đề' }).click();
  await page.waitForFunction(
    () => (window as unknown as { __fakeState: { sheet(n: string): { cfs: unknown[] } } }).__fakeState.sheet('PL02').cfs.length > 0,
  );
  await panel.getByRole('button', { name: 'Xóa đánh dấu' }).click();
  await waitText(panel, 'Đã xóa mọi đánh dấu của Phuluc.', { contains: true });
  expect(await fake<number>(page, "s.sheet('PL02').cfs.length")).toBe(0);
  // A workbook with errors is not stamped.
  expect(await fake(page, "s.customProps.has('phuluc.stamp')")).toBe(false);
  // What the pane said stays on screen, and follows the language button like every label.
  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('tabpanel', { name: 'Check' });
  await waitText(english, 'All Phuluc marks removed.', { contains: true });
  expect(await english.textContent()).not.toContain('Đã xóa mọi đánh dấu');
});

test('the ribbon button checks too, and the open pane shows what it found', async () => {
  const grid = buildWorkbook({
    sheets: [{ form: 'pl02', letterhead: STP, rows: [good, { ...good, stt: 2, tinh_trang: 'Đang thực hiện', ly_do: null }] }],
  });
  const { errors, warnings } = countBySeverity(validateWorkbook(grid, { catalog: builtinCatalog(), fileName: 'So Tu phap - PL02.xlsx' }));
  const page = await pane(grid);
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).waitFor();
  await page.evaluate(() => (window as unknown as { __ribbon(n: string): Promise<void> }).__ribbon('phulucCheck'));
  await waitText(panel.getByRole('status'), `${errors} lỗi, ${warnings} cảnh báo`);
  // The ribbon selected the first error; the pane's list jumps like after its own check.
  expect(await fake(page, 's.selection')).toEqual({ sheet: 'PL02', address: 'G8' });
  await panel.getByRole('button', { name: /PL02!G8/ }).waitFor();
});

test('a clean workbook is stamped and the pane says it is ready to send', async () => {
  // All four forms of the round, none with an error.
  const grid = buildWorkbook({
    sheets: khCchcSubmission('Sở Tư pháp', 1, 6).map((s) => (s.form === 'pl02' ? { ...s, rows: [good, { ...good, stt: 2 }] } : s)),
  });
  expect(countBySeverity(validateWorkbook(grid, { catalog: builtinCatalog(), fileName: 'x.xlsx' })).errors).toBe(0);
  const page = await pane(grid);
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel.getByRole('status'), /^0 lỗi/);
  await waitText(panel, 'sẵn sàng gửi', { contains: true });
  const stamp = JSON.parse(await fake<string>(page, "s.customProps.get('phuluc.stamp')"));
  expect(stamp.unit).toBe('STP');
});

test('Tổng hợp writes the consolidated sheets into the open workbook', async () => {
  const paths = writeFiles(path.join(session.dir, 'in'), [
    {
      name: 'So Tu phap.xlsx',
      bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Tư pháp', 1, 6) })),
      mtime: '2022-11-14T10:00:00+07:00',
    },
    {
      name: 'So Tai chinh.xlsx',
      bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Tài chính', 7, 6) })),
      mtime: '2022-11-20T10:00:00+07:00',
    },
  ]);
  const page = await pane(
    { sheets: [{ name: 'Sheet1', values: [['Tổng hợp của Sở Nội vụ']], merges: [], visibility: 'visible' }] } as unknown as WorkbookGrid,
    '',
  );
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, /Đã ghi \d+ trang tổng hợp vào sổ làm việc đang mở/, { timeout: 60_000 });
  const names = await fake<string[]>(page, 's.sheets.map((x) => x.name)');
  expect(names).toEqual(expect.arrayContaining(['Sheet1', 'Tổng hợp', 'PL01', 'PL02', 'PL03', 'PL04', 'Lỗi', 'Chưa nộp']));
  // The summary names both senders, with the late one's days.
  const summary = await fake<string[][]>(
    page,
    "(() => { const sh = s.sheet('Tổng hợp'); const rows = []; for (const [k, c] of sh.cells) { const [r, col] = k.split(',').map(Number); (rows[r] ??= [])[col] = c.value; } return rows; })()",
  );
  const head = summary[0];
  const stc = summary.find((r) => r && r[head.indexOf('Mã đơn vị')] === 'STC')!;
  expect(stc[head.indexOf('Số ngày trễ')]).toBeGreaterThan(0);
  expect(summary.some((r) => r && r[head.indexOf('Mã đơn vị')] === 'STP')).toBe(true);
  // The sheet that was there is untouched.
  expect(await fake(page, "s.sheet('Sheet1').cells.get('0,0').value")).toBe('Tổng hợp của Sở Nội vụ');
  // No table shown without its figures.
  await waitText(panel, 'Đã nộp', { contains: true });
});

test('text typed in TCVN3 is converted to Unicode by one button, then the check is clean of it', async () => {
  const plain = pl02Rows({ seed: 3, rows: 4 });
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: STP,
        rows: plain.map((r) => ('nhiem_vu' in r ? { ...r, nhiem_vu: encodeTcvn3(String(r.nhiem_vu)) } : r)),
      },
    ],
  });
  const page = await pane(grid);
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  const convert = panel.getByRole('button', { name: /^Chuyển 4 ô chữ mã cũ/ });
  await convert.click();
  await waitText(panel, 'Đã chuyển 4 ô sang Unicode', { contains: true });
  expect(await fake(page, "s.sheet('PL02').cells.get('6,1').value")).toBe(String((plain[0] as Record<string, unknown>).nhiem_vu));
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await page.waitForFunction(() => !document.querySelector('li[data-code="legacy-encoding"]'));
  expect(await panel.getByRole('button', { name: /^Chuyển \d+ ô chữ mã cũ/ }).count()).toBe(0);
});

test('the pane follows Office’s dark theme', async () => {
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows: [good] }] });
  const background = async (page: Page) =>
    page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
  const light = await pane(grid);
  const dark = await pane(grid, undefined, '#262626');
  const lum = (rgb: string) =>
    rgb
      .match(/\d+/g)!
      .slice(0, 3)
      .reduce((s, v) => s + Number(v), 0);
  expect(lum(await background(light))).toBeGreaterThan(600);
  expect(lum(await background(dark))).toBeLessThan(200);
});
