/**
 * The check that follows the typing: after an edit, only the edited sheets are located and checked
 * again; every other sheet's tables and findings are reused as they were, and what spans sheets
 * (the round, the unit, the minimum rows, the stamp) is assembled anew. The result is the check a
 * whole new validateWorkbook would give for the same cells (test/core/recheck.test.ts).
 */
import type { SheetGrid } from '../grid/types';
import { markTargets } from '../report/marks';
import type { Finding } from '../report/issue';
import {
  assembleCheck,
  SheetPart,
  sheetPart,
  ValidateOptions,
  validateWorkbookParts,
  WorkbookCheck,
  WorkbookMeta,
} from './validate-workbook';
import type { WorkbookGrid } from '../grid/types';
import type { Stamp } from '../stamp/stamp';

/** What a re-check reuses: each sheet's part, by position in the workbook, and the workbook's meta. */
export interface CheckMemo {
  readonly parts: SheetPart[];
  readonly meta: WorkbookMeta;
  readonly opts: ValidateOptions;
}

export interface Checked {
  check: WorkbookCheck;
  memo: CheckMemo;
}

/** The workbook as the memo last saw it: the sheets read at the last check or re-check. */
export function memoGrid(memo: CheckMemo): WorkbookGrid {
  return { ...memo.meta, sheets: memo.parts.map((p) => p.view.grid) };
}

export function checkWithMemo(grid: WorkbookGrid, opts: ValidateOptions): Checked {
  const { check, parts } = validateWorkbookParts(grid, opts);
  const meta: WorkbookMeta = { customProps: grid.customProps, date1904: grid.date1904, savedAt: grid.savedAt };
  return { check, memo: { parts, meta, opts } };
}

export interface SheetsUpdate {
  /** The workbook's sheet names now, in order (a deleted sheet is absent, a renamed one under its new name). */
  order: string[];
  /** Sheets read again: edited, added, renamed. Every name in `order` is either here or in the memo. */
  sheets: SheetGrid[];
  /** Custom properties as they are now (the stamp compared), when they changed since the memo. */
  customProps?: Record<string, string>;
}

/** The memo's grid of a sheet, by its name at the last check. */
export function memoSheet(memo: CheckMemo, name: string): SheetGrid | undefined {
  return memo.parts.find((p) => p.view.grid.name === name)?.view.grid;
}

export function recheckSheets(memo: CheckMemo, update: SheetsUpdate): Checked {
  const fresh = new Map(update.sheets.map((s) => [s.name, s]));
  const known = new Map(memo.parts.map((p) => [p.view.grid.name, p]));
  const parts = update.order.map((name) => {
    const grid = fresh.get(name);
    if (grid) return sheetPart(grid, memo.opts);
    const part = known.get(name);
    if (!part) throw new Error(`recheckSheets: sheet "${name}" was neither read again nor checked before`);
    return part;
  });
  const meta: WorkbookMeta = { ...memo.meta, ...(update.customProps ? { customProps: update.customProps } : {}) };
  return { check: assembleCheck(parts, meta, memo.opts), memo: { parts, meta, opts: memo.opts } };
}

/** Same values, same cells: a sheet read again that nobody changed (its re-check can stop there). */
export function sameCells(a: SheetGrid, b: SheetGrid): boolean {
  if (a.name !== b.name || a.visibility !== b.visibility) return false;
  const rows = Math.max(a.values.length, b.values.length);
  for (let r = 0; r < rows; r++) {
    const x = a.values[r] ?? [];
    const y = b.values[r] ?? [];
    const cols = Math.max(x.length, y.length);
    for (let c = 0; c < cols; c++) {
      if ((x[c] ?? null) !== (y[c] ?? null)) return false;
      if ((a.formats?.[r]?.[c] ?? null) !== (b.formats?.[r]?.[c] ?? null)) return false;
    }
  }
  return true;
}

/**
 * The sheets whose marks differ between two checks (a cell marked, unmarked, or of another
 * severity): only those are marked again.
 */
export function sheetsWithChangedMarks(before: Finding[], after: Finding[]): string[] {
  const key = (fs: Finding[]) => {
    const bySheet = new Map<string, string[]>();
    for (const t of markTargets(fs)) {
      let l = bySheet.get(t.sheet);
      if (!l) bySheet.set(t.sheet, (l = []));
      l.push(`${t.cell}:${t.severity}`);
    }
    return new Map([...bySheet].map(([s, l]) => [s, l.sort().join(',')]));
  };
  const a = key(before);
  const b = key(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((s) => a.get(s) !== b.get(s));
}

/**
 * The check as the pane shows it once the stamp was written (or cleared) to match it: in the open
 * workbook the stamp is rewritten after every check, so "changed after its last passing validation"
 * (stamp-stale) no longer holds — the stamp now is the one just written, current, or none.
 */
export function restamped(check: WorkbookCheck, stamp: Stamp | null): WorkbookCheck {
  const findings = check.findings.filter((f) => f.code !== 'stamp-stale');
  return {
    file: check.file,
    status: check.status,
    unit: check.unit,
    round: check.round,
    tables: check.tables,
    findings,
    get digest() {
      return check.digest;
    },
    stamp: stamp ? { stamp, current: true } : null,
    sheetOrder: check.sheetOrder,
    ...(check.savedAt ? { savedAt: check.savedAt } : {}),
    ...(check.foreignForms ? { foreignForms: check.foreignForms } : {}),
  };
}
