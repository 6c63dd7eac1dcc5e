/** Excel serial dates, read as calendar dates in UTC so no time zone can shift them. */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** A number format that shows a date (d, m, y tokens outside quotes and brackets). */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const f = fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:\$|h|m|s)[^\]]*\]/gi, (x) => (/^\[[hms]+\]$/i.test(x) ? 'h' : ''))
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(f)) return false;
  return /[dy]/i.test(f) || /m.*[dy]|[dy].*m/i.test(f);
}

export function serialToYMD(serial: number, date1904 = false): YMD | null {
  if (!Number.isFinite(serial)) return null;
  const days = Math.floor(serial);
  // 1900 system: serial 60 is Excel's fictitious 29/02/1900; serials after it are shifted by one.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days > 60 ? 30 : 31);
  if (!date1904 && days === 60) return { y: 1900, m: 2, d: 29 };
  if (days < (date1904 ? 0 : 1) || days > 2958465) return null;
  const t = new Date(epoch + days * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isValidYMD(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function ymdToIso(v: YMD): string {
  return `${String(v.y).padStart(4, '0')}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;
}

/** Serial of a calendar date in the 1900 system (for writers). */
export function ymdToSerial(v: YMD): number {
  const days = (Date.UTC(v.y, v.m - 1, v.d) - Date.UTC(1899, 11, 30)) / 86400000;
  return days;
}
