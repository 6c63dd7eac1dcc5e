/**
 * The pane against the browser fake (dist/taskpane.html in Chromium): the list follows the typing —
 * a cell edited in the workbook, and half a second later the list, the status line and the marks
 * change without a click; below ExcelApi 1.7 the pane offers Kiểm tra lại and says why.
 */
import type { Page } from 'playwright-core';
import { buildWorkbook } from '../fixtures/builder';
import { GOOD_PL02_ROW } from '../fixtures/content';
import type { WorkbookGrid } from '../../src/core/grid/types';
import { builtinCatalog } from '../../src/core/template/catalog';
import { countBySeverity } from '../../src/core/report/report';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { a1 } from '../../src/core/grid/address';
import { fakeOfficeScript, waitText } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const session = browserSession();
let officeJs: string;
beforeAll(() => {
  officeJs = fakeOfficeScript();
});

async function pane(grid: WorkbookGrid, version: string): Promise<Page> {
  const setup = {
    version,
    url: 'https://so-tu-phap.example/Shared%20Documents/So%20Tu%20phap%20-%20PL02.xlsx',
    grid: { sheets: grid.sheets.map((s) => ({ name: s.name, values: s.values, formats: s.formats, merges: s.merges, fonts: s.fonts })) },
  };
  const w = await session.open('taskpane.html', { officeJs, init: `window.__PHULUC_FAKE__ = ${JSON.stringify(setup)};` });
  return w.page;
}

const good = GOOD_PL02_ROW;
const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const grid = () =>
  buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows: [good, { ...good, stt: 2, tinh_trang: 'Xong rồi' }] }] });

test('a status typed over a wrong one: after the debounce the problem leaves the list, its mark goes, the status line follows', async () => {
  const g = grid();
  const check = validateWorkbook(g, { catalog: builtinCatalog(), fileName: 'So Tu phap - PL02.xlsx' });
  const wrong = check.findings.find((f) => f.code === 'value-not-allowed')!;
  const cell = a1(wrong.row!, wrong.col!);
  const { errors, warnings } = countBySeverity(check);
  const page = await pane(g, '1.13');
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel.getByRole('status'), `${errors} lỗi, ${warnings} cảnh báo`);
  await panel.getByRole('button', { name: new RegExp(`PL02!${cell}`) }).waitFor();
  await waitText(panel, 'Danh sách tự cập nhật', { contains: true });
  const marked = () =>
    page.evaluate(
      (c) =>
        (window as unknown as { __fakeState: { sheet(n: string): { cfs: { ranges: { r0: number; c0: number }[] }[] } } }).__fakeState
          .sheet('PL02')
          .cfs.some((cf) => cf.ranges.some((r) => r.r0 === c.r && r.c0 === c.c)),
      { r: wrong.row!, c: wrong.col! },
    );
  expect(await marked()).toBe(true);
  // Where focus is now (the result's summary, after the check): it must stay there.
  await page.evaluate(() => document.activeElement?.setAttribute('data-focus-before', ''));
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  // The person types in Excel; no click in the pane.
  await page.evaluate(
    (c) => (window as unknown as { __userEdit(s: string, a: string, v: string[][]): void }).__userEdit('PL02', c, [['Hoàn thành']]),
    cell,
  );
  // What a whole check of the edited workbook finds (the wrong status gone).
  const edited = grid();
  edited.sheets[0].values[wrong.row!][wrong.col!] = 'Hoàn thành';
  const after = countBySeverity(validateWorkbook(edited, { catalog: builtinCatalog(), fileName: 'So Tu phap - PL02.xlsx' }));
  expect(after.errors).toBe(errors - 1);
  await waitText(panel.getByRole('status'), `${after.errors} lỗi, ${after.warnings} cảnh báo`);
  expect(await panel.getByRole('button', { name: new RegExp(`PL02!${cell}`) }).count()).toBe(0);
  expect(await marked()).toBe(false);
  // Focus stayed where it was (the status line announces, it does not take focus).
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-focus-before'))).toBe(true);
});

test('below ExcelApi 1.7: no events, the pane says why and offers Kiểm tra lại', async () => {
  const page = await pane(grid(), '1.6');
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await panel.getByRole('button', { name: 'Kiểm tra lại' }).waitFor();
  await waitText(panel, 'ExcelApi 1.7', { contains: true });
  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('tabpanel', { name: 'Check' });
  await english.getByRole('button', { name: 'Check again' }).waitFor();
  await waitText(english, 'does not tell add-ins when cells change', { contains: true });
});
