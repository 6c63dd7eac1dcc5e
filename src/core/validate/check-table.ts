/**
 * One located table, read and checked: its items with their reform area, part and values (what a
 * merge consumes), and every finding about its columns and cells. Reading is `read-row`; each
 * check is its own module under `core/checks`.
 */
import { checkCellValue, checkExtraCell } from '../checks/cell-value';
import { checkColumns } from '../checks/columns';
import { TableContext } from '../checks/context';
import { checkDuplicates, RowSignatures } from '../checks/duplicates';
import { checkReason } from '../checks/reason';
import { a1, columnName } from '../grid/address';
import { isEmptyValue } from '../grid/access';
import { isDateFormat, serialToYMD, ymdToIso } from '../grid/dates';
import type { CellValue } from '../grid/types';
import type { LocatedTable } from '../locate/find-tables';
import { AreaRef, TableRows } from '../locate/rows';
import { SheetView } from '../locate/sheet-view';
import { Finding } from '../report/issue';
import type { Template } from '../template/catalog';
import { ReadItem, rowReader } from './read-row';

export interface CheckedRow {
  /** 0-based sheet row of the item's first row. */
  row: number;
  /** 0-based sheet row of its last row: more than `row` when its text was pasted over several rows. */
  rowEnd: number;
  area: AreaRef | null;
  /** The form's part ("I", "II" of PL03), where the form has parts. */
  part?: string;
  /** The numbered group the item sits under ("1. Công tác tuyên truyền"), kept with it. */
  group?: string;
  /** Template column key → value as submitted (legacy text decoded; merged cells filled down; continuation texts joined). */
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
  /** Repeats an earlier item of the table exactly. */
  repeated?: boolean;
}

export interface CheckedTable {
  sheet: string;
  template: Template;
  /** A1 range of the header rows, e.g. "A5:H6". */
  header: string;
  /** The form's part the table opens with (PL03 "I", "II"), when a heading says so. */
  part?: string;
  /** Template column key → 0-based sheet column. */
  columns: Record<string, number>;
  /** Unknown header texts in sheet order (their values are in each row's extras). */
  extraHeaders: string[];
  rows: CheckedRow[];
}

/** Unknown headers, duplicate headers, then any column of data outside the header: all kept. */
function extraColumns(view: SheetView, table: LocatedTable, layout: TableRows): { col: number; header: string }[] {
  const extraCols = table.unknown.map((u) => ({ col: u.col, header: u.text || `Cột ${columnName(u.col)}` }));
  const claimed = new Set([
    ...[...table.columns.values()].map((m) => m.col),
    ...extraCols.map((e) => e.col),
    ...table.duplicates.map((d) => d.col),
  ]);
  for (const ticks of table.ticks.values()) for (const t of ticks) claimed.add(t.col);
  const stray = new Set<number>();
  for (const item of layout.dataRows) {
    for (const row of item.rows) {
      const vals = view.grid.values[row] ?? [];
      for (let c = 0; c < vals.length; c++) if (!claimed.has(c) && !isEmptyValue(vals[c] ?? null)) stray.add(c);
    }
  }
  for (const d of table.duplicates) extraCols.push({ col: d.col, header: d.text });
  for (const c of [...stray].sort((a, b) => a - b)) extraCols.push({ col: c, header: `Cột ${columnName(c)}` });
  const used = new Map<string, number>();
  for (const e of extraCols) {
    const n = (used.get(e.header) ?? 0) + 1;
    used.set(e.header, n);
    if (n > 1) e.header = `${e.header} (${n})`;
  }
  return extraCols;
}

function checkItem(ctx: TableContext, read: ReadItem, signature: RowSignatures): CheckedRow {
  const { item } = read;
  const values: Record<string, CellValue> = {};
  const statuses: Record<string, string> = {};
  const dates: Record<string, string> = {};
  const shown: Record<string, string> = {};
  const before = ctx.findings.length;
  signature.begin();
  for (const column of ctx.template.columns) {
    const cell = read.cells.get(column.key);
    if (!cell) {
      if (column.role !== 'index') signature.text('');
      continue;
    }
    values[column.key] = cell.value;
    if (typeof cell.value === 'number' && cell.format) {
      const ymd = isDateFormat(cell.format) ? serialToYMD(cell.value, ctx.date1904) : null;
      if (ymd) dates[column.key] = ymdToIso(ymd);
      else if (cell.format.includes('%')) shown[column.key] = cell.text;
    }
    const status = checkCellValue(ctx, column, cell);
    if (status) statuses[column.key] = status;
    if (column.role !== 'index') signature.text(cell.text);
  }
  for (const column of ctx.statusColumns) checkReason(ctx, column, read, statuses);
  const extras: Record<string, CellValue> = {};
  for (const { header, cell } of read.extras) {
    if (cell.value === null) continue;
    checkExtraCell(ctx, cell);
    extras[header] = cell.value;
    signature.extra(header, String(cell.value));
  }
  let errors = 0;
  let warnings = 0;
  for (let i = before; i < ctx.findings.length; i++) ctx.findings[i].severity === 'error' ? errors++ : warnings++;
  signature.end();
  const row: CheckedRow = {
    row: item.row,
    rowEnd: item.rows[item.rows.length - 1],
    area: item.area,
    values,
    extras,
    statuses,
    dates,
    shown,
    errors,
    warnings,
  };
  if (item.part) row.part = item.part;
  if (item.group) row.group = item.group;
  return row;
}

export function checkTable(
  view: SheetView,
  table: LocatedTable,
  layout: TableRows,
  opts: { date1904: boolean },
): { table: CheckedTable; findings: Finding[] } {
  const template = table.template;
  const ctx: TableContext = {
    view,
    table,
    template,
    date1904: opts.date1904,
    findings: [],
    statusColumns: template.columns.filter((c) => c.type === 'status'),
  };
  checkColumns(ctx);
  const reader = rowReader(view, table, layout.dataStart, extraColumns(view, table, layout));
  const signatures = new RowSignatures();
  const rows = layout.dataRows.map((item) => checkItem(ctx, reader.read(item), signatures));
  checkDuplicates(ctx, rows, signatures).forEach((first, i) => {
    if (!first) rows[i].repeated = true;
  });
  const header = `${a1(table.headerTop, table.firstCol)}:${a1(table.headerBottom, table.lastCol)}`;
  const columns: Record<string, number> = {};
  for (const [k, m] of table.columns) columns[k] = m.col;
  const checked: CheckedTable = { sheet: view.name, template, header, columns, extraHeaders: reader.extraCols.map((e) => e.header), rows };
  if (table.part) checked.part = table.part;
  return { table: checked, findings: ctx.findings };
}
