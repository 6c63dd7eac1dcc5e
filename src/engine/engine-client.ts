/**
 * The main thread's side of the engine workers. Nothing here parses or checks: it hands files to
 * the workers, keeps one in flight per worker, and stops a worker that is stuck on a file so the
 * batch goes on without it. Workers (and with them the parser) start when files are first chosen.
 *
 * Workers: one per core (up to 4) for a merge's files, a collector that receives their full checks
 * and consolidates, and one of its own for the Kiểm tra tab, so that a check never stops a merge's
 * worker nor waits behind it.
 */
import type { ConsolidatedModel } from '../core/merge/model';
import type { UnreadableReason } from '../core/report/unreadable';
import type { PlainCheck } from '../core/validate/plain-check';
import type { ConsolidateResult, DefinitionText, EngineRequest, EngineResponse, EngineResult, FileRow } from './engine-protocol';

/** Matches the command line's limit (src/xlsx/zip-guard MAX_FILE_BYTES) without loading the parser. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** A report form is read in well under a second; a file that takes this long is not one. */
export const FILE_TIMEOUT_MS = 60_000;
/** Start-up, linking, definitions: quick, unless the worker is gone. */
const SHORT_TIMEOUT_MS = 30_000;
/** Consolidating and writing thousands of files. */
const LONG_TIMEOUT_MS = 10 * 60_000;

type Body = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class TimeoutError extends Error {}
/** The worker was stopped (replaced, or the engine disposed) before it answered. */
export class StoppedError extends Error {}

class EngineWorker {
  private readonly worker: Worker;
  private next = 1;
  private dead = false;
  private pending = new Map<
    number,
    { resolve: (r: EngineResult) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(readonly name: string) {
    this.worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { name });
    this.worker.onmessage = (e: MessageEvent<EngineResponse>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      clearTimeout(p.timer);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error));
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      // A worker that threw outside a request (out of memory, most likely) cannot be trusted again.
      this.terminate(new Error(e.message || 'worker error'));
    };
  }

  get alive(): boolean {
    return !this.dead;
  }

  request(body: Body, transfer: Transferable[] = [], timeoutMs = SHORT_TIMEOUT_MS): Promise<EngineResult> {
    if (this.dead) return Promise.reject(new StoppedError(`${this.name} stopped`));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TimeoutError(`${this.name}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  terminate(reason: Error = new StoppedError(`${this.name} stopped`)): void {
    this.dead = true;
    this.worker.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    this.pending.clear();
  }
}

export interface Progress {
  done: number;
  total: number;
  row?: FileRow;
}

/** The person stopped the merge. */
export class MergeCancelledError extends Error {
  constructor() {
    super('Đã dừng tổng hợp. / The merge was stopped.');
  }
}

export interface MergeRequest {
  round?: string;
  deadline?: string;
  now?: Date;
  onProgress?: (p: Progress) => void;
}

export class Engine {
  private parsers: EngineWorker[] = [];
  private collector: EngineWorker | null = null;
  private checker: EngineWorker | null = null;
  private definitions: DefinitionText[] = [];
  /** Bumped with every change of definitions: a worker that started meanwhile is set up again. */
  private version = 0;
  private parsersReady: Promise<EngineWorker[]> | null = null;
  private collectorReady: Promise<EngineWorker> | null = null;
  private checkerReady: Promise<EngineWorker> | null = null;
  private replacing = new Map<number, Promise<void>>();
  private batch = 0;
  private merging = false;
  private stopMerge = false;
  private lastMerge: { batch: number; count: number; round?: string; deadline?: string; now: string } | null = null;

  private readonly parserCount: number;
  private readonly fileTimeoutMs: number;

  constructor(opts: { parsers?: number; fileTimeoutMs?: number } = {}) {
    this.parserCount = opts.parsers ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
    this.fileTimeoutMs = opts.fileTimeoutMs ?? FILE_TIMEOUT_MS;
  }

  /**
   * Definitions from the Mẫu view; every worker (now and later) checks against them. Taken only
   * when every running worker accepted them; not while a merge runs (its files would be checked
   * against two catalogues).
   */
  async setDefinitions(definitions: DefinitionText[]): Promise<void> {
    if (this.merging) throw new Error('Đang tổng hợp; hãy nạp định nghĩa sau. / A merge is running; load definitions after it.');
    const live = [...this.parsers, this.collector, this.checker].filter((w): w is EngineWorker => !!w?.alive);
    await Promise.all(live.map((w) => w.request({ type: 'setup', definitions })));
    this.definitions = definitions;
    this.version++;
  }

  private async spawn(name: string): Promise<EngineWorker> {
    const w = new EngineWorker(name);
    try {
      let sent = -1;
      // Definitions may change while this worker starts: set it up until it has the latest.
      while (sent !== this.version) {
        sent = this.version;
        if (this.definitions.length) await w.request({ type: 'setup', definitions: this.definitions });
      }
      return w;
    } catch (e) {
      w.terminate();
      throw e;
    }
  }

  /** Started once however many callers ask at the same time; a failed start may be tried again. */
  private ensureParsers(): Promise<EngineWorker[]> {
    this.parsersReady ??= (async () => {
      while (this.parsers.length < this.parserCount) this.parsers.push(await this.spawn(`phuluc-parse-${this.parsers.length + 1}`));
      return this.parsers;
    })().catch((e: unknown) => {
      this.parsersReady = null;
      throw e;
    });
    return this.parsersReady;
  }

  private ensureCollector(): Promise<EngineWorker> {
    this.collectorReady ??= (async () => {
      const parsers = await this.ensureParsers();
      const collector = await this.spawn('phuluc-collect');
      this.collector = collector;
      for (const p of parsers) await this.link(p);
      return collector;
    })().catch((e: unknown) => {
      this.collector?.terminate();
      this.collector = null;
      this.collectorReady = null;
      throw e;
    });
    return this.collectorReady;
  }

  private ensureChecker(): Promise<EngineWorker> {
    this.checkerReady ??= (async () => (this.checker = await this.spawn('phuluc-check')))().catch((e: unknown) => {
      this.checkerReady = null;
      throw e;
    });
    return this.checkerReady;
  }

  private async link(parser: EngineWorker): Promise<void> {
    const ch = new MessageChannel();
    await parser.request({ type: 'connect', port: ch.port1 }, [ch.port1]);
    await this.collector!.request({ type: 'connect', port: ch.port2 }, [ch.port2]);
  }

  /**
   * Parse worker `i` was stuck or died on a file: a new one takes its place (linked to the
   * collector) before the old one is stopped. One replacement per place at a time.
   */
  private replace(i: number, stuck: EngineWorker): Promise<void> {
    const running = this.replacing.get(i);
    if (running) return running;
    const job = (async () => {
      if (this.parsers[i] !== stuck) return;
      const fresh = await this.spawn(`phuluc-parse-${i + 1}`);
      this.parsers[i] = fresh;
      stuck.terminate();
      if (this.collector) await this.link(fresh);
    })().finally(() => this.replacing.delete(i));
    this.replacing.set(i, job);
    return job;
  }

  /** Starts the workers (and so loads the parser) as soon as files are chosen, before the button. */
  warm(): void {
    void this.ensureParsers().catch(() => undefined);
    void this.ensureChecker().catch(() => undefined);
  }

  /** One workbook checked on its own (the Kiểm tra tab of the page). */
  async checkFile(file: File, round?: string): Promise<{ row: FileRow; check: PlainCheck; titles: Record<string, string> }> {
    if (file.size > MAX_FILE_BYTES) throw new FileTooLargeError(file.name, file.size);
    const w = await this.ensureChecker();
    const bytes = await readBytes(file);
    try {
      const r = await w.request(
        { type: 'check', index: 0, name: file.name, bytes, lastModified: file.lastModified, round },
        [bytes],
        this.fileTimeoutMs,
      );
      if (r.type !== 'check' || !r.check) throw new Error('unexpected answer');
      return { row: r.row, check: r.check, titles: r.titles ?? {} };
    } catch (e) {
      if (e instanceof TimeoutError || e instanceof StoppedError) {
        // Whatever held it up, the next check gets a fresh worker.
        w.terminate();
        this.checker = null;
        this.checkerReady = null;
        if (e instanceof TimeoutError) throw new FileTimeoutError(file.name);
      }
      throw e;
    }
  }

  /** Reads and checks every file on the parse workers, then consolidates on the collector. */
  async merge(files: File[], req: MergeRequest = {}): Promise<ConsolidateResult> {
    if (this.merging) throw new Error('Đang tổng hợp. / A merge is already running.');
    this.merging = true;
    this.stopMerge = false;
    try {
      return await this.runMerge(files, req);
    } finally {
      this.merging = false;
    }
  }

  /** Stops the running merge at its next file: its promise rejects with a MergeCancelledError. */
  cancelMerge(): void {
    if (this.merging) this.stopMerge = true;
  }

  private async runMerge(files: File[], req: MergeRequest): Promise<ConsolidateResult> {
    const collector = await this.ensureCollector();
    const batch = ++this.batch;
    this.lastMerge = null;
    await collector.request({ type: 'reset', batch });
    const parsers = await this.ensureParsers();
    const total = files.length;
    let done = 0;
    let nextFile = 0;
    let failed = false;
    const report = (row: FileRow) => {
      done++;
      req.onProgress?.({ done, total, row });
    };
    const unreadable = async (index: number, reason: UnreadableReason) => {
      const f = files[index];
      const r = await collector.request({ type: 'unreadable', batch, index, name: f.name, lastModified: f.lastModified, reason });
      if (r.type === 'check') report(r.row);
    };
    req.onProgress?.({ done: 0, total });
    // One file in flight per worker: reading the next file's bytes overlaps the current parse.
    const lane = async (i: number) => {
      while (!failed) {
        if (this.stopMerge) throw new MergeCancelledError();
        const index = nextFile++;
        if (index >= total) return;
        const f = files[index];
        if (f.size > MAX_FILE_BYTES) {
          await unreadable(index, 'too-large');
          continue;
        }
        let bytes: ArrayBuffer;
        try {
          bytes = await readBytes(f);
        } catch {
          await unreadable(index, 'io-error');
          continue;
        }
        const w = parsers[i];
        try {
          const r = await w.request(
            { type: 'check', index, name: f.name, bytes, lastModified: f.lastModified, round: req.round, batch },
            [bytes],
            this.fileTimeoutMs,
          );
          if (r.type === 'check') report(r.row);
        } catch (e) {
          // A message from the worker's own code (a round it does not know…) is the batch's problem.
          if (!(e instanceof TimeoutError || e instanceof StoppedError || w.alive === false)) throw e;
          await this.replace(i, w);
          await unreadable(index, e instanceof TimeoutError ? 'timeout' : 'out-of-memory');
        }
      }
    };
    try {
      await Promise.all(
        parsers.map((_, i) =>
          lane(i).catch((e: unknown) => {
            failed = true;
            throw e;
          }),
        ),
      );
    } catch (e) {
      // The other lanes stop at their next file; what they still report goes nowhere.
      req.onProgress = undefined;
      throw e;
    }
    this.lastMerge = { batch, count: total, round: req.round, deadline: req.deadline, now: (req.now ?? new Date()).toISOString() };
    const r = await collector.request({ type: 'consolidate', ...this.lastMerge }, [], LONG_TIMEOUT_MS);
    if (r.type !== 'consolidate') throw new Error('unexpected answer');
    return r.result;
  }

  /** The last merge again from the files already read, with the clerk's units and receipt dates. */
  async remerge(corrections: { assign: Record<string, string>; receipts: Record<string, string> }): Promise<ConsolidateResult> {
    if (!this.lastMerge || this.merging) throw new Error('Chưa tổng hợp / Nothing merged yet');
    const r = await (await this.ensureCollector()).request({ type: 'consolidate', ...this.lastMerge, ...corrections }, [], LONG_TIMEOUT_MS);
    if (r.type !== 'consolidate') throw new Error('unexpected answer');
    return r.result;
  }

  /** The last merge as data (to write into the open workbook). */
  async model(): Promise<ConsolidatedModel> {
    const r = await (await this.ensureCollector()).request({ type: 'model' }, [], LONG_TIMEOUT_MS);
    if (r.type !== 'model') throw new Error('unexpected answer');
    return r.model;
  }

  /** The last merge as a styled .xlsx. */
  async workbook(): Promise<Blob> {
    const r = await (await this.ensureCollector()).request({ type: 'write' }, [], LONG_TIMEOUT_MS);
    if (r.type !== 'write') throw new Error('unexpected answer');
    return new Blob([r.bytes], { type: XLSX_MIME });
  }

  /** A copy of the file with the problem cells highlighted (nothing else in it changed). */
  async highlighted(file: File, check: PlainCheck, lang: 'vi' | 'en' = 'vi'): Promise<{ blob: Blob; marked: number }> {
    const w = await this.ensureChecker();
    const bytes = await readBytes(file);
    const r = await w.request({ type: 'highlight', bytes, check, lang }, [bytes], this.fileTimeoutMs);
    if (r.type !== 'highlight') throw new Error('unexpected answer');
    return { blob: new Blob([r.bytes], { type: XLSX_MIME }), marked: r.marked };
  }

  /** A copy of the file with Phuluc's marks and notes removed (an officer without the add-in sends this). */
  async cleaned(file: File): Promise<{ blob: Blob; removed: number }> {
    const w = await this.ensureChecker();
    const bytes = await readBytes(file);
    const r = await w.request({ type: 'clean', bytes }, [bytes], this.fileTimeoutMs);
    if (r.type !== 'copy') throw new Error('unexpected answer');
    return { blob: new Blob([r.bytes], { type: XLSX_MIME }), removed: r.changed };
  }

  /** A copy stamped "checked, passed" as the add-in stamps it; refused for a workbook with an error. */
  async stamped(file: File): Promise<Blob> {
    const w = await this.ensureChecker();
    const bytes = await readBytes(file);
    const r = await w.request({ type: 'stamp', bytes, name: file.name }, [bytes], this.fileTimeoutMs);
    if (r.type !== 'copy') throw new Error('unexpected answer');
    return new Blob([r.bytes], { type: XLSX_MIME });
  }

  /** A copy of the file with the certain fixes made and the forms' drop-downs added (issue 16). */
  async fixedCopy(file: File): Promise<{ blob: Blob; fixed: number; dropdowns: number }> {
    const w = await this.ensureChecker();
    const bytes = await readBytes(file);
    const r = await w.request({ type: 'fixed', bytes, name: file.name }, [bytes], this.fileTimeoutMs);
    if (r.type !== 'fixed') throw new Error('unexpected answer');
    return { blob: new Blob([r.bytes], { type: XLSX_MIME }), fixed: r.fixed, dropdowns: r.dropdowns };
  }

  dispose(): void {
    for (const w of [...this.parsers, this.collector, this.checker]) w?.terminate();
    this.parsers = [];
    this.collector = null;
    this.checker = null;
    this.parsersReady = null;
    this.collectorReady = null;
    this.checkerReady = null;
  }
}

/** A file's bytes; a file changed or removed since it was chosen is told as such. */
async function readBytes(f: File): Promise<ArrayBuffer> {
  try {
    return await f.arrayBuffer();
  } catch {
    throw new FileChangedError(f.name);
  }
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class FileTooLargeError extends Error {
  constructor(
    readonly fileName: string,
    readonly size: number,
  ) {
    super(`${fileName}: quá lớn / too large`);
  }
}

export class FileTimeoutError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName}: đọc quá lâu / took too long`);
  }
}

export class FileChangedError extends Error {
  constructor(readonly fileName: string) {
    super(
      `${fileName}: không đọc được (tệp đã bị sửa, đổi tên hoặc xóa sau khi chọn) / cannot be read (changed, renamed or deleted after it was chosen)`,
    );
  }
}
