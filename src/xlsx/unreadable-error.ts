/** Failures of reading a file, each already named by its `UnreadableReason`. */
import type { UnreadableInfo, UnreadableReason } from '../core/report/unreadable';

const MB = 1024 * 1024;

/** An error that already knows which `UnreadableReason` it stands for. */
export class UnreadableError extends Error {
  readonly info: UnreadableInfo;
  constructor(reason: UnreadableReason, detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'UnreadableError';
    this.info = detail === undefined ? { reason } : { reason, detail };
  }
}

export function corrupt(detail: string): UnreadableError {
  return new UnreadableError('corrupt', detail);
}

export function fmtBytes(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

export function errMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
