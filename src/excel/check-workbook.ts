/**
 * The one-click check, shared by the ribbon button and the pane: read the open workbook, check it
 * with the same engine as the page and the command line, replace the marks, and stamp it when it
 * passes. A constant number of round trips whatever the workbook's size.
 */
import { a1 } from '../core/grid/address';
import { type CellFix, proposeFixes } from '../core/fixes/propose';
import type { Stamp } from '../core/stamp/stamp';
import type { Catalog, Template } from '../core/template/catalog';
import type { RoundDef } from '../core/template/schema';
import type { WorkbookCheck } from '../core/validate/validate-workbook';
import { checkWithMemo, type CheckMemo } from '../core/validate/recheck';
import type { Capabilities } from './capabilities';
import { clearMarks, markCells, markTargets } from './marks';
import { readOpenWorkbook } from './read-workbook';
import { syncStamp } from './stamp';

export interface ExcelCheckOptions {
  catalog: Catalog;
  round?: RoundDef;
  template?: Template;
  /** The workbook's file name, when the host knows it (identifies the unit as a last resort). */
  fileName?: string;
  mark?: boolean;
  now?: Date;
}

export interface ExcelCheckResult {
  check: WorkbookCheck;
  stamp: Stamp | null;
  marked: number;
  /** Font names read for legacy-looking cells, by "Sheet!A1" (the conversion keeps non-legacy fonts). */
  fonts: Map<string, string>;
  /** The fixes whose result is certain (issue 16), cell by cell. */
  fixes: CellFix[];
  syncs: { read: number; marks: number; stamp: number };
  /** What a re-check after an edit reuses (src/excel/recheck.ts). */
  memo: CheckMemo;
}

export async function checkOpenWorkbook(
  context: Excel.RequestContext,
  caps: Capabilities,
  opts: ExcelCheckOptions,
): Promise<ExcelCheckResult> {
  const { grid, syncs: read } = await readOpenWorkbook(context, caps);
  const { check, memo } = checkWithMemo(grid, {
    catalog: opts.catalog,
    round: opts.round,
    template: opts.template,
    fileName: opts.fileName,
  });
  let marks = 0;
  let marked = 0;
  if (opts.mark !== false) {
    marks += await clearMarks(context, caps);
    const targets = markTargets(check.findings);
    marks += await markCells(context, caps, targets);
    marked = targets.length;
  }
  const stamp = await syncStamp(context, caps, check, opts.now ?? new Date());
  const fonts = new Map<string, string>();
  for (const s of grid.sheets) {
    s.fonts?.forEach((row, r) =>
      row?.forEach((f, c) => {
        if (f) fonts.set(`${s.name}!${a1(r, c)}`, f);
      }),
    );
  }
  return {
    check,
    memo,
    stamp,
    marked,
    fonts,
    fixes: proposeFixes(grid, check),
    syncs: { read, marks, stamp: caps.customProperties ? 1 : 0 },
  };
}
