/**
 * The open workbook as neutral grids, in a few round trips that do not grow with the number of rows
 * until a workbook outgrows what one response may carry:
 *   1.   the sheets and the stamp;
 *   2.   every used range's extent, and merged areas where ExcelApi 1.13 allows;
 *   3…k. the used ranges' values and number formats, in row blocks packed so that no round trip reads
 *        more than MAX_CELLS_PER_SYNC cells (Excel on the web refuses a response over 5 MB): one round
 *        trip for a normal submission, ⌈cells / MAX_CELLS_PER_SYNC⌉ for a very large one, never one per row;
 *   then, only if some text looks legacy-encoded, one for the font names of those cells.
 * A normal submission takes 3 round trips (4 with legacy fonts).
 */
import type { CellRange, CellValue, SheetGrid, SheetVisibility, WorkbookGrid } from '../core/grid/types';
import { STAMP_PROPERTY } from '../core/stamp/stamp';
import { parseRangeA1, rangeA1 } from '../core/grid/address';
import type { Capabilities } from './capabilities';

/** Cells whose fonts are asked for at most (legacy text is rare; a whole legacy sheet needs one font). */
const MAX_FONT_PROBES = 2000;
// Characters a legacy font produces that Unicode Vietnamese never uses (see core/text/legacy).
export const LEGACY_HINT =
  /[\u00A1-\u00BF\u00C6\u00C7\u00CB\u00CE\u00CF\u00D0\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE\u00EF\u00F0\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;

/**
 * Cells (values + number formats) read in one round trip at most. Excel on the web refuses a response
 * over 5 MB (ResponsePayloadSizeLimitExceeded). A submission's cell costs ≈ 40 bytes of response JSON
 * (measured on the fixtures' PL02: ≈ 27 for the value — half the cells are Vietnamese sentences —
 * and ≈ 12 for the number format, "General" with quotes and comma), so 100,000 cells ≈ 4 MB: a
 * 10,000-row form still fits one round trip, and cells may average 52 bytes before the limit. A
 * text-heavier workbook that still overflows is re-read with half as many cells (see readBlocks).
 */
export const MAX_CELLS_PER_SYNC = 100_000;

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

export interface ReadResult {
  grid: WorkbookGrid;
  /** Round trips used, for the tests and the benchmark. */
  syncs: number;
}

export interface ReadOptions {
  /** Overrides MAX_CELLS_PER_SYNC (tests). */
  maxCellsPerSync?: number;
}

interface SheetRead {
  ws: Excel.Worksheet;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
}

/** Rows [row, row + rows) of a sheet's used range, whose columns are [col, col + cols). */
interface Block {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function toCell(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/**
 * Takes blocks off the front of `pending` until `budget` cells, splitting the last one by rows so the
 * round trip is filled; at least one row, so that a budget smaller than a row still progresses.
 */
function takeBatch(pending: Block[], budget: number): Block[] {
  const batch: Block[] = [];
  let room = budget;
  while (pending.length) {
    const b = pending[0];
    const fit = Math.min(b.rows, Math.floor(room / b.cols));
    if (fit < 1 && batch.length) break;
    const rows = Math.max(1, fit);
    batch.push({ ...b, rows });
    room -= rows * b.cols;
    if (rows === b.rows) pending.shift();
    else pending[0] = { ...b, row: b.row + rows, rows: b.rows - rows };
    if (room <= 0) break;
  }
  return batch;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export async function readOpenWorkbook(context: Excel.RequestContext, caps: Capabilities, options: ReadOptions = {}): Promise<ReadResult> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const stampProp = caps.customProperties ? context.workbook.properties.custom.getItemOrNullObject(STAMP_PROPERTY) : null;
  if (stampProp) stampProp.load('value');
  await context.sync();
  syncs++;

  // Round trip 2: where every sheet's cells are, not yet what they hold (that may not fit one response).
  const extents = (withMerges: boolean): SheetRead[] =>
    sheets.items.map((ws) => {
      // 1.1 has no null-object variant: valuesOnly=false on an empty sheet still gives A1.
      const used = caps.usedRangeOrNull ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange();
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      const merged = withMerges ? used.getMergedAreasOrNullObject() : undefined;
      if (merged) merged.load('address');
      return { ws, used, merged };
    });
  let reads = extents(caps.mergedAreas);
  let banded: CellRange[][] | null = null;
  try {
    await context.sync();
    syncs++;
  } catch (e) {
    syncs++;
    if (!caps.mergedAreas) throw e;
    // Range.getMergedAreasOrNullObject "will fail to return the result" over 512 merged areas: the
    // extents again without them, then the merged areas in bands of rows (only then: a few more trips).
    reads = extents(false);
    await context.sync();
    syncs++;
    const bands = await readMergesInBands(context, reads, caps);
    syncs += bands.syncs;
    banded = bands.merges;
  }

  const blocks: Block[] = [];
  const formatsOf: (string | null)[][][] = [];
  const grids: SheetGrid[] = reads.map(({ ws, used, merged }, s) => {
    const visibility = VISIBILITY[ws.visibility] ?? 'visible';
    if (caps.usedRangeOrNull && used.isNullObject) return { name: ws.name, visibility, values: [], merges: [] };
    blocks.push({ sheet: s, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount });
    // Grids start at A1, so that cell addresses in reports are the sheet's own.
    const values: CellValue[][] = [];
    for (let r = 0; r < used.rowIndex; r++) values.push([]);
    const merges: CellRange[] = banded?.[s] ?? [];
    if (merged && !merged.isNullObject) addMerges(merged.address, merges);
    const formats: (string | null)[][] = (formatsOf[s] = []);
    return { name: ws.name, visibility, values, formats, merges };
  });

  // Round trips 3…k: the cells, in blocks of rows put back in place as they arrive.
  syncs += await readBlocks(context, caps, reads, blocks, options.maxCellsPerSync ?? MAX_CELLS_PER_SYNC, (b, rows, numberFormat) => {
    const values = grids[b.sheet].values;
    const formats = formatsOf[b.sheet];
    rows.forEach((row, i) => {
      const out: CellValue[] = new Array(b.col).fill(null);
      const fmt: (string | null)[] = new Array(b.col).fill(null);
      row.forEach((v, j) => {
        const cell = toCell(v);
        out.push(cell);
        const f = numberFormat[i]?.[j];
        fmt.push(typeof cell === 'number' && typeof f === 'string' && f !== 'General' ? f : null);
      });
      values[b.row + i] = out;
      formats[b.row + i] = fmt;
    });
  });

  // One more round trip, only when needed: fonts tell TCVN3/VNI text the characters alone cannot.
  const probes: { sheet: number; r: number; c: number; range: Excel.Range }[] = [];
  grids.forEach((g, s) => {
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (probes.length < MAX_FONT_PROBES && typeof v === 'string' && LEGACY_HINT.test(v)) {
          const range = reads[s].ws.getCell(r, c);
          range.load('format/font/name');
          probes.push({ sheet: s, r, c, range });
        }
      }),
    );
  });
  if (probes.length) {
    await context.sync();
    syncs++;
    for (const p of probes) {
      const g = grids[p.sheet];
      g.fonts ??= [];
      (g.fonts[p.r] ??= [])[p.c] = p.range.format.font.name;
    }
  }

  const customProps: Record<string, string> = {};
  if (stampProp && !stampProp.isNullObject && typeof stampProp.value === 'string') customProps[STAMP_PROPERTY] = stampProp.value;
  else {
    // Older Excel, or a stamp too long for a custom property: the document settings.
    const saved = documentSetting(STAMP_PROPERTY);
    if (saved) customProps[STAMP_PROPERTY] = saved;
  }
  return { grid: { sheets: grids, customProps }, syncs };
}

function addMerges(address: string, into: CellRange[]): void {
  if (!address) return;
  for (const part of address.split(',')) {
    const m = parseRangeA1(part);
    if (m) into.push(m);
  }
}

/**
 * Merged areas of sheets with more than Excel returns at once (512), band by band of rows: all sheets'
 * bands in one round trip, halved after a refusal. A merged area is returned by the band holding
 * its top-left cell only (office-js#3611), so bands never count one twice. A single row over the
 * limit fails with Excel's error.
 */
async function readMergesInBands(
  context: Excel.RequestContext,
  reads: SheetRead[],
  caps: Capabilities,
): Promise<{ merges: CellRange[][]; syncs: number }> {
  const merges: CellRange[][] = reads.map(() => []);
  let pending = reads.flatMap(({ used }, sheet) =>
    caps.usedRangeOrNull && used.isNullObject
      ? []
      : [{ sheet, row: used.rowIndex, rows: used.rowCount, col: used.columnIndex, cols: used.columnCount }],
  );
  let syncs = 0;
  while (pending.length) {
    const areas = pending.map((b) => {
      const merged = reads[b.sheet].ws.getRange(rangeA1(b.row, b.col, b.row + b.rows - 1, b.col + b.cols - 1)).getMergedAreasOrNullObject();
      merged.load('address');
      return merged;
    });
    try {
      // Halving after each refusal: logarithmic in the rows, never one per row.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (pending.every((b) => b.rows === 1)) throw e;
      pending = pending.flatMap((b) =>
        b.rows === 1
          ? [b]
          : [
              { ...b, rows: Math.ceil(b.rows / 2) },
              { ...b, row: b.row + Math.ceil(b.rows / 2), rows: Math.floor(b.rows / 2) },
            ],
      );
      continue;
    }
    pending.forEach((b, i) => {
      if (!areas[i].isNullObject) addMerges(areas[i].address, merges[b.sheet]);
    });
    pending = [];
  }
  return { merges, syncs };
}

/**
 * Reads the blocks' values and number formats, at most `budget` cells per round trip; returns the
 * round trips used. Should a response still be refused as too large (cells heavier than budgeted),
 * the refused blocks are read again, half as many cells per round trip: a few more round trips
 * (logarithmic), never one per row. A single row over the limit fails with Excel's error.
 */
async function readBlocks(
  context: Excel.RequestContext,
  caps: Capabilities,
  reads: SheetRead[],
  blocks: Block[],
  budget: number,
  take: (b: Block, values: unknown[][], numberFormat: unknown[][]) => void,
): Promise<number> {
  let syncs = 0;
  const pending = [...blocks];
  while (pending.length) {
    const batch = takeBatch(pending, budget);
    const ranges = batch.map((b) => {
      const { ws } = reads[b.sheet];
      // getRangeByIndexes is ExcelApi 1.7 (not 1.4, as this code once believed); before it, the block's A1 address.
      const range = caps.rangeByIndexes
        ? ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols)
        : ws.getRange(rangeA1(b.row, b.col, b.row + b.rows - 1, b.col + b.cols - 1));
      range.load('values,numberFormat');
      return range;
    });
    try {
      // One round trip per MAX_CELLS_PER_SYNC cells, as the response limit demands; not one per row.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      syncs++;
      if (errorCode(e) !== 'ResponsePayloadSizeLimitExceeded' || (batch.length === 1 && batch[0].rows === 1)) throw e;
      budget = Math.max(1, Math.floor(batch.reduce((n, b) => n + b.rows * b.cols, 0) / 2));
      pending.unshift(...batch);
      continue;
    }
    syncs++;
    batch.forEach((b, i) => take(b, ranges[i].values, ranges[i].numberFormat));
  }
  return syncs;
}

/** Before ExcelApi 1.7 the stamp lives in the add-in's document settings (they travel with the file too). */
export function documentSetting(key: string): string | null {
  try {
    const v = Office.context.document.settings.get(key);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
