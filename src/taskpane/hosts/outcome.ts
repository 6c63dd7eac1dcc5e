import { Catalog, formTitles } from '../../core/template/catalog';
import { toPlainCheck } from '../../core/validate/plain-check';
import type { ExcelCheckResult } from '../../excel/check-workbook';
import type { CheckOutcome } from './host';

/** A check of the open workbook as the pane shows it (from the pane's button or the ribbon's). */
export function checkOutcome(r: ExcelCheckResult, fileName: string | undefined, catalog: Catalog): CheckOutcome {
  return {
    fileName: fileName ?? '',
    check: toPlainCheck(r.check),
    unitName: r.check.unit.unit?.name ?? null,
    formTitles: formTitles(catalog),
    stamped: r.stamp !== null,
    marked: r.marked,
  };
}
