/**
 * Reading many untrusted files in Node: each file is parsed in a worker thread with a heap limit
 * and a time limit, so one hostile or broken file costs one worker, not the batch. Workers are
 * reused across files and replaced when they die.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { WorkbookGrid } from '../core/grid/types';
import type { UnreadableInfo } from '../core/report/unreadable';
import type { Catalog, Template } from '../core/template/catalog';
import type { RoundDef } from '../core/template/schema';
import type { PlainCheck } from '../core/validate/plain-check';
import {
  WORKER_MARKER,
  nodeZipCodec,
  type ParseRequest,
  type ParseResponse,
  type WorkerCheckConfig,
  type WorkerParseOptions,
} from './parse-worker';
import { classifyParserError, parseWorkbookBytes } from './read-grid';
import { resolveTexts } from './shared-texts';
import { resolveLimits } from './limits';
import { fmtBytes } from './unreadable-error';

/** A 200,000-row sheet parses in a few seconds; twenty means something is wrong. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * Unless a fixed limit is given, a file gets 5 s plus 3 s per MB of its bytes, up to the default:
 * a small file that keeps the parser busy (thousands of whole-sheet hyperlink records in an .xls)
 * is stopped in seconds, so a few of them cannot hold a batch past half a minute.
 */
export function timeoutFor(bytes: number): number {
  return Math.min(DEFAULT_TIMEOUT_MS, 5_000 + Math.round((3 * bytes) / 1_000));
}
export const MAX_POOL_SIZE = 4;
/** The whole batch — this process and every worker — stays under 1 GB, whatever the files hold. */
export const DEFAULT_BATCH_MEMORY_MB = 900;
/** This process: the CLI, the catalogue, the checks gathered for a merge. */
const MAIN_RESERVE_MB = 200;
/** Below this a worker cannot parse a large real form; fewer workers are started instead. */
const MIN_WORKER_SHARE_MB = 300;

export interface PoolPlan {
  size: number;
  /** Old-generation heap limit of each worker. */
  memoryMb: number;
  /** Inflated bytes one file may hold: they sit outside the heap limit, as the repacked archive. */
  maxTotalBytes: number;
}

/**
 * Workers and their limits from the batch's memory budget: each worker's share covers its heap,
 * its young generation and start-up (about 90 MB), and the file's inflated bytes (a quarter of it).
 */
export function planPool(o: { budgetMb?: number; cores?: number; size?: number; memoryMb?: number } = {}): PoolPlan {
  const budget = o.budgetMb ?? Math.min(DEFAULT_BATCH_MEMORY_MB, Math.floor(os.totalmem() / MB / 2));
  const cores = o.cores ?? os.availableParallelism();
  const spare = Math.max(MIN_WORKER_SHARE_MB, budget - MAIN_RESERVE_MB);
  const size = Math.max(1, Math.floor(o.size ?? Math.min(cores, MAX_POOL_SIZE, Math.floor(spare / MIN_WORKER_SHARE_MB))));
  const share = spare / size;
  return {
    size,
    memoryMb: o.memoryMb ?? Math.max(64, Math.floor(share * 0.6)),
    maxTotalBytes: Math.floor(share * 0.25) * MB,
  };
}

const MB = 1024 * 1024;

export type ReadResult = { ok: true; grid: WorkbookGrid; ms: number } | { ok: false; info: UnreadableInfo; ms: number };

export type FileReadResult = ReadResult & { mtimeMs?: number };

export interface ReaderPoolOptions {
  /** Worker count; default from the memory budget and the cores (planPool). */
  size?: number;
  /** Old-generation heap limit per worker (resourceLimits.maxOldGenerationSizeMb); default from the budget. */
  memoryMb?: number;
  /** Memory for the whole batch in MB; default 900 (or half the machine's, if less). */
  budgetMb?: number;
  /** Per-file parse time limit (default `timeoutFor` the file's size); the worker is terminated and replaced when it is exceeded. */
  timeoutMs?: number;
  /** Guard limits and row caps, passed to every parse. */
  parse?: WorkerParseOptions;
  /** Lets `checkFile` validate in the workers against this catalogue (and round or form). */
  check?: { catalog: Catalog; round?: RoundDef; template?: Template };
}

export interface ReadBytesOptions {
  /**
   * Hand the bytes' ArrayBuffer to the worker without copying (default). The caller's Uint8Array
   * is detached afterwards; pass false to keep using it (the bytes are then copied).
   */
  transfer?: boolean;
}

export interface ReaderPool {
  readBytes(bytes: Uint8Array, name?: string, opts?: ReadBytesOptions): Promise<ReadResult>;
  readFile(filePath: string): Promise<FileReadResult>;
  /** Parse and check in a worker (needs the `check` option); the grid stays in the worker. */
  checkFile(filePath: string, fileName?: string): Promise<CheckReadResult>;
  close(): Promise<void>;
}

/** What a worker answers: the grid, or (when the pool checks) the check. */
type WorkerResult =
  | { ok: true; grid?: WorkbookGrid; check?: PlainCheck; consolidated?: boolean; ms: number }
  | { ok: false; info: UnreadableInfo; ms: number };

export type CheckReadResult =
  /** `consolidated`: the workbook carries Phuluc's metadata (an earlier consolidation). */
  | { ok: true; check: PlainCheck; consolidated: boolean; ms: number; mtimeMs?: number }
  | { ok: false; info: UnreadableInfo; ms: number; mtimeMs?: number };

interface Task {
  id: number;
  bytes: Uint8Array;
  transfer: boolean;
  name?: string;
  check?: { fileName: string };
  resolve(r: WorkerResult): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  started: number;
  timer?: NodeJS.Timeout;
  /** The worker has loaded the parser; until then its start-up does not count against the file. */
  ready: boolean;
  /** The current file's time limit. */
  limitMs: number;
  dead: boolean;
}

/** Allowance for a fresh worker to load the spreadsheet library before its first file's clock starts. */
const STARTUP_ALLOWANCE_MS = 15_000;

/** The compiled worker next to this file (running from lib/), else the build output of the repo. */
export function resolveWorkerFile(): string {
  const local = path.join(__dirname, 'parse-worker.js');
  if (fs.existsSync(local)) return local;
  return path.resolve(__dirname, '..', '..', 'lib', 'src', 'xlsx', 'parse-worker.js');
}

export function createReaderPool(opts: ReaderPoolOptions = {}): ReaderPool {
  const plan = planPool({ budgetMb: opts.budgetMb, size: opts.size, memoryMb: opts.memoryMb });
  const { size, memoryMb } = plan;
  const fixedTimeoutMs = opts.timeoutMs;
  const given = opts.parse ?? {};
  const limits = resolveLimits(given.limits);
  // A file may inflate to no more than its worker's share allows (nor than the guard's own limits).
  const maxTotalBytes = Math.min(limits.maxTotalBytes, plan.maxTotalBytes);
  const parse: WorkerParseOptions = {
    ...given,
    limits: { ...limits, maxTotalBytes, maxEntryBytes: Math.min(limits.maxEntryBytes, maxTotalBytes) },
  };
  const maxFileBytes = resolveLimits(parse.limits).maxFileBytes;
  const workerFile = resolveWorkerFile();
  const checkConfig: WorkerCheckConfig | undefined = opts.check
    ? { catalogJson: JSON.stringify(opts.check.catalog), round: opts.check.round?.id, template: opts.check.template?.id }
    : undefined;
  if (!fs.existsSync(workerFile)) {
    throw new Error(`parse worker not built: ${workerFile} is missing (run \`npm run build:cli\`)`);
  }

  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(workerFile, {
      workerData: { marker: WORKER_MARKER, check: checkConfig },
      // A larger young generation: parsing and checking allocate many short-lived strings, and
      // fewer scavenges make a file ~20% faster.
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 48 },
    });
    const slot: Slot = { worker, started: 0, ready: false, dead: false, limitMs: DEFAULT_TIMEOUT_MS };
    slots.push(slot);
    worker.on('message', (msg: ParseResponse | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        if (slot.task) startClock(slot);
        return;
      }
      if (!slot.task || msg.id !== slot.task.id) return;
      const check = msg.ok && msg.check && msg.texts ? resolveTexts(msg.check, msg.texts) : msg.ok ? msg.check : undefined;
      settle(slot, msg.ok ? { ok: true, grid: msg.grid, check, consolidated: msg.consolidated } : { ok: false, info: msg.info });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const info: UnreadableInfo =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { reason: 'out-of-memory', detail: `parsing needed more than the ${memoryMb} MB memory limit` }
          : { reason: 'corrupt', detail: `parser worker failed: ${err.message}` };
      retire(slot, info);
    });
    worker.on('exit', (code) => retire(slot, { reason: 'corrupt', detail: `parser worker exited with code ${code}` }));
    return slot;
  };

  const settle = (
    slot: Slot,
    r: { ok: true; grid?: WorkbookGrid; check?: PlainCheck; consolidated?: boolean } | { ok: false; info: UnreadableInfo },
  ) => {
    const task = slot.task;
    if (!task) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    const ms = Math.round(performance.now() - slot.started);
    task.resolve(r.ok ? { ok: true, grid: r.grid, check: r.check, consolidated: r.consolidated, ms } : { ok: false, info: r.info, ms });
    // An idle worker must not keep the process alive if the caller forgets close().
    if (!slot.dead) slot.worker.unref();
    pump();
  };

  /** Take a worker out of the pool for good; its task (if any) fails with `info`. */
  const retire = (slot: Slot, info: UnreadableInfo) => {
    if (slot.dead) return;
    slot.dead = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    settle(slot, { ok: false, info });
    // A worker stuck where it cannot be interrupted must not keep the command alive after its report.
    slot.worker.unref();
    void slot.worker.terminate().catch(() => undefined);
    pump();
  };

  const startClock = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.started = performance.now();
    const timeoutMs = slot.limitMs;
    const limit = slot.ready ? timeoutMs : timeoutMs + STARTUP_ALLOWANCE_MS;
    slot.timer = setTimeout(() => retire(slot, { reason: 'timeout', detail: `parsing took longer than ${timeoutMs} ms` }), limit);
  };

  const dispatch = (slot: Slot, task: Task) => {
    slot.task = task;
    slot.limitMs = fixedTimeoutMs ?? timeoutFor(task.bytes.byteLength);
    slot.worker.ref();
    startClock(slot);
    const { bytes } = task;
    const req: ParseRequest = {
      id: task.id,
      buffer: bytes.buffer,
      byteOffset: bytes.byteOffset,
      byteLength: bytes.byteLength,
      options: parse,
      check: task.check,
    };
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const shared = typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer;
    try {
      if (shared) slot.worker.postMessage(req);
      else if (task.transfer && whole) slot.worker.postMessage(req, [bytes.buffer as ArrayBuffer]);
      else {
        // A view into a larger buffer (e.g. Node's Buffer pool) must not be detached: copy it.
        // (new Uint8Array(view) copies; Buffer#slice would not.)
        const copy = new Uint8Array(bytes);
        slot.worker.postMessage({ ...req, buffer: copy.buffer, byteOffset: 0 }, [copy.buffer]);
      }
    } catch (err) {
      // Untransferable buffers (Node marks some) are copied instead.
      try {
        const copy = new Uint8Array(bytes);
        slot.worker.postMessage({ ...req, buffer: copy.buffer, byteOffset: 0 }, [copy.buffer]);
      } catch {
        settle(slot, { ok: false, info: classifyParserError(err) });
      }
    }
    task.bytes = EMPTY; // the pool keeps no reference to file contents
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((s) => !s.task && !s.dead);
      if (!slot) {
        if (slots.length >= size) return;
        slot = spawn();
      }
      dispatch(slot, queue.shift()!);
    }
  };

  const submit = (bytes: Uint8Array, name: string | undefined, transfer: boolean, check?: { fileName: string }): Promise<WorkerResult> => {
    if (closed) return Promise.reject(new Error('reader pool is closed'));
    // Cheap refusals need no worker.
    if (bytes.byteLength === 0) return Promise.resolve({ ok: false, info: { reason: 'empty', detail: 'the file has zero bytes' }, ms: 0 });
    if (bytes.byteLength > maxFileBytes) {
      return Promise.resolve({ ok: false, info: tooLarge(bytes.byteLength, maxFileBytes), ms: 0 });
    }
    return new Promise<WorkerResult>((resolve, reject) => {
      queue.push({ id: nextId++, bytes, transfer, name, check, resolve, reject });
      pump();
    });
  };

  const readBytes = async (bytes: Uint8Array, name?: string, ro: ReadBytesOptions = {}): Promise<ReadResult> => {
    const r = await submit(bytes, name, ro.transfer ?? true);
    return r.ok ? { ok: true, grid: r.grid!, ms: r.ms } : r;
  };

  const readFile = async (filePath: string): Promise<FileReadResult> => {
    const t0 = performance.now();
    const loaded = await loadFile(filePath, maxFileBytes);
    if (!loaded.ok) return { ...loaded, ms: Math.round(performance.now() - t0) };
    const ioMs = performance.now() - t0;
    const r = await readBytes(loaded.bytes, path.basename(filePath), { transfer: true });
    return { ...r, ms: Math.round(r.ms + ioMs), mtimeMs: loaded.mtimeMs };
  };

  const checkFile = async (filePath: string, fileName = path.basename(filePath)): Promise<CheckReadResult> => {
    if (!checkConfig) throw new Error('checkFile needs a pool created with the check option');
    const t0 = performance.now();
    const loaded = await loadFile(filePath, maxFileBytes);
    if (!loaded.ok) return { ...loaded, ms: Math.round(performance.now() - t0) };
    const ioMs = performance.now() - t0;
    const r = await submit(loaded.bytes, fileName, true, { fileName });
    const ms = Math.round(r.ms + ioMs);
    if (!r.ok) return { ok: false, info: r.info, ms, mtimeMs: loaded.mtimeMs };
    return { ok: true, check: r.check!, consolidated: r.consolidated === true, ms, mtimeMs: loaded.mtimeMs };
  };

  const close = async (): Promise<void> => {
    closed = true;
    const err = new Error('reader pool is closed');
    for (const t of queue.splice(0)) t.reject(err);
    const all = slots.splice(0);
    await Promise.all(
      all.map((s) => {
        s.dead = true;
        if (s.timer) clearTimeout(s.timer);
        s.task?.reject(err);
        s.task = undefined;
        return settleSoon(s.worker.terminate());
      }),
    );
  };

  return { readBytes, readFile, checkFile, close };
}

const EMPTY = new Uint8Array(0);

/** A worker's termination, waited for at most half a second: the batch is over either way. */
function settleSoon(p: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 500);
    timer.unref();
    p.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

type Loaded = { ok: true; bytes: Uint8Array; mtimeMs: number } | { ok: false; info: UnreadableInfo; mtimeMs?: number };

/** Read a file after checking it is a regular file under the size limit (never reads a huge file). */
async function loadFile(filePath: string, maxFileBytes: number): Promise<Loaded> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(filePath);
  } catch (err) {
    return { ok: false, info: ioError(err) };
  }
  const mtimeMs = st.mtimeMs;
  if (!st.isFile()) return { ok: false, info: { reason: 'io-error', detail: 'not a regular file' }, mtimeMs };
  if (st.size === 0) return { ok: false, info: { reason: 'empty', detail: 'the file has zero bytes' }, mtimeMs };
  if (st.size > maxFileBytes) return { ok: false, info: tooLarge(st.size, maxFileBytes), mtimeMs };
  try {
    const buf = await fs.promises.readFile(filePath);
    return { ok: true, bytes: buf, mtimeMs };
  } catch (err) {
    return { ok: false, info: ioError(err), mtimeMs };
  }
}

/** Same result shape as the pool, parsed on the calling thread (no memory or time limit). */
export async function readFileInProcess(filePath: string, opts: WorkerParseOptions = {}): Promise<FileReadResult> {
  const t0 = performance.now();
  const loaded = await loadFile(filePath, resolveLimits(opts.limits).maxFileBytes);
  if (!loaded.ok) return { ...loaded, ms: Math.round(performance.now() - t0) };
  try {
    const grid = parseWorkbookBytes(loaded.bytes, { ...opts, codec: nodeZipCodec });
    return { ok: true, grid, ms: Math.round(performance.now() - t0), mtimeMs: loaded.mtimeMs };
  } catch (err) {
    return { ok: false, info: classifyParserError(err), ms: Math.round(performance.now() - t0), mtimeMs: loaded.mtimeMs };
  }
}

function ioError(err: unknown): UnreadableInfo {
  const e = err as NodeJS.ErrnoException;
  return { reason: 'io-error', detail: e?.code ? `${e.code}: ${e.message}` : String(err) };
}

function tooLarge(size: number, limit: number): UnreadableInfo {
  return { reason: 'too-large', detail: `file is ${fmtBytes(size)}, limit ${fmtBytes(limit)}` };
}
