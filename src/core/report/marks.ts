/**
 * What a mark on a problem cell is, wherever it is laid (in Excel by src/excel/marks, in a
 * downloaded copy by src/xlsx/highlight-copy): one per cell, errors over warnings, our fills, and
 * a formula that is always true and carries our name so that the marks can be found and removed.
 */
import { a1 } from '../grid/address';
import type { Finding } from './issue';

/** The formula of every Phuluc mark, as Excel's API takes it. */
export const MARK_FORMULA = '=N("phuluc")=0';
export const MARK_TOKEN = 'phuluc';
export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

export interface MarkTarget {
  sheet: string;
  cell: string;
  severity: 'error' | 'warning';
}

/** One mark per cell, errors winning over warnings on the same cell. */
export function markTargets(findings: Finding[]): MarkTarget[] {
  const byCell = new Map<string, MarkTarget>();
  for (const f of findings) {
    if (f.sheet === undefined || f.row === undefined || f.col === undefined) continue;
    const cell = a1(f.row, f.col);
    const key = `${f.sheet}\u0000${cell}`;
    const prev = byCell.get(key);
    if (!prev || (prev.severity === 'warning' && f.severity === 'error')) byCell.set(key, { sheet: f.sheet, cell, severity: f.severity });
  }
  return [...byCell.values()];
}
