/**
 * Merging onto an existing consolidated workbook gives the figures of merging every file in one
 * batch: Tổng hợp's line of each unit, its Lỗi lines, Theo lĩnh vực and the headline figures —
 * counted from the rows the result holds, carried and new — and Phản hồi's texts (pure core, workbooks built in code).
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
import { asGrids, col, line, sheet, value } from './model-view';

const catalog = builtinCatalog();
const round = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;
const expected = new Set(expectedUnits(round, catalog.registry).map((u) => u.id));
const at = (day: string) => `2022-11-${day}T03:00:00.000Z`;

/** PL02 rows with incomplete tasks, some of them without a reason or with a vague one. */
function tasks(seed: number, rows: number): RowSpec[] {
  let incomplete = 0;
  return pl02Rows({ seed, rows, sections: true, incompleteShare: 0.5 }).map((r) => {
    if (!('tinh_trang' in r) || r.ly_do === null) return r;
    incomplete++;
    return incomplete % 3 === 1 ? { ...r, ly_do: null } : incomplete % 3 === 2 ? { ...r, ly_do: 'Khách quan' } : r;
  });
}

function form(unit: string, id: string, seed: number, rows = 5): SheetSpec {
  const letterhead = ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()];
  // A target not reached without its reason: the first file has a line of its own on Lỗi.
  const targets = pl01Rows({ seed, rows, incompleteShare: 0.4 }).map((r) =>
    'danh_gia' in r && r.danh_gia === 'Không đạt' ? { ...r, ly_do: null } : r,
  );
  if (id === 'pl01') return { form: id, letterhead, twoRowHeader: true, rows: targets };
  if (id === 'pl02') return { form: id, letterhead, rows: tasks(seed, rows) };
  return { form: id, letterhead, rows: pl03Rows({ seed, rows, sections: id === 'pl04' }) };
}

function file(unit: string, forms: string[], seed: number, name: string, day: string, rows = 5): Submission {
  const grid = buildWorkbook({ sheets: forms.map((f, i) => form(unit, f, seed + i, rows)) });
  const check = validateWorkbook(grid, { catalog, fileName: name });
  check.file = name;
  return { check, fileName: name, receivedAt: at(day) };
}

const merge = (subs: Submission[]) => consolidate(subs, { catalog, round, generatedAt: 'x' });
const onto = (prev: ConsolidatedModel, subs: Submission[]) =>
  applyPrevious(merge(subs), { meta: prev.meta, sheets: asGrids(prev) }, catalog);
/** A unit's Lỗi lines, in a fixed order (a merge lists them by file, an update the batch's first). */
const issuesOf = (m: ConsolidatedModel, code: string) =>
  sheet(m, 'Lỗi')
    .rows.filter((r) => r[0] === code)
    .map((r) => JSON.stringify(r))
    .sort();
const figures = (m: ConsolidatedModel) => mergeFigures(unitSummaries(m), expected);

/** Everything a clerk reads off the result as figures. */
function expectSameFigures(update: ConsolidatedModel, oneBatch: ConsolidatedModel, codes: string[]) {
  for (const code of codes) {
    expect([code, line(update, code)]).toEqual([code, line(oneBatch, code)]);
    expect([code, issuesOf(update, code)]).toEqual([code, issuesOf(oneBatch, code)]);
    // Phản hồi's text, and the one written with --feedback, are one merge's too.
    const told = (m: ConsolidatedModel) => [sheet(m, 'Phản hồi').rows.find((r) => r[0] === code), m.feedback?.find((f) => f.code === code)];
    expect([code, told(update)]).toEqual([code, told(oneBatch)]);
  }
  expect(sheet(update, 'Theo lĩnh vực').rows).toEqual(sheet(oneBatch, 'Theo lĩnh vực').rows);
  expect(figures(update)).toEqual(figures(oneBatch));
}

// STP sends PL01, PL03, PL04, then PL02 alone; STC and VPUB send everything at once.
const stpFirst = file('Sở Tư pháp', ['pl01', 'pl03', 'pl04'], 10, 'STP - PL01 PL03 PL04.xlsx', '13');
const stpPl02 = file('Sở Tư pháp', ['pl02'], 20, 'STP - bo sung PL02.xlsx', '15', 9);
const stpPl02Again = file('Sở Tư pháp', ['pl02'], 30, 'STP - PL02 sua.xlsx', '16', 6);
const stc = file('Sở Tài chính', ['pl01', 'pl02', 'pl03', 'pl04'], 40, 'STC.xlsx', '12', 7);
const vpub = file('Văn phòng UBND tỉnh', ['pl01', 'pl02', 'pl03', 'pl04'], 50, 'VPUB.xlsx', '14', 4);
const batchA = [stpFirst, stc, vpub];
const workbookA = merge(batchA);
const updated = onto(workbookA, [stpPl02]);

test('the fixtures are what the tests need: STP sent in two files, with planted reason problems', () => {
  expect(stpFirst.check.unit.unit?.id).toBe('STP');
  expect(stpPl02.check.tables.map((t) => t.template.id)).toEqual(['pl02']);
  expect(stc.check.unit.unit?.id).toBe('STC');
  expect(vpub.check.unit.unit?.id).toBe('VPUB');
  const codes = stpPl02.check.findings.map((f) => f.code);
  expect(codes).toEqual(expect.arrayContaining(['reason-missing', 'reason-vague', 'sheet-missing']));
  expect(value(workbookA, 'STP', 'Số dòng PL02')).toBe(0);
  expect(stpFirst.check.findings.filter((f) => f.code === 'reason-missing' && f.template === 'pl01').length).toBeGreaterThan(0);
});

test('(a) a supplement merged onto the workbook gives the figures of one merge of every file', () => {
  const oneBatch = merge([...batchA, stpPl02]);
  expectSameFigures(updated, oneBatch, ['STP', 'STC', 'VPUB']);
  // What that means, said plainly: STP's line counts both files.
  expect(value(updated, 'STP', 'Phụ lục có')).toBe('PL01, PL02, PL03, PL04');
  expect(value(updated, 'STP', 'Số dòng PL01')).toBe(5);
  expect(value(updated, 'STP', 'Số dòng PL02')).toBe(9);
  expect(value(updated, 'STP', 'Nhiệm vụ hoàn thành (%)')).toEqual(expect.any(Number));
  expect(value(updated, 'STP', 'Chỉ tiêu đạt (%)')).toEqual(value(workbookA, 'STP', 'Chỉ tiêu đạt (%)'));
  const errorsOfFiles = [stpFirst, stpPl02]
    .flatMap((f) => f.check.findings)
    .filter((f) => f.severity === 'error' && f.code !== 'sheet-missing').length;
  expect(value(updated, 'STP', 'Lỗi')).toBe(errorsOfFiles);
  expect(String(value(updated, 'STP', 'Tệp'))).toBe('STP - PL01 PL03 PL04.xlsx; STP - bo sung PL02.xlsx');
  // No form is missing any more, and the first file's other lines stay.
  const stpIssues = sheet(updated, 'Lỗi').rows.filter((r) => r[0] === 'STP');
  expect(stpIssues.filter((r) => r[r.length - 1] === 'sheet-missing')).toEqual([]);
  expect(stpIssues.some((r) => r[2] === 'STP - PL01 PL03 PL04.xlsx')).toBe(true);
  expect(unitSummaries(updated).find((u) => u.code === 'STP')).toMatchObject({
    usedFiles: ['STP - bo sung PL02.xlsx', 'STP - PL01 PL03 PL04.xlsx'],
    supersededFiles: [],
  });
});

test('(b) a unit the update does not touch keeps its line, and counts in the province totals', () => {
  const areas = sheet(updated, 'Theo lĩnh vực');
  const a = (h: string) => col(areas, h);
  for (const code of ['STC', 'VPUB']) {
    expect(line(updated, code)).toEqual(line(workbookA, code));
    const block = (m: ConsolidatedModel) => sheet(m, 'Theo lĩnh vực').rows.filter((r) => r[1] === code);
    expect(block(updated)).toEqual(block(workbookA));
    expect(block(updated).length).toBeGreaterThan(0);
  }
  // The province's totals are the sums of every unit's, carried or new.
  for (const form of ['PL01', 'PL02']) {
    const totals = areas.rows.filter((r) => r[a('Phụ lục')] === form && r[a('Lĩnh vực')] === 'Tổng');
    const province = totals.find((r) => r[0] === 'Toàn tỉnh')!;
    const units = totals.filter((r) => r[0] !== 'Toàn tỉnh');
    expect(units.map((r) => r[1]).sort()).toEqual(['STC', 'STP', 'VPUB']);
    for (const h of ['Số nội dung', 'Hoàn thành', 'Chưa hoàn thành, có lý do cụ thể', 'Chưa hoàn thành, chưa có lý do cụ thể'])
      expect([form, h, province[a(h)]]).toEqual([form, h, units.reduce((n, r) => n + (r[a(h)] as number), 0)]);
  }
  expect(figures(updated)).toMatchObject({ submitted: 3, withErrors: figures(merge([...batchA, stpPl02])).withErrors });
});

test('(c) a later re-send of a form replaces its rows and its counts: nothing counted twice', () => {
  const again = onto(updated, [stpPl02Again]);
  expectSameFigures(again, merge([...batchA, stpPl02, stpPl02Again]), ['STP', 'STC', 'VPUB']);
  expect(value(again, 'STP', 'Số dòng PL02')).toBe(6);
  // The replaced file's lines are gone from Lỗi; the first file, still supplying forms, keeps its own.
  const files = new Set(
    sheet(again, 'Lỗi')
      .rows.filter((r) => r[0] === 'STP')
      .map((r) => r[2]),
  );
  expect(files.has('STP - bo sung PL02.xlsx')).toBe(false);
  expect(files.has('STP - PL01 PL03 PL04.xlsx')).toBe(true);
  const stpItems = sheet(again, 'Theo lĩnh vực').rows.find((r) => r[1] === 'STP' && r[2] === 'PL02' && r[3] === 'Tổng')!;
  expect(stpItems[4]).toBe(6);
  expect(String(value(again, 'STP', 'Ghi chú'))).toContain('STP - bo sung PL02.xlsx thay bằng STP - PL02 sua.xlsx');
  // A re-send replacing every form of the first file: that file's lines and rows go too.
  const whole = file('Sở Tư pháp', ['pl01', 'pl03', 'pl04'], 60, 'STP - PL01 PL03 PL04 sua.xlsx', '17', 3);
  const replaced = onto(again, [whole]);
  expectSameFigures(replaced, merge([...batchA, stpPl02, stpPl02Again, whole]), ['STP', 'STC', 'VPUB']);
  expect(sheet(replaced, 'Lỗi').rows.some((r) => r[2] === 'STP - PL01 PL03 PL04.xlsx')).toBe(false);
});

test('(d) an update with nothing new changes no figure', () => {
  const theSameAgain = onto(updated, [stpPl02]);
  const anOlderFileAgain = onto(updated, [stpFirst]);
  const everythingAgain = onto(updated, [...batchA, stpPl02]);
  for (const m of [theSameAgain, anOlderFileAgain, everythingAgain]) {
    expect(sheet(m, 'Tổng hợp').rows).toEqual(sheet(updated, 'Tổng hợp').rows);
    expect(sheet(m, 'Theo lĩnh vực').rows).toEqual(sheet(updated, 'Theo lĩnh vực').rows);
    for (const code of ['STP', 'STC', 'VPUB']) expect(issuesOf(m, code)).toEqual(issuesOf(updated, code));
    expect(figures(m)).toEqual(figures(updated));
  }
  // And a workbook merged in one batch, updated with one of its own files, stays as it was.
  const oneBatch = merge([...batchA, stpPl02]);
  expectSameFigures(onto(oneBatch, [stpPl02]), oneBatch, ['STP', 'STC', 'VPUB']);
});
