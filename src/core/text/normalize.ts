/**
 * Vietnamese text as it arrives in spreadsheets: NFD from Mac and some web forms, NBSP and
 * zero-width characters pasted from Word, line breaks inside header cells, old and new tone
 * placement (hoà / hòa). Everything compared is compared through these functions.
 */

// Soft hyphen (U+00AD) is deliberately absent: TCVN3 stores "ư" as U+00AD, and legacy detection
// must still see it.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\s\u00A0\u2007\u202F]+/g;
const COMBINING = /[\u0300-\u036F]/g;

// JS's \s covers NBSP, U+2007, U+202F and U+FEFF; the zero-width characters are format
// characters it leaves alone. U+00AD stays out: it is TCVN3's "ư".
const BLANK = /^[\s\u200B-\u200D\u2060]*$/;

/**
 * A text that shows nothing: spaces of any kind, zero-width characters, line breaks. A required
 * cell holding only these is empty, whatever String#trim says.
 */
export function isBlankText(s: string): boolean {
  return BLANK.test(s);
}

/** NFC, invisible characters removed, all whitespace (line breaks, NBSP, tabs) folded to one space, trimmed. */
export function cleanText(s: string): string {
  if (s.length >= LONG_TEXT) return cleanLong(s);
  if (isClean(s)) return s;
  return s.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/**
 * Long texts are cleaned once each: one long text down a whole column (a shared string) was
 * normalised again for every cell and every rule, seconds per thousand rows.
 */
function cleanLong(s: string): string {
  let out = recentLong.get(s);
  if (out === undefined) {
    if (recentLong.size >= 256) recentLong.clear();
    out = isClean(s) ? s : s.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
    recentLong.set(s, out);
  }
  return out;
}

const LONG_TEXT = 1_000;
const recentLong = new Map<string, string>();

/**
 * True when cleanText would return `s` unchanged, for the text nearly every cell holds: printable
 * ASCII, Latin letters below U+0300 and precomposed Vietnamese (U+1EA0–U+1EF9), single inner
 * spaces. None of those characters is white space or invisible, and all are NFC starters that
 * compose with nothing, so a string of them is already NFC. Every cell is cleaned, and proving
 * that costs a fifth of normalising it.
 */
function isClean(s: string): boolean {
  let space = true; // a leading space is not clean
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (space) return false;
      space = true;
      continue;
    }
    space = false;
    if ((c > 0x20 && c < 0x7f) || (c > 0xa0 && c < 0x300) || (c >= 0x1ea0 && c <= 0x1ef9)) continue;
    return false;
  }
  return !space || s.length === 0;
}

/** Characters that are composed already and compose with nothing: text of only these is NFC. */
// eslint-disable-next-line no-control-regex -- the whole range from U+0000 is meant
const MAYBE_NOT_NFC = /[^\u0000-\u02FF\u1EA0-\u1EF9]/;

/** NFC, without copying a string that is NFC already (String#normalize always allocates). */
export function toNfc(s: string): string {
  return MAYBE_NOT_NFC.test(s) ? s.normalize('NFC') : s;
}

/** Removes Vietnamese diacritics: "Đánh giá" → "Danh gia". Unifies old/new tone placement too. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/**
 * The comparison key: lower case, no diacritics, every run of non-alphanumerics one space.
 * "Lý do\nchưa hoàn thành:" → "ly do chua hoan thanh"; "Sở KH&ĐT" → "so kh dt".
 */
export function textKey(s: string): string {
  const t = cleanText(s);
  // Headers, statuses, reasons and area names are keyed on every row: fold a character at a time
  // from a table of what the whole-string path gives each character, for the repertoire of isClean.
  const fold = (keyFold ??= buildKeyFold());
  let out = '';
  let gap = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const f = c < 0x300 ? fold[c] : c >= 0x1ea0 && c <= 0x1ef9 ? fold[c - 0x1ea0 + 0x300] : undefined;
    if (f === undefined) return slowTextKey(t);
    if (f === '') gap = out !== '';
    else {
      if (gap) out += ' ';
      gap = false;
      out += f;
    }
  }
  return out;
}

function slowTextKey(clean: string): string {
  return stripDiacritics(clean.toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Index: code point below U+0300, then U+1EA0–U+1EF9. '' is a separator; undefined, no fast path. */
let keyFold: (string | undefined)[] | undefined;

function buildKeyFold(): (string | undefined)[] {
  const table: (string | undefined)[] = [];
  const add = (code: number) => {
    const k = stripDiacritics(String.fromCharCode(code).toLowerCase());
    table.push(/^[a-z0-9]+$/.test(k) ? k : /^[^a-z0-9]+$/.test(k) ? '' : undefined);
  };
  for (let c = 0; c < 0x300; c++) add(c);
  for (let c = 0x1ea0; c <= 0x1ef9; c++) add(c);
  return table;
}

/** Number of words in a text, counting Vietnamese syllables separately. */
export function wordCount(s: string): number {
  const k = cleanText(s);
  if (!k) return 0;
  return k.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
