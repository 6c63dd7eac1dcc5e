/**
 * The core stays pure (architecture.md): no Office, DOM, file I/O or spreadsheet library, only zod.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const core = path.resolve(__dirname, '../../src/core');

test.each(files(core).map((f) => [path.relative(core, f), f]))('%s is pure', (_name, file) => {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  for (const i of imports) expect(i === 'zod' || i.startsWith('.')).toBe(true);
  for (const i of imports.filter((x) => x.startsWith('.'))) {
    expect(path.resolve(path.dirname(file), i).startsWith(core)).toBe(true);
  }
  expect(src).not.toMatch(
    /\b(Office|Excel)\.\w|\bwindow\.|\bdocument\.|\brequire\(|\bprocess\.|\bfetch\(|XMLHttpRequest|\beval\(|new Function\(/,
  );
});
