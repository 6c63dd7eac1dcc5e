/**
 * The open workbook as neutral grids, in a constant number of round trips whatever its size:
 *   1. the sheets, their used ranges' extents, the stamp;
 *   2. every used range's values and number formats, and merged areas where ExcelApi 1.13 allows;
 *   3. only if some text looks legacy-encoded: the font names of those cells.
 */
import type { CellRange, CellValue, SheetGrid, SheetVisibility, WorkbookGrid } from '../core/grid/types';
import { STAMP_PROPERTY } from '../core/stamp/stamp';
import { parseA1 } from '../core/grid/address';
import type { Capabilities } from './capabilities';

/** Cells whose fonts are asked for at most (legacy text is rare; a whole legacy sheet needs one font). */
const MAX_FONT_PROBES = 2000;
// Characters a legacy font produces that Unicode Vietnamese never uses (see core/text/legacy).
const LEGACY_HINT = /[\u00A1-\u00BF\u00C6\u00C7\u00CB\u00CE\u00CF\u00D0\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE\u00EF\u00F0\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

export interface ReadResult {
  grid: WorkbookGrid;
  /** Round trips used, for the tests and the benchmark. */
  syncs: number;
}

interface SheetRead {
  ws: Excel.Worksheet;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
}

function rangeOf(address: string): CellRange | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b] = local.split(':');
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  return p && q ? { r0: p.row, c0: p.col, r1: q.row, c1: q.col } : null;
}

function toCell(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

export async function readOpenWorkbook(context: Excel.RequestContext, caps: Capabilities): Promise<ReadResult> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const stampProp = caps.customProperties ? context.workbook.properties.custom.getItemOrNullObject(STAMP_PROPERTY) : null;
  if (stampProp) stampProp.load('value');
  await context.sync();
  syncs++;

  // Round trip 2: everything about every sheet in one batch.
  const reads: SheetRead[] = sheets.items.map((ws) => {
    // 1.1 has no null-object variant: valuesOnly=false on an empty sheet still gives A1.
    const used = caps.usedRangeOrNull ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange();
    used.load('address,values,numberFormat,rowIndex,columnIndex');
    const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject() : undefined;
    if (merged) merged.load('address');
    return { ws, used, merged };
  });
  await context.sync();
  syncs++;

  const grids: SheetGrid[] = reads.map(({ ws, used, merged }) => {
    const visibility = VISIBILITY[ws.visibility] ?? 'visible';
    if (caps.usedRangeOrNull && used.isNullObject) return { name: ws.name, visibility, values: [], merges: [] };
    const r0 = used.rowIndex;
    const c0 = used.columnIndex;
    const values: CellValue[][] = [];
    const formats: (string | null)[][] = [];
    // Grids start at A1, so that cell addresses in reports are the sheet's own.
    for (let r = 0; r < r0; r++) values.push([]);
    used.values.forEach((row, i) => {
      const out: CellValue[] = new Array(c0).fill(null);
      const fmt: (string | null)[] = new Array(c0).fill(null);
      row.forEach((v, j) => {
        const cell = toCell(v);
        out.push(cell);
        const f = used.numberFormat[i]?.[j];
        fmt.push(typeof cell === 'number' && typeof f === 'string' && f !== 'General' ? f : null);
      });
      values[r0 + i] = out;
      formats[r0 + i] = fmt;
    });
    const merges: CellRange[] = [];
    if (merged && !merged.isNullObject && merged.address) {
      for (const part of merged.address.split(',')) {
        const m = rangeOf(part);
        if (m) merges.push(m);
      }
    }
    return { name: ws.name, visibility, values, formats, merges };
  });

  // Round trip 3, only when needed: fonts tell TCVN3/VNI text the characters alone cannot.
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
  else if (!stampProp) {
    const saved = documentSetting(STAMP_PROPERTY);
    if (saved) customProps[STAMP_PROPERTY] = saved;
  }
  return { grid: { sheets: grids, customProps }, syncs };
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
