/**
 * How much a file may hold before it is refused unread: larger than any real submission, small
 * enough that the parser's strings and cell objects fit in one worker's memory.
 */
export const MB = 1024 * 1024;

/** Larger than any real submission; a 50 MB form is already a mistake (pictures pasted in). */
export const MAX_FILE_BYTES = 50 * MB;
/** A workbook with a few hundred sheets has well under 2,000 parts. */
export const MAX_ZIP_ENTRIES = 5_000;
/** One sheet's XML; beyond this the parser's string and cell objects no longer fit in memory. */
export const MAX_ENTRY_BYTES = 150 * MB;
/** Everything the parser would have to inflate. */
export const MAX_TOTAL_BYTES = 250 * MB;
/** Sheet XML compresses around 10–30:1, very repetitive sheets rarely beyond 100:1. */
export const MAX_COMPRESSION_RATIO = 200;
/** The ratio limit applies only to entries this large, so tiny but very regular parts pass. */
export const RATIO_MIN_ENTRY_BYTES = 20 * MB;

export interface GuardLimits {
  maxFileBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxCompressionRatio: number;
  ratioMinEntryBytes: number;
}

export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = Object.freeze({
  maxFileBytes: MAX_FILE_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  maxTotalBytes: MAX_TOTAL_BYTES,
  maxCompressionRatio: MAX_COMPRESSION_RATIO,
  ratioMinEntryBytes: RATIO_MIN_ENTRY_BYTES,
});

export function resolveLimits(limits?: Partial<GuardLimits>): GuardLimits {
  return { ...DEFAULT_GUARD_LIMITS, ...(limits ?? {}) };
}
