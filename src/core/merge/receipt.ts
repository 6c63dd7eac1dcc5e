/**
 * When a submission was received and whether that was late. Vietnam keeps UTC+7 all year, so a
 * deadline "15/11/2022" ends at 23:59:59 on that day in Hà Tĩnh, whatever the machine's zone.
 */
import type { WorkbookCheck } from '../validate/validate-workbook';
import { VIETNAM_OFFSET_MINUTES } from './serials';

const VN_OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
const DAY_MS = 86400000;

/** The stamp's time if the workbook carries a valid stamp, else the file's modification time. */
export function receivedAt(check: WorkbookCheck, fileMtimeMs?: number): string | null {
  const stamped = check.stamp?.stamp.checkedAt;
  if (stamped && !Number.isNaN(Date.parse(stamped))) return new Date(Date.parse(stamped)).toISOString();
  return fileMtimeMs !== undefined && Number.isFinite(fileMtimeMs) ? new Date(fileMtimeMs).toISOString() : null;
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
