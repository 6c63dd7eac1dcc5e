/**
 * Writing text so that Excel keeps it as typed: the cell is formatted as Text ("@") before the value
 * is set, so "=> Đề nghị…" is no formula, "0123" keeps its zero and "10/11/2022" stays a text.
 */
export const TEXT_FORMAT = '@';

/** A value and the number format that makes Excel store it as given. */
export function cellForExcel(
  v: string | number | boolean | null,
  numberFormat: string | null,
): { value: string | number | boolean; format: string } {
  if (v === null) return { value: '', format: 'General' };
  if (typeof v === 'string') return { value: v, format: TEXT_FORMAT };
  return { value: v, format: numberFormat ?? 'General' };
}

/**
 * Text Excel would not keep as typed in a General cell: a formula, a number (1e5 too), a date, a
 * percentage, a boolean. test/excel/text-stays-text.test.ts holds it to the fake's model of Excel's
 * conversion.
 */
export function needsTextFormat(s: string): boolean {
  const t = s.trim();
  return /^[=+\-@]/.test(t) || /^[\d.,/%\s:-]+$/.test(t) || /^[\d.]+e[+-]?\d+$/i.test(t) || /^(true|false)$/i.test(t);
}
