/**
 * The neutral cell model every host produces. Nothing downstream knows whether a grid came from
 * a file, from Office.js or from a test.
 *
 * Coordinates are 0-based (row, col) everywhere in code; A1 addresses appear only in reports.
 */

/** A cell's value as a spreadsheet holds it. Spreadsheet error values are kept as their text, e.g. "#REF!". */
export type CellValue = string | number | boolean | null;

/** An inclusive rectangle, 0-based. */
export interface CellRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetGrid {
  name: string;
  visibility: SheetVisibility;
  /** values[row][col]; rows may be shorter than others or missing (sparse tails are empty). */
  values: CellValue[][];
  /**
   * Text as Excel displays it, only where it differs from the raw value in a way that matters
   * (numbers with a format). Same shape as values, sparse.
   */
  text?: (string | null | undefined)[][];
  /** Number formats of numeric cells whose format is not General, sparse. */
  formats?: (string | null | undefined)[][];
  /** Font names where the host knows them and they matter (legacy Vietnamese fonts), sparse. */
  fonts?: (string | null | undefined)[][];
  /** Merged areas, clamped to the used range. */
  merges: CellRange[];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
  /** Workbook uses the 1904 date system (old Mac Excel). */
  date1904?: boolean;
  /** Custom document properties as strings (the validation stamp lives here). */
  customProps?: Record<string, string>;
  /**
   * When the workbook was last saved, as its own properties say (docProps/core.xml "modified"), an
   * ISO instant. Unlike a file's time it survives e-mail and copying.
   */
  savedAt?: string;
}
