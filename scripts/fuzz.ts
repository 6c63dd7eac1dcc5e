/**
 * `node lib/scripts/fuzz.js [--files 2000] [--batch 100] [--seed 1] [--keep dir]`: mutations of the
 * sample workbooks (and of workbooks built in code) through `phuluc validate` and `phuluc merge`,
 * batch by batch, as a clerk's inbox would bring them. Each batch must give: every file in the
 * report, exit 0 or 1, nothing on stderr, no stack trace, done within 30 s, peak memory under 1 GB,
 * no secret read through XXE, no formula made of submitted text. Anything else is printed and the
 * batch kept for replay. Run `npm run build:cli` first; run longer with a larger --files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { buildWorkbook, gridToBytes } from '../test/fixtures/builder';
import { khCchcSubmission, rng } from '../test/fixtures/content';
import { longText, MAX_CELL_CHARS, TCVN3_PHRASE, wholeSheetHyperlinksXls } from '../test/fixtures/hostile';
import { makeZip, unzip } from '../test/fixtures/zip';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'phuluc.js');
const BATCH_MS = 30_000;
const PEAK_KB = 1024 * 1024;

type Rand = () => number;
type Mutation = (seed: Seed, rand: Rand, ctx: Ctx) => Uint8Array;
interface Seed {
  name: string;
  bytes: Uint8Array;
}
interface Ctx {
  secretFile: string;
}

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b;
}

/** Rewrite one XML part of a ZIP seed (a worksheet unless `want` says otherwise). */
function editXml(seed: Seed, rand: Rand, edit: (xml: string) => string, want: RegExp = /worksheets\/sheet\d+\.xml$/): Uint8Array {
  if (!isZip(seed.bytes)) return flipBytes(seed, rand);
  const z = unzip(seed.bytes);
  const names = [...z.entries.keys()];
  const parts = names.filter((n) => want.test(n));
  const target = parts.length
    ? pick(rand, parts)
    : pick(
        rand,
        names.filter((n) => n.endsWith('.xml')),
      );
  return makeZip(names.map((name) => ({ name, data: name === target ? edit(z.text(name)) : entryBytes(z, name) })));
}

/** An entry's bytes as they are (binary parts such as images must not go through text). */
function entryBytes(z: ReturnType<typeof unzip>, name: string): Uint8Array {
  return z.entries.get(name)!.method === 0 ? z.raw(name) : zlib.inflateRawSync(z.raw(name));
}

function flipBytes(seed: Seed, rand: Rand): Uint8Array {
  const out = Uint8Array.from(seed.bytes);
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) out[Math.floor(rand() * out.length)] ^= 1 << Math.floor(rand() * 8);
  return out;
}

const ODD_REFS = [
  'A0',
  'A4294967295',
  'ZZZZ99999999',
  'XFD1048577',
  'XFE1',
  'a1',
  '-1',
  '',
  'A1:B2',
  'A99999999999999999999',
  'AAAAAAAAAAAAAAAA1',
  '$A$1',
  'A1048576',
  'XFD1',
];

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (s, r) => flipBytes(s, r),
  truncated: (s, r) => s.bytes.subarray(0, Math.floor(r() * s.bytes.length)),
  'broken XML': (s, r) =>
    editXml(
      s,
      r,
      (x) => {
        const at = Math.floor(r() * x.length);
        return pick(r, [
          () => x.slice(0, at),
          () => x.slice(0, at) + '<<&]]>' + x.slice(at),
          () => x.replace(/<\/row>/, ''),
          () => x.replace(/"/g, (q) => (r() < 0.01 ? '' : q)),
        ])();
      },
      /\.xml$/,
    ),
  'billion laughs': (s, r) =>
    editXml(
      s,
      r,
      (x) => {
        const ents = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
        const doctype = `<!DOCTYPE worksheet [<!ENTITY l0 "ha">${ents}]>`;
        return x.replace(/(<\?xml[^>]*\?>)?/, `$1${doctype}`).replace(/<v>[^<]*<\/v>/, '<v>&l10;</v>');
      },
      pick(r, [/worksheets\/sheet\d+\.xml$/, /sharedStrings\.xml$/, /workbook\.xml$/]),
    ),
  XXE: (s, r, ctx) =>
    editXml(s, r, (x) =>
      x
        .replace(/(<\?xml[^>]*\?>)?/, `$1<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://${ctx.secretFile}">]>`)
        .replace(/<c r="([A-Z]+\d+)"[^>]*>(?:<v>[^<]*<\/v>)?<\/c>/, '<c r="$1" t="inlineStr"><is><t>&xxe;</t></is></c>'),
    ),
  'missing part': (s, r) => {
    if (!isZip(s.bytes)) return flipBytes(s, r);
    const z = unzip(s.bytes);
    const names = [...z.entries.keys()];
    const gone = pick(r, names);
    return makeZip(names.filter((n) => n !== gone).map((name) => ({ name, data: entryBytes(z, name) })));
  },
  'odd references': (s, r) => editXml(s, r, (x) => x.replace(/ r="[A-Z]+\d+"/g, (m) => (r() < 0.05 ? ` r="${pick(r, ODD_REFS)}"` : m))),
  'huge merges': (s, r) =>
    editXml(s, r, (x) => {
      const n = pick(r, [1, 1000, 200_000]);
      const merges = Array.from(
        { length: n },
        (_, i) => `<mergeCell ref="${pick(r, ['A1:XFD1048576', `A${i + 1}:XFD${i + 1}`, 'B2:C3'])}"/>`,
      ).join('');
      return x.replace(/<mergeCells[^>]*>|<\/sheetData>/, (m) =>
        m.startsWith('<mergeCells') ? `<mergeCells>${merges}` : `</sheetData><mergeCells>${merges}</mergeCells>`,
      );
    }),
  'huge hyperlinks': (s, r) =>
    editXml(s, r, (x) => {
      const n = pick(r, [1, 5000]);
      const links = Array.from(
        { length: n },
        () => `<hyperlink ref="${pick(r, ['A1:XFD1048576', 'A1:A1048576', 'A1:XFD1'])}" location="A1"/>`,
      ).join('');
      return x.replace(/<\/worksheet>/, `<hyperlinks>${links}</hyperlinks></worksheet>`);
    }),
  '32,767-character texts': (s, r) =>
    editXml(s, r, (x) => {
      const text = pick(r, [longText(TCVN3_PHRASE), longText('Không rõ tình trạng '), 'x'.repeat(MAX_CELL_CHARS + 100)]);
      return x.replace(/<c r="([A-Z]+\d+)"[^>]*>(?:<v>[^<]*<\/v>)?<\/c>/g, (m, ref: string) =>
        r() < 0.3 ? `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>` : m,
      );
    }),
  'DDE formulas': (s, r) =>
    editXml(s, r, (x) =>
      x.replace(/<c r="([A-Z]+\d+)"[^>]*>(?:<v>[^<]*<\/v>)?<\/c>/g, (m, ref: string) =>
        r() < 0.2 ? `<c r="${ref}" t="str"><f>cmd|' /C calc'!A0</f><v>=cmd|' /C calc'!A0</v></c>` : m,
      ),
    ),
  'corrupt .xls': (s, r) => (isZip(s.bytes) ? flipBytes({ name: s.name, bytes: XLS_SEED() }, r) : flipBytes(s, r)),
  '.xls whole-sheet hyperlinks': (_s, r) => wholeSheetHyperlinksXls(pick(r, [1, 50, 500])),
};

let xlsSeed: Uint8Array | undefined;
const XLS_SEED = () => (xlsSeed ??= gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Y tế', 3) }), 'biff8'));

function seeds(): Seed[] {
  const out: Seed[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.xlsx?$/i.test(name)) out.push({ name, bytes: readFileSync(p) });
    }
  };
  const samples = path.join(ROOT, 'samples');
  if (existsSync(samples)) walk(samples);
  out.push({ name: 'built.xlsx', bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission('Sở Tư pháp', 7) })) });
  out.push({ name: 'built.xls', bytes: XLS_SEED() });
  return out;
}

interface Outcome {
  batch: number;
  command: string;
  problems: string[];
  ms: number;
  peakKb: number;
  statuses: Record<string, number>;
}

function runCli(args: string[]): { code: number | null; out: string; err: string; ms: number; peakKb: number } {
  const t0 = Date.now();
  const timeFile = path.join(os.tmpdir(), `phuluc-fuzz-time-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: 120_000,
  });
  const peakKb = existsSync(timeFile) ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', ms: Date.now() - t0, peakKb };
}

function checkRun(kind: string, r: ReturnType<typeof runCli>, problems: string[]): void {
  if (r.code !== 0 && r.code !== 1) problems.push(`${kind}: exit ${r.code}`);
  if (r.err.trim()) problems.push(`${kind}: stderr: ${r.err.trim().slice(0, 300)}`);
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(r.out + r.err)) problems.push(`${kind}: stack trace`);
  if (r.ms > BATCH_MS) problems.push(`${kind}: ${r.ms} ms (limit ${BATCH_MS})`);
  if (r.peakKb > PEAK_KB) problems.push(`${kind}: peak ${Math.round(r.peakKb / 1024)} MB`);
}

function main(): void {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const keepAt = process.argv.indexOf('--keep');
  const keep = keepAt > 0 ? process.argv[keepAt + 1]! : path.join(os.tmpdir(), 'phuluc-fuzz-findings');
  const total = arg('files', 2000);
  const batchSize = arg('batch', 100);
  const seed = arg('seed', 1);
  const rand = rng(seed);
  const base = mkdtempSync(path.join(os.tmpdir(), 'phuluc-fuzz-'));
  const secret = `PHULUC-SECRET-${seed}-${Date.now()}`;
  const ctx: Ctx = { secretFile: path.join(base, 'secret.txt') };
  writeFileSync(ctx.secretFile, secret);
  const all = seeds();
  const names = Object.keys(MUTATIONS);
  const outcomes: Outcome[] = [];
  const byMutation: Record<string, Record<string, number>> = {};
  let made = 0;
  for (let b = 0; made < total; b++) {
    const dir = path.join(base, `batch-${b}`);
    mkdirSync(dir);
    const mutationOf = new Map<string, string>();
    const n = Math.min(batchSize, total - made);
    for (let i = 0; i < n; i++, made++) {
      const s = pick(rand, all);
      const m = names[made % names.length]!;
      let bytes: Uint8Array;
      try {
        bytes = MUTATIONS[m]!(s, rand, ctx);
      } catch {
        bytes = flipBytes(s, rand); // a seed the mutation cannot open (an .xls for an XML edit)
      }
      const xls = m.includes('.xls') ? '.xls' : path.extname(s.name);
      const file = `${String(made).padStart(5, '0')} ${m} ${s.name.replace(/\.xlsx?$/i, '')}${xls}`;
      writeFileSync(path.join(dir, file), bytes);
      mutationOf.set(file, m);
    }
    const problems: string[] = [];
    // Over the time limit once may be the machine's other work; over it twice is the batch's.
    const timed = (args: string[]) => {
      const first = runCli(args);
      return first.ms > BATCH_MS ? runCli(args) : first;
    };
    const v = timed(['validate', '--json', dir]);
    checkRun('validate', v, problems);
    const statuses: Record<string, number> = {};
    try {
      const report = JSON.parse(v.out) as { files: { file: string; status: string }[]; consolidated?: string[] };
      const listed = new Set([
        ...report.files.map((f) => path.basename(f.file)),
        ...(report.consolidated ?? []).map((f) => path.basename(f)),
      ]);
      for (const f of mutationOf.keys()) if (!listed.has(f)) problems.push(`validate: ${f} missing from the report`);
      for (const f of report.files) {
        statuses[f.status] = (statuses[f.status] ?? 0) + 1;
        const m = mutationOf.get(path.basename(f.file)) ?? '?';
        (byMutation[m] ??= {})[f.status] = (byMutation[m]![f.status] ?? 0) + 1;
      }
    } catch (e) {
      problems.push(`validate: output is not JSON (${(e as Error).message.slice(0, 100)})`);
    }
    if (v.out.includes(secret)) problems.push('validate: XXE — the secret file was read');
    const merged = path.join(base, `merged-${b}.xlsx`);
    const m = timed(['merge', dir, '-o', merged, '--json']);
    checkRun('merge', m, problems);
    if (m.code === 0 && existsSync(merged)) {
      const bytes = readFileSync(merged);
      const z = unzip(bytes);
      for (const name of z.entries.keys()) {
        const text = z.text(name);
        if (text.includes(secret)) problems.push(`merge: XXE — the secret is in ${name}`);
        if (/<f>[^<]*\|/.test(text)) problems.push(`merge: a formula from submitted text in ${name}`);
      }
      rmSync(merged);
    }
    outcomes.push({ batch: b, command: 'validate+merge', problems, ms: v.ms + m.ms, peakKb: Math.max(v.peakKb, m.peakKb), statuses });
    const line = `batch ${b}: ${n} files · validate ${v.ms} ms ${Math.round(v.peakKb / 1024)} MB exit ${v.code} · merge ${m.ms} ms ${Math.round(m.peakKb / 1024)} MB exit ${m.code} · ${JSON.stringify(statuses)}`;
    console.log(problems.length ? `${line}\n  ✘ ${problems.join('\n  ✘ ')}` : line);
    if (problems.length) {
      const to = path.join(keep, `seed${seed}-batch-${b}`);
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(dir)) writeFileSync(path.join(to, f), readFileSync(path.join(dir, f)));
      console.log(`  kept in ${to}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(base, { recursive: true, force: true });
  const bad = outcomes.filter((o) => o.problems.length);
  console.log(`\n${made} files in ${outcomes.length} batches; batches with problems: ${bad.length}`);
  console.log(
    `slowest batch (validate+merge) ${Math.max(...outcomes.map((o) => o.ms))} ms; highest peak ${Math.round(Math.max(...outcomes.map((o) => o.peakKb)) / 1024)} MB`,
  );
  for (const [mName, s] of Object.entries(byMutation)) console.log(`  ${mName.padEnd(24)} ${JSON.stringify(s)}`);
  process.exitCode = bad.length ? 1 : 0;
}

main();
