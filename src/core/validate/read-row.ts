/**
 * Reading one item of a table: each column's value over the item's rows (a Word paragraph pasted
 * as several rows is joined with a line break; a value merged down over several items counts for
 * each), legacy text decoded, ticks gathered. No judgement here: the checks read what this returns.
 */
import { formatAt, isEmptyValue } from '../grid/access';
import type { CellValue } from '../grid/types';
import type { LocatedTable, TickColumn } from '../locate/find-tables';
import type { DataItem } from '../locate/rows';
import { SheetView } from '../locate/sheet-view';
import { isErrorValue } from '../rules/values';
import type { Column } from '../template/catalog';
import type { LegacyEncoding } from '../text/legacy';
import { cleanText, textKey } from '../text/normalize';

export interface LegacyText {
  found: string;
  converted: string;
  encoding: LegacyEncoding;
}

/** One column of one item, as the sheet holds it. */
export interface ReadCell {
  /** Where findings about the value point: the item's first row, the column's (first) sheet column. */
  row: number;
  col: number;
  /** As submitted, legacy text decoded, continuation texts joined with "\n"; null when empty. */
  value: CellValue;
  /** Cleaned text of the value ('' when empty). */
  text: string;
  /** Number format where the value is a single number with one. */
  format: string | null;
  /** Text typed in a legacy encoding, on the item's own rows. */
  legacy?: LegacyText;
  /** A spreadsheet error value in one of the item's cells, and where. */
  error?: { row: number; col: number; value: string };
  /** For a ticked status: the sub-columns marked. */
  marked?: TickColumn[];
}

export interface ReadItem {
  item: DataItem;
  cells: Map<string, ReadCell>;
  extras: { header: string; cell: ReadCell }[];
}

/** A cell that does not tick: what units put in the other sub-columns. */
const NOT_A_MARK = new Set(['0', 'khong', 'k', 'ko', 'no']);
/** Ticks that are symbols: nothing of them survives keying. */
const SYMBOL_MARK = /^[✓✔√☑☒✗✘×•●■+*]+$/;

function isMark(text: string): boolean {
  if (text === '' || /^[-–—/.]+$/.test(text)) return false;
  if (SYMBOL_MARK.test(text)) return true;
  const key = textKey(text);
  return key !== '' && !NOT_A_MARK.has(key);
}

interface Piece {
  row: number;
  col: number;
  value: CellValue;
}

/** The item's cells in one sheet column: the first row's (or the merge it sits in), then each continuation's own. */
function pieces(view: SheetView, item: DataItem, col: number, dataStart: number): Piece[] {
  if (item.rows.length === 1) {
    const r = item.row;
    const value = view.value(r, col);
    if (!isEmptyValue(value)) return [{ row: r, col, value }];
  }
  const out: Piece[] = [];
  item.rows.forEach((r, i) => {
    const value = view.value(r, col);
    if (!isEmptyValue(value)) {
      out.push({ row: r, col, value });
      return;
    }
    if (i > 0) return; // a merge over the continuation rows is the first row's value, taken already
    const m = view.merges.at(r, col);
    if (m && (m.r0 !== r || m.c0 !== col) && m.r0 >= dataStart) {
      const top = view.value(m.r0, m.c0);
      if (!isEmptyValue(top)) out.push({ row: m.r0, col: m.c0, value: top });
    }
  });
  return out;
}

/** Nearly every cell: one value on the item's one row (or merged down onto it). */
function readOne(view: SheetView, item: DataItem, col: number, p: Piece): ReadCell {
  return readAt(view, item, col, p.row, p.col, p.value, newCell());
}

/** Every field present from the start, so that reused cells keep one shape. */
function newCell(): ReadCell {
  return { row: 0, col: 0, value: null, text: '', format: null, legacy: undefined, error: undefined, marked: undefined };
}

/** Fills `cell` (reused from item to item: a table is read one item at a time and nothing keeps it). */
function readAt(view: SheetView, item: DataItem, col: number, r: number, c: number, value: CellValue, cell: ReadCell): ReadCell {
  blankCell(item, col, cell);
  cell.value = value;
  if (typeof value === 'string') {
    if (isErrorValue(value)) cell.error = { row: r, col: c, value };
    const legacy = view.legacy(r, c);
    if (legacy) {
      cell.value = legacy.converted;
      cell.text = cleanText(legacy.converted);
      if (item.rows.includes(r)) cell.legacy = { found: value, converted: legacy.converted, encoding: legacy.encoding };
    } else cell.text = view.text(r, c);
  } else {
    cell.text = view.text(r, c);
    if (typeof value === 'number') cell.format = formatAt(view.grid, r, c);
  }
  return cell;
}

/** `cell` emptied for the item's column: every field set, so a reused cell keeps one shape. */
function blankCell(item: DataItem, col: number, cell: ReadCell): ReadCell {
  cell.row = item.row;
  cell.col = col;
  cell.value = null;
  cell.text = '';
  cell.format = null;
  cell.legacy = undefined;
  cell.error = undefined;
  cell.marked = undefined;
  return cell;
}

function readPieces(view: SheetView, item: DataItem, col: number, found: Piece[]): ReadCell {
  if (found.length === 1) return readOne(view, item, col, found[0]);
  const cell = newCell();
  cell.row = item.row;
  cell.col = col;
  const error = found.find((p) => isErrorValue(p.value));
  if (error) cell.error = { row: error.row, col: error.col, value: String(error.value) };
  const own = new Set(item.rows);
  const originals: string[] = [];
  const converted: string[] = [];
  let encoding: LegacyEncoding | undefined;
  const texts = found.map((p) => {
    if (typeof p.value !== 'string') return cleanText(view.text(p.row, p.col));
    const legacy = view.legacy(p.row, p.col);
    if (legacy && own.has(p.row)) {
      originals.push(p.value);
      converted.push(legacy.converted);
      encoding ??= legacy.encoding;
    }
    return legacy ? legacy.converted : p.value;
  });
  if (encoding) cell.legacy = { found: originals.join('\n'), converted: converted.join('\n'), encoding };
  if (found.length > 1) {
    const joined = texts.map((t) => (typeof t === 'string' ? t : String(t))).join('\n');
    cell.value = joined;
    cell.text = cleanText(joined);
  }
  return cell;
}

function readTicks(view: SheetView, item: DataItem, ticks: TickColumn[]): ReadCell {
  const marked = ticks.filter((t) => item.rows.some((r) => isMark(view.text(r, t.col))));
  const value = marked.length ? marked.map((t) => t.text).join('; ') : null;
  return { row: item.row, col: ticks[0].col, value, text: value ? cleanText(value) : '', format: null, marked };
}

const NO_EXTRAS: ReadItem['extras'] = [];

export interface RowReader {
  present: { column: Column; col: number }[];
  extraCols: { col: number; header: string }[];
  read(item: DataItem): ReadItem;
}

/** Built once per table: which sheet column each form column and extra header reads from. */
export function rowReader(
  view: SheetView,
  table: LocatedTable,
  dataStart: number,
  extraCols: { col: number; header: string }[],
): RowReader {
  const present = table.template.columns.flatMap((column) => {
    const m = table.columns.get(column.key);
    return m ? [{ column, col: m.col }] : [];
  });
  const reused = new Map<string, ReadCell>();
  const scratch = present.map(() => newCell());
  return {
    present,
    extraCols,
    read(item) {
      // One map and one cell per column, reused: a 5,000-row table read item by item allocates
      // nothing per cell (the checks copy out what they keep).
      const cells = reused;
      cells.clear();
      const single = item.rows.length === 1;
      for (let i = 0; i < present.length; i++) {
        const { column, col } = present[i];
        const ticks = table.ticks.size ? table.ticks.get(column.key) : undefined;
        if (ticks) {
          cells.set(column.key, readTicks(view, item, ticks));
          continue;
        }
        if (!single) {
          cells.set(column.key, readPieces(view, item, col, pieces(view, item, col, dataStart)));
          continue;
        }
        const r = item.row;
        const own = view.value(r, col);
        if (!isEmptyValue(own)) {
          cells.set(column.key, readAt(view, item, col, r, col, own, scratch[i]));
          continue;
        }
        // A value merged down over several items counts for each of them.
        const m = view.merges.at(r, col);
        const top = m && (m.r0 !== r || m.c0 !== col) && m.r0 >= dataStart ? view.value(m.r0, m.c0) : null;
        cells.set(
          column.key,
          top !== null && !isEmptyValue(top) ? readAt(view, item, col, m!.r0, m!.c0, top, scratch[i]) : blankCell(item, col, scratch[i]),
        );
      }
      const extras = extraCols.length
        ? extraCols.map(({ col, header }) => {
            const own = item.rows.map((r) => ({ row: r, col, value: view.value(r, col) })).filter((p) => !isEmptyValue(p.value));
            return { header, cell: readPieces(view, item, col, own) };
          })
        : NO_EXTRAS;
      return { item, cells, extras };
    },
  };
}
