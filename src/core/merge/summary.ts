/**
 * What the Tổng hợp sheet says per unit, read back from the consolidated model by its column
 * headers — once, for the command line's summary and the pane's table alike.
 */
import { HEADER, SHEET_SUMMARY } from './consolidate';
import type { ConsolidatedModel, OutCell, OutSheet } from './model';

export interface UnitSummary {
  /** Empty for a file whose sender could not be identified. */
  code: string;
  name: string;
  /** 'Đã nộp', 'Chưa nộp', 'Tệp không đọc được'. */
  status: string;
  file: string;
  daysLate: number;
  errors: number;
  /** When it was received (ISO) and where that time comes from, as the summary sheet says. */
  receivedAt: string | null;
  receivedFrom: string;
  /** The file the unit's line stands on (as the merge decided, not guessed from `file`); '' when none. */
  usedFile: string;
  /** Every file something was taken from, `usedFile` first (a unit sending in pieces has several). */
  usedFiles: string[];
  /** Files a later one replaced entirely: listed, nothing merged from them. */
  supersededFiles: string[];
  /** Files of the unit that could not be read, other than the one used. */
  unreadableFiles: string[];
}

export function summarySheet(model: ConsolidatedModel): OutSheet {
  const s = model.sheets.find((x) => x.name === SHEET_SUMMARY);
  if (!s) throw new Error(`the consolidated model has no ${SHEET_SUMMARY} sheet`);
  return s;
}

export function unitSummaries(model: ConsolidatedModel): UnitSummary[] {
  const sheet = summarySheet(model);
  const at = (h: string) => sheet.columns.findIndex((c) => c.header === h);
  const [code, name, status, file, late, errors, from] = [
    HEADER.unitCode,
    HEADER.unitName,
    HEADER.status,
    HEADER.file,
    HEADER.daysLate,
    HEADER.errors,
    HEADER.receivedFrom,
  ].map(at);
  const received = at(HEADER.receivedAt);
  const str = (v: OutCell | undefined) => (v === null || v === undefined ? '' : String(v));
  const num = (v: OutCell | undefined) => (typeof v === 'number' ? v : 0);
  const instant = (v: OutCell | undefined) => (v && typeof v === 'object' && 'dateTime' in v ? v.dateTime : null);
  return sheet.rows.map((r) => {
    const c = str(r[code]);
    const files = str(r[file]);
    // This batch's decision; a unit carried over from an earlier workbook, or a file of no unit,
    // stands on the one file its metadata (or its row) names.
    const roles = (c && model.unitFiles?.[c]) || {
      used: [(c && model.meta.units[c]?.file) || files.split('; ').pop() || ''].filter(Boolean),
      superseded: [],
      unreadable: [],
    };
    return {
      code: c,
      name: str(r[name]),
      status: str(r[status]),
      file: files,
      daysLate: num(r[late]),
      errors: num(r[errors]),
      receivedAt: instant(r[received]),
      receivedFrom: str(r[from]),
      usedFile: roles.used[0] ?? '',
      usedFiles: roles.used,
      supersededFiles: roles.superseded,
      unreadableFiles: roles.unreadable,
    };
  });
}
