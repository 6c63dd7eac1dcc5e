/**
 * Drop-downs where the form has a list (issue 16): which cells of each recognised table get Excel's
 * own data validation, with what list and what input message. The same plan is written by the pane
 * (Office.js, ExcelApi 1.8) and into the page's fixed copy (the sheet XML's <dataValidations>).
 *
 * Excel's limits on a data validation, as Microsoft states them for its file format ([MS-OI29500]
 * on ISO/IEC 29500-1 §18.3.1.32 dataValidation): the input title at most 32 characters, the input
 * message at most 255, an inline list (formula1 `"a,b,c"`) at most 255 characters. A list longer
 * than that gets the input message only.
 */
import { rangeA1 } from '../grid/address';
import type { Column, Template } from '../template/catalog';

/** Every Phuluc prompt title starts so: how Phuluc's own rules are told from the clerk's. */
export const DROPDOWN_TITLE_PREFIX = 'Phuluc';
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;
export const LIST_SOURCE_MAX = 255;

export interface DropdownRange {
  sheet: string;
  /** 0-based rows and column of a run of data rows. */
  r0: number;
  r1: number;
  col: number;
  /** "A12:A40". */
  address: string;
  column: string;
  /** The allowed labels joined by commas, or absent for an input message only. */
  list?: string;
  title: string;
  message: string;
}

/** What the plan needs of a checked table: plain or revived, it is the same. */
export interface DropdownTable {
  sheet: string;
  template: Template;
  columns: Record<string, number>;
  rows: readonly { row: number; rowEnd: number }[];
}

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function runs(rows: readonly { row: number; rowEnd: number }[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.row <= last[1] + 1) last[1] = Math.max(last[1], r.rowEnd);
    else out.push([r.row, r.rowEnd]);
  }
  return out;
}

function statusMessage(column: Column, reason: Column | undefined): string {
  const needing = (column.options ?? []).filter((o) => o.needsReason).map((o) => o.label.toLowerCase());
  const why = needing.length && reason ? ` Nếu ${needing.join(' / ')}, ghi lý do cụ thể ở cột ${reason.header}.` : '';
  return cut(`Chọn trong danh sách.${why}`, PROMPT_MESSAGE_MAX);
}

const REASON_MESSAGE =
  'Khi chưa hoàn thành hoặc không đạt, ghi lý do cụ thể: vì sao, vướng ở đâu, khi nào xong. Không ghi "khách quan", "chưa kịp", "-" hay để trống.';

/** The drop-downs and input messages for every recognised table's data rows. */
export function dropdownPlan(tables: readonly DropdownTable[]): DropdownRange[] {
  const out: DropdownRange[] = [];
  for (const t of tables) {
    const spans = runs(t.rows);
    if (!spans.length) continue;
    for (const column of t.template.columns) {
      const col = t.columns[column.key];
      if (col === undefined) continue;
      let list: string | undefined;
      let message: string;
      if (column.type === 'status' && column.options?.length) {
        const reason = t.template.columns.find((c) => c.reasonFor === column.key);
        const source = column.options.map((o) => o.label).join(',');
        // A label holding a comma cannot be told apart in an inline list: input message only.
        list = source.length <= LIST_SOURCE_MAX && !column.options.some((o) => o.label.includes(',')) ? source : undefined;
        message = statusMessage(column, reason);
      } else if (column.reasonFor !== undefined) {
        message = REASON_MESSAGE;
      } else continue;
      const title = cut(`${DROPDOWN_TITLE_PREFIX} · ${column.header}`, PROMPT_TITLE_MAX);
      for (const [r0, r1] of spans)
        out.push({ sheet: t.sheet, r0, r1, col, address: rangeA1(r0, col, r1, col), column: column.key, list, title, message });
    }
  }
  return out;
}

/** Whether a prompt title is one of Phuluc's. */
export function isPhulucTitle(title: string | null | undefined): boolean {
  return typeof title === 'string' && title.startsWith(`${DROPDOWN_TITLE_PREFIX} · `);
}
