/**
 * Timeframes as the units write them: a date, "Tháng 6/2023", "Quý II/2023", "Năm 2023",
 * "2023-2025", "Trước 30/6/2023", "Thường xuyên", "Hằng năm"… A text is accepted when it is made
 * only of such pieces and the connecting words around them.
 */
import { isValidYMD } from '../grid/dates';
import { stripDiacritics, cleanText } from '../text/normalize';

export type TimeframeVerdict = { ok: true } | { ok: false; impossibleDate?: string };

const CONNECTORS = new Set(
  (
    'thang quy nam giai doan truoc sau tu den va hoac trong hang ca cac moi ngay tuan ' +
    'dau cuoi giua nua thoi gian han hoan thanh chậm cham nhat muon tien do theo ke hoach ' +
    'thuong xuyen dinh ky lien tuc kip chu trong tam tiep tuc duy tri thuc hien khi co yeu cau ' +
    'chi dao cua ubnd tinh so ubnd nhu sau luc ngay den het chua ro du kien'
  ).split(' '),
);
// A timeframe must contain one of these, not only connecting words.
const ANCHORS = [/\bthuong xuyen\b/, /\bhang (nam|quy|thang|tuan)\b/, /\bca nam\b/, /\bdinh ky\b/, /\blien tuc\b/, /\bhang nam\b/];

// The same few timeframes recur on every row of a form.
const memo = new Map<string, TimeframeVerdict>();
const MEMO_LIMIT = 5000;

export function checkTimeframe(raw: string): TimeframeVerdict {
  const hit = memo.get(raw);
  if (hit) return hit;
  let verdict = parseTimeframe(raw);
  // "Quý I/2022 (đã gia hạn)": a timeframe, then a remark in brackets.
  const remark = /^(.*\S)\s*\([^()]*\)\s*$/.exec(raw);
  if (!verdict.ok && !verdict.impossibleDate && remark) {
    const bare = parseTimeframe(remark[1]);
    if (bare.ok || bare.impossibleDate) verdict = bare;
  }
  if (memo.size < MEMO_LIMIT) memo.set(raw, verdict);
  return verdict;
}

function parseTimeframe(raw: string): TimeframeVerdict {
  let s = stripDiacritics(cleanText(raw).toLowerCase()).replace(/[–—]/g, '-');
  let anchored = ANCHORS.some((re) => re.test(s));
  let impossible: string | undefined;

  const mark = (re: RegExp, f: (...m: string[]) => boolean) => {
    s = s.replace(re, (...m: string[]) => {
      if (!f(...m)) return m[0];
      anchored = true;
      return ' @ ';
    });
  };
  mark(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (all, y, m, d) => {
    if (!isValidYMD(+y, +m, +d)) impossible ??= all;
    return true;
  });
  mark(/\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b/g, (all, d, m, y) => {
    const year = y.length === 2 ? 2000 + +y : +y;
    if (!isValidYMD(year, +m, +d)) impossible ??= all;
    return true;
  });
  mark(/\b(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b/g, (_a, m) => +m >= 1 && +m <= 12);
  mark(/\b(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}\b/g, () => true);
  // A day and month with no year ("Trước 30/6", "15/12 hằng năm"): checked against a leap year.
  mark(/\b(\d{1,2})\s*\/\s*(\d{1,2})\b/g, (all, d, m) => {
    // Not a month: "6/23" is month 6 of '23, a year this rule does not read — not an impossible date.
    if (+m < 1 || +m > 12) return false;
    if (!isValidYMD(2024, +m, +d)) impossible ??= all;
    return true;
  });
  mark(/\b(?:19|20)\d{2}\b/g, () => true);
  // "Quý II/2023", "Quý I, II/2023", "Quý III-IV", "Quí 2" (the old i spelling, "qui" without marks).
  const QUARTER = '(?:iv|i{1,3}|[1-4])';
  mark(new RegExp(`\\bqu?[yi]\\s*${QUARTER}(?:\\s*(?:,|va|-)\\s*${QUARTER})*\\b`, 'g'), () => true);
  // Months written in words' company: "tháng 6", "tháng 6, 9 và 12".
  mark(/\bthang\s+(\d{1,2})((?:\s*(?:,|va|-)\s*\d{1,2})*)\b/g, (_a, m, rest) =>
    [m, ...(rest.match(/\d{1,2}/g) ?? [])].every((x) => +x >= 1 && +x <= 12),
  );
  mark(/\b(\d{1,2})\s+thang\b/g, (_a, n) => +n >= 1 && +n <= 12); // "6 tháng đầu năm"
  mark(/\bngay\s+(\d{1,2})\b/g, (_a, d) => +d >= 1 && +d <= 31);

  if (impossible) return { ok: false, impossibleDate: impossible.trim() };
  const leftovers = s
    .replace(/[^a-z0-9@]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== '@' && !CONNECTORS.has(w));
  return anchored && leftovers.length === 0 ? { ok: true } : { ok: false };
}
