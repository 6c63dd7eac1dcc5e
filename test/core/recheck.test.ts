/**
 * The re-check after an edit: only the edited sheet is checked again, and the result is the check a
 * whole new validation of the same cells gives.
 */
import { buildWorkbook } from '../fixtures/builder';
import { GOOD_PL02_ROW, pl02Rows } from '../fixtures/content';
import { STP, stpRound } from '../fixtures/stp-round';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { checkWithMemo, recheckSheets, sameCells, sheetsWithChangedMarks } from '../../src/core/validate/recheck';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/types';
import { a1 } from '../../src/core/grid/address';

const catalog = builtinCatalog();
const opts = { catalog, fileName: 'So Tu phap.xlsx' };
const good = GOOD_PL02_ROW;

function copySheet(s: SheetGrid): SheetGrid {
  return { ...s, values: s.values.map((r) => [...r]) };
}

const codesAt = (grid: WorkbookGrid, sheet: string, cell: string) =>
  validateWorkbook(grid, opts)
    .findings.filter((f) => f.sheet === sheet && f.row !== undefined && a1(f.row, f.col!) === cell)
    .map((f) => f.code);

test('a status typed over a wrong one: the re-check drops that finding, and equals a whole new check', () => {
  const grid = buildWorkbook({
    sheets: [
      ...stpRound(6, false).filter((s) => s.form !== 'pl02'),
      { form: 'pl02', letterhead: STP, rows: [good, { ...good, stt: 2, tinh_trang: 'Xong rồi' }] },
    ],
  });
  const first = checkWithMemo(grid, opts);
  const wrong = first.check.findings.find((f) => f.code === 'value-not-allowed' && f.sheet === 'PL02')!;
  expect(wrong).toBeDefined();
  const pl02 = grid.sheets.findIndex((s) => s.name === 'PL02');
  const edited = copySheet(grid.sheets[pl02]);
  edited.values[wrong.row!][wrong.col!] = 'Hoàn thành';
  const again = recheckSheets(first.memo, { order: grid.sheets.map((s) => s.name), sheets: [edited] });
  const after: WorkbookGrid = { ...grid, sheets: grid.sheets.map((s, i) => (i === pl02 ? edited : s)) };
  expect(again.check.findings).toEqual(validateWorkbook(after, opts).findings);
  expect(again.check.findings.some((f) => f.code === 'value-not-allowed' && f.sheet === 'PL02')).toBe(false);
  expect(again.check.status).toBe(validateWorkbook(after, opts).status);
  // The other sheets' parts are reused, not built again.
  first.memo.parts.forEach((p, i) => i !== pl02 && expect(again.memo.parts[i]).toBe(p));
  expect(sheetsWithChangedMarks(first.check.findings, again.check.findings)).toEqual(['PL02']);
});

test('a vague reason written: reason-vague appears at that cell', () => {
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: STP,
        rows: [good, { ...good, stt: 2, tinh_trang: 'Đang thực hiện', ly_do: 'Chưa bố trí được kinh phí thực hiện' }],
      },
    ],
  });
  const first = checkWithMemo(grid, opts);
  const cols = first.check.tables[0].columns;
  const row = first.check.tables[0].rows[1].row;
  const edited = copySheet(grid.sheets[0]);
  edited.values[row][cols.ly_do] = 'Khách quan';
  const again = recheckSheets(first.memo, { order: ['PL02'], sheets: [edited] });
  const cell = a1(row, cols.ly_do);
  expect(codesAt(grid, 'PL02', cell)).not.toContain('reason-vague');
  expect(again.check.findings.filter((f) => f.row === row && f.col === cols.ly_do).map((f) => f.code)).toContain('reason-vague');
  expect(again.check.findings).toEqual(validateWorkbook({ ...grid, sheets: [edited] }, opts).findings);
});

test('a sheet renamed or deleted is followed: findings carry the new name, or leave with the sheet', () => {
  const grid = buildWorkbook({ sheets: stpRound(6, true) });
  const first = checkWithMemo(grid, opts);
  const names = grid.sheets.map((s) => s.name);
  const pl02 = names.indexOf('PL02');
  const renamed = { ...copySheet(grid.sheets[pl02]), name: 'PL02 (sửa)' };
  const order = names.map((n) => (n === 'PL02' ? renamed.name : n));
  const r = recheckSheets(first.memo, { order, sheets: [renamed] });
  expect(r.check.findings.filter((f) => f.sheet === 'PL02')).toEqual([]);
  expect(r.check.findings).toEqual(
    validateWorkbook({ ...grid, sheets: grid.sheets.map((s, i) => (i === pl02 ? renamed : s)) }, opts).findings,
  );
  const gone = recheckSheets(r.memo, { order: order.filter((n) => n !== renamed.name), sheets: [] });
  expect(gone.check.findings.some((f) => f.sheet === renamed.name)).toBe(false);
  expect(gone.check.findings.some((f) => f.code === 'sheet-missing' && f.template === 'pl02')).toBe(true);
  expect(() => recheckSheets(first.memo, { order: [...names, 'Mới'], sheets: [] })).toThrow(/Mới/);
});

test('sameCells tells an untouched sheet from an edited one', () => {
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows: [good] }] });
  const s = grid.sheets[0];
  expect(sameCells(s, copySheet(s))).toBe(true);
  const e = copySheet(s);
  e.values[e.values.length - 1] = [...e.values[e.values.length - 1], 'x'];
  expect(sameCells(s, e)).toBe(false);
});

test('the engine share of re-checking a 1,000-row table stays small', () => {
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows: pl02Rows({ seed: 4, rows: 1000, sections: true }) }] });
  const first = checkWithMemo(grid, opts);
  const edited = copySheet(grid.sheets[0]);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    recheckSheets(first.memo, { order: ['PL02'], sheets: [edited] });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // The budget is 50 ms (bench: excel.recheck.coreMs); a shared test machine gets slack.
  expect(times[2]).toBeLessThan(150);
});
