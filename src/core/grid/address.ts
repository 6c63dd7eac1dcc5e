import type { CellRange } from './types';

/** A1 notation for reports. Code works with 0-based (row, col). */

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export function rangeA1(r0: number, c0: number, r1: number, c1: number): string {
  const a = a1(r0, c0);
  const b = a1(r1, c1);
  return a === b ? a : `${a}:${b}`;
}

/** "AB12" → { row: 11, col: 27 }; null when it is not an A1 address. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "Sheet1!B2:D9", "B2" → its 0-based rectangle; null for whole rows or columns ("C:C") and what is no address. */
export function parseRangeA1(address: string): CellRange | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b] = local.split(':');
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  return p && q ? { r0: p.row, c0: p.col, r1: q.row, c1: q.col } : null;
}

/** Sheet names with spaces or punctuation are quoted in references, as Excel does. */
export function sheetRef(sheet: string, cell: string): string {
  const quoted = /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${cell}`;
}
