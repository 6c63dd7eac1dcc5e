/**
 * Workbook bytes → neutral WorkbookGrid, in-process and synchronous. Safe for the browser: no
 * Node module is imported; a native inflater is picked up only when the runtime offers one.
 * For untrusted batches in Node use reader-pool.ts, which runs this inside a worker with memory
 * and time limits.
 */
import * as XLSX from '@e965/xlsx';
import type { CellRange, CellValue, SheetGrid, SheetVisibility, WorkbookGrid } from '../core/grid/types';
import type { UnreadableInfo } from '../core/report/unreadable';
import type { GuardLimits } from './limits';
import { errMessage, UnreadableError } from './unreadable-error';
import { boundBiffHyperlinks, boundCfbHyperlinks } from './biff-bounds';
import { boundSheetEntry, EXCEL_MAX_COLS } from './sheet-bounds';
import { guardBytes } from './zip-guard';
import type { ZipCodec } from './zip/reader';
import { repackStored } from './zip/writer';

export { UnreadableError } from './unreadable-error';

/** Rows read per sheet; forms have hundreds of rows, so anything past this is not a submission. */
export const MAX_SHEET_ROWS = 200_000;
/**
 * Cells (including empty ones before the last cell of each row) a sheet's grid may hold. Stops a
 * sheet with one cell far right on every row from becoming billions of nulls.
 */
export const MAX_GRID_CELLS = 20_000_000;

export interface ParseOptions {
  limits?: Partial<GuardLimits>;
  maxRows?: number;
  maxGridCells?: number;
  /**
   * Inflater used to verify and repack ZIP entries before the parser sees them. Defaults to
   * node:zlib when the runtime has it; `null` hands the archive to the parser as it is.
   */
  codec?: ZipCodec | null;
}

export interface GridOptions {
  maxRows?: number;
  maxGridCells?: number;
}

/** A sheet whose rows were cut at the row cap. */
export interface TruncatedSheet {
  sheet: string;
  /** Rows kept (the cap); the sheet held more. */
  rowsRead: number;
}

/** WorkbookGrid plus what this reader had to leave out. */
export interface XlsxWorkbookGrid extends WorkbookGrid {
  truncated?: TruncatedSheet[];
}

/** Parse spreadsheet bytes. Throws UnreadableError (with `info`) for every kind of failure. */
export function parseWorkbookBytes(bytes: Uint8Array, opts: ParseOptions = {}): XlsxWorkbookGrid {
  const codec = opts.codec === undefined ? defaultCodec() : opts.codec;
  const verdict = guardBytes(bytes, { limits: opts.limits, codec });
  if (!verdict.ok) throw new UnreadableError(verdict.info.reason, verdict.info.detail);

  let input: Uint8Array = bytes;
  if (verdict.kind === 'zip' && codec) input = repackStored(bytes, verdict.zip, codec, boundSheetEntry);
  else if (verdict.kind === 'cfb') input = boundCfbHyperlinks(bytes);
  else if (verdict.kind === 'biff') input = boundBiffHyperlinks(bytes);

  const maxRows = opts.maxRows ?? MAX_SHEET_ROWS;
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() =>
      XLSX.read(input, {
        type: isNodeBuffer(input) ? 'buffer' : 'array',
        dense: true,
        cellNF: true,
        cellText: true,
        cellDates: false,
        // Cached values are all we need; formula text and rich-text HTML only cost memory.
        cellFormula: false,
        cellHTML: false,
        cellStyles: false,
        bookVBA: false,
        // Rows past the cap are skipped unparsed. One extra row tells whether the data runs on past
        // the cap; isolated rows further down go unnoticed (they are not a submission's table).
        sheetRows: maxRows + 1,
      }),
    );
  } catch (err) {
    const info = classifyParserError(err);
    throw new UnreadableError(info.reason, info.detail);
  }
  return workbookToGrid(wb, { maxRows, maxGridCells: opts.maxGridCells });
}

type ConsoleMethod = 'error' | 'warn' | 'log' | 'info' | 'debug';
const CONSOLE_METHODS: ConsoleMethod[] = ['error', 'warn', 'log', 'info', 'debug'];

/**
 * Run the parser with the console silenced: on damaged .xls records it prints notes such as
 * "Missing Info for XLS Record" that would reach the user's terminal. What matters of a damaged
 * file is reported as a finding or an unreadable reason, not as library output.
 */
function quietly<T>(parse: () => T): T {
  const saved = CONSOLE_METHODS.map((m) => console[m]);
  for (const m of CONSOLE_METHODS) console[m] = () => undefined;
  try {
    return parse();
  } finally {
    CONSOLE_METHODS.forEach((m, i) => (console[m] = saved[i]!));
  }
}

/** Map an exception thrown by the spreadsheet library to an unreadable reason. */
export function classifyParserError(err: unknown): UnreadableInfo {
  if (err instanceof UnreadableError) return err.info;
  const msg = errMessage(err);
  if (/password|encrypt/i.test(msg)) return { reason: 'encrypted', detail: msg };
  if (err instanceof RangeError && /allocation|array buffer|invalid array length|invalid string length/i.test(msg)) {
    return { reason: 'too-large', detail: msg };
  }
  return { reason: 'corrupt', detail: msg || 'the spreadsheet parser failed' };
}

// ---------------------------------------------------------------------------------------------

export function workbookToGrid(wb: XLSX.WorkBook, opts: GridOptions = {}): XlsxWorkbookGrid {
  const maxRows = opts.maxRows ?? MAX_SHEET_ROWS;
  const maxCells = opts.maxGridCells ?? MAX_GRID_CELLS;
  const meta = wb.Workbook?.Sheets ?? [];
  const date1904 = isTrue(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetGrid[] = [];
  const truncated: TruncatedSheet[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const visibility = toVisibility(meta[i]?.Hidden);
    const { grid, cut } = sheetToGrid(ws, name, visibility, maxRows, maxCells, date1904);
    sheets.push(grid);
    if (cut) truncated.push({ sheet: name, rowsRead: maxRows });
  });
  const out: XlsxWorkbookGrid = { sheets };
  if (date1904) out.date1904 = true;
  const props = customProps(wb);
  if (props) out.customProps = props;
  const saved = savedAt(wb);
  if (saved) out.savedAt = saved;
  if (truncated.length) out.truncated = truncated;
  return out;
}

/** docProps/core.xml's dcterms:modified, when it is a real instant (some writers leave 1980 or nothing). */
function savedAt(wb: XLSX.WorkBook): string | undefined {
  const d = wb.Props?.ModifiedDate as Date | string | undefined;
  const t = d instanceof Date ? d.getTime() : typeof d === 'string' ? Date.parse(d) : NaN;
  return Number.isFinite(t) && t > Date.UTC(1990, 0, 1) ? new Date(t).toISOString() : undefined;
}

interface CellOut {
  value: CellValue;
  text?: string;
  format?: string;
}

function sheetToGrid(
  ws: XLSX.WorkSheet | undefined,
  name: string,
  visibility: SheetVisibility,
  maxRows: number,
  maxCells: number,
  date1904: boolean,
): { grid: SheetGrid; cut: boolean } {
  const values: CellValue[][] = [];
  let text: (string | null | undefined)[][] | undefined;
  let formats: (string | null | undefined)[][] | undefined;
  let cut = false;
  let maxCol = -1;
  let budget = maxCells;

  const putRow = (r: number, cells: (CellOut | undefined)[]) => {
    let last = cells.length - 1;
    while (last >= 0 && isEmpty(cells[last])) last--;
    if (last < 0) return;
    if (r >= maxRows) {
      cut = true;
      return;
    }
    budget -= last + 1;
    if (budget < 0) {
      throw new UnreadableError('too-large', `sheet "${name}" would hold more than ${maxCells} cells`);
    }
    const row: CellValue[] = new Array<CellValue>(last + 1).fill(null);
    for (let c = 0; c <= last; c++) {
      const cell = cells[c];
      if (!cell) continue;
      row[c] = cell.value;
      if (cell.text !== undefined) ((text ??= [])[r] ??= [])[c] = cell.text;
      if (cell.format !== undefined) ((formats ??= [])[r] ??= [])[c] = cell.format;
    }
    values[r] = row;
    if (last > maxCol) maxCol = last;
  };

  if (ws) {
    const dense = (ws as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'];
    if (dense) {
      // Indexed loops bounded by the row cap and Excel's last column: a holey array's length may
      // claim billions (a reference no pre-parse bound caught, e.g. in .xlsb), and walking it
      // cannot be interrupted.
      const rowEnd = Math.min(dense.length, maxRows + 1);
      for (let r = 0; r < rowEnd; r++) {
        const row = dense[r];
        if (!row) continue;
        const cells: (CellOut | undefined)[] = [];
        const colEnd = Math.min(row.length, EXCEL_MAX_COLS);
        for (let c = 0; c < colEnd; c++) {
          const cell = row[c];
          if (cell) cells[c] = convertCell(cell, date1904);
        }
        putRow(r, cells);
      }
    } else {
      // Sparse worksheet (a WorkBook from elsewhere): gather by row first.
      const rows = new Map<number, (CellOut | undefined)[]>();
      for (const key of Object.keys(ws)) {
        if (key.startsWith('!')) continue;
        const { r, c } = XLSX.utils.decode_cell(key);
        if (r < 0 || c < 0 || c >= EXCEL_MAX_COLS) continue;
        if (r > maxRows) {
          cut = true;
          continue;
        }
        let cells = rows.get(r);
        if (!cells) rows.set(r, (cells = []));
        cells[c] = convertCell(ws[key] as XLSX.CellObject, date1904);
      }
      [...rows.keys()].sort((a, b) => a - b).forEach((r) => putRow(r, rows.get(r)!));
    }
  }

  // Rows between data rows are empty arrays, never holes, so consumers can index freely.
  for (let r = 0; r < values.length; r++) if (!values[r]) values[r] = [];
  const maxRow = values.length - 1;

  const merges: CellRange[] = [];
  for (const m of (ws?.['!merges'] ?? []) as XLSX.Range[]) {
    const r0 = Math.min(m.s.r, m.e.r);
    const c0 = Math.min(m.s.c, m.e.c);
    // Keep the top-left (it carries the merged value); cut the area back to the used range.
    if (!(r0 >= 0 && c0 >= 0) || r0 > maxRow || c0 > maxCol) continue;
    const r1 = Math.min(Math.max(m.s.r, m.e.r), maxRow);
    const c1 = Math.min(Math.max(m.s.c, m.e.c), maxCol);
    if (r1 === r0 && c1 === c0) continue;
    merges.push({ r0, c0, r1, c1 });
  }
  merges.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);

  const grid: SheetGrid = { name, visibility, values, merges };
  if (text) grid.text = trimSparse(text, values.length);
  if (formats) grid.formats = trimSparse(formats, values.length);
  return { grid, cut };
}

/** Fill holes in the sparse side arrays with empty rows, the same way as values. */
function trimSparse<T>(rows: T[][], n: number): T[][] {
  rows.length = Math.min(rows.length, n);
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  return rows;
}

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function convertCell(cell: XLSX.CellObject, date1904: boolean): CellOut | undefined {
  const w = typeof cell.w === 'string' ? cell.w : undefined;
  const z = typeof cell.z === 'string' && cell.z !== 'General' ? cell.z : undefined;
  switch (cell.t) {
    case 'n': {
      const v = cell.v;
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      const out: CellOut = { value: v };
      if (w !== undefined && w !== String(v)) out.text = w;
      if (z !== undefined) out.format = z;
      return out;
    }
    case 's':
      return typeof cell.v === 'string' ? { value: cell.v } : w !== undefined ? { value: w } : undefined;
    case 'b':
      return { value: Boolean(cell.v) };
    case 'e':
      return { value: w ?? ERROR_TEXT[cell.v as number] ?? '#ERROR!' };
    case 'd': {
      // Only reachable for WorkBooks read with cellDates elsewhere: back to a serial like Excel holds.
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(d.getTime())) return w !== undefined ? { value: w } : undefined;
      const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
      const out: CellOut = { value: (d.getTime() - epoch) / 86_400_000 };
      if (w !== undefined) out.text = w;
      out.format = z ?? 'yyyy-mm-dd';
      return out;
    }
    default:
      return undefined; // 'z' stubs and cells without a value
  }
}

function isEmpty(c: CellOut | undefined): boolean {
  return c === undefined || c.value === null || c.value === '';
}

function toVisibility(hidden: unknown): SheetVisibility {
  const h = Number(hidden ?? 0);
  return h === 1 ? 'hidden' : h === 2 ? 'veryHidden' : 'visible';
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

/**
 * For .xls SheetJS puts summary and custom properties in one object (Custprops === Props); these
 * names are the built-in ones it may add, not custom properties.
 */
const BUILTIN_PROPS = new Set([
  'CodePage',
  'Category',
  'PresentationFormat',
  'ByteCount',
  'LineCount',
  'ParagraphCount',
  'SlideCount',
  'NoteCount',
  'HiddenCount',
  'MultimediaClipCount',
  'ScaleCrop',
  'HeadingPairs',
  'TitlesOfParts',
  'Manager',
  'Company',
  'LinksUpToDate',
  'CharacterCount',
  'SharedDoc',
  'HyperlinksChanged',
  'AppVersion',
  'DigSig',
  'ContentType',
  'ContentStatus',
  'Language',
  'Version',
  'Locale',
  'Behavior',
  'Title',
  'Subject',
  'Author',
  'Keywords',
  'Comments',
  'Template',
  'LastAuthor',
  'RevNumber',
  'EditTime',
  'LastPrinted',
  'CreatedDate',
  'ModifiedDate',
  'PageCount',
  'WordCount',
  'CharCount',
  'Thumbnail',
  'Application',
  'DocSecurity',
  'SystemIdentifier',
  'FMTID',
  '_PID_LINKBASE',
  '_PID_HLINKS',
  'Worksheets',
  'SheetNames',
  'NamedRanges',
  'Chartsheets',
  'Dialogsheets',
  'Macrosheets',
]);

function customProps(wb: XLSX.WorkBook): Record<string, string> | undefined {
  const src = wb.Custprops as Record<string, unknown> | undefined;
  if (!src) return undefined;
  const shared = src === (wb.Props as unknown);
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined || v === null || (shared && BUILTIN_PROPS.has(k))) continue;
    out[k] = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    any = true;
  }
  return any ? out : undefined;
}

// ---------------------------------------------------------------------------------------------

type ZlibLike = {
  inflateRawSync(buf: Uint8Array, opts: { maxOutputLength: number }): Uint8Array;
  /** Node ≥ 20.15. */
  crc32?(data: Uint8Array): number;
};
type BufferCtor = { allocUnsafe(n: number): Uint8Array; isBuffer(x: unknown): boolean };

let cachedCodec: ZipCodec | null | undefined;

/**
 * node:zlib through process.getBuiltinModule (Node ≥ 20.16) so browser bundlers never see a Node
 * import; elsewhere there is no codec and the archive goes to the parser unrepacked.
 */
function defaultCodec(): ZipCodec | null {
  if (cachedCodec !== undefined) return cachedCodec;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.('node:zlib') as ZlibLike | undefined;
  cachedCodec = zlib ? makeZlibCodec(zlib) : null;
  return cachedCodec;
}

/** Bounded raw inflate on top of a node:zlib-like module. */
export function makeZlibCodec(zlib: ZlibLike): ZipCodec {
  const B = (globalThis as { Buffer?: BufferCtor }).Buffer;
  return {
    inflateRaw(data, expectedSize) {
      // One byte of slack so "longer than declared" is detected rather than silently cut.
      return zlib.inflateRawSync(data, { maxOutputLength: expectedSize + 1 });
    },
    alloc: B ? (n) => B.allocUnsafe(n) : undefined,
    crc32: zlib.crc32 ? (data) => zlib.crc32!(data) : undefined,
  };
}

function isNodeBuffer(x: Uint8Array): boolean {
  const B = (globalThis as { Buffer?: BufferCtor }).Buffer;
  return !!B && B.isBuffer(x);
}
