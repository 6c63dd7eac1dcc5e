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

export type OutSheetRole = 'summary' | 'form' | 'issues' | 'missing' | 'feedback' | 'areas';

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
  units: Record<
    string,
    {
      file: string;
      receivedAt: string | null;
      forms?: string[];
      /**
       * Per file the unit's line stands on, its sheets' forms (sheet name → form id): a later merge
       * knows which form an earlier file's Lỗi line is on, and which forms a later file replaced.
       */
      held?: Record<string, Record<string, string>>;
    }
  >;
  /**
   * Files of no known unit, by what they hold (the content digest; "name:" and the file name for an
   * unreadable one) → the name they are shown under. A later merge keeps their rows unless it has
   * the same file again, whatever folder or name it comes under this time.
   */
  unidentified?: Record<string, string>;
  /** Receipt dates the clerk entered per unit code (ISO instants): applied again by later merges. */
  receipts?: Record<string, string>;
}

/**
 * Which of a unit's files the consolidation used and which it set aside, as it decided: the file its
 * line stands on first, then any other file that still supplies a form (units send in pieces).
 */
export interface UnitFiles {
  /** The files whose rows or findings the unit's line stands on, the latest (the one named) first. */
  used: string[];
  /** Readable files of the unit that a later file replaced entirely: nothing of them is merged. */
  superseded: string[];
  /** Files of the unit that could not be read, other than the one used. */
  unreadable: string[];
}

export interface ConsolidatedModel {
  meta: ConsolidatedMeta;
  sheets: OutSheet[];
  /**
   * Per unit code (units of this batch), the files used and superseded. A unit carried over from
   * an earlier consolidated workbook has none: its file is the one the metadata names.
   */
  unitFiles?: Record<string, UnitFiles>;
  /** The texts to send back to units, in the language asked for (the Phản hồi sheet is Vietnamese). */
  feedback?: { code: string; name: string; errors: number; warnings: number; text: string }[];
}

/** The hidden sheet that carries ConsolidatedMeta as JSON in A1. */
export const META_SHEET = '_phuluc';

export function isOutDate(v: OutCell): v is OutDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}

export function isOutDateTime(v: OutCell): v is OutDateTime {
  return typeof v === 'object' && v !== null && 'dateTime' in v;
}

/** A cell holds at most 32,767 characters; the metadata JSON is cut well below that. */
export const META_CHUNK = 30_000;

/**
 * JSON text cut into cells. DEL is escaped because exceljs drops it from XML text; JSON already
 * escapes the other control characters and lone surrogates. The underscore of a `_xHHHH_` (only
 * possible inside a JSON string) is escaped too, so that no cell needs the longer XML escape and
 * no cut can split one. A cut never separates a surrogate pair, which would turn both halves into
 * U+FFFD on the way to UTF-8.
 */
export function metaChunks(json: string, size = META_CHUNK): string[] {
  const text = json.replace(/\u007f/g, '\\u007f').replace(/_(x[0-9a-f]{4}_)/gi, '\\u005f$1');
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}

/** Headers other steps find columns by (the update, the summary read back): one spelling, here. */
export const HEADER = {
  unitCode: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  status: 'Tình trạng nộp',
  file: 'Tệp',
  sourceFile: 'Tệp nguồn',
  daysLate: 'Số ngày trễ',
  receivedAt: 'Thời điểm nhận',
  receivedFrom: 'Nguồn thời điểm nhận',
  errors: 'Lỗi',
  note: 'Ghi chú',
  /** The issue's code (contracts.md), kept for scripts and filters, last on Lỗi and labelled as such. */
  issueCode: 'Mã lỗi (dùng cho máy)',
  /** How workbooks before 1.1 headed it: still read when a merge updates one of them. */
  issueCodeBefore: 'Mã lỗi',
  /** The issue's title, as a person reads it (the catalogue's). */
  issueTitle: 'Vấn đề',
  sheet: 'Trang tính',
  /** Form sheets: the unit's name, the row's reform area, where the row is in its file. */
  unit: 'Đơn vị',
  area: 'Lĩnh vực',
  sourceCell: 'Ô nguồn',
  /** Lỗi: the cell and the severity in words. */
  cell: 'Ô',
  severity: 'Mức độ',
  /** Tổng hợp: the forms a unit's rows come in, its warnings, its items without a specific reason. */
  formsPresent: 'Phụ lục có',
  warnings: 'Cảnh báo',
  unexplained: 'Chưa hoàn thành thiếu lý do cụ thể',
} as const;

/** A form sheet's column of a status column's canonical label, beside the label as written. */
export const canonicalHeader = (header: string): string => `${header} (chuẩn hóa)`;

/** The severity of an issue, as Lỗi says it. */
export const SEVERITY_LABEL = { error: 'Lỗi', warning: 'Cảnh báo' } as const;

/** Tổng hợp's column of the rows of a form. */
export const rowsHeader = (sheetName: string): string => `Số dòng ${sheetName}`;

/** What Tổng hợp says of each unit's submission. */
export const STATUS = { submitted: 'Đã nộp', missing: 'Chưa nộp', unreadable: 'Tệp không đọc được' } as const;
