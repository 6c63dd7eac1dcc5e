/**
 * What Excel documents and the add-in must live with, each shown twice: the fake does what the
 * documentation says (so a test against it means something), and the add-in's code copes with it.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';
import { smallModel } from '../fixtures/excel-sweep';
import { STP, stpRound } from '../fixtures/stp-round';
import {
  convertTyped,
  FakeWorkbookState,
  installFakeExcel,
  InstallOptions,
  loadGrid,
  MERGED_AREAS_LIMIT,
  sheetNameProblem,
  WEB_PAYLOAD_LIMIT,
} from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { checkOpenWorkbook } from '../../src/excel/check-workbook';
import { readOpenWorkbook } from '../../src/excel/read-workbook';
import { convertLegacyCells } from '../../src/excel/convert-legacy';
import { needsTextFormat } from '../../src/excel/text-cells';
import { writeModelToWorkbook } from '../../src/excel/write-model';
import { builtinCatalog } from '../../src/core/template/catalog';
import { parseStamp, STAMP_PROPERTY } from '../../src/core/stamp/stamp';
import { META_SHEET } from '../../src/core/merge/model';

const catalog = builtinCatalog();

function excel(version: string, state = new FakeWorkbookState(), options: InstallOptions = {}) {
  const fake = installFakeExcel(version, state, options);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  return { ...fake, caps };
}

function submission(sheets: SheetSpec[]): FakeWorkbookState {
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets }));
  return state;
}

describe('a failing batch fails at sync() and keeps what ran before it (no rollback)', () => {
  test('a member newer than the Excel fails at sync, not at the call, and the earlier writes stay', async () => {
    const { context, state } = excel('1.6');
    state.setValues('A', [['x']]);
    const ctx = context();
    const ws = ctx.workbook.worksheets.getItem('A');
    ws.getRange('B1').values = [['đã ghi']];
    // getRangeByIndexes is ExcelApi 1.7: no throw here…
    const r = ws.getRangeByIndexes(0, 0, 1, 1);
    r.load('values');
    ws.getRange('C1').values = [['không ghi']];
    // …but at sync, with the write before it done and the one after it not.
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(state.cell(state.sheet('A'), 0, 1)?.value).toBe('đã ghi');
    expect(state.cell(state.sheet('A'), 0, 2)).toBeUndefined();
    expect(() => r.values).toThrow(/not available/);
  });

  test('setting visibility is 1.2, reading it 1.1 (read and write apart, as documented)', async () => {
    const { context, state } = excel('1.1');
    state.addSheet('A');
    state.addSheet('B');
    const ctx = context();
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/visibility');
    await ctx.sync();
    expect(sheets.items.map((ws) => ws.visibility)).toEqual(['Visible', 'Visible']);
    sheets.getItem('B').visibility = 'Hidden';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('sheets: very hidden, the last visible one, names', () => {
  test('a very hidden sheet cannot be deleted until it is made visible or hidden', async () => {
    const { context, state } = excel('1.13');
    state.addSheet('A');
    state.addSheet('B').visibility = 'VeryHidden';
    const ctx = context();
    ctx.workbook.worksheets.getItem('B').delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    const b = ctx.workbook.worksheets.getItem('B');
    b.visibility = 'Hidden';
    b.delete();
    await ctx.sync();
    expect(state.sheets.map((s) => s.name)).toEqual(['A']);
  });

  test('the last visible sheet can be neither deleted nor hidden', async () => {
    const { context, state } = excel('1.13');
    state.addSheet('A');
    state.addSheet('B').visibility = 'Hidden';
    const ctx = context();
    ctx.workbook.worksheets.getItem('A').delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    ctx.workbook.worksheets.getItem('A').visibility = 'Hidden';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(state.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['A', 'Visible'],
      ['B', 'Hidden'],
    ]);
  });

  test('a consolidation into a workbook whose only visible sheets are Phuluc’s replaces them all', async () => {
    const { context, state, caps } = excel('1.13');
    state.addSheet('Sheet1');
    const m = smallModel();
    await writeModelToWorkbook(context(), caps, m);
    // The clerk deletes their own sheet: only Phuluc's remain visible.
    state.sheets.splice(
      state.sheets.findIndex((s) => s.name === 'Sheet1'),
      1,
    );
    const again = await writeModelToWorkbook(context(), caps, m);
    expect(state.sheets.map((s) => s.name).sort()).toEqual([...again.sheets, META_SHEET].sort());
  });

  test('sheet names follow Excel’s rules, uniqueness ignoring case', async () => {
    expect(sheetNameProblem('x'.repeat(31))).toBeNull();
    expect(sheetNameProblem('x'.repeat(32))).toMatch(/31/);
    for (const bad of ['a/b', 'a\\b', 'a?', 'a*', 'a:b', '[a]', "'a", 'History', 'history', ' '])
      expect(sheetNameProblem(bad)).not.toBeNull();
    const { context, state } = excel('1.13');
    state.addSheet('Tổng hợp');
    const ctx = context();
    ctx.workbook.worksheets.add('TỔNG HỢP');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    ctx.workbook.worksheets.add('Báo cáo: tháng 11');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('the consolidated sheets take free names when the clerk’s own sheets hold them in another case', async () => {
    const { context, state, caps } = excel('1.13');
    state.addSheet('tổng hợp');
    state.addSheet('LỖI');
    const r = await writeModelToWorkbook(context(), caps, smallModel());
    expect(r.sheets).toEqual(expect.arrayContaining(['Tổng hợp (Phuluc)', 'Lỗi (Phuluc)']));
    expect(r.sheets.every((n) => sheetNameProblem(n) === null)).toBe(true);
  });
});

describe('text written into a cell is converted by Excel unless the cell is already Text', () => {
  const tricky = [
    '0123',
    '15/11/2022',
    '2022-11-15',
    '=> Đề nghị bổ sung',
    '+84 912',
    '-',
    '- Nội dung',
    'TRUE',
    'false',
    '15%',
    '1e5',
    '.5',
    '1.234,5',
  ];

  test('the fake converts as Excel does, and keeps text in an "@" cell', async () => {
    expect(convertTyped('0123').value).toBe(123);
    expect(convertTyped('15/11/2022')).toEqual({ value: 44880, numberFormat: 'dd/mm/yyyy' });
    expect(convertTyped('=> Đề nghị').formula).toBe('=> Đề nghị');
    expect(convertTyped('TRUE').value).toBe(true);
    expect(convertTyped('Đạt').value).toBe('Đạt');
    const { context, state } = excel('1.13');
    state.addSheet('A');
    const ctx = context();
    const ws = ctx.workbook.worksheets.getItem('A');
    ws.getRange('A1:B1').values = [['0123', '0123']];
    ws.getRange('B1').numberFormat = [['@']];
    ws.getRange('C1').numberFormat = [['@']];
    ws.getRange('C1').values = [['0123']];
    await ctx.sync();
    const s = state.sheet('A');
    expect([0, 1, 2].map((c) => state.cell(s, 0, c)!.value)).toEqual([123, 123, '0123']);
  });

  test('every text Excel would convert is formatted "@" first when the add-in converts legacy text', async () => {
    for (const t of tricky) if (convertTyped(t).value !== t) expect([t, needsTextFormat(t)]).toEqual([t, true]);
    const { context, state } = excel('1.13');
    state.setValues('PL02', [tricky.map(() => 'x')]);
    const cells = tricky.map((t, i) => ({ sheet: 'PL02', cell: `${String.fromCharCode(65 + i)}1`, converted: t }));
    await convertLegacyCells(context(), cells);
    const s = state.sheet('PL02');
    expect(tricky.map((_, i) => state.cell(s, 0, i)!.value)).toEqual(tricky);
  });

  test('consolidated text stays text: the format arrives before the value', async () => {
    const { context, state, caps } = excel('1.13');
    state.addSheet('Sheet1');
    const m = smallModel();
    const pl02 = m.sheets.find((s) => s.name === 'PL02')!;
    const textColumns = pl02.columns.map((c, i) => (c.kind === 'text' ? i : -1)).filter((i) => i >= 0);
    textColumns.slice(0, tricky.length).forEach((col, k) => (pl02.rows[0][col] = tricky[k]));
    await writeModelToWorkbook(context(), caps, m);
    const out = state.sheet('PL02');
    const written = textColumns.slice(0, tricky.length).map((col) => state.cell(out, 1, col)!);
    expect(written.map((c) => c.value)).toEqual(tricky.slice(0, written.length));
    expect(written.every((c) => c.formula === null)).toBe(true);
  });
});

describe('payload limits are Excel on the web’s', () => {
  test('a request over 5 MB is refused on the web, whole; the desktop takes it', async () => {
    for (const profile of ['web', 'desktop'] as const) {
      const { context, state } = excel('1.13', new FakeWorkbookState(), { profile });
      state.addSheet('A');
      const ctx = context();
      const rows = Array.from({ length: 100_000 }, (_, i) => [`Dòng số ${i} — nội dung khá dài để vượt giới hạn năm megabyte`]);
      ctx.workbook.worksheets.getItem('A').getRange(`A1:A${rows.length}`).values = rows;
      if (profile === 'web') {
        await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
        expect(state.sheet('A').cells.size).toBe(0);
      } else {
        await ctx.sync();
        expect(ctx.maxPayload).toBeGreaterThan(WEB_PAYLOAD_LIMIT);
      }
    }
  });

  test('converting a 20,000-row TCVN3 sheet stays under 5 MB a request', async () => {
    const { context, state } = excel('1.13');
    state.addSheet('PL02');
    const cells = Array.from({ length: 20_000 * 3 }, (_, i) => ({
      sheet: 'PL02',
      cell: `${'BCD'[i % 3]}${1 + Math.floor(i / 3)}`,
      converted: `Nội dung nhiệm vụ cải cách hành chính số ${i}, đã chuyển sang Unicode`,
    }));
    const ctx = context();
    const syncs = await convertLegacyCells(ctx, cells);
    expect(syncs).toBe(ctx.syncCount);
    expect(syncs).toBeGreaterThan(1);
    expect(ctx.maxPayload).toBeLessThanOrEqual(WEB_PAYLOAD_LIMIT);
    expect(state.cell(state.sheet('PL02'), 19_999, 3)!.value).toBe(cells[cells.length - 1].converted);
  });
});

test('more than 512 merged areas: Excel cannot return them at once; the reader gets them band by band', async () => {
  const state = submission([{ form: 'pl02', letterhead: STP, rows: pl02Rows({ seed: 4, rows: 1500, sections: true }) }]);
  const s = state.sheet('PL02');
  // A unit that merged two cells on every row.
  for (let r = 10; r < 1400; r++) s.merges.push({ r0: r, c0: 2, r1: r, c1: 3 });
  expect(s.merges.length).toBeGreaterThan(MERGED_AREAS_LIMIT);
  const { context, caps } = excel('1.13', state);
  const direct = context();
  const merged = direct.workbook.worksheets.getItem('PL02').getRange('A1:Z2000').getMergedAreasOrNullObject();
  merged.load('address');
  await expect(direct.sync()).rejects.toBeTruthy();
  const ctx = context();
  const r = await readOpenWorkbook(ctx, caps);
  expect(r.syncs).toBe(ctx.syncCount);
  expect(r.syncs).toBeLessThanOrEqual(3 + 2 + Math.ceil(Math.log2(s.merges.length)));
  const key = (m: { r0: number; c0: number; r1: number; c1: number }) => `${m.r0},${m.c0},${m.r1},${m.c1}`;
  expect(r.grid.sheets[0].merges.map(key).sort()).toEqual(s.merges.map(key).sort());
});

test('custom properties are cut to 255 characters outside the web; the stamp fits and reads back on the desktop', async () => {
  const state = submission(stpRound(8, false));
  const { context, caps } = excel('1.13', state, { profile: 'desktop' });
  const ctx = context();
  ctx.workbook.properties.custom.add('dài', 'x'.repeat(400));
  await ctx.sync();
  expect(state.customProps.get('dài')).toHaveLength(255);
  const r = await checkOpenWorkbook(context(), caps, { catalog });
  expect(r.check.status).toBe('ok');
  const raw = state.customProps.get(STAMP_PROPERTY)!;
  expect(parseStamp(raw)).toEqual(r.stamp);
  // The longest unit id and round id the built-in catalogue has still fit.
  const longest = {
    ...r.stamp!,
    unit: catalog.registry.units.map((u) => u.id).sort((a, b) => b.length - a.length)[0],
    round: catalog.rounds.map((x) => x.id).sort((a, b) => b.length - a.length)[0],
  };
  expect(JSON.stringify(longest).length).toBeLessThanOrEqual(255);
});

describe('loads: exact paths, and nothing readable that was not loaded', () => {
  test('items/name loads the name only', async () => {
    const { context, state } = excel('1.13');
    state.addSheet('A');
    const ctx = context();
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    expect(sheets.items[0].name).toBe('A');
    expect(() => sheets.items[0].visibility).toThrow(/visibility/);
  });

  test('a conditional format’s type loaded is not its formula', async () => {
    const { context, state } = excel('1.13');
    const s = state.addSheet('A');
    s.cfs.push({ id: 1, type: 'Custom', ranges: [{ r0: 0, c0: 0, r1: 3, c1: 0 }], formula: '=A1>0', fill: '#FF0000' });
    const ctx = context();
    const cfs = ctx.workbook.worksheets.getItem('A').getRange().conditionalFormats;
    cfs.load('items/type');
    await ctx.sync();
    expect(cfs.items[0].type).toBe('Custom');
    expect(() => cfs.items[0].customOrNullObject.rule.formula).toThrow(/not available/);
  });

  test('a property that was set but not loaded throws when read', async () => {
    const { context, state } = excel('1.13');
    state.addSheet('A');
    const ctx = context();
    const range = ctx.workbook.worksheets.getItem('A').getRange('A1');
    range.values = [['x']];
    range.format.fill.color = '#FF0000';
    await ctx.sync();
    expect(() => range.values).toThrow(/not available/);
    expect(() => range.format.fill.color).toThrow(/not available/);
  });
});

test('writes reach the change listeners after their sync (where Worksheet.onChanged will plug in)', async () => {
  const { context, state } = excel('1.13');
  state.addSheet('A');
  const seen: string[] = [];
  state.changeListeners.push((c) => seen.push(`${c.sheet}!${c.address}`));
  const ctx = context();
  ctx.workbook.worksheets.getItem('A').getRange('B2:C3').values = [
    [1, 2],
    [3, 4],
  ];
  expect(seen).toEqual([]);
  await ctx.sync();
  expect(seen).toEqual(['A!B2:C3']);
});

test('a stamp longer than 255 characters (long ids in a loaded definition) is kept whole in the document settings on the desktop, and a later failing check clears it', async () => {
  const state = submission(stpRound(8, false));
  const long = 'STP-' + 'x'.repeat(250);
  const registry = { units: catalog.registry.units.map((u) => (u.id === 'STP' ? { ...u, id: long } : u)) };
  const cat = { ...catalog, registry };
  const { context, caps, office } = excel('1.13', state, { profile: 'desktop' });
  const r = await checkOpenWorkbook(context(), caps, { catalog: cat });
  expect(r.stamp?.unit).toBe(long);
  expect(state.customProps.has(STAMP_PROPERTY)).toBe(false);
  expect(parseStamp(String(office.settings.get(STAMP_PROPERTY)))).toEqual(r.stamp);
  const again = await checkOpenWorkbook(context(), caps, { catalog: cat });
  expect(again.check.stamp?.current).toBe(true);
  state.cell(state.sheet('PL02'), 7, 4, true)!.value = '#REF!';
  await checkOpenWorkbook(context(), caps, { catalog: cat });
  expect(office.settings.has(STAMP_PROPERTY)).toBe(false);
});
