/**
 * Units send in pieces: a form a later file replaces takes the earlier file's findings on it away —
 * from Lỗi, from Tổng hợp's counts, from the headline figures and from Phản hồi — in one merge and in
 * a merge onto the workbook alike; the note says so. Phản hồi of a unit that sent only a supplement
 * reads as after one merge of all its files (pure core, workbooks built in code).
 */
import { buildWorkbook, RowSpec, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { consolidate, expectedUnits, Submission } from '../../src/core/merge/consolidate';
import { applyPrevious } from '../../src/core/merge/update';
import { mergeFigures } from '../../src/core/merge/figures';
import { unitSummaries } from '../../src/core/merge/summary';
import type { ConsolidatedModel } from '../../src/core/merge/model';
import { asGrids, line, sheet, value } from './model-view';

const catalog = builtinCatalog();
const round = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;
const expected = new Set(expectedUnits(round, catalog.registry).map((u) => u.id));
const at = (day: string) => `2022-11-${day}T03:00:00.000Z`;

/** Clean rows of a form; `plant` makes the first row an item not complete without its reason (an error). */
function form(unit: string, id: string, seed: number, plant: boolean): SheetSpec {
  const letterhead = ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()];
  const first = (rows: RowSpec[], change: Record<string, string | null>) => {
    const i = rows.findIndex((r) => 'stt' in r);
    return plant ? rows.map((r, k) => (k === i ? { ...r, ...change } : r)) : rows;
  };
  if (id === 'pl01')
    return {
      form: id,
      letterhead,
      twoRowHeader: true,
      rows: first(pl01Rows({ seed, rows: 5, incompleteShare: 0 }), { danh_gia: 'Không đạt', ly_do: null }),
    };
  if (id === 'pl02')
    return {
      form: id,
      letterhead,
      rows: first(pl02Rows({ seed, rows: 5, sections: true, incompleteShare: 0 }), { tinh_trang: 'Chưa hoàn thành', ly_do: null }),
    };
  return { form: id, letterhead, rows: pl03Rows({ seed, rows: 5, sections: id === 'pl04' }) };
}

function file(unit: string, forms: string[], planted: string[], seed: number, name: string, day: string): Submission {
  const grid = buildWorkbook({ sheets: forms.map((f, i) => form(unit, f, seed + i, planted.includes(f))) });
  const check = validateWorkbook(grid, { catalog, fileName: name });
  check.file = name;
  return { check, fileName: name, receivedAt: at(day) };
}

const merge = (subs: Submission[]) => consolidate(subs, { catalog, round, generatedAt: 'x' });
const onto = (prev: ConsolidatedModel, subs: Submission[]) =>
  applyPrevious(merge(subs), { meta: prev.meta, sheets: asGrids(prev) }, catalog);
const issues = (m: ConsolidatedModel, code: string) => sheet(m, 'Lỗi').rows.filter((r) => r[0] === code);
const issuesOf = (m: ConsolidatedModel, code: string) =>
  issues(m, code)
    .map((r) => JSON.stringify(r))
    .sort();
const figures = (m: ConsolidatedModel) => mergeFigures(unitSummaries(m), expected);
const feedbackRow = (m: ConsolidatedModel, code: string) => sheet(m, 'Phản hồi').rows.find((r) => r[0] === code);
const feedbackText = (m: ConsolidatedModel, code: string) => m.feedback?.find((f) => f.code === code)?.text;

function expectSame(update: ConsolidatedModel, oneBatch: ConsolidatedModel, codes: string[]) {
  for (const code of codes) {
    expect([code, line(update, code)]).toEqual([code, line(oneBatch, code)]);
    expect([code, issuesOf(update, code)]).toEqual([code, issuesOf(oneBatch, code)]);
    const rows = (m: ConsolidatedModel) => sheet(m, 'Phản hồi').rows.filter((r) => r[0] === code);
    expect([code, rows(update)]).toEqual([code, rows(oneBatch)]);
    expect([code, feedbackText(update, code)]).toEqual([code, feedbackText(oneBatch, code)]);
  }
  expect(sheet(update, 'Theo lĩnh vực').rows).toEqual(sheet(oneBatch, 'Theo lĩnh vực').rows);
  expect(figures(update)).toEqual(figures(oneBatch));
}

/** The workbook as a version before `_phuluc` recorded each file's forms wrote it. */
function withoutHeld(m: ConsolidatedModel): ConsolidatedModel {
  const copy = structuredClone(m);
  for (const u of Object.values(copy.meta.units)) delete u.held;
  return copy;
}

const ALL = ['pl01', 'pl02', 'pl03', 'pl04'];
const A = 'STP - tat ca phu luc.xlsx';
const B = 'STP - PL02 sua.xlsx';
// STP sends every form with a task left without its reason on PL02, then PL02 alone, corrected.
const aPl02Error = file('Sở Tư pháp', ALL, ['pl02'], 10, A, '13');
// The same, with a target not reached without its reason on PL01 too.
const aBothErrors = file('Sở Tư pháp', ALL, ['pl01', 'pl02'], 10, A, '13');
const bClean = file('Sở Tư pháp', ['pl02'], [], 20, B, '15');
const bError = file('Sở Tư pháp', ['pl02'], ['pl02'], 20, B, '15');
const stc = file('Sở Tài chính', ALL, ['pl01'], 40, 'STC.xlsx', '12');

const errorsOn = (s: Submission, form: string) => s.check.findings.filter((f) => f.severity === 'error' && f.template === form).length;
const pl02LinesOf = (m: ConsolidatedModel, file: string) => issues(m, 'STP').filter((r) => r[2] === file && r[3] === 'PL02');

test('the fixtures are what the tests need', () => {
  expect(aPl02Error.check.unit.unit?.id).toBe('STP');
  expect(aPl02Error.check.findings.map((f) => [f.code, f.template])).toEqual([['reason-missing', 'pl02']]);
  expect(errorsOn(aBothErrors, 'pl01')).toBe(1);
  expect(errorsOn(aBothErrors, 'pl02')).toBe(1);
  expect(bClean.check.findings.every((f) => f.code === 'sheet-missing')).toBe(true);
  expect(errorsOn(bError, 'pl02')).toBe(1);
  // Before the corrected PL02, STP has its error, on Tổng hợp, Lỗi and the headline figures.
  const before = merge([aPl02Error, stc]);
  expect(value(before, 'STP', 'Lỗi')).toBe(1);
  expect(pl02LinesOf(before, A)).toHaveLength(1);
  expect(figures(before).withErrors).toBe(2);
});

test('one merge: the form a later file replaced takes the earlier file’s findings on it away', () => {
  const m = merge([aPl02Error, bClean, stc]);
  expect(value(m, 'STP', 'Lỗi')).toBe(0);
  expect(value(m, 'STP', 'Số dòng PL02')).toBe(5);
  expect(pl02LinesOf(m, A)).toEqual([]);
  expect(issues(m, 'STP')).toEqual([]);
  expect(figures(m).withErrors).toBe(1); // STC only
  expect(feedbackRow(m, 'STP')).toBeUndefined();
  expect(unitSummaries(m).find((u) => u.code === 'STP')).toMatchObject({ errors: 0, usedFiles: [B, A] });
  // The findings are not lost silently: the note says they no longer count.
  expect(String(value(m, 'STP', 'Ghi chú'))).toContain(`PL02 của ${A} thay bằng ${B} (lỗi, cảnh báo của ${A} ở PL02 không còn tính)`);
  expect(String(value(m, 'STP', 'Ghi chú'))).toContain(`Phụ lục theo tệp: PL01, PL03, PL04: ${A}; PL02: ${B}`);
});

test('one merge: the earlier file’s findings on the forms it still supplies count', () => {
  const m = merge([aBothErrors, bClean, stc]);
  expect(value(m, 'STP', 'Lỗi')).toBe(1);
  expect(issues(m, 'STP').map((r) => [r[2], r[3], r[r.length - 1]])).toEqual([[A, 'PL01', 'reason-missing']]);
  expect(figures(m).withErrors).toBe(2);
  expect(String(feedbackRow(m, 'STP')?.[4])).toContain('Phụ lục 01, ô');
  expect(String(feedbackRow(m, 'STP')?.[4])).not.toContain('Phụ lục 02');
});

test('an update gives the same as one merge, from a workbook with or without the files’ forms recorded', () => {
  for (const [a, b] of [
    [aPl02Error, bClean],
    [aBothErrors, bClean],
    [aBothErrors, bError],
  ]) {
    const oneBatch = merge([a, b, stc]);
    const first = merge([a, stc]);
    for (const previous of [first, withoutHeld(first)]) {
      const updated = onto(previous, [b]);
      expectSame(updated, oneBatch, ['STP', 'STC']);
      expect(pl02LinesOf(updated, A)).toEqual([]);
      expect(value(updated, 'STP', 'Lỗi')).toBe(errorsOn(a, 'pl01') + errorsOn(b, 'pl02'));
    }
    // A later update again, with nothing new, keeps it so.
    const again = onto(onto(first, [b]), [b]);
    expectSame(again, oneBatch, ['STP', 'STC']);
  }
});

test('Phản hồi of a unit that sent only a supplement reads as after one merge of all its files', () => {
  // STP sends PL01, PL03, PL04 with a target without its reason, then PL02 alone with a task without one.
  const first = file('Sở Tư pháp', ['pl01', 'pl03', 'pl04'], ['pl01'], 30, 'STP - PL01 PL03 PL04.xlsx', '13');
  const supplement = file('Sở Tư pháp', ['pl02'], ['pl02'], 50, 'STP - bo sung PL02.xlsx', '15');
  const oneBatch = merge([first, supplement, stc]);
  const updated = onto(merge([first, stc]), [supplement]);
  expectSame(updated, oneBatch, ['STP', 'STC']);
  const text = String(feedbackRow(updated, 'STP')?.[4]);
  expect(text).toContain('Đề nghị đơn vị bổ sung, chỉnh sửa 2 lỗi');
  expect(text.indexOf('- Phụ lục 01, ô')).toBeGreaterThan(0);
  expect(text.indexOf('- Phụ lục 02, ô')).toBeGreaterThan(text.indexOf('- Phụ lục 01, ô'));
  expect(text).not.toContain('Chung');
  expect(feedbackRow(updated, 'STP')?.slice(2, 4)).toEqual([2, 0]);
  // The batch alone would have told STP of its PL02 only.
  expect(String(feedbackRow(merge([supplement]), 'STP')?.[4])).not.toContain('- Phụ lục 01, ô');
});
