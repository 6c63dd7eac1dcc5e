/**
 * Where an issue is, in words an officer reads: the form, the row's number on the sheet, the
 * column's header and the task the row is about — beside the cell code Excel shows.
 */
import type { CellValue } from '../grid/types';
import type { Catalog } from '../template/catalog';
import type { Finding } from './issue';

/** What the pane needs of a form to name a place in it (plain data: it may come from a worker). */
export interface FormWords {
  title: string;
  /** Column key → its header as the form prints it. */
  headers: Record<string, string>;
  /** The key of the column that names the row's task (its "item"), where the form has one. */
  item?: string;
}

export function formWords(catalog: Catalog): Record<string, FormWords> {
  return Object.fromEntries(
    catalog.templates.map((t) => [
      t.id,
      { title: t.title, headers: Object.fromEntries(t.columns.map((c) => [c.key, c.header])), item: t.roles.item },
    ]),
  );
}

/** The rows of a checked table, as much as naming a place needs. */
export interface PlaceTable {
  sheet: string;
  template: string;
  rows: { row: number; rowEnd: number; values: Record<string, CellValue> }[];
}

export interface Place {
  form?: string;
  /** 1-based, as Excel numbers rows. */
  row?: number;
  column?: string;
  task?: string;
}

const TASK_CHARS = 90;

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/\s+/g, ' ').trim();
}

export function placeOf(f: Finding, tables: readonly PlaceTable[], forms: Readonly<Record<string, FormWords>>): Place {
  const table =
    tables.find((t) => t.sheet === f.sheet && (!f.template || t.template === f.template)) ?? tables.find((t) => t.sheet === f.sheet);
  const form = forms[f.template ?? table?.template ?? ''];
  const place: Place = {};
  if (form) place.form = form.title;
  if (f.row !== undefined) place.row = f.row + 1;
  if (f.column && form?.headers[f.column]) place.column = form.headers[f.column];
  if (f.row !== undefined && table && form?.item) {
    const item = table.rows.find((r) => r.row <= f.row! && f.row! <= r.rowEnd);
    const task = text(item?.values[form.item]);
    if (task) place.task = task.length > TASK_CHARS ? `${task.slice(0, TASK_CHARS - 1)}…` : task;
  }
  return place;
}
