import { describe as describeIssue } from '../../src/core/report/catalogue';
import { boundParams, QUOTE_MAX_CHARS, quoteText } from '../../src/core/report/quote';

describe('quoted values', () => {
  it('leaves a value of up to 120 characters whole', () => {
    const v = 'x'.repeat(QUOTE_MAX_CHARS);
    expect(quoteText(v)).toBe(v);
    expect(quoteText('Hoàn thành')).toBe('Hoàn thành');
  });

  it('cuts a long value to 120 characters and "…"', () => {
    const v = 'Không rõ tình trạng '.repeat(2000);
    const q = quoteText(v);
    expect(q.endsWith('…')).toBe(true);
    expect([...q]).toHaveLength(QUOTE_MAX_CHARS + 1);
    expect(v.startsWith(q.slice(0, -1))).toBe(true);
  });

  it('never splits a character written as two code units', () => {
    const v = 'a'.repeat(QUOTE_MAX_CHARS - 1) + '😀'.repeat(10);
    const q = quoteText(v);
    expect(q).toBe('a'.repeat(QUOTE_MAX_CHARS - 1) + '😀…');
    expect(/[\ud800-\udbff]$/.test(q.slice(0, -1))).toBe(false);
  });

  it('keeps a decomposed letter with its accents (NFD text from a Mac)', () => {
    const nfd = 'Hệ thống '.normalize('NFD');
    const q = quoteText(nfd.repeat(100));
    const kept = q.slice(0, -1);
    // The cut falls between letters: composed again, every kept letter is whole.
    expect(nfd.repeat(100).startsWith(kept)).toBe(true);
    expect(/[\u0300-\u036f]/.test(nfd.repeat(100).charAt(kept.length))).toBe(false);
  });

  it('a finding of a 32,767-character value reads the same whether its params were carried bounded or whole', () => {
    const found = 'Së Néi vô tØnh Hµ TÜnh '.repeat(1500).slice(0, 32_767);
    const converted = 'Sở Nội vụ tỉnh Hà Tĩnh '.repeat(1500).slice(0, 32_767);
    const params = { found, converted, encoding: 'tcvn3' };
    const bounded = boundParams(params);
    expect(bounded.found.length).toBeLessThan(1000);
    for (const lang of ['vi', 'en'] as const) {
      const whole = describeIssue('legacy-encoding', params, lang);
      expect(describeIssue('legacy-encoding', bounded, lang)).toEqual(whole);
      expect(whole.message.length + whole.hint.length).toBeLessThan(400);
    }
    expect(boundParams({ found: 'ngắn' })).toEqual({ found: 'ngắn' });
  });

  it('bounds every value a message quotes: value-not-allowed, column names, unreadable details', () => {
    const long = 'Không rõ '.repeat(4000);
    for (const [code, p] of [
      ['value-not-allowed', { found: long, header: long, allowed: 'Hoàn thành; Chưa hoàn thành' }],
      ['column-unknown', { found: long }],
      ['reason-vague', { found: long }],
      ['formula-error', { found: long }],
      ['file-unreadable', { reason: 'corrupt', detail: long }],
    ] as const) {
      for (const lang of ['vi', 'en'] as const) {
        const d = describeIssue(code, p, lang);
        expect(d.message.length + d.hint.length).toBeLessThan(600);
      }
    }
  });
});
