/**
 * What docs/dependencies.md promises about versions: Office.js pinned exactly (the local copy is
 * the CDN's files of one release), and exceljs on a uuid without GHSA-w5hq-g745-h8pq.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  overrides?: Record<string, Record<string, string>>;
};

function installedVersion(name: string, from = ROOT): string {
  const file = require.resolve(`${name}/package.json`, { paths: [from] });
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

test('@microsoft/office-js is a dependency pinned to one exact version, and that version is installed', () => {
  const wanted = pkg.dependencies['@microsoft/office-js'];
  expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
  expect(installedVersion('@microsoft/office-js')).toBe(wanted);
});

test('exceljs resolves the overridden uuid (11.1.1 or later), not 8.3.2', () => {
  expect(pkg.overrides?.exceljs?.uuid).toBe('11.1.1');
  const exceljsDir = path.dirname(require.resolve('exceljs/package.json', { paths: [ROOT] }));
  const [major, minor, patch] = installedVersion('uuid', exceljsDir).split('.').map(Number);
  expect(major > 11 || (major === 11 && (minor > 1 || (minor === 1 && patch >= 1)))).toBe(true);
});
