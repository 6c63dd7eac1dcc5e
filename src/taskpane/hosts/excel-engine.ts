/**
 * Everything the pane does to the open workbook that needs the rules, loaded on first use so that
 * the pane itself opens fast. The Office.js work is in src/excel/; this only joins it to the pane.
 */
import { dropdownPlan } from '../../core/fixes/dropdowns';
import type { CellFix } from '../../core/fixes/propose';
import type { ConsolidatedModel } from '../../core/merge/model';
import { fromPlainCheck, type PlainCheck } from '../../core/validate/plain-check';
import { applyFixes, type FixUndo, undoFixes } from '../../excel/apply-fixes';
import { addDropdowns, removeDropdowns } from '../../excel/dropdowns';
import { lastFonts, publishCheck } from '../../shared/last-outcome';
import { officeCapabilities } from '../../excel/capabilities';
import { checkOpenWorkbook } from '../../excel/check-workbook';
import { convertLegacyCells, legacyCells } from '../../excel/convert-legacy';
import { clearMarks, type ClearOptions, markCells, markTargets } from '../../excel/marks';
import { writeModelToWorkbook } from '../../excel/write-model';
import { LiveCheck } from '../../excel/live-check';
import type { ExcelCheckResult } from '../../excel/check-workbook';
import { currentCatalog } from '../../shared/catalog-info';
import { checkOutcome, type CheckOutcome } from '../../shared/outcome';

export async function checkOpen(fileName: string | undefined, mark: boolean): Promise<CheckOutcome> {
  const catalog = currentCatalog();
  const caps = officeCapabilities();
  await live?.stop();
  live = null;
  const run = () => Excel.run((ctx) => checkOpenWorkbook(ctx, caps, { catalog, fileName, mark }));
  const r = await run();
  const outcome = checkOutcome(r, fileName, catalog);
  publishCheck(outcome, r.fonts, false);
  await followTyping(r, fileName, mark, run);
  return outcome;
}

/** The check that follows the typing (ExcelApi 1.7), started after each whole check. */
let live: LiveCheck | null = null;
const liveListeners = new Set<(o: CheckOutcome) => void>();

/** After the pane's own writes into cells (fixes): those sheets re-checked as after an edit. */
export function followOwnWrite(sheets: string[]): void {
  live?.touch(sheets);
}

/** Runs the re-check that is due now rather than after the debounce, and waits for it (tests, the sweep). */
export async function liveSettled(): Promise<boolean> {
  if (!live) return false;
  await live.idle();
  return true;
}

/** The pane hears each re-check's outcome; returns the undo. */
export function onLiveCheck(show: (o: CheckOutcome) => void): () => void {
  liveListeners.add(show);
  return () => void liveListeners.delete(show);
}

async function followTyping(
  first: ExcelCheckResult,
  fileName: string | undefined,
  mark: boolean,
  checkAll: () => Promise<ExcelCheckResult>,
) {
  const catalog = currentCatalog();
  try {
    live = await LiveCheck.start(first, {
      caps: officeCapabilities(),
      mark,
      checkAll,
      onResult: (r) => {
        const outcome = checkOutcome(
          {
            ...first,
            check: r.check,
            stamp: r.stamp,
            fonts: r.fonts,
            fixes: r.fixes,
            marked: mark ? markTargets(r.check.findings).length : 0,
          },
          fileName,
          catalog,
        );
        publishCheck(outcome, r.fonts, false);
        for (const l of liveListeners) l(outcome);
      },
    });
  } catch {
    // Events refused (an Excel that lists the set but not the event): the pane's button still checks.
    live = null;
  }
}

/** Marks on or off; `notes`: also the notes Phuluc's page wrote into a highlighted copy (Xóa đánh dấu). */
export async function setMarks(on: boolean, check: PlainCheck, opts: ClearOptions = {}): Promise<number> {
  const caps = officeCapabilities();
  live?.setMark(on);
  return Excel.run(async (ctx) => {
    await clearMarks(ctx, caps, on ? {} : opts);
    if (!on) return 0;
    const targets = markTargets(check.findings);
    await markCells(ctx, caps, targets);
    return targets.length;
  });
}

export async function convertLegacy(check: PlainCheck): Promise<number> {
  const cells = legacyCells(check.findings);
  await Excel.run((ctx) => convertLegacyCells(ctx, cells, lastFonts()));
  return cells.length;
}

export async function writeModel(model: ConsolidatedModel): Promise<number> {
  const caps = officeCapabilities();
  const r = await Excel.run((ctx) => writeModelToWorkbook(ctx, caps, model));
  return r.sheets.length;
}

/** What each applied batch of fixes replaced, latest last: Hoàn tác takes them back one batch at a time. */
const undoStack: FixUndo[][] = [];

export async function applyCellFixes(fixes: CellFix[]): Promise<{ applied: number; skipped: number }> {
  const r = await Excel.run((ctx) => applyFixes(ctx, fixes));
  if (r.undo.length) undoStack.push(r.undo);
  return { applied: r.applied.length, skipped: r.skipped.length };
}

export async function undoLastFixes(): Promise<number> {
  const last = undoStack.pop();
  if (!last) return 0;
  await Excel.run((ctx) => undoFixes(ctx, last));
  return last.length;
}

export async function addFormDropdowns(check: PlainCheck): Promise<{ added: number; kept: number }> {
  const plan = dropdownPlan(fromPlainCheck(check, currentCatalog()).tables);
  const r = await Excel.run((ctx) => addDropdowns(ctx, plan));
  return { added: r.added, kept: r.kept };
}

export async function removeFormDropdowns(): Promise<number> {
  return (await Excel.run((ctx) => removeDropdowns(ctx))).removed;
}
