/**
 * Every flow of the add-in inside Excel, run against the strict fake at one ExcelApi version, on
 * one profile (desktop or web), with or without the shared runtime — through the same entry points
 * the ribbon and the pane use (Excel.run, officeCapabilities()). Each flow gives "ok", the name of
 * the documented degradation it fell back to, or "fail: …". Used by test/excel/sweep.test.ts and
 * by `npm run bench` (excel.versions) and docs/excel-versions.md.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { FakeWorkbookState, installFakeExcel, loadGrid, Profile } from '../fixtures/fake-excel';
import { allVersions } from '../fixtures/api-sets';
import { officeCapabilities } from '../../src/excel/capabilities';
import { goToCell } from '../../src/excel/navigate';
import { MARK_FORMULA } from '../../src/excel/marks';
import { runRibbonCheck } from '../../src/commands/ribbon-check';
import { notify } from '../../src/commands/notify';
import { subscribeRibbon } from '../../src/shared/last-outcome';
import { checkOpen, convertLegacy, setMarks, writeModel } from '../../src/taskpane/hosts/excel-engine';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { consolidate } from '../../src/core/merge/consolidate';
import { META_SHEET } from '../../src/core/merge/model';
import { encodeTcvn3 } from '../../src/core/text/legacy';
import { STAMP_PROPERTY } from '../../src/core/stamp/stamp';

export const FLOWS = ['ribbon', 'check', 'marks', 'clearMarks', 'stamp', 'jump', 'convert', 'write', 'writeAgain'] as const;
export type Flow = (typeof FLOWS)[number];
export type FlowResults = Record<Flow, string>;

export interface Combo {
  version: string;
  profile: Profile;
  sharedRuntime: boolean;
}

export function combos(): Combo[] {
  return allVersions().flatMap((version) => (['desktop', 'web'] as const).flatMap((profile) => [false, true].map((sharedRuntime) => ({ version, profile, sharedRuntime }))));
}

const catalog = builtinCatalog();
const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const FILE = 'So Tu phap.xlsx';

/** A submission with planted errors and TCVN3 text in a .VnTime font. */
function submission(): SheetSpec[] {
  const pl02 = pl02Rows({ seed: 5, rows: 12, sections: true }).map((r, i) => ('nhiem_vu' in r && i < 6 ? { ...r, nhiem_vu: encodeTcvn3(String(r.nhiem_vu)) } : r));
  const data = pl02.filter((r) => 'tinh_trang' in r) as Record<string, unknown>[];
  data[1].tinh_trang = 'Đang thực hiện';
  data[1].ly_do = null;
  data[2].ket_qua = '#REF!';
  return [
    { form: 'pl01', letterhead: STP, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 4 }) },
    { form: 'pl02', letterhead: STP, rows: pl02 },
    { form: 'pl03', letterhead: STP, rows: pl03Rows({ seed: 2, rows: 3 }) },
    { form: 'pl04', letterhead: STP, rows: pl03Rows({ seed: 3, rows: 4, sections: true }) },
  ];
}

function clean(): SheetSpec[] {
  return [
    { form: 'pl01', letterhead: STP, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 4 }) },
    { form: 'pl02', letterhead: STP, rows: pl02Rows({ seed: 5, rows: 8, sections: true }) },
    { form: 'pl03', letterhead: STP, rows: pl03Rows({ seed: 2, rows: 3 }) },
    { form: 'pl04', letterhead: STP, rows: pl03Rows({ seed: 3, rows: 4, sections: true }) },
  ];
}

function workbook(sheets: SheetSpec[]): FakeWorkbookState {
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets }));
  for (const s of state.sheets) for (const cell of s.cells.values()) if (typeof cell.value === 'string' && /[\u00A1-\u00FF]/.test(cell.value)) cell.fontName = '.VnTime';
  return state;
}

/** The consolidation of one clean submission. */
export function smallModel() {
  const check = validateWorkbook(buildWorkbook({ sheets: clean() }), { catalog, fileName: 'STP.xlsx' });
  return consolidate([{ check, fileName: 'STP.xlsx', receivedAt: '2022-11-14T03:00:00.000Z' }], { catalog, round: catalog.rounds[0], registry: catalog.registry, generatedAt: '2022-11-20T00:00:00.000Z' });
}

function model() {
  const m = smallModel();
  // Text Excel would take for something else, to show that it stays text.
  const pl02 = m.sheets.find((s) => s.name === 'PL02')!;
  const col = pl02.columns.findIndex((c) => c.kind === 'text');
  pl02.rows[0][col] = '=> 0123';
  return { model: m, probe: { sheet: 'PL02', row: 1, col, text: '=> 0123' } };
}

/** The cells as a person sees them: a cell the fake created blank is no different from none. */
const BLANK = JSON.stringify(new FakeWorkbookState().cell({ name: '', visibility: 'Visible', cells: new Map(), merges: [], cfs: [], frozenRows: 0, autoFilter: null, charts: [] }, 0, 0, true));
const snapshot = (state: FakeWorkbookState) => JSON.stringify(state.sheets.map((s) => [s.name, [...s.cells.entries()].filter(([, c]) => JSON.stringify(c) !== BLANK)]));
const codes = (findings: { code: string; sheet?: string; row?: number; col?: number }[]) => findings.map((f) => `${f.code}@${f.sheet ?? ''}!${f.row ?? ''},${f.col ?? ''}`).sort();

function fail(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return `fail: ${err.code ?? ''} ${err.message ?? String(e)}`.trim();
}

function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** The flows at one combination; never throws. */
export async function runFlows({ version, profile, sharedRuntime }: Combo): Promise<FlowResults> {
  const out = {} as FlowResults;
  const flow = async (name: Flow, run: () => Promise<string>) => {
    try {
      out[name] = await run();
    } catch (e) {
      out[name] = fail(e);
    }
  };
  const g = globalThis as unknown as { window?: unknown };
  const hadWindow = 'window' in g;
  if (!hadWindow) g.window = { location: { href: 'https://localhost:3000/commands.html' } };
  try {
    // The ribbon: check, marks, the first error selected, the result told.
    await flow('ribbon', async () => {
      const state = workbook(submission());
      const fake = installFakeExcel(version, state, { profile, sharedRuntime });
      const seen: string[] = [];
      const stop = subscribeRibbon((r) => seen.push('outcome' in r ? r.outcome.fileName : r.error));
      try {
        const caps = officeCapabilities();
        const outcome = await Excel.run((ctx) => runRibbonCheck(ctx, caps, FILE));
        const how = notify(outcome.summary);
        expectThat(state.selection?.sheet === 'PL02', 'the first error is not selected');
        expectThat(seen.includes(FILE), 'the pane was not told');
        if (how === 'pane') expectThat(fake.office.shown.taskpane === 1, 'the pane did not open');
        if (how === 'dialog') expectThat(fake.office.shown.dialogs.length === 1 && fake.office.shown.dialogs[0].includes('summary='), 'no dialog');
        return how === 'pane' ? 'ok' : how;
      } finally {
        stop();
      }
    });

    // The pane: check with marks, marks off, jump, conversion; all on one workbook, in order.
    const state = workbook(submission());
    const before = snapshot(state);
    const fake = installFakeExcel(version, state, { profile, sharedRuntime });
    const caps = officeCapabilities();
    let outcome: Awaited<ReturnType<typeof checkOpen>> | null = null;
    await flow('check', async () => {
      outcome = await checkOpen(FILE, true);
      const fromFile = validateWorkbook(buildWorkbook({ sheets: submission() }), { catalog, fileName: FILE });
      expectThat(JSON.stringify(codes(outcome.check.findings)) === JSON.stringify(codes(fromFile.findings)), 'findings differ from the file check');
      return caps.mergedAreas ? 'ok' : 'ok (no merged areas read)';
    });
    await flow('marks', async () => {
      if (!outcome) throw new Error('no check');
      const marked = state.sheets.flatMap((s) => s.cfs.filter((c) => c.formula === MARK_FORMULA));
      const filled = state.sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.fill !== null));
      expectThat(outcome.marked > 0 && (caps.conditionalFormats ? marked.length > 0 : filled.length > 0), 'nothing marked');
      return caps.conditionalFormats ? 'ok' : 'fills';
    });
    await flow('clearMarks', async () => {
      if (!outcome) throw new Error('no check');
      await setMarks(false, outcome.check);
      expectThat(state.sheets.every((s) => s.cfs.length === 0) && snapshot(state) === before, 'marks left behind');
      await setMarks(true, outcome.check);
      await setMarks(false, outcome.check);
      expectThat(snapshot(state) === before, 'marks on and off changed the cells');
      return 'ok';
    });
    await flow('jump', async () => {
      await Excel.run((ctx) => goToCell(ctx, 'PL03', 'C7'));
      expectThat(state.activeSheet === 'PL03' && state.selection?.address === 'C7', 'not selected');
      return 'ok';
    });
    await flow('convert', async () => {
      if (!outcome) throw new Error('no check');
      const n = await convertLegacy(outcome.check);
      const again = await checkOpen(FILE, false);
      expectThat(n > 0 && again.check.findings.every((f) => f.code !== 'legacy-encoding'), 'legacy text left');
      return 'ok';
    });
    void fake;

    await flow('stamp', async () => {
      const stamped = workbook(clean());
      const f = installFakeExcel(version, stamped, { profile, sharedRuntime });
      const r = await checkOpen(FILE, true);
      expectThat(r.stamped, 'not stamped');
      if (officeCapabilities().customProperties) {
        expectThat(stamped.customProps.has(STAMP_PROPERTY), 'no custom property');
        return 'ok';
      }
      expectThat(typeof f.office.settings.get(STAMP_PROPERTY) === 'string', 'no setting');
      return 'document settings';
    });

    // Tổng hợp into the open workbook, then again into the same workbook.
    const target = new FakeWorkbookState();
    target.setValues('Công văn', [['Số 1234/SNV'], [45000]]);
    const { model: m, probe } = model();
    installFakeExcel(version, target, { profile, sharedRuntime });
    const wcaps = officeCapabilities();
    let first: string[] = [];
    await flow('write', async () => {
      await writeModel(m);
      first = target.sheets.map((s) => s.name);
      const cell = target.cell(target.sheet(probe.sheet), probe.row, probe.col);
      expectThat(cell?.value === probe.text, `text did not stay text: ${String(cell?.value)}`);
      expectThat(target.sheet('Công văn').cells.size === 2, 'another sheet was touched');
      const missing = [
        wcaps.freezePanes ? null : 'no frozen header',
        wcaps.autoFilter ? null : 'no filter',
        wcaps.seriesAxisValues ? null : 'chart bars numbered',
        wcaps.autofit ? null : 'no column fit',
        wcaps.sheetVisibility ? null : `${META_SHEET} visible`,
      ].filter((x): x is string => x !== null);
      return missing.length ? missing.join(', ') : 'ok';
    });
    await flow('writeAgain', async () => {
      await writeModel(m);
      const names = target.sheets.map((s) => s.name);
      expectThat(JSON.stringify([...names].sort()) === JSON.stringify([...first].sort()), `sheets differ: ${names.join(', ')}`);
      expectThat(target.sheet('Công văn').cells.size === 2, 'another sheet was touched');
      return 'ok';
    });
  } finally {
    if (!hadWindow) delete g.window;
  }
  return out;
}

/** The sweep over every combination: results by version, one string per flow (combinations that differ are named). */
export async function sweep(): Promise<{ versions: Record<string, Record<Flow, string>>; failures: string[] }> {
  const byVersion = new Map<string, { combo: Combo; results: FlowResults }[]>();
  for (const combo of combos()) {
    const results = await runFlows(combo);
    const list = byVersion.get(combo.version) ?? [];
    list.push({ combo, results });
    byVersion.set(combo.version, list);
  }
  const versions: Record<string, Record<Flow, string>> = {};
  const failures: string[] = [];
  for (const [version, list] of byVersion) {
    const row = {} as Record<Flow, string>;
    for (const f of FLOWS) {
      const values = new Set(list.map((x) => x.results[f]));
      row[f] = values.size === 1 ? [...values][0] : list.map((x) => `${x.combo.profile}${x.combo.sharedRuntime ? '+SharedRuntime' : ''}: ${x.results[f]}`).join('; ');
      for (const x of list) if (x.results[f].startsWith('fail')) failures.push(`${version} ${x.combo.profile}${x.combo.sharedRuntime ? '+SharedRuntime' : ''} ${f}: ${x.results[f]}`);
    }
    versions[version] = row;
  }
  return { versions, failures };
}
