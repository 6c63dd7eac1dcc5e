import { cleanText, textKey } from '../text/normalize';

/**
 * The key a header cell is matched by. Remarks in brackets, footnote marks and a trailing colon are
 * not part of a header's name: "Lý do\n(nếu có)", "Tình trạng (*)", "Ghi chú [1]:" are "ly do",
 * "tinh trang", "ghi chu".
 */
export function headerKey(s: string): string {
  const t = cleanText(s)
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\[[^\][]*\]/g, ' ')
    .replace(/[*¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, ' ');
  return textKey(t);
}
