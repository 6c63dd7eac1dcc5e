/**
 * Following the typing: the workbook's change events, registered while the pane is open.
 * - ExcelApi 1.7: Worksheet.onChanged on each sheet, WorksheetCollection.onAdded (a new sheet gets its
 *   handler) and onDeleted; 1.9: one WorksheetCollection.onChanged for all; 1.17: onNameChanged
 *   (before it a rename is found by the sheet's id at the next re-check). Below 1.7 nothing is
 *   registered: the pane offers Kiểm tra lại.
 * - Excel raises onChanged for the add-in's own writes too. From 1.14 the event says so
 *   (triggerSource "ThisLocalAddin") and is ignored; before, an event over an area the add-in has just
 *   written (marks) is ignored while it is written and OWN_WRITE_MS after. Either way a re-check that reads its sheets back
 *   unchanged writes nothing (src/excel/recheck.ts), so no loop can start.
 */
import { parseRangeA1 } from '../core/grid/address';
import type { CellRange } from '../core/grid/types';
import type { Capabilities } from './capabilities';

export type SheetEvent = { kind: 'changed' | 'added' | 'renamed' | 'deleted'; id: string };

/** How long after its own write's sync ends an event over the written area is still taken for that write's. */
export const OWN_WRITE_MS = 250;

/**
 * The add-in's own writes, by sheet id, to tell their events from the person's (before ExcelApi 1.14):
 * an area is held from just before the write's sync until OWN_WRITE_MS after it (Excel raises the
 * events of a batch when it runs), so that what the person types a moment later is not lost.
 */
export class OwnWrites {
  private writes: { id: string; area: CellRange; until: number }[] = [];
  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** The write is about to be sent. */
  note(id: string, areas: CellRange[]): void {
    this.writes = this.writes.filter((w) => w.until > this.clock());
    for (const area of areas) this.writes.push({ id, area, until: Infinity });
  }

  /** The write's sync is over: its areas are let go shortly. */
  done(): void {
    const until = this.clock() + OWN_WRITE_MS;
    for (const w of this.writes) if (w.until === Infinity) w.until = until;
  }

  /** The changed area overlaps an area the add-in is writing or has just written. */
  covers(id: string, address: string): boolean {
    const a = parseRangeA1(address);
    const now = this.clock();
    return (
      a !== null &&
      this.writes.some(
        (w) => w.id === id && w.until > now && a.r0 <= w.area.r1 && a.r1 >= w.area.r0 && a.c0 <= w.area.c1 && a.c1 >= w.area.c0,
      )
    );
  }
}

type Result = OfficeExtension.EventHandlerResult<unknown>;

/**
 * Registers the handlers (one round trip); returns the function that removes them (one more).
 * `ids` are the sheets' ids now, for the per-sheet handlers of ExcelApi 1.7–1.8.
 */
export async function watchWorkbook(
  caps: Capabilities,
  guard: OwnWrites,
  on: (e: SheetEvent) => void,
): Promise<{ ids: Map<string, string>; stop: () => Promise<void> }> {
  const results: Result[] = [];
  const changed = async (e: Excel.WorksheetChangedEventArgs) => {
    if (caps.triggerSource && e.triggerSource === 'ThisLocalAddin') return;
    if (!caps.triggerSource && guard.covers(e.worksheetId, e.address)) return;
    on({ kind: 'changed', id: e.worksheetId });
  };
  const ids = await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    if (caps.workbookChanged) results.push(sheets.onChanged.add(changed) as Result);
    results.push(
      sheets.onAdded.add(async (e) => {
        on({ kind: 'added', id: e.worksheetId });
        if (!caps.workbookChanged) {
          // Before 1.9 each sheet has its own onChanged: the new one gets it too.
          const r = await Excel.run(async (ctx) => {
            const added = ctx.workbook.worksheets.getItem(e.worksheetId).onChanged.add(changed);
            await ctx.sync();
            return added;
          });
          results.push(r as Result);
        }
      }) as Result,
    );
    results.push(sheets.onDeleted.add(async (e) => on({ kind: 'deleted', id: e.worksheetId })) as Result);
    if (caps.nameEvents) results.push(sheets.onNameChanged.add(async (e) => on({ kind: 'renamed', id: e.worksheetId })) as Result);
    await context.sync();
    if (!caps.workbookChanged) {
      for (const ws of sheets.items) results.push(ws.onChanged.add(changed) as Result);
      await context.sync();
    }
    return new Map(sheets.items.map((ws) => [ws.id, ws.name]));
  });
  const stop = async () => {
    // Removing a handler needs the context it was added in, and a sync (EventHandlers.remove).
    const byContext = new Map<unknown, Result[]>();
    for (const r of results.splice(0)) {
      const l = byContext.get(r.context) ?? [];
      l.push(r);
      byContext.set(r.context, l);
    }
    for (const [ctx, rs] of byContext) {
      // One context per registration round (a sheet added later has its own): rarely more than two.
      await Excel.run(ctx as Excel.RequestContext, async (context) => {
        for (const r of rs) r.remove();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      });
    }
  };
  return { ids, stop };
}
