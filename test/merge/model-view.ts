/** Reading a consolidated model in tests: as its written workbook reads back, and by sheet, unit and header. */
import type { ConsolidatedModel, OutCell, OutSheet } from '../../src/core/merge/model';
import { dateSerial, dateTimeSerial } from '../../src/core/merge/serials';

/** The model as the written workbook reads back: dates as serials, empty cells as nothing. */
export function asGrids(m: ConsolidatedModel) {
  const cell = (v: OutCell) =>
    v === null || v === '' ? null : typeof v !== 'object' ? v : 'date' in v ? dateSerial(v.date) : dateTimeSerial(v.dateTime);
  return m.sheets.map((s) => ({
    name: s.name,
    visibility: 'visible' as const,
    merges: [],
    values: [s.columns.map((c) => c.header), ...s.rows.map((r) => r.map(cell))],
  }));
}

export const sheet = (m: ConsolidatedModel, name: string): OutSheet => m.sheets.find((s) => s.name === name)!;
export const col = (s: OutSheet, h: string) => s.columns.findIndex((c) => c.header === h);
/** A unit's line on Tổng hợp. */
export const line = (m: ConsolidatedModel, code: string) => sheet(m, 'Tổng hợp').rows.find((r) => r[0] === code)!;
export const value = (m: ConsolidatedModel, code: string, h: string) => line(m, code)[col(sheet(m, 'Tổng hợp'), h)];
