/**
 * One-click conversion of TCVN3/VNI text to Unicode, in place, in one round trip. The legacy font
 * is replaced too: Unicode text shown in .VnTime would be garbled again.
 */
import type { Finding } from '../core/report/issue';
import { a1 } from '../core/grid/address';
import { needsTextFormat, TEXT_FORMAT } from './text-cells';

export const UNICODE_FONT = 'Times New Roman';
const LEGACY_FONT = /^(\.vn|vni[- ])/i;

export interface LegacyCell {
  sheet: string;
  cell: string;
  converted: string;
}

export function legacyCells(findings: Finding[]): LegacyCell[] {
  return findings
    .filter((f) => f.code === 'legacy-encoding' && f.sheet !== undefined && f.row !== undefined && f.col !== undefined && f.params.converted)
    .map((f) => ({ sheet: f.sheet!, cell: a1(f.row!, f.col!), converted: f.params.converted! }));
}

export async function convertLegacyCells(context: Excel.RequestContext, cells: LegacyCell[], fonts?: Map<string, string>): Promise<number> {
  if (!cells.length) return 0;
  const sheets = context.workbook.worksheets;
  for (const c of cells) {
    const range = sheets.getItem(c.sheet).getRange(c.cell);
    // The cell's own number format stays, unless Excel would read the text as something else.
    if (needsTextFormat(c.converted)) range.numberFormat = [[TEXT_FORMAT]];
    range.values = [[c.converted]];
    const font = fonts?.get(`${c.sheet}!${c.cell}`);
    if (!font || LEGACY_FONT.test(font)) range.format.font.name = UNICODE_FONT;
  }
  await context.sync();
  return 1;
}
