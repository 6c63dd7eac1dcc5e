/**
 * The re-check of the sheets an edit touched, in few round trips whatever the workbook's size:
 *   1. the sheets' names and ids, and each touched sheet's used range (values, number formats, merged
 *      areas) with Phuluc's conditional formats on it, all at once;
 *   (2. only when a sheet was renamed or added unseen, or new legacy-looking text needs its font);
 *   3. the marks of the sheets whose marks changed, and the stamp, written together.
 * So a re-check of one edited table is 2 round trips, 3 at most in the usual cases (bench:
 * excel.recheck). The engine re-checks only those sheets (src/core/validate/recheck.ts). A touched sheet
 * read back unchanged (the add-in's own write, an edit typed back) ends the re-check after round trip 1:
 * nothing is written, so nothing can start another re-check.
 */
import { a1, parseRangeA1 } from '../core/grid/address';
import type { CellValue, CellRange, SheetGrid, SheetVisibility } from '../core/grid/types';
import { markTargets, type MarkTarget } from '../core/report/marks';
import { STAMP_PROPERTY, type Stamp } from '../core/stamp/stamp';
import { CheckMemo, memoSheet, recheckSheets, restamped, sameCells, sheetsWithChangedMarks } from '../core/validate/recheck';
import type { WorkbookCheck } from '../core/validate/validate-workbook';
import type { Capabilities } from './capabilities';
import { markCells, MARK_TOKEN } from './marks';
import { LEGACY_HINT, MAX_CELLS_PER_SYNC } from './read-workbook';
import { queueStamp } from './stamp';

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

/** What the pane's live check keeps between re-checks. */
export interface LiveState {
  memo: CheckMemo;
  check: WorkbookCheck;
  /** Sheet id → its name at the last read. */
  ids: Map<string, string>;
  /** Font names of legacy-looking cells, by "Sheet!A1". */
  fonts: Map<string, string>;
  /** The marks are shown (the pane's switch). */
  mark: boolean;
}

export interface RecheckResult {
  state: LiveState;
  /** The check changed (false: the sheets read back as they were; nothing was written). */
  changed: boolean;
  stamp: Stamp | null;
  syncs: number;
  /** Where marks were written or removed, by sheet name: the add-in's own writes, for the event guard. */
  wrote: { sheet: string; areas: CellRange[] }[];
  /** The engine's share, in milliseconds. */
  coreMs: number;
}

/** Thrown when a sheet is too big for the one-round-trip read: the caller checks the whole workbook instead. */
export class RecheckTooLarge extends Error {}

interface Read {
  id: string;
  ws: Excel.Worksheet;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
  cfs?: Excel.ConditionalFormatCollection;
}

function queueRead(sheets: Excel.WorksheetCollection, caps: Capabilities, id: string, withMarks: boolean): Read {
  const ws = sheets.getItem(id);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,values,numberFormat');
  const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject() : undefined;
  if (merged) merged.load('address');
  const cfs = withMarks ? queueMarksLoad(ws) : undefined;
  return { id, ws, used, merged, cfs };
}

function queueMarksLoad(ws: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = ws.getRange().conditionalFormats;
  // Through customOrNullObject, as clearMarks does (office-js#2180).
  cfs.load('items/type,items/customOrNullObject/rule/formula');
  return cfs;
}

function toCell(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

function gridOf(name: string, visibility: string, read: Read, caps: Capabilities): SheetGrid {
  const vis = VISIBILITY[visibility] ?? 'visible';
  const { used, merged } = read;
  if (used.isNullObject) return { name, visibility: vis, values: [], merges: [] };
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = 0; r < used.rowIndex; r++) values.push([]);
  used.values.forEach((row, i) => {
    const out: CellValue[] = new Array(used.columnIndex).fill(null);
    const fmt: (string | null)[] = new Array(used.columnIndex).fill(null);
    row.forEach((v, j) => {
      const cell = toCell(v);
      out.push(cell);
      const f = used.numberFormat[i]?.[j];
      fmt.push(typeof cell === 'number' && typeof f === 'string' && f !== 'General' ? f : null);
    });
    values[used.rowIndex + i] = out;
    formats[used.rowIndex + i] = fmt;
  });
  const merges: CellRange[] = [];
  if (caps.mergedAreas && merged && !merged.isNullObject && merged.address)
    for (const part of merged.address.split(',')) {
      const m = parseRangeA1(part);
      if (m) merges.push(m);
    }
  return { name, visibility: vis, values, formats, merges };
}

function cellCount(g: SheetGrid | undefined): number {
  return g ? g.values.reduce((n, r) => n + r.length, 0) : 0;
}

/** The bounding area of marks on a sheet (what deleting or adding them changes). */
function bounds(targets: MarkTarget[]): CellRange[] {
  const cells = targets.map((t) => parseRangeA1(t.cell)).filter((r): r is CellRange => r !== null);
  if (!cells.length) return [];
  return [
    {
      r0: Math.min(...cells.map((c) => c.r0)),
      c0: Math.min(...cells.map((c) => c.c0)),
      r1: Math.max(...cells.map((c) => c.r1)),
      c1: Math.max(...cells.map((c) => c.c1)),
    },
  ];
}

/**
 * Re-checks the sheets with the given ids (edited, added, renamed), following renames and deletions
 * found on the way, and writes the marks and the stamp that follow. Needs ExcelApi 1.7 (events) —
 * every member used here is older.
 */
export async function recheckOpenWorkbook(
  context: Excel.RequestContext,
  caps: Capabilities,
  state: LiveState,
  touched: Iterable<string>,
  now: Date = new Date(),
  /** Told, just before, where the marks are about to be written (by sheet id): the event guard's. */
  ownWrite: (id: string, areas: CellRange[]) => void = () => undefined,
): Promise<RecheckResult> {
  let syncs = 0;
  const withMarks = state.mark && caps.conditionalFormats;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/id,items/visibility');
  const wanted = new Set(touched);
  for (const id of wanted) {
    const known = state.ids.get(id);
    if (known && cellCount(memoSheet(state.memo, known)) > MAX_CELLS_PER_SYNC) throw new RecheckTooLarge(known);
  }
  const reads = new Map<string, Read>();
  // Only sheets still there are asked for: a deleted sheet's getItem would fail the whole batch.
  // The caller leaves deleted sheets out: a deleted sheet's getItem would fail the whole batch.
  for (const id of wanted) reads.set(id, queueRead(sheets, caps, id, withMarks));
  await context.sync();
  syncs++;

  const items = sheets.items.map((ws) => ({ id: ws.id, name: ws.name, visibility: ws.visibility as string }));
  // Sheets added, or renamed without an event (before ExcelApi 1.17): read now, in one more round trip.
  const more = items.filter((it) => !reads.has(it.id) && state.ids.get(it.id) !== it.name);
  if (more.length) {
    for (const it of more) reads.set(it.id, queueRead(sheets, caps, it.id, withMarks));
    await context.sync();
    syncs++;
  }

  const t0 = performance.now();
  const grids = new Map<string, SheetGrid>();
  for (const it of items) {
    const read = reads.get(it.id);
    if (read) grids.set(it.id, gridOf(it.name, it.visibility, read, caps));
  }
  const order = items.map((it) => it.name);
  const unchanged =
    order.length === state.memo.parts.length &&
    order.every((n, i) => state.memo.parts[i].view.grid.name === n) &&
    [...grids.values()].every((g) => {
      const before = memoSheet(state.memo, g.name);
      return before !== undefined && sameCells(before, g);
    });
  const ids = new Map(items.map((it) => [it.id, it.name]));
  if (unchanged) {
    return { state: { ...state, ids }, changed: false, stamp: null, syncs, wrote: [], coreMs: performance.now() - t0 };
  }

  // Fonts of legacy-looking text: kept from before where the text is the same; new text needs its font read.
  const fonts = new Map(state.fonts);
  const probes: { grid: SheetGrid; r: number; c: number; range: Excel.Range }[] = [];
  for (const [id, g] of grids) {
    const before = memoSheet(state.memo, state.ids.get(id) ?? '');
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== 'string' || !LEGACY_HINT.test(v)) return;
        const key = `${g.name}!${a1(r, c)}`;
        const old = before ? fonts.get(`${before.name}!${a1(r, c)}`) : undefined;
        if (old !== undefined && before?.values[r]?.[c] === v) {
          fonts.set(key, old);
          (g.fonts ??= [])[r] ??= [];
          g.fonts[r]![c] = old;
        } else if (probes.length < 2000) {
          const range = reads.get(id)!.ws.getCell(r, c);
          range.load('format/font/name');
          probes.push({ grid: g, r, c, range });
        }
      }),
    );
  }
  let coreMs = performance.now() - t0;
  if (probes.length) {
    await context.sync();
    syncs++;
    for (const p of probes) {
      const name = p.range.format.font.name;
      fonts.set(`${p.grid.name}!${a1(p.r, p.c)}`, name);
      (p.grid.fonts ??= [])[p.r] ??= [];
      p.grid.fonts[p.r]![p.c] = name;
    }
  }

  const t1 = performance.now();
  const next = recheckSheets(state.memo, { order, sheets: [...grids.values()] });
  const check = next.check;
  coreMs += performance.now() - t1;

  // Marks: only the sheets whose marks changed. Their conditional formats were loaded with their cells
  // (a sheet whose marks changed without being read — the unit found elsewhere — costs one more load).
  const wrote: RecheckResult['wrote'] = [];
  const targets = markTargets(check.findings);
  if (withMarks) {
    const changedSheets = sheetsWithChangedMarks(state.check.findings, check.findings);
    const idOf = new Map(items.map((it) => [it.name, it.id]));
    const cfsOf = new Map<string, Excel.ConditionalFormatCollection>();
    for (const s of changedSheets) {
      const cfs = reads.get(idOf.get(s) ?? '')?.cfs;
      if (cfs) cfsOf.set(s, cfs);
    }
    const missing = changedSheets.filter((s) => !cfsOf.has(s) && idOf.has(s));
    if (missing.length) {
      for (const s of missing) cfsOf.set(s, queueMarksLoad(sheets.getItem(idOf.get(s)!)));
      await context.sync();
      syncs++;
    }
    const before = markTargets(state.check.findings);
    for (const [s, cfs] of cfsOf) {
      for (const cf of cfs.items) {
        if (cf.type !== Excel.ConditionalFormatType.custom) continue;
        const custom = cf.customOrNullObject;
        if (!custom.isNullObject && custom.rule.formula.includes(MARK_TOKEN)) cf.delete();
      }
      wrote.push({ sheet: s, areas: [...bounds(before.filter((t) => t.sheet === s)), ...bounds(targets.filter((t) => t.sheet === s))] });
    }
    for (const w of wrote) ownWrite(idOf.get(w.sheet) ?? '', w.areas);
    const mine = targets.filter((t) => cfsOf.has(t.sheet));
    const stamp = queueStamp(context, caps, check, now);
    // markCells syncs once with everything queued above (deletions and stamp) in the same batch.
    const marked = await markCells(context, caps, mine);
    if (marked) syncs += marked;
    else {
      await context.sync();
      syncs++;
    }
    return { state: nextState(state, next, ids, fonts, stamp), changed: true, stamp, syncs, wrote, coreMs };
  }
  const stamp = queueStamp(context, caps, check, now);
  if (caps.customProperties) {
    await context.sync();
    syncs++;
  }
  return { state: nextState(state, next, ids, fonts, stamp), changed: true, stamp, syncs, wrote, coreMs };
}

/** The live state after a whole check (checkOpenWorkbook), before any re-check. */
export function liveState(
  r: { check: WorkbookCheck; memo: CheckMemo; stamp: Stamp | null; fonts: Map<string, string> },
  ids: Map<string, string>,
  mark: boolean,
): LiveState {
  return nextState({ memo: r.memo, check: r.check, ids, fonts: r.fonts, mark }, r, ids, r.fonts, r.stamp);
}

function nextState(
  state: LiveState,
  next: { check: WorkbookCheck; memo: CheckMemo },
  ids: Map<string, string>,
  fonts: Map<string, string>,
  stamp: Stamp | null,
): LiveState {
  // The stamp as it now stands in the workbook is what the next re-check compares with.
  const customProps: Record<string, string> = stamp ? { [STAMP_PROPERTY]: JSON.stringify(stamp) } : {};
  const memo: CheckMemo = { ...next.memo, meta: { ...next.memo.meta, customProps } };
  return { ...state, memo, check: restamped(next.check, stamp), ids, fonts };
}
