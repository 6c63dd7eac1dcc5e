import { cleanText, stripDiacritics, textKey } from '../text/normalize';

/**
 * The key a header cell is matched by. Remarks in brackets, footnote marks and a trailing colon are
 * not part of a header's name: "Lý do\n(nếu có)", "Tình trạng (*)", "Ghi chú [1]:" are "ly do",
 * "tinh trang", "ghi chu".
 */
// Every file of a round repeats the same header and title texts.
const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

export function headerKey(s: string): string {
  let k = memo.get(s);
  if (k === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    k = computeHeaderKey(s);
    memo.set(s, k);
  }
  return k;
}

function computeHeaderKey(s: string): string {
  const t = cleanText(s)
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\[[^\][]*\]/g, ' ')
    .replace(/[*¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, ' ');
  return textKey(t);
}

const VIETNAMESE_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
let fold: Map<string, string> | undefined;

/**
 * The first words of a text's key, computed without normalising the whole string: a cheap test of
 * whether a cell could be a header at all, run on every cell of a sheet.
 */
export function leadingKey(s: string, words = 2): string {
  if (!fold) {
    fold = new Map();
    for (const ch of VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toUpperCase()) fold.set(ch, stripDiacritics(ch).toLowerCase());
  }
  let out = '';
  let count = 0;
  let inWord = false;
  for (let i = 0; i < s.length && i < 64; i++) {
    const ch = s[i];
    const code = ch.charCodeAt(0);
    let mapped: string | undefined;
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122)) mapped = ch;
    else if (code >= 65 && code <= 90) mapped = String.fromCharCode(code + 32);
    else if (code >= 0x300 && code <= 0x36f)
      continue; // combining marks of NFD text
    else mapped = fold.get(ch);
    if (mapped) {
      if (!inWord) {
        if (count === words) break;
        if (count > 0) out += ' ';
        count++;
        inWord = true;
      }
      out += mapped;
    } else inWord = false;
  }
  return out;
}
