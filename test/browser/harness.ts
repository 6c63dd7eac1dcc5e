/**
 * Real headless Chromium (Debian's /usr/bin/chromium) over the production build in dist/, served by a
 * plain static server on loopback. Every page opened here records console errors and any request
 * that leaves the page's own origin (such requests are refused); tests assert both are empty.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The package root, whether this runs from test/ (jest) or compiled from lib/test/ (scripts). */
export const ROOT = (() => {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json')) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
})();
export const DIST = path.join(ROOT, 'dist');
// Loaded from the package root at run time: this file is also compiled into lib/ for scripts/.
const officeJsSources = require(path.join(ROOT, 'scripts', 'office-js.js')) as typeof import('../../scripts/office-js');
/** Microsoft's CDN address of office.js, and the copy the build serves beside the pages. */
export const OFFICE_JS = officeJsSources.CDN_URL;
const LOCAL_OFFICE_JS = officeJsSources.LOCAL_URL;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.css': 'text/css',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Any static HTTP server will do for the page; this one is the smallest that serves dist/ (or a copy). */
export async function serveDist(root = DIST): Promise<StaticServer> {
  if (!fs.existsSync(path.join(root, 'app.html')))
    throw new Error(`${root}/app.html is missing: run \`npm run build\` first (npm test does)`);
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Kept-alive connections of a browser that was not closed would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** Debian's Chromium; PHULUC_CHROMIUM names another (scripts/test-prereqs.sh reads the same variable). */
export const CHROMIUM = process.env.PHULUC_CHROMIUM || '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    return Promise.reject(
      new Error(
        `The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install chromium (npm test installs it when run as root).`,
      ),
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--lang=vi-VN',
    ],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, page and workers. */
  errors: string[];
  /** Requests refused because they left the page's origin. */
  external: string[];
  /** Requests for Microsoft's office.js that the test made fail (OpenOptions.cdn). */
  cdnTried: string[];
}

export interface OpenOptions {
  /** Serve this script in place of Microsoft's office.js, from the CDN or the local copy (the strict fake). */
  officeJs?: string;
  /** Microsoft's CDN as a closed network has it: connection refused, or no answer at all. */
  cdn?: 'refused' | 'silent';
  /** Runs in the page before its own scripts. */
  init?: string;
  /** Called with the page before it is loaded (to watch its requests from the first). */
  onPage?: (page: Page) => void;
  /** What page.goto waits for (a request held forever keeps "load" from ever firing). */
  waitUntil?: 'load' | 'domcontentloaded';
}

export async function openPage(browser: Browser, url: string, opts: OpenOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN', viewport: { width: 1100, height: 900 } });
  const origin = new URL(url).origin;
  const errors: string[] = [];
  const external: string[] = [];
  const cdnTried: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    const officeJs = u === OFFICE_JS || u === `${origin}/${LOCAL_OFFICE_JS}`;
    if (officeJs && opts.officeJs !== undefined) return route.fulfill({ status: 200, contentType: 'text/javascript', body: opts.officeJs });
    if (u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    if (u === OFFICE_JS && opts.cdn) {
      cdnTried.push(u);
      // A held request is what a filtered network does: nothing comes back.
      return opts.cdn === 'refused' ? route.abort('connectionrefused') : undefined;
    }
    external.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`[worker] ${m.text()}`)));
  if (opts.init) await page.addInitScript(opts.init);
  opts.onPage?.(page);
  await page.goto(url, { waitUntil: opts.waitUntil ?? 'load' });
  return { context, page, errors, external, cdnTried };
}

/** The strict Excel fake as one browser script (webpack, once per run, cached by content). */
export function fakeOfficeScript(): string {
  const entry = path.join(ROOT, 'test', 'browser', 'fake-office.ts');
  const sources = [
    entry,
    path.join(ROOT, 'test', 'fixtures', 'fake-excel.ts'),
    path.join(ROOT, 'test', 'fixtures', 'api-sets.ts'),
    path.join(ROOT, 'test', 'fixtures', 'excel-api-sets.json'),
    path.join(ROOT, 'src', 'excel', 'capabilities.ts'),
    path.join(ROOT, 'src', 'core', 'grid', 'address.ts'),
  ];
  const stamp = sources.map((f) => fs.statSync(f).mtimeMs).join('-');
  const outDir = path.join(os.tmpdir(), `phuluc-fake-office-${process.getuid?.() ?? 0}`);
  const out = path.join(outDir, `fake-office-${stamp}.js`);
  if (!fs.existsSync(out)) {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] }),
        '--mode',
        'development',
        '--devtool',
        'false',
        '--target',
        'web',
        '--entry',
        entry,
        '--output-path',
        outDir,
        '--output-filename',
        path.basename(out),
        '--config',
        path.join(ROOT, 'test', 'browser', 'fake-office.webpack.js'),
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  }
  return fs.readFileSync(out, 'utf8');
}

/**
 * Writes files where Chromium can read them, with the modification times given (the page takes a
 * file's receipt time from it, as the command line does), and returns their paths.
 */
export function writeFiles(dir: string, files: { name: string; bytes: Uint8Array | string; mtime?: string }[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.bytes);
    if (f.mtime) fs.utimesSync(p, new Date(f.mtime), new Date(f.mtime));
    return p;
  });
}

/**
 * Waits until the element's text matches (jest has no web-first assertions); on timeout, fails
 * with what the element last said.
 */
export async function waitText(
  locator: import('playwright-core').Locator,
  want: string | RegExp,
  opts: { contains?: boolean; timeout?: number } = {},
): Promise<string> {
  const deadline = Date.now() + (opts.timeout ?? 30_000);
  let last = '';
  for (;;) {
    last = (await locator.count()) ? ((await locator.first().textContent()) ?? '') : '<absent>';
    const ok = typeof want === 'string' ? (opts.contains ? last.includes(want) : last.trim() === want) : want.test(last);
    if (ok) return last;
    if (Date.now() > deadline) throw new Error(`text ${String(want)} not seen; last: ${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
