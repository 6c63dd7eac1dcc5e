/**
 * Tải bản đã sửa (issue 16): the page's copy with the certain fixes made and the drop-downs added,
 * reopened by exceljs and checked again by the engine.
 */
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { fixedCopy } from '../../src/xlsx/fixed-copy';
import type { Inflate } from '../../src/xlsx/highlight-copy';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { proposeFixes } from '../../src/core/fixes/propose';
import { dropdownPlan } from '../../src/core/fixes/dropdowns';
import { gridToBytes } from '../fixtures/builder';
import { dateCatalog, fixableWorkbook, FIXABLE_TASK } from '../fixtures/fixable';
import { unzip } from '../fixtures/zip';

const inflate: Inflate = (data, expectedSize) => Promise.resolve(zlib.inflateRawSync(data, { maxOutputLength: expectedSize + 1 }));
const catalog = dateCatalog();

async function fixed(bytes: Uint8Array) {
  const grid = parseWorkbookBytes(bytes);
  const check = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
  const fixes = proposeFixes(grid, check);
  const plan = dropdownPlan(check.tables);
  return { check, fixes, plan, out: await fixedCopy(bytes, fixes, plan, inflate) };
}

test('the fixed copy holds the fixed values and the drop-downs, and checks clean of those findings', async () => {
  const bytes = gridToBytes(fixableWorkbook());
  const { check, fixes, plan, out } = await fixed(bytes);
  expect(out.fixed).toBe(fixes.length);
  expect(out.dropdowns).toBe(plan.length);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out.bytes.slice().buffer as ArrayBuffer);
  const pl02 = wb.getWorksheet('PL02')!;
  expect(pl02.getCell('F8').value).toBe('Hoàn thành');
  expect(pl02.getCell('F9').value).toBe('Hoàn thành');
  expect(pl02.getCell('E10').value).toBe('Đã rà soát 35 thủ tục');
  expect(pl02.getCell('B11').value).toBe(FIXABLE_TASK);
  // A real date, shown day first.
  const d = pl02.getCell('D8');
  expect(d.value).toEqual(new Date(Date.UTC(2022, 10, 15)));
  expect(d.numFmt).toBe('dd/mm/yyyy');
  expect(pl02.getCell('D14').value).toBe('31/02/2022');
  const dv = pl02.getCell('F8').dataValidation;
  expect(dv).toMatchObject({ type: 'list', showInputMessage: true, promptTitle: 'Phuluc · Tình trạng' });
  expect(dv.formulae?.[0]).toContain('Hoàn thành nhưng chậm tiến độ');
  expect(pl02.getCell('G13').dataValidation).toMatchObject({ showInputMessage: true, promptTitle: 'Phuluc · Lý do chưa hoàn thành' });
  expect(pl02.getCell('F12').dataValidation).toBeUndefined();

  // Checked again: no fix left, no legacy text, the rest as before.
  const again = validateWorkbook(parseWorkbookBytes(out.bytes), { catalog, fileName: 'So Tu phap.xlsx' });
  expect(proposeFixes(parseWorkbookBytes(out.bytes), again)).toEqual([]);
  const codes = (fs: typeof check.findings) => fs.map((f) => `${f.code} ${f.sheet}!${f.row},${f.col}`).sort();
  expect(codes(again.findings)).toEqual(codes(check.findings).filter((c) => !c.startsWith('legacy-encoding')));

  // Only the sheets concerned (and the styles, for the date format) were rewritten.
  const before = unzip(bytes);
  const after = unzip(out.bytes);
  const changed = [...before.entries.keys()].filter((k) => before.text(k) !== after.text(k)).sort();
  expect(changed).toEqual(['xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
});

test('a text starting with "=" is written as text, never as a formula', async () => {
  const bytes = gridToBytes(fixableWorkbook());
  const grid = parseWorkbookBytes(bytes);
  const check = validateWorkbook(grid, { catalog, fileName: 'x.xlsx' });
  const fix = { ...proposeFixes(grid, check).find((f) => f.kind === 'whitespace')!, to: '=HYPERLINK("http://x")' };
  const out = await fixedCopy(bytes, [fix], [], inflate);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out.bytes.slice().buffer as ArrayBuffer);
  expect(wb.getWorksheet('PL02')!.getCell('E10').value).toBe('=HYPERLINK("http://x")');
  expect(unzip(out.bytes).text('xl/worksheets/sheet2.xml')).not.toContain('<f>');
});

test("the clerk's validation rules and formulas stay: a range overlapping a rule is left to it", async () => {
  // The source as Excel would save it with the clerk's own rules and one status given by a formula.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(gridToBytes(fixableWorkbook()).slice().buffer as ArrayBuffer);
  const ws = wb.getWorksheet('PL02')!;
  for (const ref of ['H8', 'H9', 'F13'])
    ws.getCell(ref).dataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0], allowBlank: true, promptTitle: 'Của đơn vị' };
  ws.getCell('F9').value = { formula: '"Đã hoàn thành"', result: 'Đã hoàn thành' };
  const source = new Uint8Array(await wb.xlsx.writeBuffer());
  const { fixes, plan, out } = await fixed(source);
  expect(fixes.some((f) => f.sheet === 'PL02' && f.row === 8 && f.col === 5)).toBe(true);
  // F13:F14 overlaps the clerk's F13: left; every other range added.
  expect(out.dropdowns).toBe(plan.length - 1);

  const back = new ExcelJS.Workbook();
  await back.xlsx.load(out.bytes.slice().buffer as ArrayBuffer);
  const pl02 = back.getWorksheet('PL02')!;
  for (const ref of ['H8', 'H9', 'F13'])
    expect(pl02.getCell(ref).dataValidation).toMatchObject({ type: 'whole', promptTitle: 'Của đơn vị' });
  expect(pl02.getCell('F14').dataValidation).toBeUndefined();
  expect(pl02.getCell('F8').dataValidation).toMatchObject({ type: 'list' });
  expect(pl02.getCell('F9').value).toEqual({ formula: '"Đã hoàn thành"', result: 'Đã hoàn thành' });
  expect(pl02.getCell('F8').value).toBe('Hoàn thành');
});
