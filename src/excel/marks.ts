/**
 * Marks on problem cells that can be removed without a trace. Where Excel has conditional formats
 * (ExcelApi 1.6), a mark is a conditional format laid over the cells: the cells' own fill and font
 * are never written, and removing the mark deletes only our conditional formats, found by the
 * token in their formula. Older Excel gets a fill whose originals are saved and put back.
 */
import { MARK_FILL, MARK_FORMULA, MARK_TOKEN, NOTE_AUTHOR, type MarkTarget } from '../core/report/marks';
import type { Capabilities } from './capabilities';
import { OPERATION_BYTES, RequestBudget, utf8Length } from './request-size';

export { MARK_FILL, MARK_FORMULA, MARK_TOKEN, markTargets, type MarkTarget } from '../core/report/marks';

/** Addresses per RangeAreas: Excel refuses very long reference lists. */
const AREAS_PER_RANGE = 200;
const SAVED_SETTING = 'phuluc.marks.saved';

function groups(targets: MarkTarget[]): Map<string, { sheet: string; severity: 'error' | 'warning'; cells: string[] }> {
  const out = new Map<string, { sheet: string; severity: 'error' | 'warning'; cells: string[] }>();
  for (const t of targets) {
    const k = `${t.sheet}\u0000${t.severity}`;
    let g = out.get(k);
    if (!g) out.set(k, (g = { sheet: t.sheet, severity: t.severity, cells: [] }));
    g.cells.push(t.cell);
  }
  return out;
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function addMark(cfs: Excel.ConditionalFormatCollection, color: string): void {
  const cf = cfs.add(Excel.ConditionalFormatType.custom);
  cf.custom.rule.formula = MARK_FORMULA;
  cf.custom.format.fill.color = color;
}

/** A mark's operations on one target (a cell or a list of them): navigation, add, formula, fill. */
const MARK_OPERATIONS = 5;

/**
 * Marks every target in one round trip (after removing earlier marks, which takes two), or one more
 * per ~4 MB of request where each cell is its own target (before ExcelApi 1.9 and its RangeAreas).
 */
export async function markCells(context: Excel.RequestContext, caps: Capabilities, targets: MarkTarget[]): Promise<number> {
  if (!targets.length) return 0;
  const sheets = context.workbook.worksheets;
  const budget = new RequestBudget();
  let syncs = 0;
  if (caps.conditionalFormats) {
    for (const g of groups(targets).values()) {
      const ws = sheets.getItem(g.sheet);
      const parts = caps.rangeAreas ? chunks(g.cells, AREAS_PER_RANGE).map((part) => part.join(',')) : g.cells;
      for (const part of parts) {
        const bytes = MARK_OPERATIONS * (OPERATION_BYTES + utf8Length(g.sheet)) + part.length + MARK_FORMULA.length;
        if (budget.wouldOverflow(bytes)) {
          // Deliberate: one round trip per ~4 MB, the only way under Excel on the web's request limit.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
          syncs++;
          budget.sent();
        }
        budget.add(bytes);
        // conditionalFormats is a collection we add to, not a property we read: nothing to load.
        const target = caps.rangeAreas ? ws.getRanges(part) : ws.getRange(part);
        addMark(target.conditionalFormats, MARK_FILL[g.severity]);
      }
    }
    await context.sync();
    return syncs + 1;
  }
  // ExcelApi 1.1–1.5: fill the cells, keeping what was there to put it back; two round trips per part.
  const saved: SavedFill[] = [];
  const perCell = (t: MarkTarget) => 3 * (OPERATION_BYTES + utf8Length(t.sheet) + t.cell.length);
  const parts: MarkTarget[][] = [[]];
  for (const t of targets) {
    if (budget.wouldOverflow(perCell(t))) {
      parts.push([]);
      budget.sent();
    }
    budget.add(perCell(t));
    parts[parts.length - 1].push(t);
  }
  for (const part of parts) {
    const cells = part.map((t) => ({ t, range: sheets.getItem(t.sheet).getRange(t.cell) }));
    for (const c of cells) c.range.load('format/fill/color');
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    saved.push(...cells.map((c) => ({ sheet: c.t.sheet, cell: c.t.cell, fill: c.range.format.fill.color })));
    for (const c of cells) c.range.format.fill.color = MARK_FILL[c.t.severity];
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs += 2;
  }
  saveSetting(SAVED_SETTING, JSON.stringify([...readSaved(), ...saved]));
  return syncs;
}

export interface ClearOptions {
  /**
   * Also the notes Phuluc's page wrote into a highlighted copy (src/xlsx/highlight-copy.ts: one note
   * per problem cell, author "Phuluc"), told apart by their author; no one else's note is touched.
   * Needs Workbook.notes (ExcelApi 1.18): below it the notes stay.
   */
  notes?: boolean;
}

/**
 * Removes Phuluc's marks, and nothing else, from every sheet (and with `notes`, Phuluc's notes):
 * three round trips, one (per ~4 MB) on old Excel.
 */
export async function clearMarks(context: Excel.RequestContext, caps: Capabilities, opts: ClearOptions = {}): Promise<number> {
  // Versions only grow: an Excel with notes (1.18) has conditional formats (1.6).
  const notes = opts.notes && caps.notes && caps.conditionalFormats ? context.workbook.notes : null;
  if (caps.conditionalFormats) {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const collections = sheets.items.map((ws) => {
      const cfs = ws.getRange().conditionalFormats;
      // Through customOrNullObject: loading `custom` fails the whole batch when a sheet also has a
      // colour scale, a data bar or any other kind of format (office-js#2180).
      cfs.load('items/type,items/customOrNullObject/rule/formula');
      return cfs;
    });
    notes?.load('items/authorName');
    await context.sync();
    for (const note of notes?.items ?? []) if (note.authorName === NOTE_AUTHOR) note.delete();
    for (const cfs of collections) {
      for (const cf of cfs.items) {
        if (cf.type !== Excel.ConditionalFormatType.custom) continue;
        const custom = cf.customOrNullObject;
        if (!custom.isNullObject && custom.rule.formula.includes(MARK_TOKEN)) cf.delete();
      }
    }
    await context.sync();
    return 3;
  }
  const saved = readSaved();
  if (!saved.length) return 0;
  const sheets = context.workbook.worksheets;
  const budget = new RequestBudget();
  let syncs = 0;
  // Put back in reverse order: a cell marked twice gets its very first colour.
  for (const s of [...saved].reverse()) {
    const bytes = 3 * (OPERATION_BYTES + utf8Length(s.sheet) + s.cell.length);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      budget.sent();
    }
    budget.add(bytes);
    const fill = sheets.getItem(s.sheet).getRange(s.cell).format.fill;
    if (!s.fill || s.fill === '#FFFFFF') fill.clear();
    else fill.color = s.fill;
  }
  await context.sync();
  saveSetting(SAVED_SETTING, '[]');
  return syncs + 1;
}

interface SavedFill {
  sheet: string;
  cell: string;
  fill: string | null;
}

function readSaved(): SavedFill[] {
  try {
    const raw = Office.context.document.settings.get(SAVED_SETTING);
    const parsed = typeof raw === 'string' ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as SavedFill[]) : [];
  } catch {
    return [];
  }
}

function saveSetting(key: string, value: string): void {
  try {
    Office.context.document.settings.set(key, value);
    Office.context.document.settings.saveAsync();
  } catch {
    // Without document settings the marks stay until removed by hand; the check itself is unaffected.
  }
}
