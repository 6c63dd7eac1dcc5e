/**
 * One-click conversion of TCVN3/VNI text to Unicode, in place, in one round trip per ~4 MB. The legacy font
 * is replaced too: Unicode text shown in .VnTime would be garbled again.
 */
import type { Finding } from '../core/report/issue';
import { a1 } from '../core/grid/address';
import { OPERATION_BYTES, RequestBudget, utf8Length } from './request-size';
import { needsTextFormat, TEXT_FORMAT } from './text-cells';

export const UNICODE_FONT = 'Times New Roman';
export const LEGACY_FONT = /^(\.vn|vni[- ])/i;

export interface LegacyCell {
  sheet: string;
  cell: string;
  converted: string;
}

export function legacyCells(findings: Finding[]): LegacyCell[] {
  return findings
    .filter(
      (f) => f.code === 'legacy-encoding' && f.sheet !== undefined && f.row !== undefined && f.col !== undefined && f.params.converted,
    )
    .map((f) => ({ sheet: f.sheet!, cell: a1(f.row!, f.col!), converted: f.params.converted! }));
}

/**
 * Converts the cells in place; returns the round trips used: one for a normal workbook, one more per
 * ~4 MB of converted text (a 20,000-row TCVN3 sheet), so that no request passes Excel on the web's 5 MB.
 */
export async function convertLegacyCells(context: Excel.RequestContext, cells: LegacyCell[], fonts?: Map<string, string>): Promise<number> {
  if (!cells.length) return 0;
  const sheets = context.workbook.worksheets;
  const budget = new RequestBudget();
  let syncs = 0;
  for (const c of cells) {
    const font = fonts?.get(`${c.sheet}!${c.cell}`);
    const textFormat = needsTextFormat(c.converted);
    const refont = !font || LEGACY_FONT.test(font);
    // The cell's address twice or thrice, its text, and the operations themselves.
    const bytes =
      (2 + Number(textFormat) + Number(refont)) * (OPERATION_BYTES + utf8Length(c.sheet) + c.cell.length) + utf8Length(c.converted);
    if (budget.wouldOverflow(bytes)) {
      // Deliberate: one round trip per ~4 MB, the only way under Excel on the web's request limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      budget.sent();
    }
    budget.add(bytes);
    const range = sheets.getItem(c.sheet).getRange(c.cell);
    // The cell's own number format stays, unless Excel would read the text as something else; the
    // format goes first, since Excel converts the text as it arrives.
    if (textFormat) range.numberFormat = [[TEXT_FORMAT]];
    range.values = [[c.converted]];
    if (refont) range.format.font.name = UNICODE_FONT;
  }
  await context.sync();
  return syncs + 1;
}
