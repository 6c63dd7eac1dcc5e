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

/** NFC, invisible characters removed, all whitespace (line breaks, NBSP, tabs) folded to one space, trimmed. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
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
  return stripDiacritics(cleanText(s).toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Number of words in a text, counting Vietnamese syllables separately. */
export function wordCount(s: string): number {
  const k = cleanText(s);
  if (!k) return 0;
  return k.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
