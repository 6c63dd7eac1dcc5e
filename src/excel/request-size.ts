/**
 * Keeping every request under Excel on the web's limit: a request over 5 MB is refused whole
 * (RequestPayloadSizeLimitExceeded; learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization, "Excel add-ins"). Office.js gives no way to measure
 * a batch, so each operation is estimated from what it carries, and a round trip is made before the
 * estimate would pass 4 MB.
 */

/** Where a batch is sent: well below 5 MB, for what the estimate does not see. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** One queued operation beside its arguments: Office.js's action and object path, generously. */
export const OPERATION_BYTES = 300;

/** Bytes of a string in the request's UTF-8 JSON (Vietnamese letters take two or three). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

/** Counts what is queued since the last round trip. */
export class RequestBudget {
  private used = 0;
  constructor(private readonly max = MAX_REQUEST_BYTES) {}

  /** Whether `bytes` more would take the queued request over the limit: send it first. */
  wouldOverflow(bytes: number): boolean {
    return this.used > 0 && this.used + bytes > this.max;
  }

  add(bytes: number): void {
    this.used += bytes;
  }

  sent(): void {
    this.used = 0;
  }

  get queued(): number {
    return this.used;
  }
}
