/**
 * Reading workbooks too big for one response: Excel on the web refuses a response over 5 MB
 * (ResponsePayloadSizeLimitExceeded), so the cells come in row blocks of at most MAX_CELLS_PER_SYNC.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { pl02Rows, pl03Rows } from '../fixtures/content';
import {
  installFakeExcel,
  loadGrid,
  FakeWorkbookState,
  FakeExcelError,
  FakeContextOptions,
  WEB_PAYLOAD_LIMIT,
} from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { readOpenWorkbook, MAX_CELLS_PER_SYNC, ReadOptions } from '../../src/excel/read-workbook';
import { encodeTcvn3 } from '../../src/core/text/legacy';
import type { WorkbookGrid } from '../../src/core/grid/types';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const pl02 = (rows: number, seed = 1): SheetSpec => ({
  form: 'pl02',
  letterhead: STP,
  rows: pl02Rows({ seed, rows, sections: true }),
  formats: { stt: '0.0' },
});

function workbook(sheets: SheetSpec[]): FakeWorkbookState {
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets }));
  return state;
}

async function read(state: FakeWorkbookState, version = '1.13', fakeOptions: FakeContextOptions = {}, options: ReadOptions = {}) {
  const fake = installFakeExcel(version, state, fakeOptions);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const ctx = fake.context();
  const r = await readOpenWorkbook(ctx, caps, options);
  expect(r.syncs).toBe(ctx.syncCount);
  return { ...r, ctx };
}

/** Cells of the used ranges (values only), as the reader counts them. */
function usedCells(state: FakeWorkbookState): number {
  return state.sheets.reduce((n, s) => {
    const u = state.usedRange(s, true);
    return n + (u ? (u.r1 - u.r0 + 1) * (u.c1 - u.c0 + 1) : 0);
  }, 0);
}

/** Every cell of the fake workbook is in the grid with its value, and numbers with their format; nothing else. */
function expectSameCells(state: FakeWorkbookState, grid: WorkbookGrid): void {
  state.sheets.forEach((s, i) => {
    const g = grid.sheets[i];
    expect(g.name).toBe(s.name);
    let inState = 0;
    let formatted = 0;
    for (const [k, cell] of s.cells) {
      if (cell.value === '') continue;
      const [r, c] = k.split(',').map(Number);
      inState++;
      if (g.values[r]?.[c] !== cell.value) throw new Error(`${s.name} ${k}: ${String(g.values[r]?.[c])} ≠ ${String(cell.value)}`);
      const f = typeof cell.value === 'number' && cell.numberFormat !== 'General' ? cell.numberFormat : null;
      if ((g.formats?.[r]?.[c] ?? null) !== f) throw new Error(`${s.name} ${k}: format ${String(g.formats?.[r]?.[c])} ≠ ${String(f)}`);
      if (f) formatted++;
    }
    expect(g.values.flat().filter((v) => v !== null).length).toBe(inState);
    expect((g.formats ?? []).flat().filter((f) => f).length).toBe(formatted);
  });
}

test('a normal workbook is read in 3 round trips whatever its rows, 4 with legacy fonts', async () => {
  for (const rows of [100, 10_000]) {
    const state = workbook([pl02(rows)]);
    const r = await read(state);
    expect(r.syncs).toBe(3);
    expect(r.ctx.maxResponse).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    expectSameCells(state, r.grid);
  }
  const legacy = pl02Rows({ seed: 3, rows: 4 }).map((row) =>
    'nhiem_vu' in row ? { ...row, nhiem_vu: encodeTcvn3(String(row.nhiem_vu)) } : row,
  );
  const state = workbook([{ form: 'pl02', letterhead: STP, rows: legacy }]);
  state.cell(state.sheet('PL02'), 6, 1, true)!.fontName = '.VnTime';
  const r = await read(state);
  expect(r.syncs).toBe(4);
  expect(r.grid.sheets[0].fonts?.[6]?.[1]).toBe('.VnTime');
});

test('20,000 rows: one read would be refused on Excel on the web; blocks of rows read every cell in 2 + ⌈cells / budget⌉ round trips', async () => {
  const state = workbook([pl02(20_000)]);
  const cells = usedCells(state);
  expect(cells).toBeGreaterThan(MAX_CELLS_PER_SYNC);
  // The whole used range in one response, as the reader did before: over 5 MB, refused.
  const ctx = installFakeExcel('1.13', state).context();
  const used = ctx.workbook.worksheets.getItem('PL02').getUsedRangeOrNullObject(true);
  used.load('address,values,numberFormat,rowIndex,columnIndex');
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  const unlimited = await read(state, '1.13', { responseLimit: Infinity }, { maxCellsPerSync: Infinity });
  expect(unlimited.ctx.maxResponse).toBeGreaterThan(WEB_PAYLOAD_LIMIT);

  const r = await read(state);
  expect(r.syncs).toBe(2 + Math.ceil(cells / MAX_CELLS_PER_SYNC));
  expect(r.ctx.maxResponse).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  expect(r.grid).toEqual(unlimited.grid);
  expectSameCells(state, r.grid);
});

test('several sheets with a small budget are packed into full round trips and stitched back in order', async () => {
  const state = workbook([
    pl02(700),
    { form: 'pl03', letterhead: STP, rows: pl03Rows({ seed: 2, rows: 300 }) },
    { form: 'pl04', letterhead: STP, rows: pl03Rows({ seed: 3, rows: 450, sections: true }) },
  ]);
  state.addSheet('Trống');
  // A sheet whose used range starts away from A1.
  state.setValues(
    'Lệch',
    [
      [1, 'a', 2],
      [null, 'b', 3],
    ],
    { row: 40, col: 3 },
  );
  const cols = Math.max(...state.sheets.map((s) => state.usedRange(s, true)).map((u) => (u ? u.c1 - u.c0 + 1 : 0)));
  const budget = 1000;
  const cells = usedCells(state);
  const reference = await read(state, '1.13', { responseLimit: Infinity }, { maxCellsPerSync: Infinity });
  expect(reference.syncs).toBe(3);

  const r = await read(state, '1.13', {}, { maxCellsPerSync: budget });
  expect(r.syncs).toBeGreaterThanOrEqual(2 + Math.ceil(cells / budget));
  // Only the rows that do not fit the end of a round trip are left over: at most cols - 1 cells each.
  expect(r.syncs).toBeLessThanOrEqual(2 + Math.ceil(cells / (budget - cols + 1)));
  expect(r.grid).toEqual(reference.grid);
  expect(r.grid.sheets.map((s) => s.name)).toEqual(['PL02', 'PL03', 'PL04', 'Trống', 'Lệch']);
  expect(r.grid.sheets[3].values).toEqual([]);
  expect(r.grid.sheets[4].values[40]).toEqual([null, null, null, 1, 'a', 2]);
  expect(r.grid.sheets[4].values.slice(0, 40).every((row) => row.length === 0)).toBe(true);
  expectSameCells(state, r.grid);
});

test('cells heavier than budgeted: a refused response is read again with half the budget, still complete', async () => {
  const state = workbook([pl02(10_000)]);
  const limit = 1_000_000; // a tenth of what 10,000 rows need
  const r = await read(state, '1.13', { responseLimit: limit });
  const refused = r.ctx.responses.filter((n) => n > limit).length;
  expect(refused).toBeGreaterThan(0);
  expect(refused).toBeLessThanOrEqual(Math.ceil(Math.log2(MAX_CELLS_PER_SYNC)));
  // Once the budget fits, each round trip carries over a quarter of the limit: proportional to size, not per row.
  const served = r.ctx.responses.filter((n) => n <= limit);
  expect(served.length).toBe(r.syncs - refused);
  expect(served.length).toBeLessThanOrEqual(2 + Math.ceil(served.reduce((a, b) => a + b, 0) / (limit / 4)));
  expectSameCells(state, r.grid);
  const reference = await read(state, '1.13', { responseLimit: Infinity });
  expect(r.grid).toEqual(reference.grid);
});

test('a single row over the limit fails with Excel’s error after a few halvings, not a loop', async () => {
  const state = new FakeWorkbookState();
  state.setValues('Dài', [
    ['x'.repeat(5000), 'y'.repeat(5000)],
    [1, 2],
  ]);
  const fake = installFakeExcel('1.13', state, { responseLimit: 4000 });
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const ctx = fake.context();
  // The fake's sync never yields to timers, so a looping reader would never time out: stop it here.
  const sync = ctx.sync.bind(ctx);
  ctx.sync = (() => (ctx.syncCount >= 100 ? Promise.reject(new Error('still retrying after 100 round trips')) : sync())) as typeof ctx.sync;
  await expect(readOpenWorkbook(ctx, caps)).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  expect(ctx.syncCount).toBeLessThanOrEqual(2 + 1 + Math.ceil(Math.log2(MAX_CELLS_PER_SYNC)));
});

test('ExcelApi 1.1 (no getRangeByIndexes): a large sheet is read in A1-addressed blocks, the same cells', async () => {
  const state = workbook([pl02(20_000)]);
  const cells = usedCells(state);
  const modern = await read(state, '1.13');
  const old = await read(state, '1.1');
  expect(old.syncs).toBe(2 + Math.ceil(cells / MAX_CELLS_PER_SYNC));
  expect(old.ctx.maxResponse).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
  expect(old.grid.sheets.map((s) => [s.values, s.formats])).toEqual(modern.grid.sheets.map((s) => [s.values, s.formats]));
  expectSameCells(state, old.grid);
});

test('the fake refuses a response over its limit, and nothing that batch loaded becomes readable', async () => {
  const state = new FakeWorkbookState();
  state.setValues('A', [['x'.repeat(300)], ['y'.repeat(300)]]);
  const fake = installFakeExcel('1.13', state, { responseLimit: 500 });
  const ctx = fake.context();
  const ws = ctx.workbook.worksheets.getItem('A');
  const big = ws.getRange('A1:A2');
  big.load('values');
  await expect(ctx.sync()).rejects.toBeInstanceOf(FakeExcelError);
  expect(ctx.responses[0]).toBeGreaterThan(600);
  expect(() => big.values).toThrow(/not available/);
  const small = ws.getRange('A1');
  small.load('values');
  await ctx.sync();
  expect(small.values).toEqual([['x'.repeat(300)]]);
  expect(ctx.responses[1]).toBeLessThanOrEqual(500);
});
