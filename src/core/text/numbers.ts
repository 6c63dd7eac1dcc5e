/**
 * Numbers typed as text. Vietnamese writes 1.234,5 (dot for thousands, comma for decimals); people
 * also type 1234.5 or 1,234.5. Returns null for anything that is not a plain number.
 */
export function parseNumberText(raw: string): number | null {
  let s = raw.trim().replace(/[\s\u00A0]/g, '');
  if (!s) return null;
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalized: string;
  if (dots && commas) {
    // Whichever comes last is the decimal separator.
    normalized = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
    if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  } else if (commas) {
    // One comma is the Vietnamese decimal separator ("1,5"); several are English thousands.
    if (commas === 1) normalized = s.replace(',', '.');
    else normalized = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : '';
  } else if (dots) {
    if (dots > 1) normalized = /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : '';
    else normalized = /^\d{1,3}\.\d{3}$/.test(s) ? s.replace('.', '') : s; // "1.234" is a thousand in Vietnamese
  } else normalized = s;
  if (!normalized || !/^\d+(\.\d+)?$/.test(normalized)) return null;
  return sign * Number(normalized);
}

/** "95%", "95,5 %", "0,955" → fraction (0.95…); null when not a percentage. */
export function parsePercentText(raw: string): number | null {
  const m = /^(.*?)\s*%$/.exec(raw.trim());
  if (!m) return null;
  const n = parseNumberText(m[1]);
  return n === null ? null : n / 100;
}
