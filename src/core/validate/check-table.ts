/**
 * One located table, read and checked: its data rows with their reform area and values (what a
 * merge consumes), and every finding about its columns, rows and cells.
 */
import { compareKey } from '../text/text-key';
import { a1, columnName } from '../grid/address';
import { formatAt } from '../grid/access';
import { isDateFormat, serialToYMD, ymdToIso } from '../grid/dates';
import type { CellValue } from '../grid/types';
import type { LocatedTable } from '../locate/find-tables';
import { AreaRef, TableRows } from '../locate/rows';
import { SheetView } from '../locate/sheet-view';
import { Finding, finding } from '../report/issue';
import { checkType } from '../rules/types';
import { allowedLabels, isErrorValue, isPlaceholder, isVagueReason, matchOption } from '../rules/values';
import type { Column, Template } from '../template/catalog';
import type { UnitKind } from '../template/schema';
import { cleanText } from '../text/normalize';

export interface CheckedRow {
  /** 0-based sheet row. */
  row: number;
  area: AreaRef | null;
  /** Template column key → value as submitted (legacy text decoded; merged cells filled down). */
  values: Record<string, CellValue>;
  /** Header text of an unknown column (or "Cột K" outside the header) → value. */
  extras: Record<string, CellValue>;
  /** Status column key → canonical option key, where the status was recognised. */
  statuses: Record<string, string>;
  /** Column key → calendar date (YYYY-MM-DD) for numbers Excel shows as dates. */
  dates: Record<string, string>;
  /** Column key → displayed text for numbers shown as percentages ("62%" for 0.62). */
  shown: Record<string, string>;
  errors: number;
  warnings: number;
}

export interface CheckedTable {
  sheet: string;
  template: Template;
  /** A1 range of the header rows, e.g. "A5:H6". */
  header: string;
  /** Template column key → 0-based sheet column. */
  columns: Record<string, number>;
  /** Unknown header texts in sheet order (their values are in each row's extras). */
  extraHeaders: string[];
  rows: CheckedRow[];
}

interface Ctx {
  view: SheetView;
  table: LocatedTable;
  template: Template;
  date1904: boolean;
  findings: Finding[];
  /** The form's columns found in the sheet, with their sheet column: read on every row. */
  present: { column: Column; col: number }[];
  statusColumns: Column[];
  nonIndexKeys: string[];
}

function at(ctx: Ctx, row?: number, col?: number, column?: string) {
  return { sheet: ctx.view.name, row, col, column, template: ctx.template.id };
}

function columnFindings(ctx: Ctx): void {
  const { table, template } = ctx;
  for (const col of template.columns) {
    if (!col.required || table.columns.has(col.key)) continue;
    ctx.findings.push(finding('column-missing', at(ctx, table.headerTop, table.firstCol, col.key), { header: col.header }));
  }
  for (const d of table.duplicates) {
    const header = template.columns.find((c) => c.key === d.key)?.header;
    ctx.findings.push(
      finding('column-duplicate', at(ctx, d.row, d.col, d.key), { found: d.text, header, otherCell: a1(d.first.row, d.first.col) }),
    );
  }
  for (const u of table.unknown) {
    ctx.findings.push(finding('column-unknown', at(ctx, u.row, u.col), { found: u.text }));
  }
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function checkRow(
  ctx: Ctx,
  r: number,
  area: AreaRef | null,
  dataStart: number,
  extraCols: { col: number; header: string }[],
  signatures: string[],
): CheckedRow {
  const { view } = ctx;
  const values: Record<string, CellValue> = {};
  const texts: Record<string, string> = {};
  const statuses: Record<string, string> = {};
  const dates: Record<string, string> = {};
  const shown: Record<string, string> = {};
  const before = ctx.findings.length;
  for (const { column, col } of ctx.present) {
    // A value merged down over several data rows counts for each of them.
    let fr = r;
    let fc = col;
    let value = view.value(r, col);
    if (isBlank(value)) {
      const m = view.merges.at(r, col);
      if (m && (m.r0 !== r || m.c0 !== col) && m.r0 >= dataStart) {
        fr = m.r0;
        fc = m.c0;
        value = view.value(fr, fc);
      } else value = null;
    }
    let v = value;
    let text = '';
    if (typeof value === 'string') {
      const legacy = view.legacy(fr, fc);
      if (legacy && fr === r) {
        ctx.findings.push(
          finding('legacy-encoding', at(ctx, r, col, column.key), { found: value, converted: legacy.converted, encoding: legacy.encoding }),
        );
      }
      v = legacy ? legacy.converted : value;
      text = legacy ? cleanText(legacy.converted) : view.text(fr, fc);
    } else if (value !== null) text = view.text(fr, fc);
    values[column.key] = v;
    texts[column.key] = text;
    const format = typeof v === 'number' ? formatAt(view.grid, fr, fc) : null;
    if (typeof v === 'number' && format) {
      const ymd = isDateFormat(format) ? serialToYMD(v, ctx.date1904) : null;
      if (ymd) dates[column.key] = ymdToIso(ymd);
      else if (format.includes('%')) shown[column.key] = text;
    }
    checkCell(ctx, column, r, col, v, text, format, statuses);
  }
  for (const column of ctx.statusColumns) checkReason(ctx, column, r, values, texts, statuses);
  const extras: Record<string, CellValue> = {};
  for (const { col, header } of extraCols) {
    const v = view.value(r, col);
    if (isBlank(v)) continue;
    if (isErrorValue(v)) ctx.findings.push(finding('formula-error', at(ctx, r, col), { found: v }));
    const legacy = typeof v === 'string' ? view.legacy(r, col) : null;
    if (legacy) {
      ctx.findings.push(finding('legacy-encoding', at(ctx, r, col), { found: v as string, converted: legacy.converted, encoding: legacy.encoding }));
    }
    extras[header] = legacy ? legacy.converted : v;
  }
  let errors = 0;
  let warnings = 0;
  for (let i = before; i < ctx.findings.length; i++) ctx.findings[i].severity === 'error' ? errors++ : warnings++;
  let sig = '';
  let any = false;
  for (const k of ctx.nonIndexKeys) {
    const t = texts[k] ?? '';
    if (t) any = true;
    sig += compareKey(t) + '\u001f';
  }
  if (extraCols.length) {
    for (const h in extras) {
      any = true;
      sig += `${h}=${compareKey(String(extras[h]))}\u001f`;
    }
  }
  signatures.push(any ? sig : '');
  return { row: r, area, values, extras, statuses, dates, shown, errors, warnings };
}

function checkCell(
  ctx: Ctx,
  column: Column,
  r: number,
  c: number,
  v: CellValue,
  text: string,
  format: string | null,
  statuses: Record<string, string>,
): void {
  const where = at(ctx, r, c, column.key);
  if (isErrorValue(v)) {
    ctx.findings.push(finding('formula-error', where, { found: v }));
    return;
  }
  if (isBlank(v)) {
    if (column.required) ctx.findings.push(finding('value-required', where, { header: column.header }));
    return;
  }
  if (column.type === 'status') {
    const option = matchOption(column, text);
    if (option) statuses[column.key] = option.key;
    else ctx.findings.push(finding('value-not-allowed', where, { found: text, header: column.header, allowed: allowedLabels(column) }));
    return;
  }
  const problem = checkType(column.type, v, text, format, ctx.date1904);
  if (problem) ctx.findings.push(finding('value-type', where, { ...problem, header: column.header }));
}

function checkReason(
  ctx: Ctx,
  status: Column,
  r: number,
  values: Record<string, CellValue>,
  texts: Record<string, string>,
  statuses: Record<string, string>,
): void {
  const optionKey = statuses[status.key];
  const option = status.options?.find((o) => o.key === optionKey);
  if (!option?.needsReason) return;
  const reasonCol = ctx.template.columns.find((c) => c.reasonFor === status.key);
  const reasonAt = reasonCol ? ctx.table.columns.get(reasonCol.key) : undefined;
  const statusAt = ctx.table.columns.get(status.key);
  const notesText = ctx.table.columns.has('ghi_chu') ? (texts['ghi_chu'] ?? '') : '';
  if (!reasonCol || !reasonAt) {
    if (statusAt) {
      ctx.findings.push(
        finding('reason-missing', at(ctx, r, statusAt.col, reasonCol?.key ?? status.key), {
          status: option.label,
          notesHasText: notesText !== '',
        }),
      );
    }
    return;
  }
  const reason = texts[reasonCol.key] ?? '';
  if (isErrorValue(values[reasonCol.key])) return; // already a formula-error
  if (reason === '' || isPlaceholder(reason)) {
    ctx.findings.push(
      finding('reason-missing', at(ctx, r, reasonAt.col, reasonCol.key), { status: option.label, found: reason, notesHasText: notesText !== '' }),
    );
  } else if (isVagueReason(reason, status)) {
    ctx.findings.push(finding('reason-vague', at(ctx, r, reasonAt.col, reasonCol.key), { found: reason, status: option.label }));
  }
}

/** Rows whose every cell repeats an earlier row's (signatures from checkRow, '' for an empty row). */
/** A row with something real in a required column, not only "-", "x" or "…". */
function hasContent(row: CheckedRow, template: Template): boolean {
  return template.columns.some((c) => {
    if (!c.required || c.type === 'index') return false;
    const v = row.values[c.key];
    return v !== null && v !== undefined && (typeof v !== 'string' || (v.trim() !== '' && !isPlaceholder(v)));
  });
}

/** Warns on each repeated row; answers whether each row is the first of its kind. */
function duplicateRows(ctx: Ctx, rows: CheckedRow[], signatures: string[]): boolean[] {
  const seen = new Map<string, number>();
  const isFirst: boolean[] = rows.map(() => true);
  const firstCol = ctx.table.columns.get('stt')?.col ?? ctx.table.firstCol;
  rows.forEach((row, i) => {
    const sig = signatures[i];
    if (!sig) return;
    const first = seen.get(sig);
    if (first === undefined) {
      seen.set(sig, row.row);
      return;
    }
    ctx.findings.push(finding('row-duplicate', at(ctx, row.row, firstCol), { otherCell: String(first + 1) }));
    row.warnings++;
    isFirst[i] = false;
  });
  return isFirst;
}

export function checkTable(
  view: SheetView,
  table: LocatedTable,
  layout: TableRows,
  opts: { date1904: boolean; unitKind?: UnitKind },
): { table: CheckedTable; findings: Finding[] } {
  const template = table.template;
  const ctx: Ctx = {
    view,
    table,
    template,
    date1904: opts.date1904,
    findings: [],
    present: template.columns.flatMap((column) => {
      const m = table.columns.get(column.key);
      return m ? [{ column, col: m.col }] : [];
    }),
    statusColumns: template.columns.filter((c) => c.type === 'status'),
    nonIndexKeys: template.columns.filter((c) => c.type !== 'index').map((c) => c.key),
  };
  columnFindings(ctx);
  const known = new Set([...table.columns.values()].map((m) => m.col));
  const extraCols = table.unknown.map((u) => ({ col: u.col, header: u.text || `Cột ${columnName(u.col)}` }));
  // Cells of data rows outside every header column are kept too, named by their column letter.
  const claimed = new Set([...known, ...extraCols.map((e) => e.col), ...table.duplicates.map((d) => d.col)]);
  const stray = new Set<number>();
  for (const { row } of layout.dataRows) {
    const vals = view.grid.values[row] ?? [];
    for (let c = 0; c < vals.length; c++) if (!claimed.has(c) && !isBlank(vals[c] ?? null)) stray.add(c);
  }
  for (const d of table.duplicates) extraCols.push({ col: d.col, header: d.text });
  for (const c of [...stray].sort((a, b) => a - b)) extraCols.push({ col: c, header: `Cột ${columnName(c)}` });
  const used = new Map<string, number>();
  for (const e of extraCols) {
    const n = (used.get(e.header) ?? 0) + 1;
    used.set(e.header, n);
    if (n > 1) e.header = `${e.header} (${n})`;
  }

  const signatures: string[] = [];
  const rows = layout.dataRows.map((d) => checkRow(ctx, d.row, d.area, layout.dataStart, extraCols, signatures));
  const distinct = duplicateRows(ctx, rows, signatures);
  const min = opts.unitKind ? table.template.minRows?.[opts.unitKind] : undefined;
  // A copied row or a row of dashes does not make up the number the letter asks for.
  const counted = min === undefined ? 0 : rows.filter((r, i) => distinct[i] && hasContent(r, table.template)).length;
  if (min !== undefined && counted < min) {
    ctx.findings.push(
      finding('rows-too-few', { sheet: view.name, template: table.template.id }, {
        count: counted,
        min,
        kind: opts.unitKind,
      }),
    );
  }
  const header = `${a1(table.headerTop, table.firstCol)}:${a1(table.headerBottom, table.lastCol)}`;
  const columns: Record<string, number> = {};
  for (const [k, m] of table.columns) columns[k] = m.col;
  return {
    table: { sheet: view.name, template: table.template, header, columns, extraHeaders: extraCols.map((e) => e.header), rows },
    findings: ctx.findings,
  };
}

