/**
 * Office.js from the add-in's own server: the pages try Microsoft's CDN, then the copy the build serves
 * at dist/office-js/ (scripts/office-js.js); OFFICE_JS=local makes that copy the only source. Here the
 * real office.js (the pinned copy) runs in Chromium outside Office.
 *
 * The two builds differ only in the list of sources inside the pages' loader (the first test shows
 * it), so the other build's pages are the built ones with that list swapped: these tests hold
 * whichever build is in dist/ (`npm test` makes the default one; OFFICE_JS=local npm run build the other).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession } from './session';
import { DIST, serveDist, type StaticServer } from './harness';
import { CDN_URL, LOCAL_DIR, LOCAL_URL, officeJsLoader, officeJsMode, officeJsSources, type OfficeJsMode } from '../../scripts/office-js';

const PAGES = ['taskpane.html', 'commands.html'];
const session = browserSession();

/** dist/ as the build with `mode` writes it: the pages' source list swapped, every other file linked. */
function buildAs(mode: OfficeJsMode): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `phuluc-office-js-${mode}-`));
  for (const f of fs.readdirSync(DIST)) {
    if (!PAGES.includes(f)) fs.symlinkSync(path.join(DIST, f), path.join(dir, f));
  }
  for (const page of PAGES) {
    const html = fs.readFileSync(path.join(DIST, page), 'utf8');
    const lists = [officeJsSources('cdn-then-local'), officeJsSources('local')]
      .map((l) => JSON.stringify(l))
      .filter((l) => html.includes(l));
    if (lists.length !== 1) throw new Error(`${page}: the loader's list of sources was not found once in the built page`);
    fs.writeFileSync(path.join(dir, page), html.replace(lists[0], JSON.stringify(officeJsSources(mode))));
  }
  return dir;
}

const builds: Partial<Record<OfficeJsMode, { dir: string; server: StaticServer }>> = {};
beforeAll(async () => {
  for (const mode of ['cdn-then-local', 'local'] as const) {
    const dir = buildAs(mode);
    builds[mode] = { dir, server: await serveDist(fs.realpathSync(dir)) };
  }
});
afterAll(async () => {
  for (const b of Object.values(builds)) {
    await b?.server.close();
    if (b) fs.rmSync(b.dir, { recursive: true, force: true });
  }
});

/** Opens the pane of one build: same session checks (no console error, nothing off-origin). */
async function openPane(mode: OfficeJsMode, cdn?: 'refused' | 'silent') {
  const origin = builds[mode]!.server.origin;
  const requested: string[] = [];
  const w = await session.openUrl(`${origin}/taskpane.html`, {
    cdn,
    waitUntil: 'domcontentloaded',
    onPage: (page) => page.on('request', (r) => requested.push(r.url())),
  });
  return { ...w, requested, origin };
}

async function outsideExcelState(page: Page, timeout = 20_000): Promise<string> {
  await page.waitForSelector('#app[data-state="outside-excel"]', { timeout });
  return (await page.locator('#app').textContent()) ?? '';
}

describe('the build', () => {
  it("differs between the two sources only in the loader's list", () => {
    const cdn = officeJsLoader('cdn-then-local');
    const local = officeJsLoader('local');
    const strip = (s: string) => s.replace(/^ *\/\/.*$/m, '');
    expect(strip(local)).toBe(strip(cdn).replace(JSON.stringify([CDN_URL, LOCAL_URL]), JSON.stringify([LOCAL_URL])));
    expect(local).not.toMatch(/appsforoffice|https?:/);
  });

  it('takes OFFICE_JS=local, and refuses anything else', () => {
    expect(officeJsMode({})).toBe('cdn-then-local');
    expect(officeJsMode({ OFFICE_JS: ' Local ' })).toBe('local');
    expect(() => officeJsMode({ OFFICE_JS: 'cdn' })).toThrow(/OFFICE_JS chỉ nhận "local"[\s\S]*OFFICE_JS takes "local"/);
  });

  it('puts the loader of OFFICE_JS into both pages and serves the copy office.js loads for Excel', async () => {
    type HtmlPlugin = { userOptions: { filename: string; templateParameters?: { officeJsLoader?: string } } };
    const makeConfig = require(path.join(DIST, '..', 'webpack.config.js')) as (env: object, argv: object) => Promise<{ plugins: object[] }>;
    const saved = process.env.OFFICE_JS;
    try {
      for (const [value, mode] of [
        ['local', 'local'],
        ['', 'cdn-then-local'],
      ] as const) {
        process.env.OFFICE_JS = value;
        const config = await makeConfig({}, { mode: 'production' });
        const pages = config.plugins.filter((p): p is HtmlPlugin => (p as HtmlPlugin).userOptions?.filename?.endsWith('.html'));
        const loaders = Object.fromEntries(pages.map((p) => [p.userOptions.filename, p.userOptions.templateParameters?.officeJsLoader]));
        expect(loaders).toEqual({ 'taskpane.html': officeJsLoader(mode), 'commands.html': officeJsLoader(mode), 'app.html': undefined });
      }
    } finally {
      if (saved === undefined) delete process.env.OFFICE_JS;
      else process.env.OFFICE_JS = saved;
    }
    const copy = path.join(DIST, LOCAL_DIR);
    for (const f of [
      'office.js',
      'excel-win32-16.01.js',
      'excel-web-16.00.js',
      'excel-mac-16.00.js',
      'telemetry/oteljs_agave.js',
      'vi-vn/office_strings.js',
      'en-us/office_strings.js',
    ]) {
      expect(fs.existsSync(path.join(copy, f))).toBe(true);
    }
    // As Microsoft shipped it, not minified again, and without the debug builds or other hosts.
    const pkg = path.dirname(require.resolve('@microsoft/office-js/package.json'));
    expect(fs.readFileSync(path.join(copy, 'office.js'))).toEqual(fs.readFileSync(path.join(pkg, 'dist', 'office.js')));
    const all = fs.readdirSync(copy, { recursive: true }).map(String);
    expect(all.filter((f) => /debug|word-|outlook|powerpoint/.test(f))).toEqual([]);
  });

  it('with OFFICE_JS=local, names no outside address in any page and no appsforoffice anywhere', () => {
    const dir = builds.local!.dir;
    for (const page of ['taskpane.html', 'commands.html', 'app.html']) {
      const html = fs.readFileSync(path.join(dir, page), 'utf8');
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(html).not.toMatch(/https?:\/\//);
    }
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => /\.(html|js|xml)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => /appsforoffice/i.test(fs.readFileSync(path.join(dir, f), 'utf8')))).toEqual([]);
  });
});

describe('the pane in Chromium, outside Office, with the real office.js', () => {
  it('OFFICE_JS=local: loads the copy beside it, never the CDN, and says to open it in Excel', async () => {
    const { page, requested, origin, cdnTried } = await openPane('local');
    const text = await outsideExcelState(page);
    expect(text).toMatch(/^Phuluc là bổ trợ của Excel: hãy mở nó trong Excel/);
    expect(text).toMatch(/Phuluc is an Excel add-in: open it in Excel/);
    expect(await page.locator('#app a[href="app.html"]').count()).toBe(2);
    expect(requested).toContain(`${origin}/${LOCAL_URL}`);
    expect(requested.filter((u) => !u.startsWith(origin + '/'))).toEqual([]);
    expect(cdnTried).toEqual([]);
  });

  it('default build, CDN refused: falls back to the copy and starts', async () => {
    const { page, requested, origin, cdnTried, errors } = await openPane('cdn-then-local', 'refused');
    await outsideExcelState(page);
    expect(cdnTried).toEqual([CDN_URL]);
    // Chromium's own line for the refused CDN; nothing from the add-in or office.js.
    expect(errors.splice(0)).toEqual(['Failed to load resource: net::ERR_CONNECTION_REFUSED']);
    expect(requested.indexOf(CDN_URL)).toBeLessThan(requested.indexOf(`${origin}/${LOCAL_URL}`));
  });

  it('default build, CDN silent (a filtered network): falls back after a few seconds and starts', async () => {
    const t0 = Date.now();
    const { page, cdnTried } = await openPane('cdn-then-local', 'silent');
    await outsideExcelState(page);
    expect(cdnTried).toEqual([CDN_URL]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4_500);
  }, 60_000);

  it('says so, in both languages, when no source answers', async () => {
    const w = await openPane('local');
    // The copy gone too: the page must not stay on "đang tải…".
    await w.page.route(`${w.origin}/${LOCAL_URL}`, (r) => r.abort('connectionrefused'));
    await w.page.reload();
    await w.page.waitForSelector('#app[data-state="office-js-failed"]', { timeout: 20_000 });
    const text = (await w.page.locator('#app').textContent()) ?? '';
    expect(text).toMatch(/^Không tải được Office\.js \(office-js\/office\.js: did not load\)/);
    expect(text).toMatch(/Office\.js could not be loaded/);
    // The one console line each bundle of the shared runtime writes, and nothing else.
    expect(w.errors.filter((e) => !/^Failed to load resource: net::ERR_CONNECTION_REFUSED$/.test(e))).toEqual([
      'Phuluc: Office.js did not load: office-js/office.js: did not load',
      'Phuluc: Office.js did not load: office-js/office.js: did not load',
    ]);
    w.errors.length = 0;
  });
});
