/**
 * `npm run excel-versions`: runs the sweep (test/fixtures/excel-sweep.ts) and writes its table into
 * docs/excel-versions.md, between the markers. test/excel/sweep.test.ts fails when the page and the
 * sweep disagree, so the page for the people who deploy the add-in cannot go stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sweep, versionsTable } from '../test/fixtures/excel-sweep';

export const BEGIN = '<!-- excel-versions:begin (npm run excel-versions) -->';
export const END = '<!-- excel-versions:end -->';

export function withTable(page: string, table: string): string {
  const a = page.indexOf(BEGIN);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/excel-versions.md has no ${BEGIN} … ${END} markers`);
  return `${page.slice(0, a + BEGIN.length)}\n${table}\n${page.slice(b)}`;
}

async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../docs/excel-versions.md');
  const { versions, failures } = await sweep();
  writeFileSync(file, withTable(readFileSync(file, 'utf8'), versionsTable(versions)));
  console.log(`${Object.keys(versions).length} versions written to ${path.relative(process.cwd(), file)}; ${failures.length} failures`);
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
