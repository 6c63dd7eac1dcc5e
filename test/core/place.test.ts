/** An issue's place in words: the form, the sheet row, the column's header and the row's task. */
import { buildWorkbook } from '../fixtures/builder';
import { GOOD_PL02_ROW } from '../fixtures/content';
import { formWords, placeOf } from '../../src/core/report/place';
import { builtinCatalog } from '../../src/core/template/catalog';
import { toPlainCheck } from '../../src/core/validate/plain-check';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';

const catalog = builtinCatalog();
const forms = formWords(catalog);
const good = GOOD_PL02_ROW;

test('a cell issue names its form, row, column header and the task of its row', () => {
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'],
        rows: [good, { ...good, stt: 2, nhiem_vu: 'Rà soát thủ tục hành chính cấp tỉnh', ket_qua: null }],
      },
    ],
  });
  const check = toPlainCheck(validateWorkbook(grid, { catalog, fileName: 'a.xlsx' }));
  const f = check.findings.find((x) => x.code === 'value-required' && x.row === 7);
  expect(f).toBeDefined();
  expect(placeOf(f!, check.tables, forms)).toEqual({
    form: catalog.templates.find((t) => t.id === 'pl02')!.title,
    row: 8,
    column: 'Kết quả thực hiện đến 10/11/2022',
    task: 'Rà soát thủ tục hành chính cấp tỉnh',
  });
});

test('a long task is cut; a workbook-level issue has no row, column or task', () => {
  const long = 'Nhiệm vụ '.repeat(30).trim();
  const grid = buildWorkbook({
    sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: [{ ...good, nhiem_vu: long, ket_qua: null }] }],
  });
  const check = toPlainCheck(validateWorkbook(grid, { catalog, fileName: 'a.xlsx' }));
  const cell = check.findings.find((x) => x.code === 'value-required')!;
  const task = placeOf(cell, check.tables, forms).task!;
  expect(task.length).toBe(90);
  expect(task.endsWith('…')).toBe(true);
  const book = check.findings.find((x) => x.sheet === undefined);
  expect(book).toBeDefined();
  const p = placeOf(book!, check.tables, forms);
  expect(p.row).toBeUndefined();
  expect(p.column).toBeUndefined();
  expect(p.task).toBeUndefined();
});
