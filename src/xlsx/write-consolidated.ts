/**
 * ConsolidatedModel → styled .xlsx with exceljs. The file variant streams rows to disk so a
 * province-wide round (hundreds of units × several forms) never sits in memory as cell objects;
 * the buffer variant builds the workbook in memory because exceljs's browser build has only the
 * in-memory Workbook. Both go through the same renderer, so they write the same cells.
 *
 * Browser-safe at import time: node:fs is fetched only when the file variant runs.
 */
import * as ExcelJS from 'exceljs';
import type * as NodeFs from 'node:fs';
import type * as NodeZlib from 'node:zlib';
import { addSummaryChart } from './chart-part';
import type { Inflate } from './zip/reader';
import type { CellValue, SheetGrid, WorkbookGrid } from '../core/grid/types';
import { dateSerial, dateTimeSerial } from '../core/merge/serials';
import { metaChunks } from '../core/merge/model';
export { metaChunks, META_CHUNK } from '../core/merge/model';
export { dateSerial, dateTimeSerial, VIETNAM_OFFSET_MINUTES } from '../core/merge/serials';
import {
  META_SHEET,
  isOutDate,
  isOutDateTime,
  type ConsolidatedModel,
  type OutCell,
  type OutColumnKind,
  type OutSheet,
} from '../core/merge/model';

export interface WriteConsolidatedOptions {
  /**
   * Sheets of the previous workbook that Phuluc did not create (see readConsolidated), written
   * after the model's sheets. Only what a WorkbookGrid carries survives: values, merges, number
   * formats and visibility. Fonts, fills, borders, widths, charts and formulas of those sheets are
   * lost, because we never read files with exceljs (SheetJS reads them, and keeps no styles).
   */
  keep?: WorkbookGrid['sheets'];
  /**
   * An inflater for the chart step (the browser's DecompressionStream): exceljs draws no chart, so
   * its parts are added to the archive after it is written. Node uses node:zlib.
   */
  inflate?: Inflate;
}

export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const PERCENT_FORMAT = '0.0%';
export const INTEGER_FORMAT = '0';
/** Date-times are shown in Vietnam time; Excel cells have no zone, so we store +07 wall time. */
/** Characters per meta cell: below Excel's 32,767 per cell with room to spare. */
export const MIN_WIDTH = 8;
export const MAX_WIDTH = 60;

/** Stream the workbook to `path`; an existing file there is replaced only once the new one is complete. */
export async function writeConsolidatedFile(model: ConsolidatedModel, path: string, opts: WriteConsolidatedOptions = {}): Promise<void> {
  const fs = nodeFs();
  // Refuse a bad model before a file is opened, rather than half-way through writing it.
  checkModel(model);
  // `merge -o` writes onto the workbook it just read: a failure half-way must not destroy it
  // (it holds the sheets the user added), so write beside it and rename at the end.
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const out = fs.createWriteStream(tmp);
  // exceljs listens for errors of its output only once it finalizes the zip: an error before that
  // (no such folder, disk full while a sheet is zipped) would be an unhandled 'error' event, or
  // leave commit() waiting for ever. Every step races against it.
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  failed.catch(() => undefined);
  const closed = new Promise<void>((resolve) => out.on('close', () => resolve()));
  try {
    await Promise.race([new Promise<void>((resolve) => out.once('open', () => resolve())), failed]);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      // Shared strings would keep every distinct string of the round in memory until the end; a
      // long text down a column (a 32,767-character answer on every row) is the exception: written
      // in each cell it made sheets of hundreds of megabytes that no reader, Phuluc included, takes.
      useSharedStrings: repeatsLongText(model),
      ...docProps(model),
    });
    await renderWorkbook(wb as unknown as ExcelJS.Workbook, model, opts, true);
    await Promise.race([wb.commit(), failed]);
    await Promise.race([closed, failed]);
    const zlib = nodeModule<typeof NodeZlib>('node:zlib');
    const inflate: Inflate = async (data, size) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
    await fs.promises.writeFile(tmp, await addSummaryChart(new Uint8Array(await fs.promises.readFile(tmp)), model, inflate));
    await fs.promises.rename(tmp, path);
  } catch (err) {
    if (!out.destroyed) out.destroy();
    await closed.catch(() => undefined);
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Some long text is written more than once: stored once in a shared-string table, it costs once. */
function repeatsLongText(model: ConsolidatedModel): boolean {
  const seen = new Set<string>();
  for (const sheet of model.sheets) {
    for (const row of sheet.rows) {
      for (const v of row) {
        if (typeof v !== 'string' || v.length < LONG_TEXT) continue;
        if (seen.has(v)) return true;
        seen.add(v);
      }
    }
  }
  return false;
}

const LONG_TEXT = 1_000;

/** The same workbook as bytes, built in memory (the only writer exceljs ships for browsers). */
export async function writeConsolidatedBuffer(model: ConsolidatedModel, opts: WriteConsolidatedOptions = {}): Promise<Uint8Array> {
  checkModel(model);
  const wb = new ExcelJS.Workbook();
  const props = docProps(model);
  wb.creator = props.creator;
  wb.lastModifiedBy = props.creator;
  wb.created = props.created;
  wb.modified = props.created;
  await renderWorkbook(wb, model, opts, false);
  const buf = (await wb.xlsx.writeBuffer({ useStyles: true })) as unknown;
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf as ArrayBuffer);
  return opts.inflate ? addSummaryChart(bytes, model, opts.inflate) : bytes;
}

// ---------------------------------------------------------------------------------------------
// Rendering shared by both writers. The streaming writer's API is a subset of the in-memory
// one except for commits, which the in-memory workbook does not need (`streaming` says which).

async function renderWorkbook(
  wb: ExcelJS.Workbook,
  model: ConsolidatedModel,
  opts: WriteConsolidatedOptions,
  streaming: boolean,
): Promise<void> {
  const taken = new Set(model.sheets.map((s) => s.name.toLowerCase()));
  const styles = new StyleCache();
  const pace = pacer(streaming);
  for (const sheet of model.sheets) await renderOutSheet(wb, sheet, styles, streaming, pace);

  for (const grid of opts.keep ?? []) {
    // A kept sheet whose name the model now uses is replaced by the model's (the same rule as
    // for Phuluc's own sheets); Excel cannot hold two sheets of one name. Invalid names cannot
    // come from a workbook Excel wrote, but are skipped rather than corrupt the output.
    const key = grid.name.toLowerCase();
    if (taken.has(key) || key === META_SHEET.toLowerCase() || sheetNameProblem(grid.name)) continue;
    taken.add(key);
    await renderKeptSheet(wb, grid, styles, streaming, pace);
  }

  renderMetaSheet(wb, model, streaming);
}

async function renderOutSheet(wb: ExcelJS.Workbook, sheet: OutSheet, styles: StyleCache, streaming: boolean, pace: Pacer): Promise<void> {
  // The chart (sheet.chart) is not drawn: exceljs cannot write charts. Hosts that can (Office.js)
  // draw it from the same model.
  let nCols = sheet.columns.length;
  for (const r of sheet.rows) if (r.length > nCols) nCols = r.length;
  const ws = wb.addWorksheet(sheet.name, {
    // Views and column widths must be known before the first row: the streaming writer emits
    // <sheetViews> when the sheet opens and <cols> with the first row.
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    // Clerks print these for the report to the province: A4 landscape, all columns on one page
    // width, the header row repeated on every page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  if (nCols > 0) {
    ws.columns = fitWidths(sheet, nCols).map((width) => ({ width }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: nCols } };
  }

  const header = ws.addRow([]);
  sheet.columns.forEach((col, c) => {
    const cell = header.getCell(c + 1);
    cell.value = textValue(col.header, streaming);
    cell.style = styles.header;
  });
  header.commit();

  const kinds = sheet.columns.map((c) => c.kind);
  for (const values of sheet.rows) {
    const row = addPlainRow(ws, styles);
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === undefined) continue;
      setOutCell(row.getCell(c + 1), v, kinds[c] ?? 'text', styles, streaming);
    }
    if (streaming) row.commit();
    await pace();
  }
  if (streaming) ws.commit();
}

/**
 * Rendering rows is synchronous, but the zip deflates and writes only when the event loop turns:
 * without a pause every sheet's XML would wait in memory and be compressed after the last row,
 * instead of on another thread while rows are rendered. Resolves at once except every few rows
 * of a streamed workbook.
 */
type Pacer = () => Promise<void> | void;
const ROWS_PER_PAUSE = 500;

function pacer(streaming: boolean): Pacer {
  if (!streaming) return () => undefined;
  let rows = 0;
  return () => {
    if (++rows % ROWS_PER_PAUSE === 0) return new Promise<void>((resolve) => setImmediate(resolve));
  };
}

/** A new row sharing the plain style: exceljs gives each row a fresh {} and resolves it per row. */
function addPlainRow(ws: ExcelJS.Worksheet, styles: StyleCache): ExcelJS.Row {
  const row = ws.addRow([]);
  // The typings leave out Row#style, which exceljs reads when it writes the row.
  (row as ExcelJS.Row & { style: Partial<ExcelJS.Style> }).style = styles.plain;
  return row;
}

function setOutCell(cell: ExcelJS.Cell, v: OutCell, kind: OutColumnKind, styles: StyleCache, streaming: boolean): void {
  cell.style = styles.plain;
  if (typeof v === 'string') {
    // An empty string is an empty cell: Excel has no way to type one, and readers would see "".
    if (v !== '') cell.value = textValue(v, streaming);
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      // Excel cannot store NaN or infinities; keep what the model had as text rather than lose it.
      cell.value = String(v);
      return;
    }
    cell.value = v;
    if (kind === 'percent') cell.style = styles.numFmt(PERCENT_FORMAT);
    else if (kind === 'integer') cell.style = styles.numFmt(INTEGER_FORMAT);
  } else if (typeof v === 'boolean') {
    cell.value = v;
  } else if (isOutDate(v)) {
    const serial = dateSerial(v.date);
    // An unparseable or pre-1900-03-01 date is written as its text: never a wrong date.
    if (serial === null) cell.value = v.date;
    else {
      cell.value = serial;
      cell.style = styles.numFmt(DATE_FORMAT);
    }
  } else if (isOutDateTime(v)) {
    const serial = dateTimeSerial(v.dateTime);
    if (serial === null) cell.value = v.dateTime;
    else {
      cell.value = serial;
      cell.style = styles.numFmt(DATETIME_FORMAT);
    }
  }
}

async function renderKeptSheet(wb: ExcelJS.Workbook, grid: SheetGrid, styles: StyleCache, streaming: boolean, pace: Pacer): Promise<void> {
  const ws = wb.addWorksheet(grid.name, { state: grid.visibility });
  // mergeCells needs every row of the area still uncommitted, and values must be in place before
  // it (setting a value on a merged cell writes to the master). So rows are committed only up to
  // the first row of the next merge not yet applied.
  const merges = [...grid.merges].sort((a, b) => a.r1 - b.r1 || a.r0 - b.r0);
  const openFrom: number[] = new Array(merges.length + 1);
  openFrom[merges.length] = Infinity;
  for (let i = merges.length - 1; i >= 0; i--) openFrom[i] = Math.min(merges[i]!.r0, openFrom[i + 1]!);
  let mi = 0;
  let committed = -1;

  const applyMerge = (m: (typeof merges)[number]) => {
    try {
      ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    } catch {
      // Overlapping areas: Excel would not have written them; the first one wins.
    }
  };

  for (let r = 0; r < grid.values.length; r++) {
    const row = addPlainRow(ws, styles);
    const values = grid.values[r] ?? [];
    const formats = grid.formats?.[r];
    for (let c = 0; c < values.length; c++) {
      const v: CellValue | undefined = values[c];
      if (v === null || v === undefined || v === '') continue;
      const cell = row.getCell(c + 1);
      cell.style = styles.plain;
      if (typeof v === 'number' && !Number.isFinite(v)) {
        cell.value = String(v);
        continue;
      }
      cell.value = typeof v === 'string' ? textValue(v, streaming) : v;
      const fmt = typeof v === 'number' ? formats?.[c] : undefined;
      if (fmt) cell.style = styles.numFmt(fmt);
    }
    while (mi < merges.length && merges[mi]!.r1 <= r) applyMerge(merges[mi++]!);
    const safe = Math.min(r, openFrom[mi]! - 1);
    if (streaming && safe > committed) {
      ws.getRow(safe + 1).commit();
      committed = safe;
    }
    await pace();
  }
  // Merges below the last row with values (none from read-grid, which clamps them).
  while (mi < merges.length) applyMerge(merges[mi++]!);
  if (streaming) ws.commit();
}

function renderMetaSheet(wb: ExcelJS.Workbook, model: ConsolidatedModel, streaming: boolean): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  for (const chunk of metaChunks(JSON.stringify(model.meta))) {
    const row = ws.addRow([]);
    row.getCell(1).value = textValue(chunk, streaming);
    if (streaming) row.commit();
  }
  if (streaming) ws.commit();
}

/** Text Excel would decode as an escaped character: `_x0041_` reads as "A". */
const XML_ESCAPE_LIKE = /_x[0-9a-f]{4}_/i;
/** Leading or trailing white space, which LibreOffice trims from a t="str" value. */
const EDGE_SPACE = /^\s|\s$/;

/**
 * A string as a cell value that reads back as exactly that string, never as a formula.
 *
 * exceljs makes a formula only of a { formula } object, so "=SUM(…)" or "- Đã ban hành" given as
 * a string stays text. The streaming writer (no shared strings) puts it in the cell as t="str"
 * with no <f>, which Excel and LibreOffice read as text, but LibreOffice trims white space at
 * either end of it; those strings go as an inline string instead (<t xml:space="preserve">),
 * which costs more bytes and so is not used for all. The in-memory writer always writes shared
 * strings, whatever its useSharedStrings option says, and exceljs preserves spaces there.
 *
 * A literal `_xHHHH_` is escaped as `_x005F_xHHHH_`, the way Excel writes it, because readers
 * (Excel, SheetJS) decode it into one character.
 */
function textValue(v: string, streaming: boolean): ExcelJS.CellValue {
  const escaped = XML_ESCAPE_LIKE.test(v);
  const text = escaped ? v.replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1') : v;
  if (streaming && (escaped || EDGE_SPACE.test(v))) return { richText: [{ text }] };
  return text;
}

// ---------------------------------------------------------------------------------------------
// Widths

/** Display widths in characters: header (plus room for the filter button) and longest value. */
export function fitWidths(sheet: OutSheet, nCols: number): number[] {
  const widths: number[] = [];
  for (let c = 0; c < nCols; c++) {
    const col = sheet.columns[c];
    // Bold header text is a little wider, and the autofilter button takes about two characters.
    widths.push(col ? textWidth(col.header) + 3 : 0);
  }
  for (const row of sheet.rows) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      // A string can only be as wide as its UTF-16 length: skip counting the ones that cannot win.
      if (typeof v === 'string' && v.length + 1 <= widths[c]!) continue;
      const w = valueWidth(v, sheet.columns[c]?.kind ?? 'text') + 1;
      if (w > widths[c]!) widths[c] = w;
    }
  }
  return widths.map((w, c) => {
    const suggested = sheet.columns[c]?.width ?? 0;
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w, suggested));
  });
}

function valueWidth(v: OutCell, kind: OutColumnKind): number {
  if (typeof v === 'string') return textWidth(v);
  if (typeof v === 'boolean') return 5;
  if (typeof v === 'number') {
    if (kind === 'percent') return (v * 100).toFixed(1).length + 1;
    if (kind === 'integer') return Math.round(v).toString().length;
    // General shows at most about 11 characters.
    return Math.min(String(v).length, 11);
  }
  if (isOutDate(v)) return 10;
  if (isOutDateTime(v)) return 16;
  return 0;
}

/**
 * Characters of the longest line, counted as a person sees them: a surrogate pair or a
 * combining mark (decomposed Vietnamese) adds nothing to the width.
 */
export function textWidth(s: string): number {
  let best = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 10) {
      if (n > best) best = n;
      n = 0;
    } else if ((code >= 0xdc00 && code <= 0xdfff) || (code >= 0x300 && code <= 0x36f) || code === 13) {
      continue;
    } else {
      n++;
    }
  }
  return n > best ? n : best;
}

// ---------------------------------------------------------------------------------------------

/**
 * One style object per look. exceljs recognises a style object it has seen by identity (a
 * WeakMap), so sharing them keeps a million cells from each being hashed into styles.xml.
 */
class StyleCache {
  readonly header: Partial<ExcelJS.Style> = Object.freeze({
    font: { name: 'Calibri', size: 11, family: 2, bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
    alignment: { vertical: 'middle' },
  }) as Partial<ExcelJS.Style>;
  /**
   * The style of every plain cell, and of every row. exceljs resolves a cell's style for every cell
   * it writes and remembers the answer per style object: a fresh {} per cell costs half the
   * writing time, one shared object costs nothing. Rows too: each new row has its own {} otherwise,
   * which costs a tenth of the writing time.
   */
  readonly plain: Partial<ExcelJS.Style> = Object.freeze({}) as Partial<ExcelJS.Style>;
  private readonly byFormat = new Map<string, Partial<ExcelJS.Style>>();

  numFmt(fmt: string): Partial<ExcelJS.Style> {
    let s = this.byFormat.get(fmt);
    if (!s) this.byFormat.set(fmt, (s = Object.freeze({ numFmt: fmt }) as Partial<ExcelJS.Style>));
    return s;
  }
}

const BAD_NAME_CHARS = /[*?:/\\[\]]/;

/** Why Excel would refuse this sheet name, or null. */
function sheetNameProblem(name: string): string | null {
  if (!name) return 'is empty';
  if (name.length > 31) return 'is longer than 31 characters';
  if (BAD_NAME_CHARS.test(name)) return 'contains one of * ? : \\ / [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return 'starts or ends with an apostrophe';
  if (name.toLowerCase() === 'history') return 'is reserved by Excel';
  return null;
}

/**
 * The streaming writer accepts any sheet name and writes a workbook Excel will not open; the
 * in-memory one throws or truncates. Checking first makes both variants fail the same way.
 */
function checkModel(model: ConsolidatedModel): void {
  // Excel refuses a workbook whose only sheet is very hidden.
  if (!model.sheets.length) throw new Error('a consolidated workbook needs at least one sheet');
  const taken = new Set<string>([META_SHEET.toLowerCase()]);
  for (const { name } of model.sheets) {
    const problem = sheetNameProblem(name);
    if (problem) throw new Error(`sheet name "${name}" ${problem}`);
    if (taken.has(name.toLowerCase())) {
      throw new Error(name === META_SHEET ? `sheet name "${name}" is reserved for Phuluc's metadata` : `two sheets are named "${name}"`);
    }
    taken.add(name.toLowerCase());
  }
}

function docProps(model: ConsolidatedModel): { creator: string; created: Date } {
  // The generation time rather than "now", so writing one model twice gives the same properties.
  const t = Date.parse(model.meta.generatedAt);
  return { creator: model.meta.tool || 'Phuluc', created: Number.isNaN(t) ? new Date() : new Date(t) };
}

function nodeFs(): typeof NodeFs {
  return nodeModule<typeof NodeFs>('node:fs');
}

/** A Node built-in without importing it: this module is bundled for the browser too. */
function nodeModule<T>(id: string): T {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const m = proc?.getBuiltinModule?.(id) as T | undefined;
  if (!m) throw new Error('writeConsolidatedFile needs Node.js (use writeConsolidatedBuffer elsewhere)');
  return m;
}
