import { parseRangeA1 } from '../../src/core/grid/address';

describe('parseRangeA1 (addresses Excel gives in events and reads)', () => {
  it('reads a cell and a range, with or without the sheet, $ signs and a quoted name holding "!"', () => {
    expect(parseRangeA1('B2')).toEqual({ r0: 1, c0: 1, r1: 1, c1: 1 });
    expect(parseRangeA1('PL02!A8:G10')).toEqual({ r0: 7, c0: 0, r1: 9, c1: 6 });
    expect(parseRangeA1("'Phụ lục!2'!$AA$100:$AB$101")).toEqual({ r0: 99, c0: 26, r1: 100, c1: 27 });
  });

  it('gives null for whole columns or rows and for what is no address', () => {
    expect(parseRangeA1('C:C')).toBeNull();
    expect(parseRangeA1('5:7')).toBeNull();
    expect(parseRangeA1('Sheet1!')).toBeNull();
    expect(parseRangeA1('#REF!')).toBeNull();
  });
});
