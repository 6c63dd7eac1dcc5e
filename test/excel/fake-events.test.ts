/**
 * The strict fake's events follow the published API: registered and removed at sync, absent below
 * their requirement set, raised after the sync of the writes that caused them (the add-in's own too).
 */
import { FakeExcelError, FakeWorkbookState, installFakeExcel } from '../fixtures/fake-excel';
import { eventsOf, userAddSheet, userDeleteSheet, userEdit, userRename } from '../fixtures/fake-excel-events';

function excel(version: string) {
  const state = new FakeWorkbookState();
  state.addSheet('A');
  state.addSheet('B');
  return installFakeExcel(version, state);
}

test('Worksheet.onChanged is ExcelApi 1.7: below it the registration fails the batch at sync', async () => {
  const { context } = excel('1.6');
  const ctx = context();
  ctx.workbook.worksheets.getItem('A').onChanged.add(async () => undefined);
  await expect(ctx.sync()).rejects.toThrow(FakeExcelError);
  const c2 = context();
  c2.workbook.worksheets.onChanged.add(async () => undefined);
  await expect(c2.sync()).rejects.toThrow(/needs 1\.9/);
});

test('a handler runs only after the sync that registers it, gets the changed address and sheet id, for the add-in own writes too', async () => {
  const { context, state } = excel('1.7');
  const hub = eventsOf(state);
  const seen: Record<string, unknown>[] = [];
  const ctx = context();
  const ws = ctx.workbook.worksheets.getItem('A');
  ws.onChanged.add(async (e) => void seen.push(e as unknown as Record<string, unknown>));
  userEdit(state, 'A', 'B2', [['x']]); // before the registration's sync: not seen
  await ctx.sync();
  await hub.settled();
  expect(seen).toEqual([]);
  const w = context();
  w.workbook.worksheets.getItem('A').getRange('C3').values = [['own']];
  const p = w.sync();
  expect(seen).toEqual([]);
  await p;
  await hub.settled();
  expect(seen).toEqual([
    { type: 'WorksheetChanged', address: 'C3', changeType: 'RangeEdited', source: 'Local', worksheetId: state.sheet('A').id },
  ]);
  // Below 1.14 there is no triggerSource; another sheet's change is not this sheet's event.
  userEdit(state, 'B', 'A1', [['y']]);
  await hub.settled();
  expect(seen).toHaveLength(1);
});

test('from 1.14 triggerSource tells the add-in own writes (ThisLocalAddin) from the person typing (Unknown); format writes raise onChanged too', async () => {
  const { context, state } = excel('1.14');
  const hub = eventsOf(state);
  const seen: Record<string, unknown>[] = [];
  const ctx = context();
  const reg = ctx.workbook.worksheets.onChanged.add(async (e) => void seen.push(e as unknown as Record<string, unknown>));
  await ctx.sync();
  const w = context();
  const cf = w.workbook.worksheets.getItem('B').getRange('D4:E5').conditionalFormats.add('Custom');
  cf.custom.rule.formula = '=TRUE';
  await w.sync();
  userEdit(state, 'B', 'D4', [['typed']]);
  await hub.settled();
  expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([
    ['D4:E5', 'ThisLocalAddin'],
    ['D4', 'Unknown'],
  ]);
  // remove() takes effect at the sync that carries it.
  reg.remove();
  userEdit(state, 'B', 'D5', [['still seen']]);
  await hub.settled();
  expect(seen).toHaveLength(3);
  await reg.context.sync();
  userEdit(state, 'B', 'D6', [['not seen']]);
  await hub.settled();
  expect(seen).toHaveLength(3);
});

test('sheets added, deleted and renamed: onAdded, onDeleted (1.7) and onNameChanged (1.17); a renamed sheet keeps its id and its handlers', async () => {
  const { context, state } = excel('1.17');
  const hub = eventsOf(state);
  const seen: string[] = [];
  const ctx = context();
  const sheets = ctx.workbook.worksheets;
  sheets.onAdded.add(async (e) => void seen.push(`added ${e.worksheetId}`));
  sheets.onDeleted.add(async (e) => void seen.push(`deleted ${e.worksheetId}`));
  sheets.onNameChanged.add(async (e) => void seen.push(`renamed ${e.nameBefore}→${e.nameAfter} ${e.worksheetId}`));
  sheets.getItem('A').onChanged.add(async (e) => void seen.push(`changed ${e.address}`));
  await ctx.sync();
  const idA = state.sheet('A').id;
  const idB = state.sheet('B').id;
  userRename(state, 'A', 'A2');
  userEdit(state, 'A2', 'A1', [['x']]);
  const c = userAddSheet(state, 'C');
  userDeleteSheet(state, 'B');
  await hub.settled();
  expect(seen).toEqual([`renamed A→A2 ${idA}`, 'changed A1', `added ${c.id}`, `deleted ${idB}`]);
  expect(state.sheet(idA!).name).toBe('A2');
  // The add-in's own rename raises the event after its sync.
  const w = context();
  w.workbook.worksheets.getItem('C').name = 'D';
  await w.sync();
  await hub.settled();
  expect(seen[seen.length - 1]).toBe(`renamed C→D ${c.id}`);
});
