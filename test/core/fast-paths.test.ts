// The shortcuts taken for speed on every cell and sheet give the answers the plain definitions give.
import { findTables } from '../../src/core/locate/find-tables';
import { SheetView } from '../../src/core/locate/sheet-view';
import { builtinCatalog } from '../../src/core/template/catalog';
import { cleanText, stripDiacritics, textKey, toNfc } from '../../src/core/text/normalize';
import { buildSheet } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';

// cleanText and textKey skip work for the text nearly every cell holds; whatever the path, the
// answer must be the one the plain definitions give.
const referenceClean = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u00A0\u2007\u202F]+/g, ' ')
    .trim();
const referenceKey = (s: string) =>
  stripDiacritics(referenceClean(s).toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function codeUnits(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
}

describe('cleanText and textKey', () => {
  it('agree with the plain definitions for every character around the fast repertoire', () => {
    const chars = [...codeUnits(0, 0x2fff), ...codeUnits(0xfe00, 0xffff)];
    const wrong: string[] = [];
    for (const ch of chars) {
      for (const s of [ch, `x${ch}y`, ` ${ch}`, `${ch} `, `Đ${ch}\u0301`, `${ch}${ch}`, `a ${ch} b`]) {
        if (cleanText(s) !== referenceClean(s) || textKey(s) !== referenceKey(s)) wrong.push(JSON.stringify(s));
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('agree with the plain definitions on mixed Vietnamese text, NFC or not', () => {
    const pieces = [
      'Hoàn thành',
      'Đang thực hiện',
      'hoà',
      'KH&ĐT',
      '  ',
      '\n',
      '\u00A0',
      '\u200B',
      'Lý do:',
      '(*)',
      '12/2023',
      'Ủy ban',
      'Q.I',
      '\t',
      '—',
      'ǅ',
      'İ',
      'ß',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let k = Math.floor(next() * 6); k >= 0; k--) s += pieces[Math.floor(next() * pieces.length)];
      if (next() < 0.3) s = s.normalize('NFD');
      expect([cleanText(s), textKey(s)]).toEqual([referenceClean(s), referenceKey(s)]);
    }
  });

  it('toNfc gives String#normalize("NFC") for every character, alone and around combining marks', () => {
    const wrong: string[] = [];
    for (const ch of [...codeUnits(0, 0x2fff), ...codeUnits(0xfe00, 0xffff)]) {
      for (const s of [ch, `a${ch}`, `${ch}\u0301`, `${ch}\u0323\u0302`, `Ê${ch}`])
        if (toNfc(s) !== s.normalize('NFC')) wrong.push(JSON.stringify(s));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('key the usual texts', () => {
    expect(textKey('Lý do\nchưa hoàn thành:')).toBe('ly do chua hoan thanh');
    expect(textKey('Sở KH&ĐT')).toBe('so kh dt');
    expect(textKey('Hoa\u0300n tha\u0300nh')).toBe('hoan thanh');
    expect(cleanText(' Đã  ban\u00A0hành ')).toBe('Đã ban hành');
  });
});

describe('the header search asked for different forms in one process', () => {
  it('looks for exactly the forms it is given each time, whatever it was asked before', () => {
    const catalog = builtinCatalog();
    const form = (id: string) => catalog.templates.find((t) => t.id === id)!;
    const view = new SheetView(
      buildSheet({ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: pl02Rows({ seed: 3, rows: 5 }) }),
    );
    const found = (ids: string[]) => findTables(view, ids.map(form)).map((t) => t.template.id);
    expect(found(['pl02', 'pl01'])).toEqual(['pl02']);
    expect(found(['pl01'])).toEqual([]);
    expect(found(['pl01', 'pl02'])).toEqual(['pl02']);
    expect(found(['pl01'])).toEqual([]);
  });
});
