/** Items entered twice: every text the same as an earlier item's. */
import { finding } from '../report/issue';
import { at, TableContext } from './context';

export const CODES = ['row-duplicate'] as const;

/**
 * Warns on each repeated item (signatures: '' for an item with nothing to compare); answers whether
 * each item is the first of its kind, and counts the warning on the item.
 */
export function checkDuplicates(ctx: TableContext, rows: { row: number; warnings: number }[], signatures: string[]): boolean[] {
  const seen = new Map<string, number>();
  const isFirst = rows.map(() => true);
  const indexKey = ctx.template.roles.index;
  const firstCol = (indexKey !== undefined ? ctx.table.columns.get(indexKey)?.col : undefined) ?? ctx.table.firstCol;
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
