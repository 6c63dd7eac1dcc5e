import { isBlankText } from '../text/normalize';
import { CellRange, CellValue, SheetGrid } from './types';

export function rowCount(g: SheetGrid): number {
  return g.values.length;
}

export function colCount(g: SheetGrid): number {
  let n = 0;
  for (const row of g.values) if (row && row.length > n) n = row.length;
  return n;
}

export function valueAt(g: SheetGrid, r: number, c: number): CellValue {
  const row = g.values[r];
  if (!row) return null;
  const v = row[c];
  return v === undefined ? null : v;
}

export function isEmptyValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && isBlankText(v));
}

/** The text Excel shows for a cell: the host's displayed text where it gave one, else the value. */
export function displayText(g: SheetGrid, r: number, c: number): string {
  const t = g.text?.[r]?.[c];
  if (t !== undefined && t !== null) return t;
  const v = valueAt(g, r, c);
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function formatAt(g: SheetGrid, r: number, c: number): string | null {
  return g.formats?.[r]?.[c] ?? null;
}

export function fontAt(g: SheetGrid, r: number, c: number): string | null {
  return g.fonts?.[r]?.[c] ?? null;
}

/**
 * For each cell covered by a merge, the merge. Built once per sheet; header detection reads the
 * top-left text of merged group headers through it.
 */
export class MergeIndex {
  private readonly byCell = new Map<number, CellRange>();
  constructor(merges: CellRange[], maxCells = 200_000) {
    let budget = maxCells;
    for (const m of merges) {
      const cells = (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1);
      if (cells > budget) continue; // clamped merges are small; a huge one cannot matter to a header
      budget -= cells;
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) this.byCell.set(r * 16384 + c, m);
    }
  }
  at(r: number, c: number): CellRange | undefined {
    return this.byCell.get(r * 16384 + c);
  }
}
