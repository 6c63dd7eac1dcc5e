/**
 * A clone of the repository carries its own map: every relative link in README.md and docs/ names
 * a file of the repository (none outside it, as ../shared/design/… once did).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown links and image sources that are not web addresses or anchors. */
function localLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  return targets.filter((t) => !/^(https?:|mailto:|#)/.test(t)).map((t) => t.replace(/#.*$/, ''));
}

test.each(DOCS)('%s links only to files inside the repository', (file) => {
  const broken = localLinks(file).filter((link) => {
    const target = path.resolve(ROOT, path.dirname(file), decodeURIComponent(link));
    return !target.startsWith(ROOT + path.sep) || !fs.existsSync(target);
  });
  expect(broken).toEqual([]);
});

test('README names the docs a newcomer needs', () => {
  const links = localLinks('README.md');
  for (const doc of ['docs/architecture.md', 'docs/contracts.md', 'docs/issue-codes.md', 'docs/dependencies.md'])
    expect(links).toContain(doc);
  expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).not.toMatch(/\.\.\/shared/);
});
