import { RowSignatures } from '../../src/core/checks/duplicates';

function items(rows: (string[] | { extras: [string, string][] })[]): number[] {
  const s = new RowSignatures();
  for (const r of rows) {
    s.begin();
    if (Array.isArray(r)) r.forEach((t) => s.text(t));
    else r.extras.forEach(([h, v]) => s.extra(h, v));
    s.end();
  }
  return s.firstEqual();
}

describe('RowSignatures (which item repeats an earlier one)', () => {
  it('points a repeat at the first equal item, and only equal items', () => {
    expect(
      items([
        ['a', 'b'],
        ['a', 'c'],
        ['a', 'b'],
        ['a', 'b'],
        ['a', 'c'],
      ]),
    ).toEqual([-1, -1, 0, 0, 1]);
  });

  it('never repeats an item with nothing to compare', () => {
    expect(
      items([
        ['', ''],
        ['', ''],
      ]),
    ).toEqual([-1, -1]);
  });

  it('tells long texts apart by their end, and keeps the column they sit in', () => {
    const a = 'Sở Nội vụ tỉnh Hà Tĩnh '.repeat(1400);
    const b = a.slice(0, -1) + 'x';
    expect(
      items([
        [a, ''],
        [b, ''],
        [(' ' + a).slice(1), ''],
        ['', a],
      ]),
    ).toEqual([-1, -1, 0, -1]);
  });

  it('keeps a value outside the form apart from the same text in a column, and by its header', () => {
    expect(items([['x'], { extras: [['H', 'x']] }, { extras: [['K', 'x']] }, { extras: [['H', 'x']] }])).toEqual([-1, -1, -1, 1]);
  });

  it('tells 30,000 distinct items apart', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [`t${i % 173}`, `u${Math.floor(i / 173)}`]);
    expect(items(rows).every((f) => f === -1)).toBe(true);
  });
});
