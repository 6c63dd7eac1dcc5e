/**
 * A check of the open workbook as ribbon and pane show it. Shared by both (src/commands and
 * src/taskpane), so it lives in neither.
 */
import type { CellFix } from '../core/fixes/propose';
import { Catalog, formTitles } from '../core/template/catalog';
import { PlainCheck, toPlainCheck } from '../core/validate/plain-check';
import type { ExcelCheckResult } from '../excel/check-workbook';

export interface CheckOutcome {
  fileName: string;
  check: PlainCheck;
  unitName: string | null;
  /** Form titles by id, for the list of forms found. */
  formTitles: Record<string, string>;
  /** The stamp was written (Excel only). */
  stamped: boolean;
  /** Cells marked in the workbook (Excel only). */
  marked: number;
  /** The fixes whose result is certain, cell by cell (Excel only; issue 16). */
  fixes?: CellFix[];
}

/** A check of the open workbook as the pane shows it (from the pane's button or the ribbon's). */
export function checkOutcome(r: ExcelCheckResult, fileName: string | undefined, catalog: Catalog): CheckOutcome {
  return {
    fileName: fileName ?? '',
    check: toPlainCheck(r.check),
    unitName: r.check.unit.unit?.name ?? null,
    formTitles: formTitles(catalog),
    stamped: r.stamp !== null,
    marked: r.marked,
    fixes: r.fixes,
  };
}
