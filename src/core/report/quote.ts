/**
 * How much of a submitted value a message may repeat. A cell holds up to 32,767 characters and a
 * form thousands of cells: quoted whole, one file's report grew past what a string can hold. The
 * value itself is never cut where it is kept (cells, the consolidated workbook); only its quotation.
 */

/** Characters of a value quoted in a message or hint; enough to recognise any real answer. */
export const QUOTE_MAX_CHARS = 120;

const ELLIPSIS = '…';

/**
 * `text` if short, else its first `max` characters and "…". Cut between code points (never inside a
 * surrogate pair) and before a run of combining marks, so a decomposed "ệ" keeps its accents whole.
 */
export function quoteText(text: string, max = QUOTE_MAX_CHARS): string {
  // Code points ≤ code units: a string this short needs no counting.
  if (text.length <= max) return text;
  let end = 0;
  let points = 0;
  while (end < text.length && points < max) {
    const code = text.codePointAt(end)!;
    end += code > 0xffff ? 2 : 1;
    points++;
  }
  if (end >= text.length) return text;
  while (end > 0 && isCombining(text.charCodeAt(end))) end--;
  return text.slice(0, end) + ELLIPSIS;
}

function isCombining(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

/**
 * A finding's texts cut for carrying it elsewhere (a worker's answer, a batch's memory): long
 * enough that every message built from them reads the same as from the whole value, and no
 * longer, so thousands of 32,767-character cells cost kilobytes, not gigabytes. Not for callers
 * that write the values back (the pane's legacy conversion needs `converted` whole).
 */
export function boundParams<P extends object>(params: P): P {
  let out: P | undefined;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string' || value.length <= CARRIED_CHARS) continue;
    out ??= { ...params };
    // Four times the quoted length leaves quoteText the same cut and the same "…".
    (out as Record<string, unknown>)[key] = value.slice(0, CARRIED_CHARS);
  }
  return out ?? params;
}

const CARRIED_CHARS = 4 * QUOTE_MAX_CHARS;
