/**
 * What every check of a table reads and where it reports. Each check is a small module that names
 * the issue codes it can raise (as Frictionless's checks do); `check-table` runs them in order.
 */
import type { LocatedTable } from '../locate/find-tables';
import { SheetView } from '../locate/sheet-view';
import type { Finding } from '../report/issue';
import type { Column, Template } from '../template/catalog';

export interface TableContext {
  view: SheetView;
  table: LocatedTable;
  template: Template;
  date1904: boolean;
  findings: Finding[];
  statusColumns: Column[];
}

export type Location = Omit<Finding, 'code' | 'severity' | 'params'>;

/** A cell of the table (or the table itself when no position is given). */
export function at(ctx: TableContext, row?: number, col?: number, column?: string): Location {
  return { sheet: ctx.view.name, row, col, column, template: ctx.template.id };
}
