/**
 * The browser figures of `npm run bench`: first-load JavaScript of the page and the pane (gzipped,
 * what a slow provincial link must fetch before anything shows), and the page's merge time next to
 * the command line's for the same files. Needs `npm run build` and Chromium.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, ROOT, launch, openPage, serveDist, waitText } from '../test/browser/harness';

/** The scripts an HTML file loads by itself (lazy chunks are fetched later, on use). */
export function firstLoad(html: string): { bytes: number; gz: number; files: string[] } {
  const text = fs.readFileSync(path.join(DIST, html), 'utf8');
  const files = [...text.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2])
    .filter((src) => !/^https?:/.test(src));
  let bytes = 0;
  let gz = 0;
  for (const f of files) {
    const b = fs.readFileSync(path.join(DIST, f));
    bytes += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  return { bytes, gz, files };
}

export function benchBundle() {
  const app = firstLoad('app.html');
  const pane = firstLoad('taskpane.html');
  return {
    appFirstLoadGz: app.gz,
    taskpaneFirstLoadGz: pane.gz,
    appFirstLoad: app.bytes,
    taskpaneFirstLoad: pane.bytes,
    targetGz: 250 * 1024,
  };
}

function cliMergeMs(dir: string, out: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'phuluc.js'), 'merge', dir, '--round', 'kh-cchc-2023', '-o', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli merge failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** The same files merged on the page (read, check, consolidate, write the .xlsx) and by the CLI. */
export async function benchPageMerge(dir: string, files: string[]) {
  // The browser first: when it is missing, no server is left open to keep the process alive.
  const browser = await launch();
  const server = await serveDist().catch(async (e: unknown) => {
    await browser.close();
    throw e;
  });
  try {
    const runs: { pageMs: number; cliMs: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const w = await openPage(browser, `${server.origin}/app.html`);
      await w.page.getByRole('tab', { name: 'Tổng hợp' }).click();
      const panel = w.page.getByRole('tabpanel', { name: 'Tổng hợp' });
      await panel.getByLabel('Chọn tệp').setInputFiles(files);
      const t0 = performance.now();
      await panel.getByRole('button', { name: 'Tổng hợp' }).click();
      await waitText(panel, `Đã đọc ${files.length}/${files.length} tệp`, { contains: true, timeout: 300_000 });
      const download = w.page.waitForEvent('download', { timeout: 300_000 });
      await panel.getByRole('button', { name: 'Tải xuống' }).click({ timeout: 300_000 });
      await (await download).path();
      const pageMs = performance.now() - t0;
      await w.context.close();
      if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
      runs.push({ pageMs, cliMs: cliMergeMs(path.dirname(files[0]), path.join(dir, 'cli-out.xlsx')) });
    }
    const pageMs = Math.min(...runs.map((r) => r.pageMs));
    const cliMs = Math.min(...runs.map((r) => r.cliMs));
    return { files: files.length, pageMs: Math.round(pageMs), cliMs: Math.round(cliMs), ratio: +(pageMs / cliMs).toFixed(2) };
  } finally {
    await browser.close();
    await server.close();
  }
}
