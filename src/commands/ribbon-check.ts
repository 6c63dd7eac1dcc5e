/**
 * What the ribbon's Kiểm tra button does: the same check as the pane, then it shows where the first
 * error is and tells the result — in the pane where the shared runtime allows, else in a small dialog.
 */
import { countBySeverity } from '../core/report/report';
import { currentCatalog } from '../shared/catalog-info';
import type { Capabilities } from '../excel/capabilities';
import { checkOpenWorkbook, ExcelCheckResult } from '../excel/check-workbook';
import { goToCell } from '../excel/navigate';
import { a1 } from '../core/grid/address';
import { checkOutcome } from '../shared/outcome';
import { publishCheck } from '../shared/last-outcome';

export interface RibbonOutcome {
  result: ExcelCheckResult;
  /** One line for a notification, Vietnamese first. */
  summary: string;
}

export function summaryLine(result: ExcelCheckResult): string {
  const { errors, warnings } = countBySeverity(result.check);
  if (!result.check.tables.length) return 'Không tìm thấy phụ lục nào trong tệp / No form found in this workbook.';
  if (errors === 0) {
    return `Đạt: ${warnings} cảnh báo. Tệp đã được đóng dấu kiểm tra, sẵn sàng gửi. / Passed with ${warnings} warnings; stamped, ready to send.`;
  }
  return `${errors} lỗi, ${warnings} cảnh báo — các ô có lỗi đã được tô màu. / ${errors} errors, ${warnings} warnings — problem cells are marked.`;
}

export async function runRibbonCheck(context: Excel.RequestContext, caps: Capabilities, fileName?: string): Promise<RibbonOutcome> {
  // Forms and rounds loaded in the pane's Mẫu view count for the ribbon too (one runtime).
  const catalog = currentCatalog();
  const result = await checkOpenWorkbook(context, caps, { catalog, fileName });
  publishCheck(checkOutcome(result, fileName, catalog), result.fonts, true);
  const first = result.check.findings.find(
    (f) => f.severity === 'error' && f.sheet !== undefined && f.row !== undefined && f.col !== undefined,
  );
  if (first) await goToCell(context, first.sheet!, a1(first.row!, first.col!));
  return { result, summary: summaryLine(result) };
}
