/**
 * A workbook grid → the metadata Phuluc left in it (if any) and its other sheets. `merge -o` onto
 * an existing consolidated workbook uses this to tell its own sheets (listed in the metadata,
 * replaced) from the ones people added (kept). Pure: the grid comes from parseWorkbookBytes.
 */
import type { SheetGrid, WorkbookGrid } from '../core/grid/types';
import { META_SHEET, type ConsolidatedMeta } from '../core/merge/model';

export interface ConsolidatedRead {
  /** null when the workbook has no readable Phuluc metadata (not ours, or edited beyond use). */
  meta: ConsolidatedMeta | null;
  /** Every sheet except the metadata sheet, in workbook order. */
  sheets: SheetGrid[];
}

export function readConsolidated(grid: WorkbookGrid): ConsolidatedRead {
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET);
  const sheets = grid.sheets.filter((s) => s !== metaSheet);
  return { meta: metaSheet ? parseMeta(metaSheet) : null, sheets };
}

/**
 * A workbook Phuluc wrote: its metadata sheet holds metadata Phuluc can read, whatever other
 * sheets it has. A sheet merely named like it (a unit's own "_phuluc") does not make one.
 */
export function isConsolidatedGrid(grid: WorkbookGrid): boolean {
  return readConsolidated(grid).meta !== null;
}

function parseMeta(sheet: SheetGrid): ConsolidatedMeta | null {
  // The writer splits the JSON down column A because a cell holds at most 32,767 characters.
  let json = '';
  for (const row of sheet.values) {
    const v = row?.[0];
    if (typeof v === 'string') json += v;
  }
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  return toMeta(raw);
}

/**
 * Loose on purpose: metadata from another Phuluc version should still let a merge find its
 * sheets. What a merge cannot do without (the list of sheets) is required; the rest defaults.
 */
export function toMeta(raw: unknown): ConsolidatedMeta | null {
  if (!isRecord(raw)) return null;
  const sheets = raw.sheets;
  if (!Array.isArray(sheets) || !sheets.every((s) => typeof s === 'string')) return null;
  const units: ConsolidatedMeta['units'] = {};
  if (isRecord(raw.units)) {
    for (const [code, u] of Object.entries(raw.units)) {
      // "__proto__" as a key would replace the object's prototype instead of adding a unit.
      if (code === '__proto__' || !isRecord(u) || typeof u.file !== 'string') continue;
      const forms = Array.isArray(u.forms) ? u.forms.filter((f): f is string => typeof f === 'string') : undefined;
      const held = heldOf(u.held);
      units[code] = {
        file: u.file,
        receivedAt: typeof u.receivedAt === 'string' ? u.receivedAt : null,
        ...(forms ? { forms } : {}),
        ...(held ? { held } : {}),
      };
    }
  }
  const unidentified: Record<string, string> = {};
  if (isRecord(raw.unidentified)) {
    for (const [key, name] of Object.entries(raw.unidentified))
      if (key !== '__proto__' && typeof name === 'string') unidentified[key] = name;
  }
  const receipts: Record<string, string> = {};
  if (isRecord(raw.receipts)) {
    for (const [code, at] of Object.entries(raw.receipts))
      if (code !== '__proto__' && typeof at === 'string' && !Number.isNaN(Date.parse(at))) receipts[code] = at;
  }
  return {
    tool: str(raw.tool),
    version: str(raw.version),
    round: str(raw.round),
    generatedAt: str(raw.generatedAt),
    sheets: sheets as string[],
    units,
    // Absent from workbooks of earlier versions: the update then matches such files by name.
    ...(isRecord(raw.unidentified) ? { unidentified } : {}),
    ...(Object.keys(receipts).length ? { receipts } : {}),
  };
}

/** A unit's files' forms by sheet (file → sheet name → form id); what is not text is left out. */
function heldOf(raw: unknown): Record<string, Record<string, string>> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const [file, sheets] of Object.entries(raw)) {
    if (file === '__proto__' || !isRecord(sheets)) continue;
    const forms: Record<string, string> = {};
    for (const [sheet, form] of Object.entries(sheets)) if (sheet !== '__proto__' && typeof form === 'string') forms[sheet] = form;
    out[file] = forms;
  }
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}
