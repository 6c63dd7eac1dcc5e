/**
 * Reading a cell against its column: allowed values with their accepted spellings, numbers, dates,
 * error values, placeholders. Small pure helpers the rules share.
 */
import type { Column } from '../template/catalog';
import type { ValueOption } from '../template/schema';
import { textKey } from '../text/normalize';

export const ERROR_VALUES = new Set([
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#N/A',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
]);

export function isErrorValue(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 14 && v.startsWith('#') && ERROR_VALUES.has(v.trim().toUpperCase());
}

const optionIndexes = new WeakMap<Column, Map<string, ValueOption>>();
// Statuses repeat on every row: remember what each written form meant.
const optionMemo = new WeakMap<Column, Map<string, ValueOption | null>>();
const MEMO_LIMIT = 5000;

function optionIndex(column: Column): Map<string, ValueOption> {
  let idx = optionIndexes.get(column);
  if (idx) return idx;
  idx = new Map();
  for (const o of column.options ?? []) {
    for (const s of [o.label, ...o.accepted, o.key]) {
      const k = textKey(s);
      if (k && !idx.has(k)) idx.set(k, o);
    }
  }
  optionIndexes.set(column, idx);
  return idx;
}

/** The option a status text means, compared without case, diacritics or punctuation. */
export function matchOption(column: Column, text: string): ValueOption | null {
  let memo = optionMemo.get(column);
  if (!memo) optionMemo.set(column, (memo = new Map()));
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const found = optionIndex(column).get(textKey(text)) ?? null;
  if (memo.size < MEMO_LIMIT) memo.set(text, found);
  return found;
}

/** Accepted spellings, longest first, for reading a status that a remark follows. */
const spellingLists = new WeakMap<Column, { key: string; option: ValueOption }[]>();
const statusMemo = new WeakMap<Column, Map<string, StatusReading | null>>();

function spellings(column: Column): { key: string; option: ValueOption }[] {
  let list = spellingLists.get(column);
  if (!list) {
    list = [...optionIndex(column)].map(([key, option]) => ({ key, option }));
    list.sort((a, b) => b.key.length - a.key.length);
    spellingLists.set(column, list);
  }
  return list;
}

export interface StatusReading {
  option: ValueOption;
  /** Text after the accepted spelling ("100%", "(đang chờ kinh phí)"), kept as written. */
  remark: boolean;
}

/**
 * A status as units write it: an accepted spelling, or one followed by punctuation, a percentage or
 * a remark ("Đã hoàn thành 100%", "Chưa hoàn thành (đang chờ kinh phí)", "Đạt (vượt 2%)"). The
 * longest spelling that starts the text decides; when the remark is an option of the opposite
 * meaning ("Hoàn thành / Chưa hoàn thành", the template's prompt left in) nothing is guessed:
 * whether a reason is due depends on it.
 */
export function readStatus(column: Column, text: string): StatusReading | null {
  const exact = matchOption(column, text);
  if (exact) return { option: exact, remark: false };
  let memo = statusMemo.get(column);
  if (!memo) statusMemo.set(column, (memo = new Map()));
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const found = readWithRemark(column, textKey(text));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, found);
  return found;
}

function readWithRemark(column: Column, key: string): StatusReading | null {
  const list = spellings(column);
  const lead = list.find((s) => key.startsWith(`${s.key} `));
  if (!lead) return null;
  const rest = key.slice(lead.key.length + 1);
  // Only a remark that is wholly an option of the opposite meaning is a second answer: "Chưa đạt
  // (đạt 97,5%)" and "Đạt (vượt 2%)" are one answer with a figure.
  const other = list.find((s) => s.option.needsReason !== lead.option.needsReason && rest === s.key);
  return other ? null : { option: lead.option, remark: true };
}

export function allowedLabels(column: Column): string {
  return (column.options ?? []).map((o) => o.label).join('; ');
}

/** Placeholders that stand where a reason should be: "-", "x", "...", "không", "chưa", "n/a"… */
const PLACEHOLDER_KEYS = new Set(['', 'x', 'xx', '0', 'k', 'ko', 'khong', 'khong co', 'chua', 'n a', 'na', 'none', 'nil']);

export function isPlaceholder(text: string): boolean {
  return !hasManyLetters(text, PLACEHOLDER_MAX_LETTERS) && PLACEHOLDER_KEYS.has(textKey(text));
}

/** Letters and digits in the longest placeholder ("khong co"): a reason with more is written out. */
const PLACEHOLDER_MAX_LETTERS = 7;

/**
 * More than `n` ASCII letters or digits, each of which stays one character of the text's key: a
 * reason is keyed only when it is short enough to be a placeholder. Stops reading at n + 1.
 */
function hasManyLetters(text: string, n: number): boolean {
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
    if (letter && ++letters > n) return true;
  }
  return false;
}

const GENERIC_REASONS = [
  'khách quan',
  'lý do khách quan',
  'nguyên nhân khách quan',
  'do khách quan',
  'do nhiều nguyên nhân',
  'nhiều nguyên nhân',
  'chưa kịp',
  'chưa hoàn thành',
  'đang thực hiện',
  'đang triển khai',
  'chưa thực hiện',
  'đang hoàn thiện',
].map(textKey);

const REASON_MIN_WORDS = 4;

/**
 * The stock excuses ("Vì lý do khách quan", "Do nhiều nguyên nhân khách quan và chủ quan", "Đang
 * triển khai thực hiện", "Chưa hoàn thành theo kế hoạch", "Còn khó khăn, vướng mắc"), as phrases and
 * the small words around them: a reason made only of these names no cause. Anything else left —
 * "kinh phí", "phần mềm", "2022", "đúng tiến độ", "cơ quan chủ quản" — makes it specific enough.
 */
const EMPTY_REASON_PHRASES = [
  'nguyen nhan khach quan',
  'ly do khach quan',
  'nhieu nguyen nhan',
  'nguyen nhan',
  'khach quan',
  'chu quan',
  'ly do',
  'trien khai thuc hien',
  'trien khai',
  'thuc hien',
  'hoan thanh',
  'chua kip',
  'ke hoach',
  'tien do',
  'thoi gian',
  'thoi han',
  'kho khan',
  'vuong mac',
  'qua trinh',
  'nhiem vu',
  'cong viec',
  'yeu cau',
  'tiep tuc',
  'nhat dinh',
].sort((a, b) => b.length - a.length);
const EMPTY_REASON_WORDS = new Set(
  'vi do va hoac khong co chua dang da se theo con van de nen trong nhung cac mot nhieu kip duoc'.split(' '),
);

function onlyStockWords(key: string): boolean {
  let rest = ` ${key} `;
  for (const p of EMPTY_REASON_PHRASES) while (rest.includes(` ${p} `)) rest = rest.replace(` ${p} `, ' ');
  return rest.split(' ').every((w) => w === '' || EMPTY_REASON_WORDS.has(w));
}

// Reasons repeat down a form ("Chưa bố trí kinh phí" on ten rows): judged once per text and column.
const vagueMemo = new WeakMap<Column, Map<string, boolean>>();
const noStatusColumn: Column = Object.freeze({}) as Column;

/** A reason that says nothing specific: too short, a stock phrase alone, or the status again. */
export function isVagueReason(text: string, statusColumn: Column | undefined): boolean {
  let memo = vagueMemo.get(statusColumn ?? noStatusColumn);
  if (!memo) vagueMemo.set(statusColumn ?? noStatusColumn, (memo = new Map()));
  let vague = memo.get(text);
  if (vague === undefined) {
    vague = judgeReason(text, statusColumn);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, vague);
  }
  return vague;
}

function judgeReason(text: string, statusColumn: Column | undefined): boolean {
  const key = textKey(text);
  const words = key.split(' ').filter(Boolean).length;
  if (words < REASON_MIN_WORDS) return true;
  const bare = key.replace(/^(?:ly do|nguyen nhan|do)\s+/, '');
  if (GENERIC_REASONS.includes(key) || GENERIC_REASONS.includes(bare)) return true;
  if (onlyStockWords(key)) return true;
  return statusColumn ? matchOption(statusColumn, text) !== null : false;
}
