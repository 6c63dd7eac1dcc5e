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
  // One read and one write, each cut where the (generous) estimate would pass 4 MB: 6,000 cells take five.
  expect(ctx.syncCount).toBeLessThanOrEqual(6);
  const back = context();
  await undoFixes(back, r.undo);
  expect(back.maxPayload).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(back.syncCount).toBeLessThanOrEqual(3);
  expect(snapshot(state)).toEqual(before);
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
