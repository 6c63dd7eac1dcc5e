/** jest's side of the browser harness (kept apart: harness.ts is also compiled for scripts/). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, openPage, OpenOptions, serveDist, StaticServer, Watched } from './harness';

export interface BrowserSession {
  readonly origin: string;
  /** A scratch folder for the test's files, removed at the end. */
  readonly dir: string;
  /** Opens a page; after each test its console errors and off-origin requests must be none. */
  open(pagePath: string, opts?: OpenOptions): Promise<Watched>;
  /** The same for a page of another server (a variant of dist/). */
  openUrl(url: string, opts?: OpenOptions): Promise<Watched>;
}

/**
 * One server and one Chromium for a test file, registered with jest's hooks. Every page opened
 * through it is checked after its test: no console error, no request off the page's origin.
 */
export function browserSession(): BrowserSession {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let dir = '';
  const opened: Watched[] = [];
  beforeAll(async () => {
    // First, so that a test whose browser failed to start still writes its files in a scratch
    // folder, not in the working directory.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-browser-'));
    // Both are awaited to the end and kept, so that when one fails afterAll still closes the other
    // (an open server or browser keeps jest from exiting).
    const [s, b] = await Promise.allSettled([serveDist(), launch()]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    for (const r of [s, b]) if (r.status === 'rejected') throw r.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const w of opened.splice(0)) {
      expect(w.errors).toEqual([]);
      expect(w.external).toEqual([]);
      await w.context.close();
    }
  });
  return {
    get origin() {
      return server!.origin;
    },
    get dir() {
      return dir;
    },
    open(pagePath, opts) {
      return this.openUrl(`${server!.origin}/${pagePath}`, opts);
    },
    async openUrl(url, opts) {
      const w = await openPage(browser!, url, opts);
      opened.push(w);
      return w;
    },
  };
}
