/**
 * One-click fixes and drop-downs in the task pane (issue 16), in real Chromium against the strict
 * Excel fake: Sửa and Sửa tất cả show their changes before making them, Hoàn tác puts every cell
 * back exactly, Thêm / Bỏ danh sách chọn add and remove Phuluc's validation, and below ExcelApi
 * 1.8 the drop-down buttons are not offered.
 */
import type { Page } from 'playwright-core';
import type { WorkbookGrid } from '../../src/core/grid/types';
import { fixableWorkbook, FIXABLE_TASK } from '../fixtures/fixable';
import { fakeOfficeScript, waitText } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const session = browserSession();
let officeJs: string;
beforeAll(() => {
  officeJs = fakeOfficeScript();
});

async function pane(grid: WorkbookGrid, version = '1.13'): Promise<Page> {
  const setup = {
    version,
    url: 'https://so-tu-phap.example/Shared%20Documents/So%20Tu%20phap.xlsx',
    grid: { sheets: grid.sheets.map((s) => ({ name: s.name, values: s.values, formats: s.formats, merges: s.merges, fonts: s.fonts })) },
  };
  const w = await session.open('taskpane.html', { officeJs, init: `window.__PHULUC_FAKE__ = ${JSON.stringify(setup)};` });
  return w.page;
}

const fake = <T>(page: Page, expr: string) => page.evaluate(`(() => { const s = window.__fakeState; return ${expr}; })()`) as Promise<T>;
const cells = (page: Page) => fake<string>(page, 'JSON.stringify(s.sheets.map((x) => [x.name, [...x.cells].sort()]))');

test('Sửa and Sửa tất cả show the change first and make it; Hoàn tác puts every cell back', async () => {
  const page = await pane(fixableWorkbook());
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel, 'Sở Tư pháp', { contains: true });
  const before = await cells(page);
  // Legacy text has one whole-workbook button (Chuyển … sang Unicode), not a second Sửa tất cả.
  expect(await panel.getByRole('button', { name: /^Chuyển 1 ô chữ mã cũ/ }).count()).toBe(1);
  expect(await panel.getByRole('button', { name: /^Sửa tất cả \(\d+\): chữ mã cũ/ }).count()).toBe(0);

  // The TCVN3 task: its own Sửa beside the finding; the confirm area names old and new.
  await panel.getByRole('button', { name: 'Sửa ô PL02!B11' }).click();
  const confirm = panel.getByTestId('fix-confirm');
  await waitText(confirm, `→ «${FIXABLE_TASK}»`, { contains: true });
  // Escape closes it without a change.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="fix-confirm"]'));
  expect(await cells(page)).toBe(before);
  await panel.getByRole('button', { name: 'Sửa ô PL02!B11' }).click();
  await confirm.getByRole('button', { name: 'Áp dụng' }).click();
  await waitText(panel, 'Đã sửa 1 ô.', { contains: true });
  expect(await fake(page, "s.sheet('PL02').cells.get('10,1').value")).toBe(FIXABLE_TASK);
  await page.waitForFunction(() => !document.querySelector('li[data-code="legacy-encoding"]'));

  // Every status and evaluation to its label, from the keyboard, in a pane 320 px wide.
  await page.setViewportSize({ width: 320, height: 800 });
  const all = panel.getByRole('button', { name: /^Sửa tất cả \(3\): tình trạng/ });
  await all.click();
  await waitText(confirm, '«hoàn thành.» → «Hoàn thành»', { contains: true });
  // The confirm area took the focus, and nothing in the pane is wider than the pane.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fix-confirm');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await confirm.getByRole('button', { name: 'Áp dụng' }).press('Enter');
  await waitText(panel, 'Đã sửa 3 ô.', { contains: true });
  expect(await fake(page, "s.sheet('PL02').cells.get('7,5').value")).toBe('Hoàn thành');
  expect(await fake(page, "s.sheet('PL01').cells.get('8,5').value")).toBe('Đạt');
  // The check ran again: nothing of that kind is left to fix.
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('button')).some((b) => /^Sửa tất cả \(\d+\): tình trạng/.test(b.textContent ?? '')),
  );

  // Hoàn tác, batch by batch, back to the very cells the officer had.
  await panel.getByRole('button', { name: 'Hoàn tác' }).click();
  await waitText(panel, 'Đã hoàn tác: 3 ô trở lại như trước.', { contains: true });
  await panel.getByRole('button', { name: 'Hoàn tác' }).click();
  await waitText(panel, 'Đã hoàn tác: 1 ô trở lại như trước.', { contains: true });
  expect(await cells(page)).toBe(before);
  expect(await panel.getByRole('button', { name: 'Hoàn tác' }).count()).toBe(0);
});

test('Thêm danh sách chọn puts the form’s list on the status column; Bỏ danh sách chọn takes only it away', async () => {
  const page = await pane(fixableWorkbook());
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel, 'Sở Tư pháp', { contains: true });
  const before = await cells(page);
  await panel.getByRole('button', { name: 'Thêm danh sách chọn' }).click();
  await waitText(panel, 'Đã thêm danh sách chọn', { contains: true });
  const v = await page.evaluate(() =>
    (window as unknown as { __fakeValidations: (s: string) => Record<string, any> }).__fakeValidations('PL02'),
  );
  expect(v['7,5'].rule.list.source).toContain('Hoàn thành,Hoàn thành nhưng chậm tiến độ');
  expect(v['7,5'].prompt).toMatchObject({ showPrompt: true, title: 'Phuluc · Tình trạng' });
  expect(v['12,6'].prompt.message).toContain('lý do cụ thể');
  await panel.getByRole('button', { name: 'Bỏ danh sách chọn' }).click();
  await waitText(panel, 'Đã bỏ', { contains: true });
  expect(await page.evaluate(() => (window as unknown as { __fakeValidations: (s: string) => object }).__fakeValidations('PL02'))).toEqual(
    {},
  );
  expect(await cells(page)).toBe(before);
});

test('below ExcelApi 1.8 the drop-down buttons are not offered', async () => {
  const page = await pane(fixableWorkbook(), '1.7');
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel, 'Sở Tư pháp', { contains: true });
  expect(await panel.getByRole('button', { name: /^Sửa tất cả/ }).count()).toBeGreaterThan(0);
  expect(await panel.getByRole('button', { name: 'Thêm danh sách chọn' }).count()).toBe(0);
});
