/**
 * One-click fixes, Hoàn tác and drop-downs in the open workbook (issue 16, acceptance 2 and 3),
 * against the strict fake: every fix kind settled by Sửa tất cả, every cell put back exactly by
 * Hoàn tác, the clerk's own validation rules left as they were, the requests bounded.
 */
import { buildWorkbook } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';
import { STP } from '../fixtures/stp-round';
import { dateCatalog, fixableWorkbook, FIXABLE_TASK } from '../fixtures/fixable';
import { installFakeExcel, loadGrid, FakeWorkbookState, FakeExcelError, WEB_PAYLOAD_LIMIT, a1 } from '../fixtures/fake-excel';
import { validationsOf, blankValidation } from '../fixtures/fake-validation';
import { detectCapabilities } from '../../src/excel/capabilities';
import { checkOpenWorkbook } from '../../src/excel/check-workbook';
import { applyFixes, undoFixes } from '../../src/excel/apply-fixes';
import { addDropdowns, removeDropdowns, hasDropdowns } from '../../src/excel/dropdowns';
import { dropdownPlan } from '../../src/core/fixes/dropdowns';
import { FIX_KINDS } from '../../src/core/fixes/plan';
import type { WorkbookGrid } from '../../src/core/grid/types';
import type { CellFix } from '../../src/core/fixes/propose';

const catalog = dateCatalog();

function excelWith(grid: WorkbookGrid, version = '1.13') {
  const state = new FakeWorkbookState();
  loadGrid(state, grid);
  const fake = installFakeExcel(version, state);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  return { ...fake, caps };
}

/** Every cell of every sheet as it is now: value, formula, number format, font, fill. */
function snapshot(state: FakeWorkbookState) {
  return state.sheets.map((s) => ({
    name: s.name,
    cells: [...s.cells].filter(([, c]) => c.value !== '' || c.numberFormat !== 'General' || c.fontName !== 'Calibri').sort(),
  }));
}
const copy = <T>(x: T): T => structuredClone(x);

const codes = (fs: { code: string; sheet?: string; row?: number; col?: number }[]) =>
  fs.map((f) => `${f.code} ${f.sheet ?? ''}!${f.row ?? ''},${f.col ?? ''}`).sort();

test('Sửa tất cả settles every fix kind in two round trips; the check then has none of them; Hoàn tác puts every cell back exactly', async () => {
  const { state, context, caps } = excelWith(fixableWorkbook());
  // The TCVN3 task is shown in a TCVN3 font, as it is in the units' files.
  const pl02 = state.sheet('PL02');
  for (const [, c] of pl02.cells) if (typeof c.value === 'string' && c.value.includes('µ')) c.fontName = '.VnTime';
  const before = copy(snapshot(state));

  const first = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  expect(new Set(first.fixes.map((f) => f.kind))).toEqual(new Set(FIX_KINDS));
  expect(codes(first.check.findings)).toContain('legacy-encoding PL02!10,1');

  const ctx = context();
  const done = await applyFixes(ctx, first.fixes);
  expect(done.skipped).toEqual([]);
  expect(done.applied).toHaveLength(first.fixes.length);
  expect(ctx.syncCount).toBe(2);
  expect(done.syncs).toBe(2);

  // The values as the fixes said: labels, tidy text, Unicode in a Unicode font, real dates.
  const cell = (r: number, c: number) => state.cell(pl02, r, c)!;
  expect(cell(7, 5).value).toBe('Hoàn thành');
  expect(cell(8, 5).value).toBe('Hoàn thành');
  expect(cell(9, 4).value).toBe('Đã rà soát 35 thủ tục');
  expect(cell(10, 1).value).toBe(FIXABLE_TASK);
  expect(cell(10, 1).fontName).toBe('Times New Roman');
  expect([cell(7, 3).value, cell(7, 3).numberFormat]).toEqual([44880, 'dd/mm/yyyy']);
  expect(state.cell(state.sheet('PL01'), 8, 5)!.value).toBe('Đạt');
  // What needs judgement is still there, unfixed: the impossible date stays text, the reason empty.
  expect(cell(13, 3).value).toBe('31/02/2022');

  const again = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  expect(again.fixes).toEqual([]);
  expect(again.check.findings.filter((f) => f.code === 'legacy-encoding')).toEqual([]);
  expect(codes(again.check.findings)).toEqual(codes(first.check.findings).filter((c) => !c.startsWith('legacy-encoding')));
  expect(codes(again.check.findings)).toEqual(expect.arrayContaining(['reason-missing PL02!12,6', 'value-type PL02!13,3']));

  const back = context();
  expect(await undoFixes(back, done.undo)).toBe(1);
  expect(back.syncCount).toBe(1);
  // Cell by cell: value, formula, number format, font, fill, exactly as before.
  expect(snapshot(state)).toEqual(before);
});

test('Sửa on one finding changes that cell only; a cell changed since the check, or holding a formula, is left alone', async () => {
  const { state, context, caps } = excelWith(fixableWorkbook());
  const { fixes } = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  const legacy = fixes.find((f) => f.kind === 'legacy')!;
  const label = fixes.find((f) => f.kind === 'status-label' && f.sheet === 'PL02')!;
  const pl02 = state.sheet('PL02');
  state.cell(pl02, label.row, label.col)!.value = 'Chưa thực hiện'; // typed after the check
  // A status given by a formula: its result is the formula's, not a fix's.
  const byFormula = fixes.find((f) => f.kind === 'status-label' && f.sheet === 'PL01')!;
  state.cell(state.sheet('PL01'), byFormula.row, byFormula.col)!.formula = '=LOWER("Đạt")';
  const before = copy(snapshot(state));
  const r = await applyFixes(context(), [legacy, label, byFormula]);
  expect(r.applied).toEqual([legacy]);
  expect(r.skipped).toEqual([label, byFormula]);
  expect(state.cell(pl02, label.row, label.col)!.value).toBe('Chưa thực hiện');
  const changed = snapshot(state)
    .flatMap((s, i) => s.cells.filter((c, j) => JSON.stringify(c) !== JSON.stringify(before[i].cells[j])).map(([k]) => `${s.name}!${k}`))
    .sort();
  expect(changed).toEqual([`PL02!${legacy.row},${legacy.col}`]);
});

test('fixing 6,000 cells stays a bounded number of requests, each under 5 MB, on Excel on the web', async () => {
  const rows = pl02Rows({ seed: 3, rows: 6000 }).map((r) => ('tinh_trang' in r ? { ...r, tinh_trang: 'đã hoàn thành' } : r));
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows }] });
  const { state, context, caps } = excelWith(grid);
  const before = copy(snapshot(state));
  const { fixes } = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  expect(fixes.length).toBeGreaterThanOrEqual(6000);
  const ctx = context();
  const r = await applyFixes(ctx, fixes);
  expect(r.applied).toHaveLength(fixes.length);
  expect(ctx.maxPayload).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(ctx.maxResponse).toBeLessThan(WEB_PAYLOAD_LIMIT);
  // One read and one write: the status column's runs are read and written as ranges, not cell by cell.
  expect(ctx.syncCount).toBe(2);
  expect(r.syncs).toBe(2);
  console.log(`6,000 fixes: ${ctx.syncCount} syncs, requests ${ctx.payloads.join(' + ')} B, responses ${ctx.responses.join(' + ')} B`);
  const back = context();
  expect(await undoFixes(back, r.undo)).toBe(1);
  expect(back.maxPayload).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(back.syncCount).toBe(1);
  expect(snapshot(state)).toEqual(before);
});

test('a column of fixes is read and written as ranges, cut where a cell is skipped or must be Text first; Hoàn tác puts back values, formats and mixed fonts exactly', async () => {
  const state = new FakeWorkbookState();
  state.setValues('PL02', [['Tiêu đề']]);
  const s = state.sheet('PL02');
  const put = (row: number, value: string | number, fontName = 'Calibri', numberFormat = 'General') =>
    Object.assign(state.cell(s, row, 1, true)!, { value, fontName, numberFormat });
  // B2:B10 — one run of adjacent cells in column B, with every case a fix can meet.
  put(1, 'Hoµn thµnh', '.VnTime');
  put(2, 'Hoµn thµnh', 'Arial');
  put(3, 'Hoµn thµnh', '.VnTime');
  put(4, ' 15/11/2022 ');
  put(5, 'Chưa thực hiện');
  put(6, '15/11/2022');
  put(7, ' =1 ');
  state.cell(s, 7, 1)!.formula = '=" =1 "';
  put(8, ' Đạt ', 'VNI-Times');
  put(9, '  Không đạt', 'Calibri', '@');
  const { context } = installFakeExcel('1.13', state);
  const before = copy(snapshot(state));
  const fix = (row: number, kind: CellFix['kind'], from: CellFix['from'], to: CellFix['to'], format?: string): CellFix => ({
    sheet: 'PL02',
    row,
    col: 1,
    kind,
    from,
    to,
    ...(format ? { format } : {}),
  });
  const fixes = [
    fix(9, 'whitespace', '  Không đạt', 'Không đạt'),
    fix(1, 'legacy', 'Hoµn thµnh', 'Hoàn thành'),
    fix(2, 'legacy', 'Hoµn thµnh', 'Hoàn thành'),
    fix(3, 'legacy', 'Hoµn thµnh', 'Hoàn thành'),
    fix(4, 'whitespace', ' 15/11/2022 ', '15/11/2022'),
    fix(5, 'status-label', 'chưa thực hiện', 'Chưa thực hiện'), // typed over since the check
    fix(6, 'text-date', '15/11/2022', 44880, 'dd/mm/yyyy'),
    fix(7, 'whitespace', ' =1 ', '=1'), // a formula's result
    fix(8, 'whitespace', ' Đạt ', 'Đạt'),
  ];
  const written: string[] = [];
  state.changeListeners.push((c) => c.kind === 'values' && written.push(c.address));
  const ctx = context();
  const done = await applyFixes(ctx, fixes);
  expect(ctx.syncCount).toBe(2);
  // The fixes come back in the order given, whatever order they were written in.
  expect(done.applied.map((f) => f.row)).toEqual([9, 1, 2, 3, 4, 6, 8]);
  expect(done.skipped.map((f) => f.row)).toEqual([5, 7]);
  // Adjacent cells in one write; the text that Excel would take for a date alone (Text first).
  expect(written.sort()).toEqual(['B2:B4', 'B5', 'B7', 'B9:B10']);
  const cell = (r: number) => state.cell(s, r, 1)!;
  expect([1, 2, 3].map((r) => [cell(r).value, cell(r).fontName])).toEqual([
    ['Hoàn thành', 'Times New Roman'],
    ['Hoàn thành', 'Arial'],
    ['Hoàn thành', 'Times New Roman'],
  ]);
  expect([cell(4).value, cell(4).numberFormat, cell(4).formula]).toEqual(['15/11/2022', 'General', null]);
  expect([cell(6).value, cell(6).numberFormat]).toEqual([44880, 'dd/mm/yyyy']);
  expect([cell(9).value, cell(9).numberFormat]).toEqual(['Không đạt', '@']);

  // B9 fixed a second time, its font changed this time: Hoàn tác of both gives its very first state.
  const again = await applyFixes(context(), [fix(8, 'legacy', 'Đạt', 'Đạt.')]);
  expect(again.undo).toEqual([{ sheet: 'PL02', cell: 'B9', value: 'Đạt', numberFormat: 'General', font: 'VNI-Times' }]);
  const back = context();
  expect(await undoFixes(back, [...done.undo, ...again.undo])).toBe(1);
  expect(back.syncCount).toBe(1);
  expect(snapshot(state)).toEqual(before);
});

test('a fix read or written past 4 MB is cut into more round trips, each under 5 MB', async () => {
  const state = new FakeWorkbookState();
  const long = 'Đã rà soát, đánh giá thủ tục hành chính '.repeat(40);
  state.setValues(
    'PL02',
    Array.from({ length: 1200 }, () => [` ${long} `]),
  );
  const { context } = installFakeExcel('1.13', state);
  const before = copy(snapshot(state));
  const fixes: CellFix[] = Array.from({ length: 1200 }, (_, row) => ({
    sheet: 'PL02',
    row,
    col: 0,
    kind: 'whitespace',
    from: ` ${long} `,
    to: long,
  }));
  const ctx = context();
  const r = await applyFixes(ctx, fixes);
  expect(r.applied).toHaveLength(1200);
  // Values and formulas read back hold each 2 kB text twice (4.6 MB in all): two reads, one write.
  expect(ctx.responses.slice(0, -1).every((n) => n > 2 * 1024 * 1024)).toBe(true);
  expect(ctx.syncCount).toBe(3);
  console.log(`1,200 long fixes: requests ${ctx.payloads.join(' + ')} B, responses ${ctx.responses.join(' + ')} B`);
  expect(ctx.maxPayload).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(ctx.maxResponse).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(state.cell(state.sheet('PL02'), 1199, 0)!.value).toBe(long);
  const back = context();
  // The old texts (2.3 MB) go back in one request.
  expect(await undoFixes(back, r.undo)).toBe(1);
  expect(back.maxPayload).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(snapshot(state)).toEqual(before);
});

test('the fake, as Excel: the font or fill of a range whose cells differ reads null', async () => {
  const state = new FakeWorkbookState();
  state.setValues('S', [['a'], ['b'], ['c']]);
  state.cell(state.sheet('S'), 1, 0)!.fontName = '.VnTime';
  const { context } = installFakeExcel('1.13', state);
  const ctx = context();
  const ws = ctx.workbook.worksheets.getItem('S');
  const mixed = ws.getRange('A1:A3').load('format/font/name');
  const one = ws.getRange('A2').load('format/font/name');
  const same = ws.getRange('A1:A3').load('format/fill/color');
  await ctx.sync();
  expect([mixed.format.font.name, one.format.font.name, same.format.fill.color]).toEqual([null, '.VnTime', '#FFFFFF']);
});

describe('drop-downs', () => {
  /** The clerk's own rules: a list on PL02's remarks, a whole number on one PL01 evaluation cell. */
  function withClerkRules(state: FakeWorkbookState) {
    const remarks = validationsOf(state.sheet('PL02'));
    for (let r = 7; r <= 13; r++)
      remarks.set(`${r},7`, { ...blankValidation(), rule: { list: { inCellDropDown: true, source: 'Có,Không' } } });
    validationsOf(state.sheet('PL01')).set('9,5', {
      ...blankValidation(),
      rule: { wholeNumber: { formula1: 0, operator: 'GreaterThan' } },
    });
  }
  const allValidations = (state: FakeWorkbookState) => state.sheets.map((s) => [s.name, [...validationsOf(s)].sort()]);

  test('Thêm danh sách chọn lists the labels and names the rule; Bỏ danh sách chọn leaves every other rule and every cell as it was', async () => {
    const { state, context, caps } = excelWith(fixableWorkbook());
    expect(caps.dataValidation).toBe(true);
    withClerkRules(state);
    const rules = copy(allValidations(state));
    const cells = copy(snapshot(state));
    const { check } = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
    const plan = dropdownPlan(check.tables);

    const ctx = context();
    const added = await addDropdowns(ctx, plan);
    expect(ctx.syncCount).toBe(2);
    // PL01's evaluation column holds the clerk's rule on one cell: left to them.
    expect(added.kept).toBe(1);
    expect(added.added).toBe(plan.length - 1);
    expect(hasDropdowns()).toBe(true);
    const pl02 = validationsOf(state.sheet('PL02'));
    const status = pl02.get('7,5')!;
    expect(status.rule).toEqual({ list: { inCellDropDown: true, source: expect.stringContaining('Hoàn thành,') } });
    expect(status.prompt).toEqual({
      showPrompt: true,
      title: 'Phuluc · Tình trạng',
      message: expect.stringContaining('ghi lý do cụ thể ở cột'),
    });
    // The section row between the two runs of tasks gets no list.
    expect(pl02.get('11,5')).toBeUndefined();
    const reason = pl02.get('12,6')!;
    expect(reason.rule).toBeNull();
    expect(reason.prompt.showPrompt).toBe(true);
    expect(validationsOf(state.sheet('PL01')).get('8,5')).toBeUndefined();
    expect(validationsOf(state.sheet('PL01')).get('9,5')!.rule).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThan' } });
    expect(snapshot(state)).toEqual(cells);

    // Added twice, nothing is doubled: Phuluc's own ranges are not free any more.
    const twice = await addDropdowns(context(), plan);
    expect(twice.added).toBe(0);

    const off = context();
    const removed = await removeDropdowns(off);
    expect(removed.removed).toBe(plan.length - 1);
    expect(off.syncCount).toBe(3);
    expect(allValidations(state)).toEqual(rules);
    expect(snapshot(state)).toEqual(cells);
    expect(hasDropdowns()).toBe(false);
  });

  test('below ExcelApi 1.8 there is no data validation: the capability is off, and the fake refuses the member as Excel does', async () => {
    const { context, caps } = excelWith(fixableWorkbook(), '1.7');
    expect(caps.dataValidation).toBe(false);
    const ctx = context();
    ctx.workbook.worksheets.getItem('PL02').getRange('F8').dataValidation.load('type');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('the fake models data validation as documented', () => {
  test('type, valid, a rule over mixed cells, the list limit, clear on an overlap, one criterion per rule', async () => {
    const { state, context } = excelWith(fixableWorkbook());
    const ws = (ctx: ReturnType<typeof context>) => ctx.workbook.worksheets.getItem('PL02');
    let ctx = context();
    ws(ctx).getRange('F8:F9').dataValidation.rule = { list: { inCellDropDown: true, source: 'Hoàn thành,Chưa hoàn thành' } };
    await ctx.sync();
    ctx = context();
    const whole = ws(ctx).getRange('F8:F9').dataValidation.load('type,valid,ignoreBlanks,prompt');
    const mixed = ws(ctx).getRange('F8:F10').dataValidation.load('type');
    const none = ws(ctx).getRange('A1').dataValidation.load('type');
    await ctx.sync();
    expect([whole.type, mixed.type, none.type]).toEqual(['List', 'MixedCriteria', 'None']);
    // F8 "hoàn thành." is not in the list, F9 "Đã hoàn thành" neither: all invalid.
    expect(whole.valid).toBe(false);
    expect(whole.ignoreBlanks).toBe(true);
    expect(whole.prompt).toEqual({ showPrompt: false, title: '', message: '' });

    ctx = context();
    ws(ctx).getRange('F8:F10').dataValidation.rule = { list: { inCellDropDown: true, source: 'A,B' } };
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    ctx = context();
    ws(ctx).getRange('F12').dataValidation.rule = { list: { inCellDropDown: true, source: 'x'.repeat(256) } };
    await expect(ctx.sync()).rejects.toBeInstanceOf(FakeExcelError);
    ctx = context();
    ws(ctx).getRange('F12').dataValidation.rule = { list: { inCellDropDown: true, source: 'A' }, custom: { formula: '=TRUE' } };
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });

    ctx = context();
    ws(ctx).getRange('F9:F20').dataValidation.clear();
    await ctx.sync();
    expect([...validationsOf(state.sheet('PL02')).keys()]).toEqual(['7,5']);
    expect(a1(7, 5)).toBe('F8');
  });
});
