/**
 * Finding a form's table by its header, wherever it sits: after a letterhead and titles, below a
 * part I, with one or two header rows, merged group cells, columns in any order and extra columns.
 * The sheet's name decides nothing.
 */
import { matchOption, readStatus } from '../rules/values';
import type { Column, Template } from '../template/catalog';
import type { ValueOption } from '../template/schema';
import { headerKey, leadingKey } from './header-key';
import { partOfHeading } from './parts';
import { SheetView } from './sheet-view';

export interface HeaderCell {
  col: number;
  /** Row of the header text (the lower row of a two-row header when the sub-header named it). */
  row: number;
  text: string;
}

export interface MatchedColumn extends HeaderCell {
  key: string;
}

/** A sub-column of a status given as ticks: "x" under "Hoàn thành | Chưa hoàn thành | …". */
export interface TickColumn {
  col: number;
  row: number;
  /** The sub-header as written (what the consolidated row shows). */
  text: string;
  option: ValueOption;
}

export interface LocatedTable {
  template: Template;
  headerTop: number;
  headerBottom: number;
  firstCol: number;
  lastCol: number;
  /** Template column key → where it is. */
  columns: Map<string, MatchedColumn>;
  /** Headers the form does not know; their data is kept. */
  unknown: HeaderCell[];
  /** Headers naming a column that another header already named. */
  duplicates: (MatchedColumn & { first: MatchedColumn })[];
  /** Status column key → its tick sub-columns, when the status is ticked rather than written. */
  ticks: Map<string, TickColumn[]>;
  /** The form's part the table belongs to, from a heading above it ("II. Đề xuất nhiệm vụ…"). */
  part?: string;
  score: number;
}

interface Candidate extends LocatedTable {
  matchedNonIndex: number;
}

const SCORE_CANONICAL = 3;
const SCORE_SYNONYM = 2;
const SCORE_PREFIX = 1;
const TITLE_HINT_BONUS = 4;
const TITLE_LOOKBACK_ROWS = 12;
/** Header cells are short; long texts are data and are not worth keying. */
const MAX_HEADER_LENGTH = 160;

interface KeyMatch {
  column: Column;
  score: number;
}

// Every file of a round repeats the same headers: remember what each header key matched.
const matchMemo = new WeakMap<Template, Map<string, KeyMatch | null>>();
const MATCH_MEMO_LIMIT = 10_000;

function matchKey(key: string, template: Template): KeyMatch | null {
  if (!key) return null;
  let memo = matchMemo.get(template);
  if (!memo) matchMemo.set(template, (memo = new Map()));
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const found = matchKeyUncached(key, template);
  if (memo.size < MATCH_MEMO_LIMIT) memo.set(key, found);
  return found;
}

function matchKeyUncached(key: string, template: Template): KeyMatch | null {
  let best: KeyMatch | null = null;
  let bestPrefixLen = 0;
  for (const column of template.columns) {
    const i = column.headerKeys.indexOf(key);
    if (i >= 0) {
      const score = i === 0 ? SCORE_CANONICAL : SCORE_SYNONYM;
      if (!best || score > best.score) best = { column, score };
      continue;
    }
    if (best && best.score > SCORE_PREFIX) continue;
    // "Kết quả thực hiện đến ngày 10/11/2022" still names "Kết quả thực hiện": the longest known
    // header that starts the text wins.
    for (const hk of column.headerKeys) {
      if (hk.length > bestPrefixLen && key.startsWith(hk + ' ')) {
        best = { column, score: SCORE_PREFIX };
        bestPrefixLen = hk.length;
      }
    }
  }
  return best;
}

/** What a sheet column says in a header of `height` rows starting at `r`, most specific first. */
function headerTexts(view: SheetView, r: number, c: number, height: 1 | 2): { texts: string[]; row: number; shown: string } {
  const top = view.textInRow(r, c);
  const topText = top.fromRow === r ? top.text : '';
  // Last resort, after the cell's own reading: the sheet's legacy font (see SheetView.sheetFontText).
  const topAlt = topText ? view.sheetFontText(top.fromRow, top.fromCol) : null;
  const alone = () => ({ texts: topText ? (topAlt ? [topText, topAlt] : [topText]) : [], row: r, shown: topText });
  if (height === 1) return alone();
  const m = view.merges.at(r, c);
  if (m && m.r0 === r && m.r1 >= r + 1) return alone();
  const sub = view.textInRow(r + 1, c);
  const subText = sub.fromRow === r + 1 ? sub.text : '';
  if (!subText) return alone();
  // The group and the sub-header together first: "Chỉ tiêu" under "Năm 2022" is "Chỉ tiêu năm
  // 2022", not the form's own "Chỉ tiêu" column.
  const texts = topText ? [`${subText} ${topText}`, `${topText} ${subText}`, subText, topText] : [subText];
  const subAlt = view.sheetFontText(sub.fromRow, sub.fromCol);
  if (subAlt) texts.push(...(topText ? [`${subAlt} ${topAlt ?? topText}`, subAlt] : [subAlt]));
  else if (topAlt) texts.push(`${subText} ${topAlt}`, topAlt);
  return { texts, row: r + 1, shown: subText };
}

/** What each column of a candidate header says, keyed: read once per row and height, matched per form. */
interface HeaderColumn {
  cell: HeaderCell;
  keys: string[];
  groupOnly: boolean;
  /** A sub-header under a group cell spread across columns: where the group starts and its key. */
  group?: { fromCol: number; key: string; text: string };
}

/**
 * Three header rows: a year's group over the columns ("Năm 2022"), their names, and under one of
 * them its options to tick ("Đánh giá" over "Đạt | Không đạt"). Read as the lower two rows, with
 * the top row's text around them; a cell merged down over all three is read alone.
 */
function headerTexts3(view: SheetView, r: number, c: number): { texts: string[]; row: number; shown: string } {
  const m = view.merges.at(r, c);
  if (m && m.r0 === r && m.r1 >= r + 2) return headerTexts(view, r, c, 1);
  const lower = headerTexts(view, r + 1, c, 2);
  const top = view.textInRow(r, c);
  const topText = top.fromRow === r ? top.text : '';
  if (!lower.texts.length) return topText ? { texts: [topText], row: r, shown: topText } : lower;
  if (!topText) return lower;
  return { ...lower, texts: [...lower.texts.map((t) => `${t} ${topText}`), ...lower.texts, topText] };
}

function headerColumns(view: SheetView, r: number, height: 1 | 2 | 3): HeaderColumn[] {
  const out: HeaderColumn[] = [];
  for (let c = 0; c < view.cols; c++) {
    const { texts, row, shown } = height === 3 ? headerTexts3(view, r, c) : headerTexts(view, r, c, height);
    if (!texts.length) continue;
    const keys = texts.filter((t) => t.length <= MAX_HEADER_LENGTH).map((t) => view.keyOf(t));
    const groupOnly = height === 3 ? isGroupHeaderOnly(view, r + 1, c, 2) : isGroupHeaderOnly(view, r, c, height);
    const column: HeaderColumn = { cell: { col: c, row, text: shown }, keys, groupOnly };
    // A sub-header on the header's last row under a cell spread across columns: a group, maybe of ticks.
    if (row === r + height - 1 && row > r) {
      const top = view.textInRow(row - 1, c);
      if (top.spanCols > 1 && top.fromRow === row - 1 && top.text)
        column.group = { fromCol: top.fromCol, key: view.keyOf(top.text), text: top.text };
    }
    out.push(column);
  }
  return out;
}

/** Ticks decide the status more surely than a written header: the tick reading wins a tie. */
const TICK_BONUS = 2;

/**
 * Groups whose cell names a status column of the form and whose sub-headers are each one of its
 * options ("Tình trạng" over "Hoàn thành | Chưa hoàn thành | Đang thực hiện"): the status, ticked.
 */
interface TickGroup {
  column: Column;
  score: number;
  text: string;
  ticks: TickColumn[];
}

function tickGroups(header: HeaderColumn[], template: Template): Map<number, TickGroup> {
  const out = new Map<number, TickGroup>();
  const byGroup = new Map<number, HeaderColumn[]>();
  for (const h of header) if (h.group) byGroup.set(h.group.fromCol, [...(byGroup.get(h.group.fromCol) ?? []), h]);
  for (const [fromCol, members] of byGroup) {
    if (members.length < 2) continue;
    const named = matchKey(members[0].group!.key, template);
    if (!named || named.column.type !== 'status') continue;
    const ticks: TickColumn[] = [];
    for (const m of members) {
      const option = matchOption(named.column, m.cell.text) ?? readStatus(named.column, m.cell.text)?.option;
      if (!option || ticks.some((t) => t.option.key === option.key)) break;
      ticks.push({ col: m.cell.col, row: m.cell.row, text: m.cell.text, option });
    }
    if (ticks.length === members.length)
      out.set(fromCol, { column: named.column, score: named.score, text: members[0].group!.text, ticks });
  }
  return out;
}

function evaluate(header: HeaderColumn[], r: number, height: 1 | 2 | 3, template: Template): Candidate | null {
  const columns = new Map<string, MatchedColumn>();
  const unknown: HeaderCell[] = [];
  const duplicates: (MatchedColumn & { first: MatchedColumn })[] = [];
  let score = 0;
  let firstCol = Infinity;
  let lastCol = -1;
  const pending: { cell: HeaderCell; match: KeyMatch }[] = [];
  const ticks = new Map<string, TickColumn[]>();
  const tickCols = new Set<number>();
  if (height > 1) {
    for (const g of tickGroups(header, template).values()) {
      if (ticks.has(g.column.key)) continue;
      ticks.set(g.column.key, g.ticks);
      for (const t of g.ticks) tickCols.add(t.col);
      const first = g.ticks[0];
      pending.push({ cell: { col: first.col, row: r, text: g.text }, match: { column: g.column, score: g.score + TICK_BONUS } });
    }
  }
  for (const { cell, keys, groupOnly } of header) {
    if (tickCols.has(cell.col)) continue;
    let match: KeyMatch | null = null;
    for (const k of keys) {
      const m = matchKey(k, template);
      if (m && (!match || m.score > match.score)) match = m;
      if (match && match.score >= SCORE_SYNONYM) break;
    }
    if (match) pending.push({ cell, match });
    else if (!groupOnly) unknown.push(cell);
  }
  // Exact names claim their columns before prefix matches do.
  pending.sort((a, b) => b.match.score - a.match.score || a.cell.col - b.cell.col);
  for (const { cell, match } of pending) {
    const key = match.column.key;
    const first = columns.get(key);
    const m: MatchedColumn = { ...cell, key };
    if (first) {
      if (match.score === SCORE_PREFIX || ticks.has(key)) unknown.push(cell);
      else duplicates.push({ ...m, first });
      continue;
    }
    columns.set(key, m);
    score += match.score;
  }
  const nonIndex = template.columns.filter((c) => c.type !== 'index');
  const matchedNonIndex = nonIndex.filter((c) => columns.has(c.key)).length;
  if (matchedNonIndex < Math.max(2, Math.ceil(nonIndex.length / 2))) return null;
  for (const m of [...columns.values(), ...unknown, ...duplicates, ...[...ticks.values()].flat()]) {
    firstCol = Math.min(firstCol, m.col);
    lastCol = Math.max(lastCol, m.col);
  }
  unknown.sort((a, b) => a.col - b.col);
  return {
    template,
    headerTop: r,
    headerBottom: r + height - 1,
    firstCol,
    lastCol,
    columns,
    unknown,
    duplicates,
    ticks,
    score,
    matchedNonIndex,
  };
}

/** A top-row group cell ("Năm 2022") spanning columns whose sub-headers carry the names. */
function isGroupHeaderOnly(view: SheetView, r: number, c: number, height: 1 | 2): boolean {
  if (height === 1) return false;
  const top = view.textInRow(r, c);
  const sub = view.textInRow(r + 1, c);
  return top.spanCols > 1 && sub.fromRow === r + 1 && sub.text === '';
}

/** Rows of a sheet's own title ("PHỤ LỤC 03", the form's name) read even above a long part I. */
const SHEET_TITLE_ROWS = 8;

/** The keyed text of the title area above a header (and the sheet's name), searched for form hints. */
function titleText(view: SheetView, headerTop: number): string {
  const texts: string[] = [view.keyOf(view.name)];
  const from = Math.max(0, headerTop - TITLE_LOOKBACK_ROWS);
  const rows = [...Array(Math.min(SHEET_TITLE_ROWS, from)).keys()];
  for (let r = from; r < headerTop; r++) rows.push(r);
  for (const r of rows) {
    for (let c = 0; c < Math.min(view.cols, 12); c++) {
      const t = view.matchText(r, c);
      if (t && t.length < 400) texts.push(view.keyOf(t));
    }
  }
  return ` ${texts.join(' | ')} `;
}

/** Headings just above a header: up to a few rows, stopping at a row of data (several cells). */
const HEADING_ROWS = 6;

function headingRows(view: SheetView, headerTop: number, after: number): number[] {
  const out: number[] = [];
  for (let r = headerTop - 1; r > after && r >= headerTop - HEADING_ROWS; r--) {
    let filled = 0;
    for (let c = 0; c < Math.min(view.cols, 16); c++) if (view.text(r, c)) filled++;
    if (filled >= 3) break;
    if (filled) out.push(r);
  }
  return out;
}

function headingText(view: SheetView, rows: number[]): string {
  const texts: string[] = [];
  for (const r of rows)
    for (let c = 0; c < Math.min(view.cols, 12); c++) if (view.matchText(r, c)) texts.push(view.keyOf(view.matchText(r, c)));
  return ` ${texts.join(' | ')} `;
}

/** The part a heading right above the header opens ("II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023"). */
function partAbove(view: SheetView, rows: number[], template: Template): string | undefined {
  for (const r of rows) {
    const cells: string[] = [];
    for (let c = 0; c < Math.min(view.cols, 12) && cells.length < 2; c++) if (view.matchText(r, c)) cells.push(view.matchText(r, c));
    const part = partOfHeading(cells[0] ?? '', template) ?? (cells.length === 2 ? partOfHeading(cells[1], template, cells[0]) : null);
    if (part) return part;
  }
  return undefined;
}

/** Forms whose columns are the same ("pl03" and "pl04"): only titles and headings tell them apart. */
function lookAlike(a: Template, b: Template): boolean {
  if (a === b || a.columns.length !== b.columns.length) return false;
  const keys = new Set(a.columns.map((c) => c.key));
  return b.columns.every((c) => keys.has(c.key));
}

function titleHintBonus(hay: string, template: Template): number {
  if (!template.titleHints.length) return 0;
  return template.titleHints.some((h) => {
    const k = headerKey(h);
    return k && hay.includes(` ${k} `);
  })
    ? TITLE_HINT_BONUS
    : 0;
}

const ITEM_NUMBER = /^\(?\d{1,3}(?:\.\d{1,3})*[.)]?$/;

/** Data rows open with their item number ("1", "2.3", "4)"); a header row never does. */
function startsWithItemNumber(row: readonly unknown[]): boolean {
  for (const v of row) {
    if (v === null || v === undefined || v === '') continue;
    return typeof v === 'number' || (typeof v === 'string' && v.length < 12 && ITEM_NUMBER.test(v.trim()));
  }
  return false;
}

/** "(1)" or "1" opening a column-number row under a header. */
function startsWithColumnNumber(row: readonly unknown[]): boolean {
  for (const v of row) {
    if (v === null || v === undefined || v === '') continue;
    return typeof v === 'string' && /^\(\d{1,2}\)$/.test(v.trim());
  }
  return false;
}

interface HeaderSets {
  templates: Template[];
  known: Set<string>;
  prefixes: Set<string>;
}

// Building these took most of the header search's time, once per sheet; a batch asks for the same
// forms every time. Keyed by the first form, then by the same forms in the same order.
const headerSetsMemo = new WeakMap<Template, HeaderSets[]>();
const NO_HEADER_SETS: HeaderSets = { templates: [], known: new Set(), prefixes: new Set() };

/** Every header key of the forms, and their first two words. */
function headerSets(templates: Template[]): HeaderSets {
  const first = templates[0];
  if (!first) return NO_HEADER_SETS;
  let list = headerSetsMemo.get(first);
  if (!list) headerSetsMemo.set(first, (list = []));
  const hit = list.find((e) => e.templates.length === templates.length && e.templates.every((t, i) => t === templates[i]));
  if (hit) return hit;
  const sets: HeaderSets = { templates: [...templates], known: new Set(), prefixes: new Set() };
  for (const t of templates) {
    for (const c of t.columns) {
      for (const k of c.headerKeys) {
        sets.known.add(k);
        sets.prefixes.add(k.split(' ').slice(0, 2).join(' '));
      }
    }
  }
  if (list.length < 16) list.push(sets);
  return sets;
}

/** Rows worth evaluating: at least two cells, or one here and one below, read like known headers. */
function candidateRows(view: SheetView, templates: Template[]): number[] {
  const { known, prefixes } = headerSets(templates);
  const hits = new Array<number>(view.rows).fill(0);
  for (let r = 0; r < view.rows; r++) {
    const row = view.grid.values[r];
    if (!row || startsWithItemNumber(row)) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length > MAX_HEADER_LENGTH) continue;
      // Most cells are data: the first two words decide whether the whole text is worth keying.
      const text = view.matchText(r, c);
      const head = leadingKey(text);
      if (!head || (!prefixes.has(head) && !known.has(head))) continue;
      const k = view.keyOf(text);
      // A long text starting like a header ("Kế hoạch …") is data; a header is short.
      if (known.has(k) || (k.length <= 60 && prefixes.has(k.split(' ', 2).join(' ')))) hits[r]++;
    }
  }
  const out: number[] = [];
  for (let r = 0; r < view.rows; r++) {
    if (hits[r] >= 2 || (hits[r] >= 1 && (hits[r + 1] ?? 0) >= 2)) out.push(r);
  }
  return out;
}

/**
 * Whether row `r` can be the upper row of a two-row header: several cells, or cells merged down. A
 * heading line above a header ("II. ĐỀ XUẤT NHIỆM VỤ…", "Đơn vị báo cáo: …") is neither, and read as
 * the header's top it would swallow the heading and, under a group, turn the sub-header into data.
 */
function topOfTwoRows(view: SheetView, r: number): boolean {
  let filled = 0;
  const row = view.grid.values[r] ?? [];
  for (let c = 0; c < row.length && filled < 3; c++) if (view.text(r, c)) filled++;
  return filled >= 3 || isMergedDown(view, r);
}

/** A cell of row `r` merged down into the row below (a two-row header's "TT", "Nhiệm vụ"…). */
function isMergedDown(view: SheetView, r: number): boolean {
  return view.grid.merges.some((m) => m.r0 === r && m.r1 > r);
}

/**
 * Every form table on the sheet, top to bottom. A header row belongs to one form; a form appears
 * once per sheet (its best-matching header).
 */
export function findTables(view: SheetView, templates: Template[]): LocatedTable[] {
  const candidates: Candidate[] = [];
  for (const r of candidateRows(view, templates)) {
    let hay: string | undefined;
    let mergedDown: boolean | undefined;
    const oneRow = headerColumns(view, r, 1);
    // A row of item numbers or column numbers below is data or numbering, never a sub-header.
    const below = view.grid.values[r + 1];
    const twoRows =
      r + 1 < view.rows && below && !startsWithItemNumber(below) && !startsWithColumnNumber(below) && topOfTwoRows(view, r)
        ? headerColumns(view, r, 2)
        : null;
    const third = view.grid.values[r + 2];
    const threeRows =
      twoRows && third && !startsWithItemNumber(third) && !startsWithColumnNumber(third) && topOfTwoRows(view, r + 1)
        ? headerColumns(view, r, 3)
        : null;
    for (const t of templates) {
      const one = evaluate(oneRow, r, 1, t);
      const two = twoRows ? evaluate(twoRows, r, 2, t) : null;
      const three = threeRows ? evaluate(threeRows, r, 3, t) : null;
      // On a tie, cells merged down over both rows say the header is two rows deep: read as one
      // row, its second row would be taken for data.
      const upToTwo =
        two && (!one || two.score > one.score || (two.score === one.score && (mergedDown ??= isMergedDown(view, r)))) ? two : one;
      // Three rows only when they read better (ticks under a year's group): a data row is no header.
      const best = three && (!upToTwo || three.score > upToTwo.score) ? three : upToTwo;
      if (best) {
        best.score += titleHintBonus((hay ??= titleText(view, r)), t);
        candidates.push(best);
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score || b.matchedNonIndex - a.matchedNonIndex || a.headerTop - b.headerTop);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.some((o) => c.headerTop <= o.headerBottom && o.headerTop <= c.headerBottom)) continue;
    // A form's header repeated (a part II, a page's header typed again) is another table of it;
    // a weaker echo of its header elsewhere on the sheet is not.
    const same = chosen.find((o) => o.template.id === c.template.id);
    if (same && c.matchedNonIndex < same.matchedNonIndex - 1) continue;
    chosen.push(c);
  }
  chosen.sort((a, b) => a.headerTop - b.headerTop);
  return chosen.map((c, i) => {
    const headings = headingRows(view, c.headerTop, i > 0 ? chosen[i - 1].headerBottom : -1);
    const table = i > 0 ? followSheetForm(view, c, chosen[0].template, headings) : c;
    const part = partAbove(view, headings, table.template);
    const { matchedNonIndex: _, ...t } = table;
    return part ? { ...t, part } : t;
  });
}

/**
 * A sheet is one form: a look-alike header further down (PL03's part II under a repeated header)
 * stays the sheet's form unless a heading right above it names the other form and not this one.
 */
function followSheetForm(view: SheetView, c: Candidate, sheetForm: Template, headings: number[]): Candidate {
  if (!lookAlike(c.template, sheetForm)) return c;
  const hay = headingText(view, headings);
  if (titleHintBonus(hay, c.template) && !titleHintBonus(hay, sheetForm)) return c;
  const height = (c.headerBottom - c.headerTop + 1) as 1 | 2 | 3;
  return evaluate(headerColumns(view, c.headerTop, height), c.headerTop, height, sheetForm) ?? c;
}
