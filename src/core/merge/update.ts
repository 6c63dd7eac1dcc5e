/**
 * Merging onto an existing consolidated workbook: units with a newer submission in this batch are
 * replaced, every other unit keeps the rows it had, and sheets Phuluc did not create are kept.
 */
import { serialToYMD, ymdToIso } from '../grid/dates';
import type { CellValue, SheetGrid } from '../grid/types';
import { serialToInstant } from './serials';
import { ConsolidatedMeta, ConsolidatedModel, OutCell, OutColumn, OutSheet } from './model';
import { SHEET_SUMMARY } from './consolidate';
import { unitSummaries } from './summary';

export interface PreviousWorkbook {
  meta: ConsolidatedMeta;
  sheets: SheetGrid[];
}

const UNIT_CODE_HEADER = 'Mã đơn vị';
const SUMMARY_FILE_HEADER = 'Tệp';
const NOTE_HEADER = 'Ghi chú';
const UNREADABLE_STATUS = 'Tệp không đọc được';
/** Where each sheet names a row's file: form sheets "Tệp nguồn", the summary and Lỗi "Tệp". */
const FILE_HEADERS = ['Tệp nguồn', SUMMARY_FILE_HEADER];

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

/**
 * Which units keep their previous rows: not in this batch, sent earlier than what we have, or sent
 * again as a file that cannot be read — a broken re-send must not wipe out good rows (the rule within
 * one batch too). The value says which, for the last: that file stays listed.
 */
function unitsToCarry(model: ConsolidatedModel, previous: ConsolidatedMeta): Map<string, 'kept' | 'unreadable'> {
  const carry = new Map<string, 'kept' | 'unreadable'>();
  const unreadable = new Set(unitSummaries(model).filter((u) => u.status === UNREADABLE_STATUS).map((u) => u.code));
  for (const [code, prev] of Object.entries(previous.units)) {
    const now = model.meta.units[code];
    if (!now) carry.set(code, 'kept');
    else if (prev.receivedAt && now.receivedAt && prev.receivedAt > now.receivedAt) carry.set(code, 'kept');
    else if (unreadable.has(code)) carry.set(code, 'unreadable');
  }
  return carry;
}

/** The files of this batch, as the summary names them ("a.xlsx; b.xlsx" for a unit that sent two). */
function batchFiles(model: ConsolidatedModel): Set<string> {
  const summary = model.sheets.find((x) => x.name === SHEET_SUMMARY);
  const at = summary?.columns.findIndex((c) => c.header === SUMMARY_FILE_HEADER) ?? -1;
  const files = new Set<string>();
  for (const r of summary?.rows ?? []) {
    const v = r[at];
    if (typeof v === 'string') for (const f of v.split('; ')) if (f) files.add(f);
  }
  return files;
}

/**
 * Which previous rows stay: those of a carried unit, and rows of an unidentified file (no unit code)
 * unless this batch has that file again — such a file has no unit for the batch to replace.
 */
interface Carry {
  units: Map<string, 'kept' | 'unreadable'>;
  /** The batch's file of a unit whose new file was unreadable, for the note on the summary. */
  brokenFiles: Map<string, string>;
  /** Whether a previous row of no unit, from this file, stays. */
  keepFile(name: string): boolean;
}

/**
 * The previous files of no known unit that stay: those this batch does not have again. Known by
 * content when the workbook recorded it, else by the name they were shown under.
 */
function unidentifiedToCarry(model: ConsolidatedModel, previous: ConsolidatedMeta): { keepFile(name: string): boolean; meta: Record<string, string> } {
  const now = model.meta.unidentified ?? {};
  if (!previous.unidentified) {
    const files = batchFiles(model);
    return { keepFile: (name) => !files.has(name), meta: {} };
  }
  const kept = Object.entries(previous.unidentified).filter(([key]) => !(key in now));
  const names = new Set(kept.map(([, name]) => name));
  return { keepFile: (name) => names.has(name), meta: Object.fromEntries(kept) };
}

function carryRows(sheet: OutSheet, grid: SheetGrid, carry: Carry, replaceInPlace: boolean): void {
  const header = (grid.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
  const codeAt = header.indexOf(UNIT_CODE_HEADER);
  const newCodeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
  if (codeAt < 0 || newCodeAt < 0) return;
  const fileAt = header.findIndex((h) => FILE_HEADERS.includes(h));
  const keep = (row: CellValue[]): boolean => {
    const code = row[codeAt];
    if (typeof code === 'string' && code !== '') return carry.units.has(code);
    if (typeof code === 'number') return carry.units.has(String(code));
    const file = fileAt >= 0 ? row[fileAt] : null;
    return typeof file === 'string' && file !== '' && carry.keepFile(file);
  };
  // Columns the previous workbook had and this batch has not (a "Cột khác" header) are added.
  for (const h of header) if (h && !sheet.columns.some((c) => c.header === h)) sheet.columns.push({ header: h, kind: 'text' });
  const target = header.map((h) => sheet.columns.findIndex((c) => c.header === h));
  const carried: OutCell[][] = [];
  for (const row of grid.values.slice(1)) {
    if (!keep(row)) continue;
    const out: OutCell[] = new Array(sheet.columns.length).fill(null);
    row.forEach((v, i) => {
      if (target[i] >= 0) out[target[i]] = fromGrid(v, sheet.columns[target[i]]);
    });
    carried.push(out);
  }
  for (const r of sheet.rows) while (r.length < sheet.columns.length) r.push(null);
  const codeOf = (r: OutCell[]) => {
    const v = r[newCodeAt];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  if (replaceInPlace) {
    // The summary lists every expected unit once: the carried row replaces this batch's one — with
    // a word on the unreadable file that did not replace it.
    const noteAt = sheet.columns.findIndex((c) => c.header === NOTE_HEADER);
    for (const r of carried) {
      const broken = carry.brokenFiles.get(codeOf(r));
      if (broken && noteAt >= 0) {
        const note = `Tệp gửi lại ${broken} không đọc được; giữ số liệu tệp trước`;
        r[noteAt] = typeof r[noteAt] === 'string' && r[noteAt] ? `${note}. ${r[noteAt]}` : note;
      }
    }
    const byCode = new Map(carried.filter((r) => codeOf(r) !== '').map((r) => [codeOf(r), r]));
    sheet.rows = sheet.rows.map((r) => (codeOf(r) !== '' && byCode.get(codeOf(r))) || r);
    const present = new Set(sheet.rows.map(codeOf).filter((c) => c !== ''));
    sheet.rows.push(...carried.filter((r) => codeOf(r) === '' || !present.has(codeOf(r))));
  } else {
    // A unit carried although this batch has a file from it (the batch's is older): the batch's
    // rows go, or the unit would be there twice. An unreadable new file has no data rows, and its
    // issue stays on Lỗi beside the earlier file's.
    sheet.rows = sheet.rows.filter((r) => carry.units.get(codeOf(r)) !== 'kept');
    sheet.rows.push(...carried);
  }
}

/** Callers refuse a workbook of another round before this (its sheets would otherwise be replaced). */
export function applyPrevious(input: ConsolidatedModel, previous: PreviousWorkbook): ConsolidatedModel {
  if (previous.meta.round !== input.meta.round) return input;
  const unidentified = unidentifiedToCarry(input, previous.meta);
  const units = unitsToCarry(input, previous.meta);
  const brokenFiles = new Map([...units].filter(([, why]) => why === 'unreadable').map(([code]) => [code, input.meta.units[code]!.file]));
  const carry: Carry = { units, brokenFiles, keepFile: unidentified.keepFile };
  const model = structuredClone(input);
  for (const sheet of model.sheets) {
    const grid = previous.sheets.find((g) => g.name === sheet.name);
    if (sheet.role === 'missing') {
      const codeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
      sheet.rows = sheet.rows.filter((r) => !carry.units.has(String(r[codeAt])));
      continue;
    }
    if (!grid) continue;
    carryRows(sheet, grid, carry, sheet.name === SHEET_SUMMARY);
  }
  for (const code of carry.units.keys()) model.meta.units[code] = previous.meta.units[code];
  model.meta.unidentified = { ...unidentified.meta, ...(model.meta.unidentified ?? {}) };
  return model;
}

