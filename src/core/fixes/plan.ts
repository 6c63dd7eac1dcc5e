/**
 * The certain fixes as the pane offers them: which finding a fix answers (its **Sửa**), the fixes of
 * each kind (**Sửa tất cả (N)**), and the old → new text shown before anything is changed.
 */
import { a1 } from '../grid/address';
import type { CellValue } from '../grid/types';
import type { IssueCode } from '../report/catalogue';
import type { Finding } from '../report/issue';
import type { CellFix, FixKind } from './propose';

export const FIX_KINDS: readonly FixKind[] = ['status-label', 'whitespace', 'legacy', 'text-date'];

/** The findings a kind of fix settles on its cell: only these get a Sửa beside them. */
const ANSWERS: Record<FixKind, readonly IssueCode[]> = {
  'status-label': ['value-not-allowed'],
  whitespace: ['value-not-allowed', 'value-type'],
  legacy: ['legacy-encoding', 'value-not-allowed'],
  'text-date': ['value-type'],
};

export const cellKey = (sheet: string, row: number, col: number) => `${sheet}\u0000${row}\u0000${col}`;

export function fixIndex(fixes: readonly CellFix[]): Map<string, CellFix> {
  return new Map(fixes.map((f) => [cellKey(f.sheet, f.row, f.col), f]));
}

/** The fix that settles this finding, if its cell has one of the right kind. */
export function fixFor(f: Finding, index: ReadonlyMap<string, CellFix>): CellFix | undefined {
  if (f.sheet === undefined || f.row === undefined || f.col === undefined) return undefined;
  const fix = index.get(cellKey(f.sheet, f.row, f.col));
  return fix && ANSWERS[fix.kind].includes(f.code) ? fix : undefined;
}

export function fixesOfKind(fixes: readonly CellFix[]): { kind: FixKind; fixes: CellFix[] }[] {
  return FIX_KINDS.map((kind) => ({ kind, fixes: fixes.filter((f) => f.kind === kind) })).filter((g) => g.fixes.length > 0);
}

/** Day/month/year of a date serial, as Vietnamese write it. */
function serialText(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Invisible characters made visible, so that a whitespace fix shows what it takes away. */
function visible(v: CellValue): string {
  if (v === null) return '';
  return String(v)
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '⟨·⟩')
    .replace(/[\u00A0\u202F]/g, '⍽')
    .replace(/^ +| +$/g, (m) => '␣'.repeat(m.length))
    .replace(/ {2,}/g, (m) => '␣'.repeat(m.length));
}

/** One change as the confirm area shows it: the cell, the old text, the new one. */
export function describeFix(f: CellFix): { cell: string; from: string; to: string } {
  const to = f.kind === 'text-date' && typeof f.to === 'number' ? `${serialText(f.to)} (ngày / date)` : visible(f.to);
  return { cell: `${f.sheet}!${a1(f.row, f.col)}`, from: visible(f.from), to };
}
