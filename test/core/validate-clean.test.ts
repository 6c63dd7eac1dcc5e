import { buildWorkbook } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { renderFinding } from '../../src/core/report/issue';

const catalog = builtinCatalog();

test('a clean PL02 is found and has no findings', () => {
  const grid = buildWorkbook({
    sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: pl02Rows({ seed: 1, rows: 12, sections: true }) }],
  });
  const check = validateWorkbook(grid, { catalog, fileName: 'x.xlsx' });
  console.log(check.findings.map((f) => renderFinding(f, 'vi')));
  expect(check.tables.map((t) => t.template.id)).toEqual(['pl02']);
  expect(check.unit.unit?.id).toBe('STP');
});

test('pl01 two-row', () => {
  const grid = buildWorkbook({
    sheets: [
      { form: 'pl01', twoRowHeader: true, numberRow: true, letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: pl01Rows({ seed: 1, rows: 6 }) },
      { form: 'pl03', rows: pl03Rows({ seed: 1, rows: 6 }) },
      { form: 'pl04', rows: pl03Rows({ seed: 2, rows: 6, sections: true }) },
      { form: 'pl02', rows: pl02Rows({ seed: 1, rows: 12, sections: true }) },
    ],
  });
  const check = validateWorkbook(grid, { catalog, fileName: 'x.xlsx' });
  console.log(check.findings.map((f) => renderFinding(f, 'vi')), check.tables.map((t) => [t.sheet, t.template.id, t.header, t.rows.length]));
});
