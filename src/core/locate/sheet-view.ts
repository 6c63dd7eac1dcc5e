import { colCount, displayText, fontAt, isEmptyValue, MergeIndex, rowCount, valueAt } from '../grid/access';
import { CellValue, SheetGrid } from '../grid/types';
import { decodeAs, detectLegacy, inLegacyRepertoire, isUnicodeVietnamese, LegacyDetection, LegacyEncoding } from '../text/legacy';
import { cleanText } from '../text/normalize';
import { headerKey } from './header-key';

// Decided once per distinct text: statuses, timeframes and products repeat on every row and in
// every file of a batch. Without a font the answer depends on the text alone.
const legacyByText = new Map<string, LegacyDetection | null>();
const LEGACY_MEMO_LIMIT = 20_000;
/** Rows read to tell whether a whole sheet was typed in a legacy font, and when to stop. */
const SHEET_VOTE_ROWS = 200;
const SHEET_VOTE_UNICODE_STOP = 20;

/**
 * A sheet as the checks read it: cleaned text per cell, legacy-encoded text decoded for matching,
 * merged areas indexed. Everything is computed on demand and cached where cells are read twice.
 */
export class SheetView {
  readonly rows: number;
  readonly cols: number;
  readonly merges: MergeIndex;
  private readonly headerKeys = new Map<string, string>();
  // Cells are read by several passes (header search, row classification, rules): clean once.
  private readonly cleaned: (string | undefined)[][] = [];
  private readonly matched: (string | undefined)[][] = [];

  constructor(readonly grid: SheetGrid) {
    this.rows = rowCount(grid);
    this.cols = colCount(grid);
    this.merges = new MergeIndex(grid.merges);
  }

  get name(): string {
    return this.grid.name;
  }

  value(r: number, c: number): CellValue {
    return valueAt(this.grid, r, c);
  }

  /** Cleaned displayed text; '' for an empty cell. */
  text(r: number, c: number): string {
    const row = (this.cleaned[r] ??= []);
    let t = row[c];
    if (t === undefined) {
      const v = valueAt(this.grid, r, c);
      t = v === null ? '' : cleanText(typeof v === 'string' ? v : displayText(this.grid, r, c));
      row[c] = t;
    }
    return t;
  }

  legacy(r: number, c: number): LegacyDetection | null {
    const v = valueAt(this.grid, r, c);
    if (typeof v !== 'string') return null;
    const font = fontAt(this.grid, r, c);
    if (font) return detectLegacy(v, font);
    return textDetection(v);
  }

  /**
   * A header cell read in the font the sheet is plainly typed in, when that differs: "Ghi chó" is
   * also Unicode (for "dog") and too short to judge alone, but under a TCVN3 letterhead and title it
   * is "Ghi chú". Only header matching tries it, beside the cell's own reading: data typed in Unicode
   * under an old TCVN3 template must not be decoded ("Hoàn thành" would become "Hồn thành" in VNI).
   */
  sheetFontText(r: number, c: number): string | null {
    const v = valueAt(this.grid, r, c);
    if (typeof v !== 'string' || fontAt(this.grid, r, c)) return null;
    const enc = this.sheetEncoding(r);
    const d = enc ? decodeAs(v, enc) : null;
    return d ? cleanText(d.converted) : null;
  }

  private readonly encodingVotes = new Map<number, LegacyEncoding | null>();

  /**
   * The legacy encoding the top of the sheet down to row `upTo` (a header and what is above it: the
   * template) is typed in, when its cells say so plainly: at least two cells decode convincingly in
   * it and more of them than cells that can only be Unicode.
   */
  private sheetEncoding(upTo: number): LegacyEncoding | null {
    const known = this.encodingVotes.get(upTo);
    if (known !== undefined) return known;
    const votes: Record<LegacyEncoding, number> = { tcvn3: 0, vni: 0 };
    let unicode = 0;
    scan: for (let r = 0; r <= Math.min(this.rows - 1, upTo, SHEET_VOTE_ROWS); r++) {
      const row = this.grid.values[r];
      if (!row) continue;
      for (const v of row) {
        if (typeof v !== 'string') continue;
        if (isUnicodeVietnamese(v)) {
          if (++unicode >= SHEET_VOTE_UNICODE_STOP) break scan;
          continue;
        }
        const d = textDetection(v);
        if (d) votes[d.encoding]++;
      }
    }
    const enc: LegacyEncoding = votes.tcvn3 >= votes.vni ? 'tcvn3' : 'vni';
    const vote = votes[enc] >= 2 && votes[enc] > unicode && votes.tcvn3 !== votes.vni ? enc : null;
    this.encodingVotes.set(upTo, vote);
    return vote;
  }

  /** Text for matching against headers and allowed values: legacy encodings decoded. */
  matchText(r: number, c: number): string {
    const row = (this.matched[r] ??= []);
    let t = row[c];
    if (t === undefined) {
      const legacy = this.legacy(r, c);
      t = legacy ? cleanText(legacy.converted) : this.text(r, c);
      row[c] = t;
    }
    return t;
  }

  /** Header key of a text, cached: header-like texts repeat across rows and sheets. */
  keyOf(text: string): string {
    let k = this.headerKeys.get(text);
    if (k === undefined) {
      k = headerKey(text);
      this.headerKeys.set(text, k);
    }
    return k;
  }

  /**
   * The text shown at (r, c) when it lies in a merged area whose top-left is on row `ownRow`
   * (a group header spread across columns), else the cell's own text.
   */
  textInRow(r: number, c: number): { text: string; spanCols: number; fromRow: number; fromCol: number } {
    const m = this.merges.at(r, c);
    if (m && (m.r0 !== r || m.c0 !== c)) {
      return { text: this.matchText(m.r0, m.c0), spanCols: m.c1 - m.c0 + 1, fromRow: m.r0, fromCol: m.c0 };
    }
    return { text: this.matchText(r, c), spanCols: m ? m.c1 - m.c0 + 1 : 1, fromRow: r, fromCol: c };
  }

  isRowEmpty(r: number): boolean {
    const row = this.grid.values[r];
    if (!row) return true;
    for (const v of row) if (!isEmptyValue(v)) return false;
    return true;
  }
}

/** Without a font the verdict depends on the text alone: decided once per distinct text. */
function textDetection(v: string): LegacyDetection | null {
  if (!inLegacyRepertoire(v)) return null;
  let d = legacyByText.get(v);
  if (d === undefined) {
    d = detectLegacy(v);
    if (legacyByText.size >= LEGACY_MEMO_LIMIT) legacyByText.clear();
    legacyByText.set(v, d);
  }
  return d;
}
