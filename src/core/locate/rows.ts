/**
 * What each row under a header is: a data row, a section row naming a reform area, a column-number
 * row, a total, a blank, or the start of the notes and signature block where the table ends.
 */
import { isEmptyValue } from '../grid/access';
import type { CellValue } from '../grid/types';
import { isErrorValue } from '../rules/values';
import type { Column } from '../template/catalog';
import type { Area } from '../template/schema';
import { textKey } from '../text/normalize';
import type { LocatedTable } from './find-tables';
import { partOfHeading } from './parts';
import { SheetView } from './sheet-view';

export interface AreaRef {
  code: string;
  name: string;
}

/** One item of a table: its first row and, for text pasted from Word, the rows that continue it. */
export interface DataItem {
  row: number;
  /** Every sheet row of the item, first included, in order. */
  rows: number[];
  area: AreaRef | null;
  /** The form's part (PL03 "I", "II") the item belongs to. */
  part?: string;
  /** A numbered group the item sits under ("1. Công tác tuyên truyền" above items 1.1, 1.2). */
  group?: string;
}

export interface TableRows {
  /** First row after the header (and its column-number row). */
  dataStart: number;
  /** Last row that belongs to the table (before totals' trailing notes or a signature). */
  dataEnd: number;
  numberRow?: number;
  dataRows: DataItem[];
  sections: { row: number; area: AreaRef }[];
  /** Rows that open a part of the form, with the part. */
  parts: { row: number; part: string }[];
}

const ROMAN_OR_LETTER = /^(?:[IVXL]{1,6}|[A-ZĐ])\s*[.)]?$/;
const INDEX_PREFIX = /^\s*(?:[IVXL]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)\-–:]\s*/;

const TERMINATORS: RegExp[] = [
  /^noi nhan\b/,
  /^tren day la (?:bao cao|ket qua|de xuat|danh gia|noi dung)\b/,
  /^ha tinh ngay\b/,
  /^(?:[a-z ]{0,30} )?ngay(?: \d{1,2})? thang(?: \d{1,2})? nam(?: \d{4})?$/,
];
/** A signer's title; counts only in a short line (see MAX_SIGNATURE_WORDS). "T/M" keys as "t m". */
const SIGNER =
  /^(?:(?:kt|tm|tl|q|ktl|t m|k t|t l)\s+(?:uy ban nhan dan|ubnd|ban chi dao|so|ban)\b|(?:kt|tm|tl|q|ktl|t m|k t|t l)?\s*(?:giam doc|pho giam doc|chu tich|pho chu tich|truong ban|pho truong ban|thu truong|chanh van phong|cuc truong|chanh thanh tra|nguoi lap bieu|nguoi lap|nguoi ky|thu truong don vi|lanh dao don vi|xac nhan cua)\b)/;
const NOTE_START = /^\s*(?:\(\*\)|\*\s*(?:ghi chú|lưu ý|chú thích)|ghi chú\s*:|lưu ý\s*:|chú thích\s*:)/;
/**
 * "Tổng cộng", "TỔNG SỐ:", "Cộng (I+II)", "Tổng: 12", "Tổng số 15 nhiệm vụ" — the words, then
 * nothing, punctuation, a count or part numbers. Read with diacritics: without them "Cộng" (sum) is "Công" (public, as in "Công khai TTHC"),
 * and "Tổng kết công tác CCHC" is a task that merely starts with "Tổng".
 */
const TOTAL = /^(?:tổng cộng|tổng số|tổng|cộng|tong cong|tong so)\s*(?:$|[:([=\-–]|\d|[ivxl+.,\s]+$)/;
/** "TONG", "CONG:" alone: no task is called that, with or without its marks. */
const TOTAL_WORD_ALONE = /^(?:tong|cong)\s*:?$/;

/** "Tổng số nhiệm vụ", "Tổng số chỉ tiêu được giao: 12": a count of what the table lists. */
const TOTAL_OF = /^(?:tổng số|tong so|tổng cộng|tong cong)(?: [\p{L}]+){1,5}\s*(?::\s*)?(?:\d[\d.,]*)?\s*$/u;

function isTotal(text: string): boolean {
  const lower = text.toLowerCase();
  return text.length <= 40 && (TOTAL.test(lower) || TOTAL_WORD_ALONE.test(lower) || TOTAL_OF.test(lower));
}

/** A row names its area only when the area's name is most of its text, not a phrase within a task. */
const SECTION_COVERAGE = 0.5;
/** An item number: "1", "2.", "1.1", "3)". */
const ITEM_NUMBER = /^\d{1,3}(?:\.\d{1,3})*\s*[.)]?$/;
/** The item number typed into the text instead: "2. Rà soát thủ tục hành chính". */
const NUMBERED_TEXT = /^\s*\d{1,3}(?:\.\d{1,3})*\s*[.)]\s+\S/;
/** Words a section title puts around an area's name: "Lĩnh vực", "Nhiệm vụ về", "Công tác", "Cải cách". */
const SECTION_WORDS = new Set('linh vuc nhiem vu ve cong tac cai cach phan muc cac va trong'.split(' '));
/** A section marked in its text rather than in the index column: "II. CẢI CÁCH TTHC", "A) Nhiệm vụ". */
const MARKED_TEXT = /^\s*(?:[IVXL]{1,6}|[A-ZĐ])\s*[.)]\s+\S/;
/**
 * Signature lines: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC SỞ TƯ PHÁP HÀ TĨNH", "Người lập biểu (Ký, ghi rõ họ
 * tên)", "Phó Giám đốc Sở Tài nguyên và Môi trường" — a title and at most an office's name.
 */
const MAX_SIGNATURE_WORDS = 12;

const areaKeys = new WeakMap<Area[], { area: Area; key: string }[]>();

function keysOfAreas(areas: Area[]): { area: Area; key: string }[] {
  let keys = areaKeys.get(areas);
  if (!keys) {
    keys = areas.flatMap((area) => [area.name, ...area.aliases, area.code].map((n) => ({ area, key: textKey(n) })).filter((x) => x.key));
    // Longest first: "cải cách thủ tục hành chính" before "thủ tục hành chính".
    keys.sort((a, b) => b.key.length - a.key.length);
    areaKeys.set(areas, keys);
  }
  return keys;
}

/**
 * The reform area a text names, if any. `minCoverage` is the least share of the text the area's
 * name must make up: 0 for a row already known to be a section ("II. Nhiệm vụ về cải cách TTHC").
 */
/** The area whose own name the text is (framing words aside), or any name of it when in capitals. */
function resolveSectionName(text: string, areas: Area[]): AreaRef | null {
  if (text.length > 120) return null;
  const bare = withoutSectionWords(textKey(text.replace(INDEX_PREFIX, '')));
  const byName = sectionNames(areas);
  const area = byName.own.get(bare) ?? (text === text.toUpperCase() ? byName.any.get(bare) : undefined);
  return area ? { code: area.code, name: area.name } : null;
}

const withoutSectionWords = (key: string) =>
  key
    .split(' ')
    .filter((w) => !SECTION_WORDS.has(w))
    .join(' ');
const sectionNameMaps = new WeakMap<Area[], { own: Map<string, Area>; any: Map<string, Area> }>();

/** Each area by its own name, and by any of its names, keyed without the framing words: built once. */
function sectionNames(areas: Area[]): { own: Map<string, Area>; any: Map<string, Area> } {
  let maps = sectionNameMaps.get(areas);
  if (!maps) {
    maps = { own: new Map(), any: new Map() };
    for (const area of areas) {
      const own = withoutSectionWords(textKey(area.name));
      if (!maps.own.has(own)) maps.own.set(own, area);
      for (const n of [area.name, ...area.aliases, area.code]) {
        const k = withoutSectionWords(textKey(n));
        if (!maps.any.has(k)) maps.any.set(k, area);
      }
    }
    sectionNameMaps.set(areas, maps);
  }
  return maps;
}

export function resolveArea(text: string, areas: Area[], minCoverage = 0): AreaRef | null {
  if (text.length > 200) return null; // a section title is short; a long text is a task
  const bare = textKey(text.replace(INDEX_PREFIX, ''));
  const key = ` ${bare} `;
  for (const { area, key: k } of keysOfAreas(areas)) {
    // Longest names first, so the first that is contained is the best cover there is.
    if (!key.includes(` ${k} `)) continue;
    if (minCoverage === 0) return { code: area.code, name: area.name };
    // What the title says besides the area's name, the usual framing words aside.
    const rest = key
      .replace(` ${k} `, ' ')
      .split(' ')
      .filter((w) => w && !SECTION_WORDS.has(w));
    const restLength = rest.reduce((n, w) => n + w.length + 1, 0);
    return k.length >= (k.length + restLength) * minCoverage ? { code: area.code, name: area.name } : null;
  }
  return null;
}

function isColumnNumberRow(view: SheetView, r: number, cols: number[]): boolean {
  const nums: number[] = [];
  let nonEmpty = 0;
  for (const c of cols) {
    const t = view.text(r, c);
    if (!t) continue;
    nonEmpty++;
    const m = /^\(?(\d{1,2})\)?(?:\s*[=+\-x*/:].*)?$/.exec(t);
    if (m) nums.push(Number(m[1]));
  }
  if (nums.length < 3 || nums.length < nonEmpty * 0.8) return false;
  for (let i = 1; i < nums.length; i++) if (nums[i] <= nums[i - 1]) return false;
  return true;
}

function isTerminator(view: SheetView, r: number, table: LocatedTable): boolean {
  const lastCol = table.lastCol;
  let first = '';
  let count = 0;
  const row = view.grid.values[r];
  const indexCol = indexColumn(table);
  // An index filled down by a formula (=A8+1) numbers the signature rows too: it says nothing.
  // Every rule below wants at most three cells, so a row of more is data, decided before any keying.
  let filled = 0;
  let lead: CellValue | undefined;
  for (let c = 0; row && c < row.length && c <= lastCol + 3; c++) {
    const v = row[c];
    if (isEmptyValue(v) || (c === indexCol && typeof v === 'number')) continue;
    lead ??= v;
    if (++filled > 3) return false;
  }
  if (typeof lead === 'number') return false; // data rows open with their item number
  let firstCol = -1;
  for (let c = 0; c <= lastCol + 3; c++) {
    if (c === indexCol && typeof view.value(r, c) === 'number') continue;
    const t = view.text(r, c);
    if (!t) continue;
    if (!first) {
      first = t;
      firstCol = c;
    }
    count++;
  }
  if (!first) return false;
  // Decoded: a signature block typed in a TCVN3 or VNI font ends the table too.
  const decoded = view.matchText(r, firstCol);
  // Every rule below reads the start of a short line: key no more of a long text than they look at.
  const k = textKey(decoded.length > 200 ? decoded.slice(0, 200) : decoded);
  if (count <= 3 && TERMINATORS.some((re) => re.test(k))) return true;
  // A signer's title ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC SỞ TƯ PHÁP HÀ TĨNH") ends the table only when no
  // data row follows it: a task may start "GIÁM ĐỐC SỞ ĐỐI THOẠI…", and ending there loses every row below.
  if (count <= 3 && SIGNER.test(k) && isSignerLine(decoded) && !dataFollows(view, r, table)) return true;
  // "Ghi chú: …" or "(*) …" opening the notes below a table — a line of its own, never a data row
  // with a Ghi chú cell or a bulleted task.
  return count === 1 && NOTE_START.test(first.toLowerCase());
}

function isSignerLine(text: string): boolean {
  const title = text.replace(/\((?:ký|ky|kí)(?=[\s,)])[^)]*\)/i, '').trim(); // "(Ký tên, đóng dấu)" below the title
  return textKey(title).split(' ').length <= MAX_SIGNATURE_WORDS;
}

/**
 * Whether the table's own data goes on below `r`: a row numbered in the index column with at least
 * two more of the table's cells filled. Looking a few rows down, a row of several texts and no
 * number (the "(Ký, ghi rõ họ tên)" line, another signer, another table's header) means something
 * else has begun; single lines (a name, a title, a note) are passed over.
 */
function dataFollows(view: SheetView, r: number, table: LocatedTable): boolean {
  const cols = tableColumns(table);
  const indexCol = indexColumn(table);
  for (let next = r + 1; next < Math.min(view.rows, r + 5); next++) {
    let filled = 0;
    let numbers = 0;
    for (const c of cols) {
      if (!view.text(next, c)) continue;
      filled++;
      if (typeof view.value(next, c) === 'number') numbers++;
    }
    const index = indexCol !== undefined ? view.text(next, indexCol) : '';
    if (ITEM_NUMBER.test(index) && filled - (index ? 1 : 0) >= 2) return true;
    if (filled >= 2 && numbers === 0) return false;
  }
  return false;
}

/** The sheet column of the form's item number, if the table has one. */
function indexColumn(table: LocatedTable): number | undefined {
  const key = table.template.roles.index;
  return key === undefined ? undefined : table.columns.get(key)?.col;
}

/**
 * Columns by what they may hold on a row that continues an item: text columns (and unknown ones)
 * may; status, timeframe, number and tick columns may not.
 */
function continuationColumns(table: LocatedTable): {
  textCols: Set<number>;
  otherCols: number[];
  statusCols: Set<number>;
  required: number[];
} {
  const byKey = new Map<string, Column>(table.template.columns.map((c) => [c.key, c]));
  const textCols = new Set<number>(table.unknown.map((u) => u.col));
  const otherCols: number[] = [];
  const statusCols = new Set<number>();
  for (const [key, m] of table.columns) {
    const column = byKey.get(key);
    if (column?.type === 'text') textCols.add(m.col);
    else if (column?.role !== 'index') otherCols.push(m.col);
    if (column?.type === 'status' && !table.ticks.has(key)) statusCols.add(m.col);
  }
  for (const ticks of table.ticks.values()) for (const t of ticks) otherCols.push(t.col);
  for (const d of table.duplicates) otherCols.push(d.col);
  // Only forms whose every required column is text: elsewhere a status or timeframe tells items apart.
  const requiredCols = table.template.columns.filter((c) => c.required && c.role !== 'index');
  const allText = requiredCols.length > 0 && requiredCols.every((c) => c.type === 'text' && table.columns.has(c.key));
  const required = allText ? requiredCols.map((c) => table.columns.get(c.key)!.col) : [];
  return { textCols, otherCols, statusCols, required };
}

/**
 * Whether row `r` goes on with the item above rather than opening one: under the same vertical
 * merge of the index cell, or, with an empty index, holding only text in text columns (a Word cell
 * of several paragraphs pasted as several rows). A row with its own status, timeframe or number is
 * a new item even unnumbered.
 */
function continues(
  view: SheetView,
  r: number,
  item: DataItem,
  filled: number[],
  indexCol: number | undefined,
  kinds: ReturnType<typeof continuationColumns>,
): boolean {
  if (indexCol !== undefined) {
    const m = view.merges.at(r, indexCol);
    if (m && m.r0 < r && m.r0 >= item.row && m.c0 === indexCol) return true;
    if (view.text(r, indexCol) !== '') return false;
  }
  for (const c of kinds.otherCols) {
    const t = view.text(r, c);
    // The status cell's second paragraph, a remark in brackets ("Đang thực hiện" / "(đạt 80%)").
    if (t !== '' && !(kinds.statusCols.has(c) && /^\(.*\)$/.test(t))) return false;
  }
  for (const c of filled) {
    if (c === indexCol) continue;
    // A paragraph Excel turned into a number or a date on the way in still sits in a text column.
    if ((!kinds.textCols.has(c) && !kinds.statusCols.has(c)) || isErrorValue(view.value(r, c))) return false;
  }
  // Where every required column is text (a model and its unit), a row filling them all is an item
  // of its own that was not numbered, when the item above was complete on its first row too.
  if (kinds.required.length && kinds.required.every((c) => view.text(r, c) !== '' && view.text(item.row, c) !== '')) return false;
  return true;
}

/**
 * Whether a numbered row with only a title heads the rows after it: the next numbered row is its
 * first child ("1" then "1.1"). Such a row is a group, not a task left unfilled.
 */
function headsChildren(view: SheetView, r: number, indexCol: number, indexText: string, endBefore: number): boolean {
  const base = indexText.replace(/\s*[.)]$/, '');
  for (let next = r + 1; next < Math.min(endBefore, view.rows, r + 4); next++) {
    const t = view.text(next, indexCol);
    if (t) return t.startsWith(`${base}.`) && t.length > base.length + 1;
  }
  return false;
}

/**
 * Walks the rows under a located header. `endBefore` is where the next table on the sheet begins.
 */
export function classifyRows(view: SheetView, table: LocatedTable, areas: Area[], endBefore: number): TableRows {
  const cols = tableColumns(table);
  const indexCol = indexColumn(table);
  const kinds = continuationColumns(table);
  let r = table.headerBottom + 1;
  let numberRow: number | undefined;
  // A column-number row may sit right under the header, sometimes after a blank row.
  for (let probe = r; probe < Math.min(endBefore, r + 2); probe++) {
    if (isColumnNumberRow(view, probe, cols)) {
      numberRow = probe;
      r = probe + 1;
      break;
    }
    if (!view.isRowEmpty(probe)) break;
  }
  const dataStart = r;
  const dataRows: DataItem[] = [];
  const sections: TableRows['sections'] = [];
  const parts: TableRows['parts'] = [];
  let area: AreaRef | null = null;
  let part = table.part;
  let group: string | undefined;
  let groupBase = '';
  /** The item a following text-only row would continue; none after a section, part or total. */
  let open: DataItem | null = null;
  let dataEnd = dataStart - 1;
  for (; r < endBefore && r < view.rows; r++) {
    if (view.isRowEmpty(r)) continue;
    if (isTerminator(view, r, table)) break;
    const filled = cols.filter((c) => view.text(r, c) !== '');
    if (filled.length === 0) continue; // text outside the table's columns only
    const indexText = indexCol !== undefined ? view.text(r, indexCol) : '';
    const others = filled.filter((c) => c !== indexCol);
    if (others.length === 0) continue; // a numbered but empty template row
    const firstText = view.matchText(r, others[0]);
    const continuation: boolean = open !== null && continues(view, r, open, filled, indexCol, kinds);
    // One text and nothing else: a section title, a part heading, or a task whose other cells were
    // left empty — which must stay a data row, or its missing status and reason would never be checked.
    if (others.length === 1 && firstText) {
      const opened = partOfHeading(firstText, table.template, indexText);
      if (opened) {
        part = opened;
        parts.push({ row: r, part });
        area = null;
        group = undefined;
        open = null;
        dataEnd = r;
        continue;
      }
      const marked = ROMAN_OR_LETTER.test(indexText.toUpperCase()) || (indexText === '' && MARKED_TEXT.test(firstText));
      const span = view.merges.at(r, others[0]);
      const wide = span !== undefined && span.c1 - span.c0 + 1 >= Math.max(3, Math.ceil(cols.length / 2));
      // Marked, or drawn across a row with no number, any mention of an area names it. An item
      // number says task ("2 | Rà soát thủ tục hành chính", left unfilled) unless the text is the
      // area's own name ("1 | Cải cách thủ tục hành chính") or a short name in capitals; so does a
      // paragraph that may continue the task above. Otherwise the area's name must be most of the text.
      const named: AreaRef | null =
        marked || (wide && indexText === '')
          ? resolveArea(firstText, areas, 0)
          : ITEM_NUMBER.test(indexText) || (indexText === '' && NUMBERED_TEXT.test(firstText)) || continuation
            ? resolveSectionName(firstText, areas)
            : resolveArea(firstText, areas, SECTION_COVERAGE);
      if (named || marked || (wide && indexText === '')) {
        if (isTotal(firstText) && !named) {
          dataEnd = r;
          open = null;
          continue;
        }
        area = named ?? { code: '', name: firstText.replace(INDEX_PREFIX, '') };
        sections.push({ row: r, area });
        group = undefined;
        open = null;
        dataEnd = r;
        continue;
      }
    }
    if (
      others.length === 1 &&
      indexCol !== undefined &&
      ITEM_NUMBER.test(indexText) &&
      headsChildren(view, r, indexCol, indexText, endBefore)
    ) {
      groupBase = indexText.replace(/\s*[.)]$/, '');
      group = `${groupBase}. ${firstText}`;
      open = null;
      dataEnd = r;
      continue;
    }
    if (isTotal(view.matchText(r, filled[0]))) {
      dataEnd = r;
      open = null;
      continue;
    }
    if (continuation && open) open.rows.push(r);
    else {
      // A number outside the group ("2" after "1.1", "1.2") closes it.
      if (group && indexText && !indexText.startsWith(`${groupBase}.`)) group = undefined;
      open = { row: r, rows: [r], area };
      if (part) open.part = part;
      if (group) open.group = group;
      dataRows.push(open);
    }
    dataEnd = r;
  }
  return { dataStart, dataEnd, numberRow, dataRows, sections, parts };
}

/** Sheet columns that belong to the table: matched, duplicate and unknown headers. */
export function tableColumns(table: LocatedTable): number[] {
  const set = new Set<number>();
  for (const m of table.columns.values()) set.add(m.col);
  for (const u of table.unknown) set.add(u.col);
  for (const d of table.duplicates) set.add(d.col);
  for (const ticks of table.ticks.values()) for (const t of ticks) set.add(t.col);
  return [...set].sort((a, b) => a - b);
}
