/**
 * The headline figures of a merge, defined once: the command line's summary, the page's and the
 * pane's tiles all call this, so they cannot disagree. They add up as a clerk adds them:
 * Phải nộp = Đã nộp + Cần gửi lại + Chưa nộp. Files of no known unit, units outside the round's
 * list, notes and files of another round are counted apart, never as an expected unit's submission.
 */
import { STATUS } from './model';
import type { UnitSummary } from './summary';

export interface MergeFigures {
  /** Units the round expects (Phải nộp). */
  expected: number;
  /** Expected units whose latest file could be read (Đã nộp). */
  submitted: number;
  /** Expected units whose every file is unreadable: they must send again (Cần gửi lại). */
  resend: number;
  /** Expected units with no file at all (Chưa nộp). */
  missing: number;
  /** Identified senders the round did not expect. */
  unexpected: number;
  /** Files whose sender could not be identified (Chưa xác định). */
  unidentified: number;
  /** Units with a readable file received after the deadline (Trễ hạn). */
  late: number;
  /** Units with a readable file that has errors (Có lỗi). */
  withErrors: number;
}

export type UnitState = 'submitted' | 'resend' | 'missing' | 'unexpected' | 'unidentified';

/** Where a row of the summary stands, for counting, filtering and badges alike. */
export function unitState(u: Pick<UnitSummary, 'code' | 'status'>, expected: ReadonlySet<string>): UnitState {
  if (!u.code) return 'unidentified';
  if (!expected.has(u.code)) return 'unexpected';
  if (u.status === STATUS.missing) return 'missing';
  return u.status === STATUS.unreadable ? 'resend' : 'submitted';
}

export function mergeFigures(units: readonly UnitSummary[], expected: ReadonlySet<string>): MergeFigures {
  const f: MergeFigures = {
    expected: expected.size,
    submitted: 0,
    resend: 0,
    missing: 0,
    unexpected: 0,
    unidentified: 0,
    late: 0,
    withErrors: 0,
  };
  const seen = new Set<string>();
  for (const u of units) {
    const state = unitState(u, expected);
    if (state === 'submitted' || state === 'resend' || state === 'missing') {
      if (seen.has(u.code)) continue; // one row per expected unit; a second would be counted twice
      seen.add(u.code);
    }
    f[state]++;
    const readable = u.status !== STATUS.missing && u.status !== STATUS.unreadable;
    if (readable && u.daysLate > 0) f.late++;
    if (readable && u.errors > 0) f.withErrors++;
  }
  // An expected unit the summary does not list (a registry changed since) has sent nothing.
  f.missing += expected.size - f.submitted - f.resend - f.missing;
  return f;
}
