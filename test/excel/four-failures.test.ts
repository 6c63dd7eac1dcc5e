/**
 * The four real failures found by holding the fake to @types/office-js (issue 11), each with the
 * test that fails again if its fix is reverted.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { STP } from '../fixtures/stp-round';
import { FakeExcelError, FakeWorkbookState, installFakeExcel, loadGrid } from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { checkOpenWorkbook } from '../../src/excel/check-workbook';
import { writeModelToWorkbook } from '../../src/excel/write-model';
import { builtinCatalog } from '../../src/core/template/catalog';
import { META_SHEET } from '../../src/core/merge/model';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { smallModel } from '../fixtures/excel-sweep';

const catalog = builtinCatalog();

function excel(version: string, state = new FakeWorkbookState()) {
  const fake = installFakeExcel(version, state);
  return { ...fake, caps: detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v)) };
}

test('1. "Tổng hợp" a second time into the same workbook replaces Phuluc’s sheets and keeps every other (the very hidden list is made hidden before it is deleted)', async () => {
  for (const version of ['1.2', '1.13']) {
    const { context, state, caps } = excel(version);
    state.setValues('Công văn', [['Số 1234/SNV'], [45000]]);
    const m = smallModel();
    const first = await writeModelToWorkbook(context(), caps, m);
    expect(state.sheet(META_SHEET).visibility).toBe('VeryHidden');
    const names = state.sheets.map((s) => s.name).sort();
    const second = await writeModelToWorkbook(context(), caps, m);
    expect(second.sheets).toEqual(first.sheets);
    expect(state.sheets.map((s) => s.name).sort()).toEqual(names);
    expect(state.sheet('Công văn').cells.size).toBe(2);
  }
});

test('2. every check works on ExcelApi 1.4–1.6 (getRangeByIndexes is 1.7: A1 addresses before it)', async () => {
  const sheets: SheetSpec[] = [
    { form: 'pl01', letterhead: STP, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 4 }) },
    { form: 'pl02', letterhead: STP, rows: pl02Rows({ seed: 5, rows: 30, sections: true }) },
    { form: 'pl03', letterhead: STP, rows: pl03Rows({ seed: 2, rows: 3 }) },
  ];
  const fromFile = validateWorkbook(buildWorkbook({ sheets }), { catalog }).findings.map((f) => `${f.code}@${f.sheet}!${f.row},${f.col}`);
  for (const version of ['1.4', '1.5', '1.6', '1.7']) {
    const state = new FakeWorkbookState();
    loadGrid(state, buildWorkbook({ sheets }));
    const { context, caps } = excel(version, state);
    expect(caps.rangeByIndexes).toBe(version === '1.7');
    const r = await checkOpenWorkbook(context(), caps, { catalog });
    expect(r.check.findings.map((f) => `${f.code}@${f.sheet}!${f.row},${f.col}`)).toEqual(fromFile);
  }
});

test('3. writing the consolidated sheets works on ExcelApi 1.1 (column fit and hiding the list are 1.2)', async () => {
  const { context, state, caps } = excel('1.1');
  state.setValues('Sheet1', [['x']]);
  expect(caps).toMatchObject({ autofit: false, sheetVisibility: false });
  const r = await writeModelToWorkbook(context(), caps, smallModel());
  expect(r.sheets).toContain('Tổng hợp');
  expect(state.sheet(META_SHEET).visibility).toBe('Visible');
  const again = await writeModelToWorkbook(context(), caps, smallModel());
  expect(again.sheets).toEqual(r.sheets);
});

test('4. text stays text: "0123", "15/11/2022", "=> …", "TRUE" written into the consolidated sheets come back as the same strings', async () => {
  const { context, state, caps } = excel('1.13');
  state.setValues('Sheet1', [['x']]);
  const m = smallModel();
  const pl02 = m.sheets.find((s) => s.name === 'PL02')!;
  const col = pl02.columns.findIndex((c) => c.kind === 'text');
  const texts = ['0123', '15/11/2022', '=> Đề nghị bổ sung', 'TRUE'];
  texts.forEach((t, i) => (pl02.rows[i][col] = t));
  await writeModelToWorkbook(context(), caps, m);
  const out = state.sheet('PL02');
  expect(texts.map((_, i) => state.cell(out, 1 + i, col)!.value)).toEqual(texts);
});

test('1b. a consolidation that fails on the way leaves the previous one in place (batches are not transactions)', async () => {
  const { context, state, caps } = excel('1.13');
  state.setValues('Công văn', [['Số 1234/SNV']]);
  const m = smallModel();
  await writeModelToWorkbook(context(), caps, m);
  const before = state.sheets.map((s) => [s.name, s.cells.size]);
  // Excel fails the third new sheet: what the batch did before it stays done.
  const add = state.addSheet.bind(state);
  let added = 0;
  state.addSheet = (name: string) => {
    if (++added === 3) throw new FakeExcelError('GeneralException', 'There was an internal error while processing the request.');
    return add(name);
  };
  await expect(writeModelToWorkbook(context(), caps, m)).rejects.toMatchObject({ code: 'GeneralException' });
  expect(state.sheets.map((s) => [s.name, s.cells.size])).toEqual(before);
});
