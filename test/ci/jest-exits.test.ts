/**
 * A failing run ends as promptly as a passing one: jest is run on a browser test that fails — once
 * because Chromium is missing, once on a false assertion with the browser up — and must exit on its
 * own (no --forceExit) within seconds, without "Jest did not exit".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from '../browser/harness';

const ROOT = path.resolve(__dirname, '..', '..');
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-jest-exits-'));
  const session = JSON.stringify(path.join(ROOT, 'test', 'browser', 'session'));
  fs.writeFileSync(
    path.join(dir, 'forced.test.ts'),
    `import { browserSession } from ${session};\n` +
      `const s = browserSession();\n` +
      `test('forced failure', async () => {\n` +
      `  const w = await s.open('app.html');\n` +
      `  expect(await w.page.title()).toBe('not the title');\n` +
      `});\n`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runJest(env: Record<string, string>) {
  const config = {
    rootDir: dir,
    roots: [dir],
    testEnvironment: 'node',
    transform: {
      '^.+\\.tsx?$': [
        require.resolve('ts-jest', { paths: [ROOT] }),
        { isolatedModules: true, diagnostics: false, tsconfig: path.join(ROOT, 'tsconfig.json') },
      ],
    },
  };
  const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [jest, '--ci', '--config', JSON.stringify(config)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 90_000,
  });
  return { status: r.status, signal: r.signal, output: `${r.stdout}${r.stderr}`, ms: Date.now() - t0 };
}

test.each([
  ['Chromium missing', { PHULUC_CHROMIUM: '/nonexistent/chromium' }, /need Debian's Chromium at \/nonexistent\/chromium/],
  ['a false assertion, browser up', { PHULUC_CHROMIUM: CHROMIUM }, /not the title/],
])(
  '%s: the run fails and jest exits by itself',
  (_what, env, reason) => {
    const r = runJest(env);
    expect(r.output).toMatch(reason);
    expect(r.output).toMatch(/Tests:\s+1 failed, 1 total/);
    expect(r.output).not.toMatch(/did not exit/);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.ms).toBeLessThan(60_000);
  },
  120_000,
);
