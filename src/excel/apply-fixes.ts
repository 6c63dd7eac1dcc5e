/**
 * One-click fixes in the open workbook (issue 16), and the pane's own undo of them. Office.js writes
 * clear Excel's undo history (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-
 * support: changes made by an add-in through the API cannot be undone with Ctrl+Z), so each fix first
 * reads what it will change — value, number format, font — and keeps it for **Hoàn tác**.
 *
 * Two round trips whatever the number of cells: one read, one write; one more of each per ~4 MB
 * (src/excel/request-size.ts), so that no request or response passes Excel on the web's 5 MB.
 */
import { a1 } from '../core/grid/address';
import type { CellFix } from '../core/fixes/propose';
import { LEGACY_FONT, UNICODE_FONT } from './convert-legacy';
import { OPERATION_BYTES, RequestBudget, utf8Length } from './request-size';
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

/** A cell's value, format and font in a response: its JSON, generously. */
const READ_BYTES = 200;

/** Writes `value` so that Excel keeps it as given and the cell's number format ends as `format`. */
function writeKept(range: Excel.Range, value: Scalar, format: string, formatNow: string | null): number {
  if (typeof value === 'string' && needsTextFormat(value) && format !== TEXT_FORMAT) {
    // As text first (Excel would read "15/11/2022" or "=…" otherwise), then the cell's own format
    // again: a format set after the value does not convert what the cell holds.
    range.numberFormat = [[TEXT_FORMAT]];
    range.values = [[value]];
    range.numberFormat = [[format]];
    return 3;
  }
  if (formatNow !== format) range.numberFormat = [[format]];
  range.values = [[value]];
  return formatNow !== format ? 2 : 1;
}

export async function applyFixes(context: Excel.RequestContext, fixes: readonly CellFix[]): Promise<AppliedFixes> {
  const out: AppliedFixes = { applied: [], skipped: [], undo: [], syncs: 0 };
  if (!fixes.length) return out;
  const sheets = context.workbook.worksheets;
  // Read: what each cell holds now.
  const read: { fix: CellFix; cell: string; range: Excel.Range }[] = [];
  const ask = new RequestBudget();
  const answer = new RequestBudget();
  for (const fix of fixes) {
    const cell = a1(fix.row, fix.col);
    const bytes = 4 * (OPERATION_BYTES + utf8Length(fix.sheet) + cell.length);
    const back = READ_BYTES + (typeof fix.from === 'string' ? utf8Length(fix.from) * 3 : 0);
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
    const range = sheets.getItem(fix.sheet).getRange(cell);
    range.load('values,formulas,numberFormat,format/font/name');
    read.push({ fix, cell, range });
  }
  await context.sync();
  out.syncs++;
  // Write: the new values, in as few requests as the limit allows.
  const budget = new RequestBudget();
  for (const { fix, cell, range } of read) {
    const now = range.values[0][0];
    const format = range.numberFormat[0][0];
    const formula = range.formulas[0][0];
    // Changed since the check, or the result of a formula (the formula is the officer's to change).
    if (now !== fix.from || (typeof formula === 'string' && formula.startsWith('='))) {
      out.skipped.push(fix);
      continue;
    }
    const font = range.format.font.name;
    const refont = fix.kind === 'legacy' && (!font || LEGACY_FONT.test(font));
    const bytes = 5 * (OPERATION_BYTES + utf8Length(fix.sheet) + cell.length) + (typeof fix.to === 'string' ? utf8Length(fix.to) : 16);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      out.syncs++;
      budget.sent();
    }
    budget.add(bytes);
    const target = sheets.getItem(fix.sheet).getRange(cell);
    if (fix.to === null) continue;
    writeKept(target, fix.to, fix.format ?? format, format);
    if (refont) target.format.font.name = UNICODE_FONT;
    out.applied.push(fix);
    out.undo.push({ sheet: fix.sheet, cell, value: now, numberFormat: format, ...(refont ? { font } : {}) });
  }
  await context.sync();
  out.syncs++;
  return out;
}

/** Puts every cell back as it was before the fixes: value, number format and font. One round trip per ~4 MB. */
export async function undoFixes(context: Excel.RequestContext, undo: readonly FixUndo[]): Promise<number> {
  if (!undo.length) return 0;
  const sheets = context.workbook.worksheets;
  const budget = new RequestBudget();
  let syncs = 0;
  // In reverse: a cell fixed twice gets its very first state.
  for (const u of [...undo].reverse()) {
    const bytes = 5 * (OPERATION_BYTES + utf8Length(u.sheet) + u.cell.length) + (typeof u.value === 'string' ? utf8Length(u.value) : 16);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      budget.sent();
    }
    budget.add(bytes);
    const range = sheets.getItem(u.sheet).getRange(u.cell);
    writeKept(range, u.value, u.numberFormat, null);
    if (u.font !== undefined) range.format.font.name = u.font;
  }
  await context.sync();
  return syncs + 1;
}
