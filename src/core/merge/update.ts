/**
 * Merging onto an existing consolidated workbook: units with a newer submission in this batch are
 * replaced, every other unit keeps the rows it had, and sheets Phuluc did not create are kept.
 */
import { serialToYMD, ymdToIso } from '../grid/dates';
import type { CellValue, SheetGrid } from '../grid/types';
import { serialToInstant } from './serials';
import { ConsolidatedMeta, ConsolidatedModel, OutCell, OutColumn, OutSheet } from './model';
import { SHEET_SUMMARY } from './consolidate';

export interface PreviousWorkbook {
  meta: ConsolidatedMeta;
  sheets: SheetGrid[];
}

const UNIT_CODE_HEADER = 'Mã đơn vị';

function fromGrid(v: CellValue, column: OutColumn | undefined): OutCell {
  if (typeof v === 'number' && column?.kind === 'date') {
    const ymd = serialToYMD(v);
    return ymd ? { date: ymdToIso(ymd) } : v;
  }
  if (typeof v === 'number' && column?.kind === 'datetime') {
    // Written as Vietnam wall time (see the writer); back to the instant it was.
    return { dateTime: serialToInstant(v) };
  }
  return v;
}

/** Which units keep their previous rows: not in this batch, or sent earlier than what we have. */
function unitsToCarry(model: ConsolidatedModel, previous: ConsolidatedMeta): Set<string> {
  const carry = new Set<string>();
  for (const [code, prev] of Object.entries(previous.units)) {
    const now = model.meta.units[code];
    if (!now) carry.add(code);
    else if (prev.receivedAt && now.receivedAt && prev.receivedAt > now.receivedAt) carry.add(code);
  }
  return carry;
}

function carryRows(sheet: OutSheet, grid: SheetGrid, carry: Set<string>, replaceInPlace: boolean): void {
  const header = (grid.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
  const codeAt = header.indexOf(UNIT_CODE_HEADER);
  const newCodeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
  if (codeAt < 0 || newCodeAt < 0) return;
  // Columns the previous workbook had and this batch has not (a "Cột khác" header) are added.
  for (const h of header) if (h && !sheet.columns.some((c) => c.header === h)) sheet.columns.push({ header: h, kind: 'text' });
  const target = header.map((h) => sheet.columns.findIndex((c) => c.header === h));
  const carried: OutCell[][] = [];
  for (const row of grid.values.slice(1)) {
    const code = row[codeAt];
    if (typeof code !== 'string' && typeof code !== 'number') continue;
    if (!carry.has(String(code))) continue;
    const out: OutCell[] = new Array(sheet.columns.length).fill(null);
    row.forEach((v, i) => {
      if (target[i] >= 0) out[target[i]] = fromGrid(v, sheet.columns[target[i]]);
    });
    carried.push(out);
  }
  for (const r of sheet.rows) while (r.length < sheet.columns.length) r.push(null);
  if (replaceInPlace) {
    // The summary lists every expected unit once: the carried row replaces the "Chưa nộp" one.
    const byCode = new Map(carried.map((r) => [String(r[newCodeAt]), r]));
    sheet.rows = sheet.rows.map((r) => byCode.get(String(r[newCodeAt])) ?? r);
    const present = new Set(sheet.rows.map((r) => String(r[newCodeAt])));
    sheet.rows.push(...carried.filter((r) => !present.has(String(r[newCodeAt]))));
  } else {
    sheet.rows.push(...carried);
  }
}

export function applyPrevious(input: ConsolidatedModel, previous: PreviousWorkbook): ConsolidatedModel {
  if (previous.meta.round !== input.meta.round) return input;
  const carry = unitsToCarry(input, previous.meta);
  if (!carry.size) return input;
  const model = structuredClone(input);
  for (const sheet of model.sheets) {
    const grid = previous.sheets.find((g) => g.name === sheet.name);
    if (sheet.role === 'missing') {
      const codeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
      sheet.rows = sheet.rows.filter((r) => !carry.has(String(r[codeAt])));
      continue;
    }
    if (!grid) continue;
    carryRows(sheet, grid, carry, sheet.name === SHEET_SUMMARY);
  }
  for (const code of carry) model.meta.units[code] = previous.meta.units[code];
  return model;
}

