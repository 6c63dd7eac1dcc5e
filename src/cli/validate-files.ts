/**
 * Reading and checking a batch of files. Each file is parsed and checked inside a worker thread
 * (so the rules run on every core and only the small result comes back); the batch goes on
 * whatever one file does.
 */
import path from 'node:path';
import type { Catalog, Template } from '../core/template/catalog';
import type { RoundDef } from '../core/template/schema';
import { fromPlainCheck } from '../core/validate/plain-check';
import { unreadableCheck, WorkbookCheck } from '../core/validate/validate-workbook';
import { UnitIndex } from '../core/units/registry-index';
import { createReaderPool } from '../xlsx/reader-pool';

export interface CheckedFile {
  check: WorkbookCheck;
  mtimeMs?: number;
  /** Carries Phuluc's metadata: an earlier consolidation, not a unit's submission. */
  consolidated: boolean;
}

export interface BatchOptions {
  catalog: Catalog;
  round?: RoundDef;
  template?: Template;
  onFile?: (file: string) => void;
}

/** Files read at once: enough to keep every worker busy while others are loaded from disk. */
const IN_FLIGHT = 8;

export async function checkFiles(files: string[], opts: BatchOptions): Promise<CheckedFile[]> {
  const results: CheckedFile[] = [];
  await eachChecked(files, opts, (f) => results.push(f));
  return results;
}

/**
 * Each file's check handed on in the order of `files` as soon as it and those before it are done,
 * and not kept: a batch's output never needs every report at once.
 */
export async function eachChecked(files: string[], opts: BatchOptions, onChecked: (f: CheckedFile) => void): Promise<void> {
  const pool = createReaderPool({ check: { catalog: opts.catalog, round: opts.round, template: opts.template } });
  const unitIndex = new UnitIndex(opts.catalog.registry);
  const done = new Map<number, CheckedFile>();
  let emitted = 0;
  let next = 0;
  const lanes = Array.from({ length: IN_FLIGHT }, async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i];
      const name = path.basename(file);
      const read = await pool.checkFile(file, name);
      const check = read.ok ? fromPlainCheck(read.check, opts.catalog) : unreadableCheck(name, read.info, opts.catalog, unitIndex);
      check.file = file;
      done.set(i, { check, mtimeMs: read.mtimeMs, consolidated: read.ok && read.consolidated });
      opts.onFile?.(file);
      for (let f = done.get(emitted); f; f = done.get(emitted)) {
        done.delete(emitted++);
        onChecked(f);
      }
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    await pool.close();
  }
}

/** Consolidated workbooks found among the inputs (an earlier output saved with the received files). */
export function setAsideConsolidated(files: CheckedFile[]): { submissions: CheckedFile[]; consolidated: string[] } {
  const consolidated: string[] = [];
  const submissions = files.filter((f) => {
    if (!f.consolidated) return true;
    consolidated.push(f.check.file ?? '');
    return false;
  });
  return { submissions, consolidated };
}
