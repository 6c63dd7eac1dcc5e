/**
 * Worker-thread side of the reader pool: receives workbook bytes, answers with a grid or an
 * unreadable reason. Memory and time limits are enforced by the pool from outside; anything this
 * code can catch is turned into a reason here so the worker survives for the next file.
 *
 * Runs as compiled JS (lib/src/xlsx/parse-worker.js). Importing this module elsewhere is harmless:
 * it listens only when started by the pool (workerData marker), not in any other worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import type { UnreadableInfo } from '../core/report/unreadable';
import type { Catalog } from '../core/template/catalog';
import { PlainCheck, toPlainCheck } from '../core/validate/plain-check';
import { validateWorkbook } from '../core/validate/validate-workbook';
import { boundParams } from '../core/report/quote';
import { isConsolidatedGrid } from './read-consolidated';
import { shareTexts } from './shared-texts';
import { classifyParserError, makeZlibCodec, parseWorkbookBytes, type XlsxWorkbookGrid } from './read-grid';
import type { GuardLimits } from './limits';
import type { ZipCodec } from './zip/reader';

/** Parse options that can cross a thread boundary (no codec functions). */
export interface WorkerParseOptions {
  limits?: Partial<GuardLimits>;
  maxRows?: number;
  maxGridCells?: number;
}

export interface ParseRequest {
  id: number;
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
  options?: WorkerParseOptions;
  /** Check the workbook here too and answer with the check instead of the grid. */
  check?: { fileName: string };
}

/**
 * What a worker checks against, sent once when it starts. Checking where the file was parsed spreads
 * the rules over every core and sends back a small result instead of the whole grid.
 */
export interface WorkerCheckConfig {
  /** The catalogue as JSON: objects JSON.parse builds are faster to read than cloned ones. */
  catalogJson: string;
  round?: string;
  template?: string;
}

export type ParseResponse =
  | { id: number; ok: true; grid?: XlsxWorkbookGrid; check?: PlainCheck; consolidated?: boolean; texts?: string[] }
  | { id: number; ok: false; info: UnreadableInfo };

export const WORKER_MARKER = 'phuluc-parse-worker';

/** Native, size-bounded inflater for Node callers. */
export const nodeZipCodec: ZipCodec = makeZlibCodec(zlib);

interface CheckSetup {
  catalog: Catalog;
  round?: string;
  template?: string;
}

export function checkSetup(config: WorkerCheckConfig): CheckSetup {
  return { catalog: JSON.parse(config.catalogJson) as Catalog, round: config.round, template: config.template };
}

export function handleParseRequest(req: ParseRequest, config?: CheckSetup): ParseResponse {
  try {
    const bytes = new Uint8Array(req.buffer, req.byteOffset, req.byteLength);
    const grid = parseWorkbookBytes(bytes, { ...req.options, codec: nodeZipCodec });
    if (req.check && config) {
      const { catalog } = config;
      const check = validateWorkbook(grid, {
        catalog,
        round: config.round ? catalog.rounds.find((r) => r.id === config.round) : undefined,
        template: config.template ? catalog.templates.find((t) => t.id === config.template) : undefined,
        fileName: req.check.fileName,
      });
      const plain = toPlainCheck(check);
      // The command line only quotes the values: carrying them whole cost gigabytes for one file.
      plain.findings = plain.findings.map((f) => ({ ...f, params: boundParams(f.params) }));
      const texts: string[] = [];
      const sent = shareTexts(plain, texts);
      return { id: req.id, ok: true, check: sent, consolidated: isConsolidatedGrid(grid), texts };
    }
    return { id: req.id, ok: true, grid };
  } catch (err) {
    return { id: req.id, ok: false, info: classifyParserError(err) };
  }
}

if (parentPort && (workerData as { marker?: string } | undefined)?.marker === WORKER_MARKER) {
  const port = parentPort;
  const raw = (workerData as { check?: WorkerCheckConfig }).check;
  const config = raw ? checkSetup(raw) : undefined;
  port.on('message', (req: ParseRequest) => {
    const res = handleParseRequest(req, config);
    try {
      port.postMessage(res);
    } catch (err) {
      // A grid that cannot be cloned back must still answer, or the pool would wait for the timeout.
      port.postMessage({ id: req.id, ok: false, info: classifyParserError(err) } satisfies ParseResponse);
    }
  });
  // Lets the pool start a file's clock only once the parser is loaded.
  port.postMessage({ ready: true });
}
