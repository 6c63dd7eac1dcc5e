/**
 * Runs one measured job in a fresh process so its time and peak memory are its own:
 *   node lib/scripts/bench-child.js parse <dir>
 *   node lib/scripts/bench-child.js merge <dir> <out.xlsx> <units.json>
 * Prints one JSON line { ms, peakMb }.
 */
import { expandInputs } from '../src/cli/files';
import { main } from '../src/cli/main';
import { createReaderPool } from '../src/xlsx/reader-pool';

async function parseOnly(dir: string): Promise<void> {
  const { files } = await expandInputs([dir]);
  const pool = createReaderPool();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < files.length) {
        const r = await pool.readFile(files[next++]);
        if (!r.ok) throw new Error(`unreadable: ${r.info.reason}`);
      }
    }),
  );
  await pool.close();
}

async function run(): Promise<void> {
  const [job, dir, out, units] = process.argv.slice(2);
  const t0 = performance.now();
  if (job === 'parse') await parseOnly(dir);
  else {
    const code = await main(['node', 'phuluc', 'merge', dir, '--round', 'kh-cchc-2023', '--units', units, '-o', out], {
      out: () => undefined,
      err: (s) => process.stderr.write(s),
    });
    if (code !== 0) throw new Error(`merge exited ${code}`);
  }
  const ms = performance.now() - t0;
  // maxRSS covers the worker threads too: they live in this process.
  console.log(JSON.stringify({ ms: Math.round(ms), peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
