/**
 * The main thread's side of the engine workers. Nothing here parses or checks: it hands files to
 * the workers, keeps a few in flight, and stops a worker that is stuck on one file so the batch
 * goes on without it. Workers (and with them the parser) are created on the first file only.
 */
import type { ConsolidatedModel } from '../../core/merge/model';
import type { UnreadableReason } from '../../core/report/unreadable';
import type { PlainCheck } from '../../core/validate/plain-check';
import type { ConsolidateResult, DefinitionText, EngineRequest, EngineResponse, EngineResult, FileRow } from '../../web/engine-protocol';

/** Matches the command line's limit (src/xlsx/zip-guard MAX_FILE_BYTES) without loading the parser. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** A report form is read in well under a second; a file that takes this long is not one. */
export const FILE_TIMEOUT_MS = 60_000;

type Body = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

class EngineWorker {
  private worker: Worker;
  private next = 1;
  private pending = new Map<number, { resolve: (r: EngineResult) => void; reject: (e: Error) => void }>();

  constructor(readonly name: string) {
    this.worker = EngineWorker.spawn(name);
    this.worker.onmessage = (e: MessageEvent<EngineResponse>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error));
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(e.message || 'worker error'));
    };
  }

  private static spawn(name: string): Worker {
    return new Worker(new URL('../../web/engine-worker.ts', import.meta.url), { name });
  }

  request(body: Body, transfer: Transferable[] = []): Promise<EngineResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('stopped'));
  }
}

export interface Progress {
  done: number;
  total: number;
  row?: FileRow;
}

export interface MergeRequest {
  round?: string;
  deadline?: string;
  now?: Date;
  onProgress?: (p: Progress) => void;
}

export class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => {
      onTimeout();
      reject(new TimeoutError('timeout'));
    }, ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

export class Engine {
  private parsers: EngineWorker[] = [];
  private collector: EngineWorker | null = null;
  private definitions: DefinitionText[] = [];
  private parsersReady: Promise<EngineWorker[]> | null = null;
  private collectorReady: Promise<EngineWorker> | null = null;

  constructor(private readonly parserCount = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2))) {}

  /** Definitions from the Mẫu view; every worker (now and later) checks against them too. */
  async setDefinitions(definitions: DefinitionText[]): Promise<void> {
    this.definitions = definitions;
    await Promise.all([...this.parsers, ...(this.collector ? [this.collector] : [])].map((w) => w.request({ type: 'setup', definitions })));
  }

  private async spawn(name: string): Promise<EngineWorker> {
    const w = new EngineWorker(name);
    if (this.definitions.length) await w.request({ type: 'setup', definitions: this.definitions });
    return w;
  }

  /** Started once, however many callers ask at the same time (choosing files, then the button). */
  private ensureParsers(): Promise<EngineWorker[]> {
    this.parsersReady ??= (async () => {
      while (this.parsers.length < this.parserCount) this.parsers.push(await this.spawn(`phuluc-parse-${this.parsers.length + 1}`));
      return this.parsers;
    })();
    return this.parsersReady;
  }

  private ensureCollector(): Promise<EngineWorker> {
    this.collectorReady ??= (async () => {
      const parsers = await this.ensureParsers();
      this.collector = await this.spawn('phuluc-collect');
      for (const p of parsers) await this.link(p);
      return this.collector;
    })();
    return this.collectorReady;
  }

  private async link(parser: EngineWorker): Promise<void> {
    const ch = new MessageChannel();
    await parser.request({ type: 'connect', port: ch.port1 }, [ch.port1]);
    await this.collector!.request({ type: 'connect', port: ch.port2 }, [ch.port2]);
  }

  /** A worker stuck on a file is stopped and replaced; the file is reported as unreadable. */
  private async replace(i: number): Promise<void> {
    this.parsers[i].terminate();
    this.parsers[i] = await this.spawn(`phuluc-parse-${i + 1}`);
    if (this.collector) await this.link(this.parsers[i]);
  }

  /** Starts the workers (and so loads the parser) as soon as files are chosen, before the button. */
  warm(): void {
    void this.ensureParsers().catch(() => undefined);
  }

  /** One workbook checked on its own (the Kiểm tra tab of the page). */
  async checkFile(file: File, round?: string): Promise<{ row: FileRow; check: PlainCheck; titles: Record<string, string> }> {
    const [w] = await this.ensureParsers();
    if (file.size > MAX_FILE_BYTES) throw new FileTooLargeError(file.name, file.size);
    const bytes = await file.arrayBuffer();
    try {
      const r = await withTimeout(
        w.request({ type: 'check', index: 0, name: file.name, bytes, lastModified: file.lastModified, round, collect: false }, [bytes]),
        FILE_TIMEOUT_MS,
        () => void this.replace(0),
      );
      if (r.type !== 'check' || !r.check) throw new Error('unexpected answer');
      return { row: r.row, check: r.check, titles: r.titles ?? {} };
    } catch (e) {
      if (e instanceof TimeoutError) throw new FileTimeoutError(file.name);
      throw e;
    }
  }

  /** Reads and checks every file on the parse workers, then consolidates on the collector. */
  async merge(files: File[], req: MergeRequest = {}): Promise<ConsolidateResult> {
    const collector = await this.ensureCollector();
    await collector.request({ type: 'reset' });
    const parsers = await this.ensureParsers();
    const total = files.length;
    let done = 0;
    let nextFile = 0;
    const report = (row: FileRow) => {
      done++;
      req.onProgress?.({ done, total, row });
    };
    const unreadable = async (index: number, reason: UnreadableReason) => {
      const f = files[index];
      const r = await collector.request({ type: 'unreadable', index, name: f.name, lastModified: f.lastModified, reason });
      if (r.type === 'check') report(r.row);
    };
    req.onProgress?.({ done: 0, total });
    // One file in flight per worker: reading the next file's bytes overlaps the current parse.
    const lane = async (i: number) => {
      for (;;) {
        const index = nextFile++;
        if (index >= total) return;
        const f = files[index];
        if (f.size > MAX_FILE_BYTES) {
          await unreadable(index, 'too-large');
          continue;
        }
        let bytes: ArrayBuffer;
        try {
          bytes = await f.arrayBuffer();
        } catch {
          await unreadable(index, 'io-error');
          continue;
        }
        try {
          const r = await withTimeout(
            parsers[i].request({ type: 'check', index, name: f.name, bytes, lastModified: f.lastModified, round: req.round, collect: true }, [bytes]),
            FILE_TIMEOUT_MS,
            () => undefined,
          );
          if (r.type === 'check') report(r.row);
        } catch (e) {
          await this.replace(i);
          await unreadable(index, e instanceof TimeoutError ? 'timeout' : 'out-of-memory');
        }
      }
    };
    await Promise.all(parsers.map((_, i) => lane(i)));
    const r = await collector.request({
      type: 'consolidate',
      count: total,
      round: req.round,
      deadline: req.deadline,
      now: (req.now ?? new Date()).toISOString(),
    });
    if (r.type !== 'consolidate') throw new Error('unexpected answer');
    return r.result;
  }

  /** The last merge as data (to write into the open workbook). */
  async model(): Promise<ConsolidatedModel> {
    const r = await (await this.ensureCollector()).request({ type: 'model' });
    if (r.type !== 'model') throw new Error('unexpected answer');
    return r.model;
  }

  /** The last merge as a styled .xlsx. */
  async workbook(): Promise<Blob> {
    const r = await (await this.ensureCollector()).request({ type: 'write' });
    if (r.type !== 'write') throw new Error('unexpected answer');
    return new Blob([r.bytes], { type: XLSX_MIME });
  }

  /** A copy of the file with the problem cells highlighted (nothing else in it changed). */
  async highlighted(file: File, check: PlainCheck): Promise<{ blob: Blob; marked: number }> {
    const [w] = await this.ensureParsers();
    const bytes = await file.arrayBuffer();
    const r = await w.request({ type: 'highlight', bytes, check }, [bytes]);
    if (r.type !== 'highlight') throw new Error('unexpected answer');
    return { blob: new Blob([r.bytes], { type: XLSX_MIME }), marked: r.marked };
  }

  dispose(): void {
    for (const w of this.parsers) w.terminate();
    this.collector?.terminate();
    this.parsers = [];
    this.collector = null;
    this.parsersReady = null;
    this.collectorReady = null;
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
