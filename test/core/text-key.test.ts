import { compareKey } from '../../src/core/text/text-key';

describe('compareKey (row signatures of long texts)', () => {
  it('is the text itself when short', () => {
    expect(compareKey('Hoàn thành')).toBe('Hoàn thành');
  });

  it('is short for a long text, equal for equal texts, different when only the end differs', () => {
    const a = 'Sở Nội vụ tỉnh Hà Tĩnh '.repeat(1400);
    const b = a.slice(0, -1) + 'x';
    expect(compareKey(a).length).toBeLessThan(300);
    expect(compareKey(a)).toBe(compareKey((' ' + a).slice(1)));
    expect(compareKey(a)).not.toBe(compareKey(b));
    expect(compareKey(a)).not.toBe(compareKey(a + ' '));
  });
});
