/**
 * One cell of an item against its column: error values, required cells, types, allowed values
 * (written, with a remark, or ticked), and text typed in a legacy encoding.
 */
import { finding } from '../report/issue';
import { checkType } from '../rules/types';
import { allowedLabels, readStatus } from '../rules/values';
import type { Column } from '../template/catalog';
import type { ReadCell } from '../validate/read-row';
import { at, TableContext } from './context';

export const CODES = ['formula-error', 'value-required', 'value-type', 'value-not-allowed', 'legacy-encoding'] as const;

/** Checks one cell; returns the canonical option key of a status recognised in it. */
export function checkCellValue(ctx: TableContext, column: Column, cell: ReadCell): string | undefined {
  legacyText(ctx, cell, column.key);
  if (cell.error) {
    ctx.findings.push(finding('formula-error', at(ctx, cell.error.row, cell.error.col, column.key), { found: cell.error.value }));
    return undefined;
  }
  if (cell.text === '') {
    if (column.required) ctx.findings.push(finding('value-required', cellAt(ctx, cell, column), { header: column.header }));
    return undefined;
  }
  if (column.type === 'status') {
    if (cell.marked && cell.marked.length > 1) {
      ctx.findings.push(
        finding('value-not-allowed', cellAt(ctx, cell, column), {
          found: cell.text,
          header: column.header,
          allowed: allowedLabels(column),
          ticks: cell.marked.length,
        }),
      );
      return undefined;
    }
    const option = cell.marked?.[0]?.option ?? readStatus(column, cell.text)?.option;
    if (option) return option.key;
    ctx.findings.push(
      finding('value-not-allowed', cellAt(ctx, cell, column), { found: cell.text, header: column.header, allowed: allowedLabels(column) }),
    );
    return undefined;
  }
  const problem = checkType(column.type, cell.value, cell.text, cell.format, ctx.date1904);
  if (problem) ctx.findings.push(finding('value-type', cellAt(ctx, cell, column), { ...problem, header: column.header }));
  return undefined;
}

/** Where a finding about the cell points; built only for a finding, as nearly every cell has none. */
function cellAt(ctx: TableContext, cell: ReadCell, column: Column) {
  return at(ctx, cell.row, cell.col, column.key);
}

/** Legacy text is reported once per cell, at the item's first row. */
export function legacyText(ctx: TableContext, cell: ReadCell, column?: string): void {
  if (!cell.legacy) return;
  const { found, converted, encoding } = cell.legacy;
  ctx.findings.push(finding('legacy-encoding', at(ctx, cell.row, cell.col, column), { found, converted, encoding }));
}

/** Cells outside the form's columns are kept, not judged: only error values and legacy text count. */
export function checkExtraCell(ctx: TableContext, cell: ReadCell): void {
  if (cell.error) ctx.findings.push(finding('formula-error', at(ctx, cell.error.row, cell.error.col), { found: cell.error.value }));
  legacyText(ctx, cell);
}
