/**
 * The Office.js layer against the strict fake: round trips, reversible marks, the stamp, old Excel.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';
import { STP, stpRound } from '../fixtures/stp-round';
import { installFakeExcel, loadGrid, FakeWorkbookState, FakeExcelError, notesOf } from '../fixtures/fake-excel';
import { NOTE_AUTHOR, noteTargets } from '../../src/core/report/marks';
import { parseA1 } from '../../src/core/grid/address';
import { detectCapabilities } from '../../src/excel/capabilities';
import { readOpenWorkbook } from '../../src/excel/read-workbook';
import { checkOpenWorkbook } from '../../src/excel/check-workbook';
import { clearMarks, markCells, markTargets, MARK_FORMULA } from '../../src/excel/marks';
import { goToCell } from '../../src/excel/navigate';
import { convertLegacyCells, legacyCells } from '../../src/excel/convert-legacy';
import { builtinCatalog } from '../../src/core/template/catalog';
import { renderFinding } from '../../src/core/report/issue';
import { STAMP_PROPERTY } from '../../src/core/stamp/stamp';
import { encodeTcvn3 } from '../../src/core/text/legacy';

const catalog = builtinCatalog();
const round = stpRound;

function excelWith(sheets: SheetSpec[], version = '1.13') {
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets }));
  const fake = installFakeExcel(version, state);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  return { ...fake, caps };
}

test('the fake is strict: reading before load + sync throws like Excel', async () => {
  const { context } = excelWith(round());
  const ctx = context();
  const ws = ctx.workbook.worksheets.getItem('PL02');
  const used = ws.getUsedRange();
  expect(() => used.values).toThrow(/The property 'values' is not available/);
  used.load('values');
  expect(() => used.values).toThrow(FakeExcelError);
  await ctx.sync();
  expect(used.values.length).toBeGreaterThan(5);
  expect(() => used.numberFormat).toThrow(/numberFormat/);
});

test('a whole-workbook check takes the same few round trips for 100 and 10,000 rows', async () => {
  const counts: number[] = [];
  for (const rows of [100, 10_000]) {
    const { context, caps } = excelWith([{ form: 'pl02', letterhead: STP, rows: pl02Rows({ seed: 1, rows, sections: true }) }]);
    const ctx = context();
    const { grid, syncs } = await readOpenWorkbook(ctx, caps);
    expect(syncs).toBe(ctx.syncCount);
    expect(grid.sheets[0].values.length).toBeGreaterThan(rows);
    counts.push(ctx.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
  // Sheets and stamp; used ranges' extents; their cells (10,000 rows fit one response, see big-workbook.test).
  expect(counts[0]).toBe(3);
});

test('the check in Excel finds what the file check finds, at the same cells', async () => {
  const { context, caps } = excelWith(round());
  const r = await checkOpenWorkbook(context(), caps, { catalog });
  const fromFile = (await import('../../src/core/validate/validate-workbook')).validateWorkbook(buildWorkbook({ sheets: round() }), {
    catalog,
  });
  const show = (fs: typeof r.check.findings) => fs.map((f) => renderFinding(f, 'vi')).map((i) => `${i.code}@${i.sheet}!${i.cell}`);
  expect(show(r.check.findings)).toEqual(show(fromFile.findings));
  expect(show(r.check.findings)).toEqual(expect.arrayContaining(['reason-missing@PL02!G9', 'formula-error@PL02!E11']));
});

test('marking 1,000 cells is one round trip, and removing the marks restores every cell exactly', async () => {
  const { context, caps, state } = excelWith(round(1200, false));
  const ws = state.sheet('PL02');
  // The unit's own formatting and an own conditional format, which must survive.
  for (let r = 6; r < 400; r++) {
    const c = state.cell(ws, r, 2, true)!;
    c.fill = r % 2 ? '#E2EFDA' : null;
    c.fontColor = '#1F4E78';
    c.bold = r % 3 === 0;
  }
  ws.cfs.push({ id: 999, type: 'Custom', ranges: [{ r0: 6, c0: 5, r1: 50, c1: 5 }], formula: '=F7="Chưa hoàn thành"', fill: '#FF0000' });
  // A unit's colour scale: Excel refuses to load `custom` of such a format (office-js#2180).
  ws.cfs.push({ id: 998, type: 'ColorScale', ranges: [{ r0: 6, c0: 0, r1: 50, c1: 0 }], formula: '', fill: null });
  const before = JSON.stringify([...ws.cells.entries()]);
  const targets = Array.from({ length: 1000 }, (_, i) => ({
    sheet: 'PL02',
    cell: `C${7 + i}`,
    severity: i % 2 ? ('error' as const) : ('warning' as const),
  }));
  const ctx = context();
  expect(await markCells(ctx, caps, targets)).toBe(1);
  expect(ctx.syncCount).toBe(1);
  const marks = ws.cfs.filter((c) => c.formula === MARK_FORMULA);
  expect(marks.reduce((n, c) => n + c.ranges.length, 0)).toBe(1000);
  expect(JSON.stringify([...ws.cells.entries()])).toBe(before); // marks never touch a cell's own format
  await clearMarks(context(), caps);
  expect(ws.cfs.map((c) => c.id)).toEqual([999, 998]);
  expect(JSON.stringify([...ws.cells.entries()])).toBe(before);
});

describe("Xóa đánh dấu in a highlighted copy from the page: Phuluc's notes go, no one else's", () => {
  /** The copy as the page writes it: one note per problem cell by "Phuluc"; and the unit's own notes. */
  async function highlightedCopy(version: string) {
    const fake = excelWith(round(), version);
    const { check } = await checkOpenWorkbook(fake.context(), fake.caps, { catalog });
    const ours = noteTargets(check.findings, 'vi');
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const n of ours) {
      const at = parseA1(n.cell)!;
      notesOf(fake.state.sheet(n.sheet)).set(`${at.row},${at.col}`, { author: NOTE_AUTHOR, content: n.text });
    }
    // The unit's notes: one on a cell of its own, one by an author whose name only contains ours.
    notesOf(fake.state.sheet('PL02')).set('0,0', { author: 'Nguyễn Văn A', content: 'Số liệu quý IV' });
    notesOf(fake.state.sheet('PL01')).set('1,1', { author: 'Phuluc Team', content: 'Mẫu cũ' });
    const notes = () => fake.state.sheets.flatMap((s) => [...notesOf(s)].map(([k, n]) => `${s.name}!${k} ${n.author}`)).sort();
    return { ...fake, ours, notes };
  }

  test('from ExcelApi 1.18 (Workbook.notes): in the same three round trips as the marks', async () => {
    const { context, caps, state, notes, ours } = await highlightedCopy('1.18');
    expect(caps.notes).toBe(true);
    expect(notes()).toHaveLength(ours.length + 2);
    // Marks on and off as the switch does: the notes stay.
    expect(await clearMarks(context(), caps)).toBe(3);
    expect(notes()).toHaveLength(ours.length + 2);
    const ctx = context();
    expect(await clearMarks(ctx, caps, { notes: true })).toBe(3);
    expect(ctx.syncCount).toBe(3);
    expect(notes()).toEqual(['PL01!1,1 Phuluc Team', 'PL02!0,0 Nguyễn Văn A']);
    expect(state.sheets.flatMap((s) => s.cfs.filter((c) => c.formula === MARK_FORMULA))).toEqual([]);
    // Once more: nothing of ours left, nothing else touched.
    await clearMarks(context(), caps, { notes: true });
    expect(notes()).toEqual(['PL01!1,1 Phuluc Team', 'PL02!0,0 Nguyễn Văn A']);
  });

  test('below 1.18 the notes cannot be reached: the marks go, every note stays, and the fake refuses Workbook.notes as Excel does', async () => {
    const { context, caps, state, notes, ours } = await highlightedCopy('1.17');
    expect(caps.notes).toBe(false);
    expect(await clearMarks(context(), caps, { notes: true })).toBe(3);
    expect(notes()).toHaveLength(ours.length + 2);
    expect(state.sheets.flatMap((s) => s.cfs.filter((c) => c.formula === MARK_FORMULA))).toEqual([]);
    const ctx = context();
    ctx.workbook.notes.load('items/authorName');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

test('on ExcelApi 1.1 the check still works and reports the same issues; marks fall back to fills put back exactly', async () => {
  const modern = excelWith(round(), '1.13');
  const old = excelWith(round(), '1.1');
  expect(old.caps).toMatchObject({ conditionalFormats: false, rangeAreas: false, mergedAreas: false, customProperties: false });
  const a = await checkOpenWorkbook(modern.context(), modern.caps, { catalog, mark: false });
  const b = await checkOpenWorkbook(old.context(), old.caps, { catalog });
  const codes = (r: typeof a) => r.check.findings.map((f) => `${f.code}@${f.sheet}!${f.row},${f.col}`);
  expect(codes(b)).toEqual(codes(a));
  const ws = old.state.sheet('PL02');
  expect(old.state.cell(ws, 8, 6)!.fill).toBe('#FFC7CE');
  await clearMarks(old.context(), old.caps);
  expect(old.state.cell(ws, 8, 6)!.fill).toBeNull();
});

test('the stamp is written only after a check with no errors, and cleared after one with errors', async () => {
  const clean = excelWith(round(8, false));
  const r = await checkOpenWorkbook(clean.context(), clean.caps, { catalog, now: new Date('2022-11-14T02:00:00Z') });
  expect(r.check.status).toBe('ok');
  const stamp = JSON.parse(clean.state.customProps.get(STAMP_PROPERTY)!);
  expect(stamp).toMatchObject({ unit: 'STP', round: 'kh-cchc-2023', checkedAt: '2022-11-14T02:00:00.000Z', digest: r.check.digest });
  // The same workbook read back: the stamp identifies the unit and is current.
  const again = await checkOpenWorkbook(clean.context(), clean.caps, { catalog });
  expect(again.check.unit.from).toBe('stamp');
  expect(again.check.stamp?.current).toBe(true);
  // Now an error is introduced: the stamp goes.
  clean.state.cell(clean.state.sheet('PL02'), 7, 4, true)!.value = '#REF!';
  const bad = await checkOpenWorkbook(clean.context(), clean.caps, { catalog });
  expect(bad.check.status).toBe('invalid');
  expect(clean.state.customProps.has(STAMP_PROPERTY)).toBe(false);
  // Before ExcelApi 1.7 the stamp goes to the document settings.
  const old = excelWith(round(8, false), '1.6');
  await checkOpenWorkbook(old.context(), old.caps, { catalog });
  expect(JSON.parse(String(old.office.settings.get(STAMP_PROPERTY))).unit).toBe('STP');
});

test('jumping to a problem activates its sheet and selects its cell in one round trip', async () => {
  const { context, state } = excelWith(round());
  const ctx = context();
  await goToCell(ctx, 'PL02', 'G9');
  expect(ctx.syncCount).toBe(1);
  expect(state.activeSheet).toBe('PL02');
  expect(state.selection).toEqual({ sheet: 'PL02', address: 'G9' });
});

test('legacy-encoded text is converted in place in one round trip, with a Unicode font', async () => {
  const rows = pl02Rows({ seed: 3, rows: 4 }).map((r) => ('nhiem_vu' in r ? { ...r, nhiem_vu: encodeTcvn3(String(r.nhiem_vu)) } : r));
  const { context, caps, state } = excelWith([{ form: 'pl02', letterhead: STP, rows }]);
  const ws = state.sheet('PL02');
  state.cell(ws, 6, 1, true)!.fontName = '.VnTime';
  const r = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  const cells = legacyCells(r.check.findings);
  expect(cells.length).toBe(4);
  const ctx = context();
  await convertLegacyCells(ctx, cells, r.fonts);
  expect(ctx.syncCount).toBe(1);
  expect(state.cell(ws, 6, 1)!.value).toBe(String((pl02Rows({ seed: 3, rows: 4 })[0] as Record<string, unknown>).nhiem_vu));
  expect(state.cell(ws, 6, 1)!.fontName).toBe('Times New Roman');
  const after = await checkOpenWorkbook(context(), caps, { catalog, mark: false });
  expect(after.check.findings.filter((f) => f.code === 'legacy-encoding')).toEqual([]);
});

test('marks target each problem cell once, errors over warnings', () => {
  const t = markTargets([
    { code: 'reason-vague', severity: 'warning', sheet: 'A', row: 1, col: 1, params: {} },
    { code: 'value-required', severity: 'error', sheet: 'A', row: 1, col: 1, params: {} },
    { code: 'sheet-missing', severity: 'error', params: {} },
  ]);
  expect(t).toEqual([{ sheet: 'A', cell: 'B2', severity: 'error' }]);
});
