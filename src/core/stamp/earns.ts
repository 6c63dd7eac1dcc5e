/**
 * When a workbook earns the stamp "checked, passed": no error, at least one form checked, and its
 * sender known (the stamp names the unit). Here, without the engine, so the pane's first load can ask.
 */
import type { PlainCheck } from '../validate/plain-check';
import type { FileStatus } from '../validate/validate-workbook';

export function stampRule(status: FileStatus, tables: number, unitKnown: boolean): boolean {
  return status === 'ok' && tables > 0 && unitKnown;
}

/** The rule for the check as hosts hold it. */
export function plainEarnsStamp(c: PlainCheck): boolean {
  return stampRule(c.status, c.tables.length, c.unit.id !== null);
}
