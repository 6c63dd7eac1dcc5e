/**
 * The consolidated workbook as data: what a writer (a styled .xlsx in Node or the browser, new
 * sheets inside Excel) renders without knowing any rule. Pure and deterministic: the same inputs
 * give the same model, apart from `generatedAt`.
 */

/** A calendar date (no time zone can move it) or an instant, kept apart from text. */
export type OutDate = { date: string }; // YYYY-MM-DD
export type OutDateTime = { dateTime: string }; // ISO 8601 with offset

/** Strings are always written as text, never as formulas, whatever they start with. */
export type OutCell = string | number | boolean | null | OutDate | OutDateTime;

export type OutColumnKind = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';

export interface OutColumn {
  header: string;
  kind: OutColumnKind;
  /** Suggested width in characters (the writer may fit it to the content). */
  width?: number;
}

export type OutSheetRole = 'summary' | 'form' | 'issues' | 'missing';

export interface OutChart {
  title: string;
  /** 0-based column of the category labels (unit names) and of the values (a percentage 0–1). */
  categoryColumn: number;
  valueColumn: number;
}

export interface OutSheet {
  name: string;
  role: OutSheetRole;
  /** Form id for role 'form'. */
  template?: string;
  columns: OutColumn[];
  rows: OutCell[][];
  chart?: OutChart;
}

/** What a later merge onto this workbook needs to know: stored in a hidden sheet of the output. */
export interface ConsolidatedMeta {
  tool: string;
  version: string;
  round: string;
  generatedAt: string;
  /** The sheets Phuluc created (a merge onto the workbook replaces these and keeps all others). */
  sheets: string[];
  /** Per unit code: the file its rows came from and when it was received. */
  units: Record<string, { file: string; receivedAt: string | null }>;
}

export interface ConsolidatedModel {
  meta: ConsolidatedMeta;
  sheets: OutSheet[];
}

/** The hidden sheet that carries ConsolidatedMeta as JSON in A1. */
export const META_SHEET = '_phuluc';

export function isOutDate(v: OutCell): v is OutDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}

export function isOutDateTime(v: OutCell): v is OutDateTime {
  return typeof v === 'object' && v !== null && 'dateTime' in v;
}
