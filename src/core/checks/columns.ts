/** The table's header against the form: columns missing, named twice, or unknown. */
import { a1 } from '../grid/address';
import { finding } from '../report/issue';
import { at, TableContext } from './context';

export const CODES = ['column-missing', 'column-duplicate', 'column-unknown'] as const;

export function checkColumns(ctx: TableContext): void {
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
  for (const u of table.unknown) ctx.findings.push(finding('column-unknown', at(ctx, u.row, u.col), { found: u.text }));
}
