/**
 * The check that follows the typing, while the pane is open: change events (change-events.ts) gather
 * the touched sheets; ~0.5 s after the last one the re-check runs (recheck.ts), one at a time; its
 * result goes to the pane. Started after a whole check; stopped when the pane checks again or closes.
 */
import { type CellFix, proposeFixes } from '../core/fixes/propose';
import { memoGrid } from '../core/validate/recheck';
import type { Stamp } from '../core/stamp/stamp';
import type { WorkbookCheck } from '../core/validate/validate-workbook';
import type { Capabilities } from './capabilities';
import { OwnWrites, SheetEvent, watchWorkbook } from './change-events';
import type { ExcelCheckResult } from './check-workbook';
import { liveState, LiveState, recheckOpenWorkbook, RecheckResult } from './recheck';

export const DEBOUNCE_MS = 500;

export interface LiveOptions {
  caps: Capabilities;
  mark: boolean;
  debounceMs?: number;
  /** A re-check that changed the check (or a whole check after one that could not be done in part). */
  onResult(r: { check: WorkbookCheck; stamp: Stamp | null; fonts: Map<string, string>; fixes: CellFix[]; syncs: number }): void;
  onError?(e: unknown): void;
  /** The whole check again, when a part cannot do (a sheet too big for one read, a sheet gone meanwhile). */
  checkAll(): Promise<ExcelCheckResult>;
}

export class LiveCheck {
  /** Re-checks done, with their round trips and the engine's share (for tests and the bench). */
  readonly log: Pick<RecheckResult, 'syncs' | 'coreMs' | 'changed'>[] = [];
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly guard = new OwnWrites();

  private constructor(
    private state: LiveState,
    private readonly opts: LiveOptions,
    private stopWatching: () => Promise<void> = async () => undefined,
  ) {}

  /** Null below ExcelApi 1.7 (no change events): the pane offers Kiểm tra lại instead. */
  static async start(initial: ExcelCheckResult, opts: LiveOptions): Promise<LiveCheck | null> {
    if (!opts.caps.changeEvents) return null;
    const live = new LiveCheck(liveState(initial, new Map(), opts.mark), opts);
    const { ids, stop } = await watchWorkbook(opts.caps, live.guard, (e) => live.event(e));
    live.state = { ...live.state, ids };
    live.stopWatching = stop;
    return live;
  }

  /**
   * The add-in wrote cells itself (a fix): their sheets are re-checked like an edit's, since the events
   * of its own writes are ignored.
   */
  touch(sheetNames: string[]): void {
    for (const [id, name] of this.state.ids) if (sheetNames.includes(name)) this.event({ kind: 'changed', id });
  }

  setMark(on: boolean): void {
    this.state = { ...this.state, mark: on };
  }

  /** Waits for the re-check under way and any one due (tests). */
  async idle(): Promise<void> {
    while (this.timer || this.pending.size) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.flush();
      }
      await this.running;
    }
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    await this.running;
    await this.stopWatching();
  }

  private event(e: SheetEvent): void {
    if (this.stopped) return;
    if (e.kind === 'deleted') {
      const ids = new Map(this.state.ids);
      ids.delete(e.id);
      this.state = { ...this.state, ids };
      this.pending.delete(e.id);
      this.pending.add('');
    } else this.pending.add(e.id);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.opts.debounceMs ?? DEBOUNCE_MS);
  }

  private flush(): void {
    const touched = [...this.pending].filter((id) => id !== '');
    this.pending.clear();
    this.running = this.running.then(() => this.recheck(touched));
  }

  private async recheck(touched: string[]): Promise<void> {
    if (this.stopped) return;
    try {
      const r = await Excel.run((ctx) =>
        recheckOpenWorkbook(ctx, this.opts.caps, this.state, touched, new Date(), (id, areas) => this.guard.note(id, areas)),
      );
      this.guard.done();
      this.log.push({ syncs: r.syncs, coreMs: r.coreMs, changed: r.changed });
      this.state = r.state;
      if (r.changed) {
        // The fixes offered follow the cells too: a cell typed right needs none, a new mistake may.
        const fixes = proposeFixes(memoGrid(r.state.memo), r.state.check);
        this.opts.onResult({ check: r.state.check, stamp: r.stamp, fonts: r.state.fonts, fixes, syncs: r.syncs });
      }
    } catch (e) {
      this.guard.done();
      // A part could not do (a sheet too big for one read, one deleted meanwhile): the whole check.
      try {
        const all = await this.opts.checkAll();
        this.state = liveState(all, this.state.ids, this.state.mark);
        this.opts.onResult({
          check: this.state.check,
          stamp: all.stamp,
          fonts: all.fonts,
          fixes: all.fixes,
          syncs: all.syncs.read + all.syncs.marks + all.syncs.stamp,
        });
      } catch (e2) {
        this.opts.onError?.(e2 ?? e);
      }
    }
  }
}
