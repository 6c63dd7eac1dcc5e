/**
 * Excel serial numbers for the consolidated model's dates and instants, computed by hand so that no
 * machine time zone can shift them. Instants are shown as wall time in Vietnam (UTC+7, no DST).
 */

export const VIETNAM_OFFSET_MINUTES = 7 * 60;

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Excel counts a 29 Feb 1900 that never was; serials from the 1899-12-30 epoch are right only from here. */
const FIRST_SERIAL_MS = Date.UTC(1900, 2, 1);

/** 'YYYY-MM-DD' → Excel serial (1900 system), or null when not a real date from 1900-03-01 on. */
export function dateSerial(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const ms = utcDay(+m[1]!, +m[2]!, +m[3]!);
  if (ms === null || ms < FIRST_SERIAL_MS) return null;
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * ISO 8601 instant → serial of its wall time in Vietnam (UTC+7). Parsed by hand because
 * Date.parse reads a string without offset in the machine's zone; such a string is taken as
 * Vietnam time already, so the output does not depend on where it is written.
 */
export function dateTimeSerial(iso: string): number | null {
  const m = ISO_DATETIME.exec(iso.trim());
  if (!m) return null;
  const day = utcDay(+m[1]!, +m[2]!, +m[3]!);
  const h = +m[4]!;
  const min = +m[5]!;
  const s = m[6] ? +m[6] : 0;
  if (day === null || h > 24 || min > 59 || s > 60 || (h === 24 && (min > 0 || s > 0))) return null;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMin = VIETNAM_OFFSET_MINUTES;
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    offsetMin = sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2) : 0));
  } else if (z) {
    offsetMin = 0;
  }
  const instant = day + ((h * 60 + min - offsetMin) * 60 + s) * 1000 + frac;
  const wall = instant + VIETNAM_OFFSET_MINUTES * 60_000;
  if (wall < FIRST_SERIAL_MS) return null;
  return (wall - EXCEL_EPOCH_MS) / DAY_MS;
}

function utcDay(y: number, mo: number, d: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Rejects 2023-02-30 and the like, which Date.UTC would roll into March.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

/** The inverse of dateTimeSerial: a serial shown as Vietnam wall time back to the instant (ISO, UTC). */
export function serialToInstant(serial: number): string {
  return new Date(Math.round(serial * DAY_MS) + EXCEL_EPOCH_MS - VIETNAM_OFFSET_MINUTES * 60_000).toISOString();
}
