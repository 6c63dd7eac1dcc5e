/**
 * What the page and the pane fetch before they show anything: at most 250 KB of gzipped JavaScript,
 * without the parser (SheetJS), the writer (exceljs) or the schemas (zod), which load on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { firstLoad } from '../../scripts/bench-browser';
import { DIST } from './harness';

const LIMIT = 250 * 1024;

test.each(['app.html', 'taskpane.html'])('%s: first-load JavaScript ≤ 250 KB gzipped, no parser, writer or schemas', (html) => {
  const r = firstLoad(html);
  expect(r.files.length).toBeGreaterThan(0);
  expect(r.gz).toBeLessThanOrEqual(LIMIT);
  const text = r.files.map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n');
  expect(text).not.toMatch(/SheetJS/);
  expect(text).not.toMatch(/exceljs/i);
  expect(text).not.toMatch(/ZodError/);
});

test('the lazy chunks exist: the parser, the writer and the schemas are in the build, just not loaded first', () => {
  const all = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(DIST, f), 'utf8'));
  expect(all.some((t) => /SheetJS/.test(t))).toBe(true);
  expect(all.some((t) => /exceljs/i.test(t))).toBe(true);
  expect(all.some((t) => /ZodError/.test(t))).toBe(true);
});
