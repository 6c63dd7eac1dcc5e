/**
 * Fixes whose result is certain, proposed cell by cell for the officer to apply with one click (issue
 * 16): a status or evaluation in an accepted spelling → the canonical label; invisible characters
 * and stray spaces around a value → the value; text typed in TCVN3/VNI → Unicode; a day/month/year
 * typed as text in a date column → a real date. A fix that needs judgement (a missing reason, an
 * impossible date) is never proposed: the finding's hint says what to write.
 */
import { dateSerial } from '../merge/serials';
import { matchOption } from '../rules/values';
import { isValidYMD } from '../grid/dates';
import type { CellValue, WorkbookGrid } from '../grid/types';
import type { Column } from '../template/catalog';
import type { WorkbookCheck } from '../validate/validate-workbook';

export type FixKind = 'status-label' | 'whitespace' | 'legacy' | 'text-date';

export interface CellFix {
  sheet: string;
  /** 0-based sheet row and column. */
  row: number;
  col: number;
  kind: FixKind;
  from: CellValue;
  to: CellValue;
  /** The number format the cell needs with its new value (a date). */
  format?: string;
}

/** Zero-width characters, and the spaces Word and the web leave around a value (line breaks inside stay). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const EDGE_SPACE = /^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g;

export function tidyText(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(/\u00A0|\u202F/g, ' ')
    .replace(EDGE_SPACE, '')
    .replace(/ {2,}/g, ' ');
}

const TEXT_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

export function proposeFixes(grid: WorkbookGrid, check: WorkbookCheck): CellFix[] {
  const out: CellFix[] = [];
  const taken = new Set<string>();
  const push = (f: CellFix) => {
    const key = `${f.sheet}\u0000${f.row}\u0000${f.col}`;
    if (taken.has(key)) return;
    taken.add(key);
    out.push(f);
  };
  // Legacy text first: its conversion also settles the spelling of a status typed in TCVN3.
  for (const f of check.findings) {
    if (f.code !== 'legacy-encoding' || f.sheet === undefined || f.row === undefined || f.col === undefined) continue;
    const from = grid.sheets.find((s) => s.name === f.sheet)?.values[f.row]?.[f.col] ?? null;
    if (typeof from === 'string' && f.params.converted && !from.includes('\n'))
      push({ sheet: f.sheet, row: f.row, col: f.col, kind: 'legacy', from, to: f.params.converted });
  }
  for (const table of check.tables) {
    const sheet = grid.sheets.find((s) => s.name === table.sheet);
    if (!sheet) continue;
    const columns = table.template.columns.filter((c) => table.columns[c.key] !== undefined);
    for (const row of table.rows) {
      // Items pasted over several rows are left alone: their cells are parts of one text.
      if (row.rowEnd !== row.row) continue;
      for (const column of columns) {
        const col = table.columns[column.key];
        const from = sheet.values[row.row]?.[col] ?? null;
        if (typeof from !== 'string') continue;
        const fix = fixOf(column, from);
        if (fix) push({ sheet: table.sheet, row: row.row, col, from, ...fix });
      }
    }
  }
  return out;
}

function fixOf(column: Column, from: string): Pick<CellFix, 'kind' | 'to' | 'format'> | null {
  const tidy = tidyText(from);
  if (column.type === 'status') {
    const option = matchOption(column, tidy);
    // Only an accepted spelling of exactly one option: a status with a remark keeps its remark.
    if (option && option.label !== tidy) return { kind: 'status-label', to: option.label };
  }
  if (column.type === 'date') {
    const m = TEXT_DATE.exec(tidy);
    if (m && isValidYMD(+m[3], +m[2], +m[1]))
      return { kind: 'text-date', to: dateSerial(`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`), format: 'dd/mm/yyyy' };
  }
  if (tidy !== from && tidy !== '') return { kind: 'whitespace', to: tidy };
  return null;
}
