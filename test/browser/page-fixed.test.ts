/**
 * Tải bản đã sửa on the page (issue 16), in real Chromium: the downloaded copy has the certain fixes
 * and the forms' drop-downs, and checks clean of what was fixed.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { gridToBytes } from '../fixtures/builder';
import { fixableWorkbook, FIXABLE_TASK } from '../fixtures/fixable';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { proposeFixes } from '../../src/core/fixes/propose';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { waitText, writeFiles } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const session = browserSession();

test('the fixed copy downloads with the fixes and the drop-downs, and checks clean of those findings', async () => {
  const source = gridToBytes(fixableWorkbook());
  const [file] = writeFiles(session.dir, [{ name: 'So Tu phap.xlsx', bytes: source }]);
  const { page } = await session.open('app.html');
  const panel = page.getByRole('tabpanel', { name: 'Kiểm tra' });
  await panel.getByLabel('Chọn tệp').setInputFiles(file);
  await panel.getByRole('button', { name: 'Kiểm tra' }).click();
  await waitText(panel.getByRole('status'), /^\d+ lỗi/);
  const downloadP = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Tải bản đã sửa' }).click();
  const download = await downloadP;
  expect(download.suggestedFilename()).toBe('So Tu phap (da sua).xlsx');
  const bytes = new Uint8Array(fs.readFileSync((await download.path())!));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  const pl02 = wb.getWorksheet('PL02')!;
  expect(pl02.getCell('F8').value).toBe('Hoàn thành');
  expect(pl02.getCell('B11').value).toBe(FIXABLE_TASK);
  expect(pl02.getCell('F8').dataValidation).toMatchObject({ type: 'list', promptTitle: 'Phuluc · Tình trạng' });
  expect(wb.getWorksheet('PL01')!.getCell('F9').value).toBe('Đạt');

  const catalog = builtinCatalog();
  const grid = parseWorkbookBytes(bytes);
  const again = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
  expect(proposeFixes(grid, again)).toEqual([]);
  expect(again.findings.filter((f) => f.code === 'legacy-encoding')).toEqual([]);
  const before = validateWorkbook(parseWorkbookBytes(source), { catalog, fileName: 'So Tu phap.xlsx' });
  expect(again.findings.length).toBe(before.findings.filter((f) => f.code !== 'legacy-encoding').length);
});
