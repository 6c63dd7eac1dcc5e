/**
 * When a submission was received and whether that was late. Vietnam keeps UTC+7 all year, so a
 * deadline "15/11/2022" ends at 23:59:59 on that day in Hà Tĩnh, whatever the machine's zone.
 *
 * A file's own time is the moment it was saved on the clerk's disk — after the deadline for every
 * attachment saved from e-mail while merging. What the workbook says of itself survives the trip:
 * the stamp's time, else its last-saved time. A date the clerk enters (the document system's
 * record) overrides both.
 */
import type { WorkbookCheck } from '../validate/validate-workbook';
import { VIETNAM_OFFSET_MINUTES } from './serials';

const VN_OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
const DAY_MS = 86400000;

/** Where a receipt time comes from, most trusted first. */
export type ReceiptSource = 'corrected' | 'stamp' | 'saved' | 'file';

export interface Receipt {
  at: string | null;
  from: ReceiptSource | null;
}

export const RECEIPT_SOURCE_VI: Record<ReceiptSource, string> = {
  corrected: 'Văn thư nhập',
  stamp: 'Dấu kiểm tra',
  saved: 'Thời điểm lưu tệp',
  file: 'Ngày của tệp trên máy',
};
export const RECEIPT_SOURCE_EN: Record<ReceiptSource, string> = {
  corrected: 'Entered by the clerk',
  stamp: 'Validation stamp',
  saved: 'Workbook last saved',
  file: 'File date on this computer',
};

/** The source as the summary sheet writes it (Vietnamese), in the reader's language. */
export function receiptSourceLabel(written: string, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return written;
  const key = (Object.keys(RECEIPT_SOURCE_VI) as ReceiptSource[]).find((k) => RECEIPT_SOURCE_VI[k] === written);
  return key ? RECEIPT_SOURCE_EN[key] : written;
}

const instant = (s: string | undefined): string | null =>
  s && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : null;

/** The stamp's time, else the workbook's last-saved time, else the file's modification time. */
export function receiptOf(check: Pick<WorkbookCheck, 'stamp' | 'savedAt'>, fileMtimeMs?: number): Receipt {
  const stamped = instant(check.stamp?.stamp.checkedAt);
  if (stamped) return { at: stamped, from: 'stamp' };
  const saved = instant(check.savedAt);
  if (saved) return { at: saved, from: 'saved' };
  if (fileMtimeMs !== undefined && Number.isFinite(fileMtimeMs)) return { at: new Date(fileMtimeMs).toISOString(), from: 'file' };
  return { at: null, from: null };
}

/** The receipt instant alone (see receiptOf). */
export function receivedAt(check: Pick<WorkbookCheck, 'stamp' | 'savedAt'>, fileMtimeMs?: number): string | null {
  return receiptOf(check, fileMtimeMs).at;
}

/** A day the clerk enters ("2022-11-16", "16/11/2022"), as the start of that day in Vietnam; null if not a date. */
export function correctedReceipt(day: string): string | null {
  const t = day.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : vn ? [+vn[3], +vn[2], +vn[1]] : [NaN, NaN, NaN];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (!Number.isFinite(ms) || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return new Date(ms - VN_OFFSET_MS).toISOString();
}

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam. */
export function vietnamDay(iso: string): string {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days after the deadline day (0 when on time or the time is unknown). */
export function daysLate(receivedIso: string | null, deadline: string): number {
  if (!receivedIso) return 0;
  const day = Date.parse(vietnamDay(receivedIso));
  const due = Date.parse(deadline);
  return Math.max(0, Math.round((day - due) / DAY_MS));
}
