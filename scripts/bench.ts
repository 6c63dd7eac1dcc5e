/**
 * `npm run bench`: figures, not pass/fail. Writes bench-results.json (not committed).
 * core: checking one 5,000-row sheet vs a bare pass that reads every cell's text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWorkbook } from '../test/fixtures/builder';
import { pl02Rows } from '../test/fixtures/content';
import { writeBatch } from '../test/fixtures/batch';
import { benchBundle, benchPageMerge } from './bench-browser';
import { builtinCatalog } from '../src/core/template/catalog';
import { validateWorkbook } from '../src/core/validate/validate-workbook';
import { displayText } from '../src/core/grid/access';
import { cleanText } from '../src/core/text/normalize';
import type { WorkbookGrid } from '../src/core/grid/types';
import { FakeWorkbookState, installFakeExcel, loadGrid, WEB_PAYLOAD_LIMIT } from '../test/fixtures/fake-excel';
import { sweep } from '../test/fixtures/excel-sweep';
import { checkOpen, convertLegacy, setMarks } from '../src/taskpane/hosts/excel-engine';
import { encodeTcvn3 } from '../src/core/text/legacy';
import { detectCapabilities } from '../src/excel/capabilities';
import { readOpenWorkbook } from '../src/excel/read-workbook';
import { markCells } from '../src/excel/marks';
import { benchRecheck } from './bench-recheck';

const ROWS = 5000;

function time(fn: () => void, runs: number): number {
  fn(); // warm up (JIT, caches of the catalogue)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  // The fastest run is the one least disturbed by GC debt and the other core's work.
  return Math.min(...t);
}

/** The least any check must do: every cell's displayed text, NFC-normalised and whitespace-folded. */
function floorPass(grid: WorkbookGrid): number {
  let n = 0;
  for (const s of grid.sheets) {
    for (let r = 0; r < s.values.length; r++) {
      const row = s.values[r];
      for (let c = 0; c < row.length; c++) n += cleanText(displayText(s, r, c)).length;
    }
  }
  return n;
}

function rawPass(grid: WorkbookGrid): number {
  let n = 0;
  for (const s of grid.sheets) for (const row of s.values) for (const v of row) if (v !== null) n++;
  return n;
}

function benchCore() {
  const catalog = builtinCatalog();
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl02',
        letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'],
        rows: pl02Rows({ seed: 1, rows: ROWS, sections: true, incompleteShare: 0.2 }),
      },
    ],
  });
  const cells = grid.sheets[0].values.reduce((n, r) => n + r.length, 0);
  let findings = 0;
  const rawReadMs = time(() => void rawPass(grid), 15);
  // Floor and check alternate, so that a noisy neighbour on this shared machine hits both alike.
  let floorMs = Infinity;
  let checkMs = Infinity;
  for (let i = 0; i < 7; i++) {
    floorMs = Math.min(
      floorMs,
      time(() => void floorPass(grid), 3),
    );
    checkMs = Math.min(
      checkMs,
      time(() => {
        findings = validateWorkbook(grid, { catalog, fileName: 'bench.xlsx' }).findings.length;
      }, 3),
    );
  }
  return {
    rows: ROWS,
    cells,
    findings,
    checkMs: +checkMs.toFixed(2),
    floorMs: +floorMs.toFixed(2),
    rawReadMs: +rawReadMs.toFixed(3),
    ratio: +(checkMs / floorMs).toFixed(2),
  };
}

function child(args: string[]): { ms: number; peakMb: number } {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'bench-child.js'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function benchMerge() {
  const files = 250;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phuluc-bench-'));
  try {
    const units = writeBatch(dir, files).registryFile;
    // Each measured twice, alternating, and the faster run kept: the machine is shared.
    const runs = [0, 1].map(() => ({
      parse: child(['parse', path.join(dir, 'in')]),
      // A fresh output each time: merging onto the last run's workbook would also read and update it.
      merge:
        (rmSync(path.join(dir, 'out'), { recursive: true, force: true }),
        child(['merge', path.join(dir, 'in'), path.join(dir, 'out', 'tong-hop.xlsx'), units])),
    }));
    const parse = runs.map((r) => r.parse).sort((a, b) => a.ms - b.ms)[0];
    const merge = runs.map((r) => r.merge).sort((a, b) => a.ms - b.ms)[0];
    return { files, ms: merge.ms, parseOnlyMs: parse.ms, peakMb: merge.peakMb, ratio: +(merge.ms / parse.ms).toFixed(2) };
  } finally {
    if (!process.env.PHULUC_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

/** Round trips and request sizes of the Office.js layer, measured against the strict fake. */
export async function benchExcel() {
  const head = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
  const checkSyncs: Record<string, number> = {};
  let maxPayloadBytes = 0;
  for (const rows of [100, 10_000]) {
    const state = new FakeWorkbookState();
    loadGrid(state, buildWorkbook({ sheets: [{ form: 'pl02', letterhead: head, rows: pl02Rows({ seed: 1, rows, sections: true }) }] }));
    const fake = installFakeExcel('1.13', state);
    const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
    const ctx = fake.context();
    await readOpenWorkbook(ctx, caps);
    checkSyncs[String(rows)] = ctx.syncCount;
    maxPayloadBytes = Math.max(maxPayloadBytes, ctx.maxPayload);
  }
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets: [{ form: 'pl02', letterhead: head, rows: pl02Rows({ seed: 1, rows: 1200 }) }] }));
  const fake = installFakeExcel('1.13', state);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const ctx = fake.context();
  await markCells(
    ctx,
    caps,
    Array.from({ length: 1000 }, (_, i) => ({ sheet: 'PL02', cell: `C${7 + i}`, severity: 'error' as const })),
  );
  maxPayloadBytes = Math.max(maxPayloadBytes, ctx.maxPayload);
  const tcvn3 = await benchTcvn3Sheet();
  // Every flow at every ExcelApi version, desktop and web, with and without SharedRuntime.
  const { versions, failures } = await sweep();
  // One typed cell re-checked (the check that follows the typing).
  const recheck = await benchRecheck();
  return { checkSyncs, markSyncs: { '1000': ctx.syncCount }, maxPayloadBytes, tcvn3, recheck, versions, failures };
}

/**
 * The largest request and response of any flow on a 20,000-row sheet typed in TCVN3 (Excel on the
 * web refuses either over 5 MB): the check with marks, the conversion, marks off, as the pane runs them.
 */
async function benchTcvn3Sheet() {
  const rows = 20_000;
  const legacy = pl02Rows({ seed: 9, rows, sections: true }).map((r) =>
    'nhiem_vu' in r ? { ...r, nhiem_vu: encodeTcvn3(String(r.nhiem_vu)) } : r,
  );
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: legacy }] }));
  const fake = installFakeExcel('1.13', state, { profile: 'web' });
  const outcome = await checkOpen('tcvn3.xlsx', true);
  const converted = await convertLegacy(outcome.check);
  await setMarks(false, outcome.check);
  const requests = fake.contexts.map((c) => c.maxPayload);
  const responses = fake.contexts.map((c) => c.maxResponse);
  return {
    rows,
    legacyCells: converted,
    syncs: fake.contexts.reduce((n, c) => n + c.syncCount, 0),
    largestRequestBytes: Math.max(...requests),
    largestResponseBytes: Math.max(...responses),
    limitBytes: WEB_PAYLOAD_LIMIT,
  };
}

const kb = (n: number) => (n / 1024).toFixed(1);

/** The page's merge of the same 250 files (without a registry: the page uses the built-in one). */
async function benchPage() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phuluc-bench-page-'));
  try {
    return await benchPageMerge(dir, writeBatch(dir, 250).files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One part of the bench: its figures, or why it did not run. */
type Part<T> = { ok: true; value: T } | { ok: false; reason: string };

async function part<T>(name: string, run: () => T | Promise<T>, line: (v: T) => string): Promise<Part<T>> {
  try {
    const value = await run();
    console.log(`${name}: ${line(value)}`);
    return { ok: true, value };
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    console.log(`${name}: KHÔNG CHẠY / DID NOT RUN — ${reason}`);
    return { ok: false, reason };
  }
}

async function main() {
  // Each part runs whatever the others did: a machine without Chromium still gets the core, Excel,
  // merge and bundle figures, and the file says which part is missing and why.
  const parts = {
    core: await part(
      'core',
      benchCore,
      (c) =>
        `${c.rows} rows (${c.cells} cells), check ${c.checkMs} ms, floor ${c.floorMs} ms → ${c.ratio}× the floor (target ≤ 5×); raw value scan ${c.rawReadMs} ms`,
    ),
    excel: await part(
      'excel',
      benchExcel,
      (x) =>
        `(strict fake): read syncs ${JSON.stringify(x.checkSyncs)} (100 vs 10,000 rows), mark 1,000 cells: ${x.markSyncs['1000']} sync, largest request ${x.maxPayloadBytes} bytes\n` +
        `excel, 20,000-row TCVN3 sheet: ${x.tcvn3.legacyCells} cells converted, largest request ${kb(x.tcvn3.largestRequestBytes)} KB, largest response ${kb(x.tcvn3.largestResponseBytes)} KB (limit ${kb(x.tcvn3.limitBytes)} KB)\n` +
        `excel.recheck: one typed cell, ${x.recheck.syncs} syncs, engine ${x.recheck.coreMs} ms (median ${x.recheck.coreMedianMs}) for ${x.recheck.rows} rows (target ≤ 3 syncs, ≤ 50 ms); syncs by rows ${JSON.stringify(x.recheck.syncsByRows)}\n` +
        `excel versions: ${Object.keys(x.versions).length} (1.1–${Object.keys(x.versions).at(-1)}) × desktop/web × SharedRuntime on/off, ${x.failures.length} failures`,
    ),
    merge: await part(
      'merge',
      benchMerge,
      (m) =>
        `${m.files} files in ${m.ms} ms (parse only ${m.parseOnlyMs} ms → ${m.ratio}×, target ≤ 2× and < 10 s), peak ${m.peakMb} MB (target < 1 GB)`,
    ),
    bundle: await part(
      'bundle',
      benchBundle,
      (b) =>
        `first-load JavaScript app.html ${kb(b.appFirstLoadGz)} KB, task pane ${kb(b.taskpaneFirstLoadGz)} KB gzipped (target ≤ 250 KB)`,
    ),
    page: await part(
      'page',
      benchPage,
      (p) =>
        `${p.files} files merged and written in Chromium in ${p.pageMs} ms, the command line ${p.cliMs} ms → ${p.ratio}× (target ≤ 2×)`,
    ),
  };
  const results: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version } };
  const notRun: Record<string, string> = {};
  for (const [name, p] of Object.entries(parts)) {
    if (p.ok) results[name] = p.value;
    else notRun[name] = p.reason;
  }
  if (Object.keys(notRun).length) results.notRun = notRun;
  const out = path.resolve(__dirname, '../../bench-results.json');
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`written ${path.relative(process.cwd(), out)}`);
  if (Object.keys(notRun).length) {
    console.log(`bench: ${Object.keys(notRun).length} phần không chạy / part(s) did not run: ${Object.keys(notRun).join(', ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
