/**
 * The catalogue of issue codes: each code raised by exactly one check, described in both languages,
 * and docs/issue-codes.md exactly what the catalogue generates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKS } from '../../src/core/checks';
import { CATALOGUE, ISSUE_CODES } from '../../src/core/report/catalogue';
import { issueCodesMarkdown } from '../../scripts/issue-codes';

test('every code is raised by exactly one check, and every check code is in the catalogue', () => {
  for (const code of ISSUE_CODES) expect([code, CHECKS.filter((c) => c.codes.includes(code)).length]).toEqual([code, 1]);
  const raised = CHECKS.flatMap((c) => c.codes);
  expect([...raised].sort()).toEqual([...ISSUE_CODES].sort());
});

test.each(ISSUE_CODES.map((c) => [c]))('%s has a title and a description in Vietnamese and English', (code) => {
  const e = CATALOGUE[code];
  for (const t of [e.vi, e.en]) {
    expect(t.title.length).toBeGreaterThan(3);
    expect(t.description.length).toBeGreaterThan(20);
  }
  expect(e.vi.description).not.toBe(e.en.description);
});

test('docs/issue-codes.md is what the catalogue generates (npm run docs:codes)', () => {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/issue-codes.md'), 'utf8');
  expect(doc).toBe(issueCodesMarkdown());
  for (const code of ISSUE_CODES) expect(doc).toContain(`## \`${code}\``);
});

test('a missing reason does not repeat a status that already says "chưa hoàn thành"', () => {
  const m = CATALOGUE['reason-missing'].vi.message;
  expect(m({ status: 'Chưa hoàn thành' })).toBe('Nội dung «Chưa hoàn thành» nhưng chưa nêu lý do.');
  expect(m({ status: 'Đang thực hiện' })).toBe('Nội dung «Đang thực hiện» (chưa hoàn thành) nhưng chưa nêu lý do.');
});
