/**
 * One-click fixes in the open workbook (issue 16), and the pane's own undo of them. Office.js writes
 * clear Excel's undo history (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-
 * support: changes made by an add-in through the API cannot be undone with Ctrl+Z), so each fix first
 * reads what it will change — value, number format, font — and keeps it for **Hoàn tác**.
 *
 * Two round trips whatever the number of cells: one read, one write; one more of each per ~4 MB
 * (src/excel/request-size.ts), so that no request or response passes Excel on the web's 5 MB. The
 * fixes are taken as runs of vertically adjacent cells of one column (a status column is one run
 * between its section rows): each run is read as one range and written as one range, so a request
 * grows with the text it carries, not with operations per cell.
 */
import { a1, parseA1, rangeA1 } from '../core/grid/address';
import type { CellFix } from '../core/fixes/propose';
import { LEGACY_FONT, UNICODE_FONT } from './convert-legacy';
import { MAX_REQUEST_BYTES, OPERATION_BYTES, RequestBudget, utf8Length } from './request-size';
import { needsTextFormat, TEXT_FORMAT } from './text-cells';

type Scalar = string | number | boolean;

/** A cell as it was before a fix: what Hoàn tác puts back. */
export interface FixUndo {
  sheet: string;
  cell: string;
  value: Scalar;
  numberFormat: string;
  /** The font, when the fix changed it (a TCVN3/VNI cell given a Unicode font). */
  font?: string;
}

export interface AppliedFixes {
  /** The fixes made; a cell changed since the check is left alone. */
  applied: CellFix[];
  skipped: CellFix[];
  undo: FixUndo[];
  syncs: number;
}

/** A cell's value, formula and format in a response beside its text: brackets, quotes, commas, generously. */
const CELL_READ_BYTES = 64;
/** A number in a request's JSON, generously. */
const NUMBER_BYTES = 24;

/** Vertically adjacent cells of one sheet and column, in row order. */
interface Run<T> {
  sheet: string;
  col: number;
  row: number;
  items: T[];
}

/**
 * Cuts `items` (sorted by sheet, column, row) into runs of adjacent rows; a run also ends where its
 * request or response would pass the budget, with a round trip (`flush`) before the next one.
 */
function runsOf<T>(items: readonly T[], at: (x: T) => { sheet: string; col: number; row: number }): Run<T>[] {
  const sorted = [...items].sort((x, y) => {
    const p = at(x);
    const q = at(y);
    return p.sheet < q.sheet ? -1 : p.sheet > q.sheet ? 1 : p.col - q.col || p.row - q.row;
  });
  const out: Run<T>[] = [];
  for (const x of sorted) {
    const p = at(x);
    const last = out[out.length - 1];
    if (last && last.sheet === p.sheet && last.col === p.col && last.row + last.items.length === p.row) last.items.push(x);
    else out.push({ sheet: p.sheet, col: p.col, row: p.row, items: [x] });
  }
  return out;
}

/** Cuts a run where `size` of its cells would take one part past `max` bytes (a 20,000-row column of long text). */
function partsOf<T>(run: Run<T>, size: (x: T) => number, max: number): Run<T>[] {
  const out: Run<T>[] = [];
  let used = 0;
  run.items.forEach((x, i) => {
    const last = out[out.length - 1];
    const bytes = size(x);
    if (last && used + bytes <= max) {
      last.items.push(x);
      used += bytes;
    } else {
      out.push({ sheet: run.sheet, col: run.col, row: run.row + i, items: [x] });
      used = bytes;
    }
  });
  return out;
}

const address = (r: { row: number; col: number; items: unknown[] }) => rangeA1(r.row, r.col, r.row + r.items.length - 1, r.col);

/** Whether Excel would read `value` as something else unless the cell is Text first (writeKept's dance). */
const needsDance = (value: Scalar, format: string) => typeof value === 'string' && needsTextFormat(value) && format !== TEXT_FORMAT;

/** Writes `value` so that Excel keeps it as given and the cell's number format ends as `format`. */
function writeKept(range: Excel.Range, value: Scalar, format: string, formatNow: string | null): void {
  if (needsDance(value, format)) {
    // As text first (Excel would read "15/11/2022" or "=…" otherwise), then the cell's own format
    // again: a format set after the value does not convert what the cell holds.
    range.numberFormat = [[TEXT_FORMAT]];
    range.values = [[value]];
    range.numberFormat = [[format]];
    return;
  }
  if (formatNow !== format) range.numberFormat = [[format]];
  range.values = [[value]];
}

/** A cell to write: its new value and number format, and whether its format changes. */
interface Put {
  row: number;
  value: Scalar;
  format: string;
  formatChanges: boolean;
  font?: string;
}

const putBytes = (p: Put) =>
  (typeof p.value === 'string' ? utf8Length(JSON.stringify(p.value)) : NUMBER_BYTES) + utf8Length(JSON.stringify(p.format)) + 4;

/**
 * Queues the writes of one sheet column's cells, adjacent ones as one range (number formats, then
 * values); a cell that needs the Text-first dance, and each font change, on its own.
 */
function queueWrites(ws: Excel.Worksheet, col: number, puts: readonly Put[]): void {
  const flush = (seg: Put[]) => {
    if (!seg.length) return;
    const range = ws.getRange(rangeA1(seg[0].row, col, seg[seg.length - 1].row, col));
    if (seg.some((p) => p.formatChanges)) range.numberFormat = seg.map((p) => [p.format]);
    range.values = seg.map((p) => [p.value]);
    seg.length = 0;
  };
  const seg: Put[] = [];
  for (const p of puts) {
    if (seg.length && seg[seg.length - 1].row + 1 !== p.row) flush(seg);
    if (needsDance(p.value, p.format)) {
      flush(seg);
      writeKept(ws.getRange(a1(p.row, col)), p.value, p.format, p.formatChanges ? null : p.format);
    } else seg.push(p);
  }
  flush(seg);
  for (const p of puts) if (p.font !== undefined) ws.getRange(a1(p.row, col)).format.font.name = p.font;
}

/** Writes estimated before they are queued: a run's cells, each with its text twice (value and format). */
const runWriteBytes = (sheet: string, puts: readonly Put[]) =>
  4 * (OPERATION_BYTES + utf8Length(sheet) + 16) +
  puts.reduce((n, p) => n + putBytes(p) + (needsDance(p.value, p.format) || p.font !== undefined ? 4 * OPERATION_BYTES : 0), 0);

export async function applyFixes(context: Excel.RequestContext, fixes: readonly CellFix[]): Promise<AppliedFixes> {
  const out: AppliedFixes = { applied: [], skipped: [], undo: [], syncs: 0 };
  if (!fixes.length) return out;
  const sheets = context.workbook.worksheets;
  const sheetsByName = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => sheetsByName.get(name) ?? sheetsByName.set(name, sheets.getItem(name)).get(name)!;
  const order = new Map(fixes.map((f, i) => [f, i]));
  const cellBack = (f: CellFix) =>
    CELL_READ_BYTES + (typeof f.from === 'string' ? 3 * utf8Length(JSON.stringify(f.from)) : 3 * NUMBER_BYTES);
  // Read: each run as one range (values, formulas, number formats); the font of a legacy cell on its
  // own, since a range's font name is null where its cells' fonts differ.
  const runs = runsOf(fixes, (f) => f).flatMap((r) => partsOf(r, cellBack, MAX_PART));
  const read: { run: Run<CellFix>; range: Excel.Range; fonts: Map<CellFix, Excel.Range> }[] = [];
  const ask = new RequestBudget();
  const answer = new RequestBudget();
  for (const run of runs) {
    const legacy = run.items.filter((f) => f.kind === 'legacy');
    const perOp = OPERATION_BYTES + utf8Length(run.sheet) + 16;
    const bytes = 5 * perOp + legacy.length * 4 * perOp;
    const back = run.items.reduce((n, f) => n + cellBack(f), 0) + legacy.length * (CELL_READ_BYTES + 32);
    if (ask.wouldOverflow(bytes) || answer.wouldOverflow(back)) {
      // Deliberate: one round trip per ~4 MB, the only way under Excel on the web's limits.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      out.syncs++;
      ask.sent();
      answer.sent();
    }
    ask.add(bytes);
    answer.add(back);
    const ws = sheet(run.sheet);
    const range = ws.getRange(address(run)).load('values,formulas,numberFormat');
    const fonts = new Map(legacy.map((f) => [f, ws.getRange(a1(f.row, f.col)).load('format/font/name')]));
    read.push({ run, range, fonts });
  }
  await context.sync();
  out.syncs++;
  // Write: each run's applicable cells as one range, in as few requests as the limit allows.
  const budget = new RequestBudget();
  for (const { run, range, fonts } of read) {
    const puts: Put[] = [];
    run.items.forEach((fix, i) => {
      const now = range.values[i][0];
      const format = range.numberFormat[i][0];
      const formula = range.formulas[i][0];
      // Changed since the check, or the result of a formula (the formula is the officer's to change).
      if (now !== fix.from || fix.to === null || (typeof formula === 'string' && formula.startsWith('='))) {
        out.skipped.push(fix);
        return;
      }
      const fontRange = fonts.get(fix);
      const font = fontRange?.format.font.name;
      const refont = fontRange !== undefined && (!font || LEGACY_FONT.test(font));
      const to = fix.format ?? format;
      puts.push({ row: fix.row, value: fix.to, format: to, formatChanges: to !== format, ...(refont ? { font: UNICODE_FONT } : {}) });
      out.applied.push(fix);
      out.undo.push({ sheet: fix.sheet, cell: a1(fix.row, fix.col), value: now, numberFormat: format, ...(refont ? { font } : {}) });
    });
    if (!puts.length) continue;
    const bytes = runWriteBytes(run.sheet, puts);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      out.syncs++;
      budget.sent();
    }
    budget.add(bytes);
    queueWrites(sheet(run.sheet), run.col, puts);
  }
  await context.sync();
  out.syncs++;
  const byInput = (x: CellFix, y: CellFix) => order.get(x)! - order.get(y)!;
  out.applied.sort(byInput);
  out.skipped.sort(byInput);
  return out;
}

/**
 * Where a long run is cut into ranges: a part's read or write is at most a quarter of a request's
 * budget, so that requests are cut between parts and none passes it. Parts still share a request:
 * a round trip is made only where the budget would be passed.
 */
const MAX_PART = MAX_REQUEST_BYTES / 4;

/**
 * Puts every cell back as it was before the fixes: value, number format and font, adjacent cells as
 * one range. One round trip per ~4 MB.
 */
export async function undoFixes(context: Excel.RequestContext, undo: readonly FixUndo[]): Promise<number> {
  if (!undo.length) return 0;
  const sheets = context.workbook.worksheets;
  // A cell fixed twice gets its very first state: its first value and format, and the first font
  // a fix replaced (only a fix that changed the font keeps one).
  const first = new Map<string, { sheet: string; row: number; col: number; u: FixUndo; font?: string }>();
  for (const u of undo) {
    const key = `${u.sheet}\u0000${u.cell}`;
    const had = first.get(key);
    if (had) {
      if (had.font === undefined && u.font !== undefined) had.font = u.font;
      continue;
    }
    const at = parseA1(u.cell)!;
    first.set(key, { sheet: u.sheet, row: at.row, col: at.col, u, font: u.font });
  }
  const budget = new RequestBudget();
  let syncs = 0;
  const size = (c: { u: FixUndo }) => (typeof c.u.value === 'string' ? utf8Length(JSON.stringify(c.u.value)) : NUMBER_BYTES) + 40;
  const runs = runsOf([...first.values()], (c) => c).flatMap((r) => partsOf(r, size, MAX_PART));
  for (const run of runs) {
    const puts: Put[] = run.items.map((c) => ({
      row: c.row,
      value: c.u.value,
      format: c.u.numberFormat,
      formatChanges: true,
      ...(c.font !== undefined ? { font: c.font } : {}),
    }));
    const bytes = runWriteBytes(run.sheet, puts);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      budget.sent();
    }
    budget.add(bytes);
    queueWrites(sheets.getItem(run.sheet), run.col, puts);
  }
  await context.sync();
  return syncs + 1;
}
