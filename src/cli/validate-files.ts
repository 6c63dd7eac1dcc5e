/** Reading and checking a batch of files: parsed in worker threads, checked as each one arrives. */
import path from 'node:path';
import type { Catalog, Template } from '../core/template/catalog';
import type { RoundDef } from '../core/template/schema';
import { UnitIndex } from '../core/units/registry-index';
import { unreadableCheck, validateWorkbook, WorkbookCheck } from '../core/validate/validate-workbook';
import { createReaderPool } from '../xlsx/reader-pool';

export interface CheckedFile {
  check: WorkbookCheck;
  mtimeMs?: number;
}

export interface BatchOptions {
  catalog: Catalog;
  round?: RoundDef;
  template?: Template;
  onFile?: (file: string) => void;
}

export async function checkFiles(files: string[], opts: BatchOptions): Promise<CheckedFile[]> {
  const pool = createReaderPool();
  const unitIndex = new UnitIndex(opts.catalog.registry);
  const results: CheckedFile[] = new Array(files.length);
  let next = 0;
  // Keep every worker busy; the checks themselves are fast and run here as results come back.
  const lanes = Array.from({ length: 8 }, async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i];
      const read = await pool.readFile(file);
      const name = path.basename(file);
      const check = read.ok
        ? validateWorkbook(read.grid, { catalog: opts.catalog, round: opts.round, template: opts.template, fileName: name, unitIndex })
        : unreadableCheck(name, read.info, opts.catalog, unitIndex);
      check.file = file;
      results[i] = { check, mtimeMs: read.mtimeMs };
      opts.onFile?.(file);
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    await pool.close();
  }
  return results;
}
