/**
 * One merge plan and one set of figures for every host (issue 14): rounds kept apart, receipt times
 * that survive e-mail, and headline figures that add up.
 */
import { buildWorkbook, SheetSpec } from '../fixtures/builder';
import { moHinhRows, pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { unreadableCheck, validateWorkbook, WorkbookCheck } from '../../src/core/validate/validate-workbook';
import { planMerge } from '../../src/core/merge/plan';
import { consolidate } from '../../src/core/merge/consolidate';
import { unitSummaries } from '../../src/core/merge/summary';
import { mergeFigures } from '../../src/core/merge/figures';
import { correctedReceipt, daysLate, receiptOf } from '../../src/core/merge/receipt';
import { expectedUnits } from '../../src/core/merge/consolidate';

const catalog = builtinCatalog();
const moHinhRound = catalog.rounds.find((r) => r.id === 'mo-hinh-2023')!;
const khRound = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;

function kh(unit: string): SheetSpec[] {
  const head = ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()];
  return [
    { form: 'pl01', letterhead: head, rows: pl01Rows({ seed: 1, rows: 3 }) },
    { form: 'pl02', letterhead: head, rows: pl02Rows({ seed: 2, rows: 4 }) },
    { form: 'pl03', letterhead: head, rows: pl03Rows({ seed: 3, rows: 2 }) },
    { form: 'pl04', letterhead: head, rows: pl03Rows({ seed: 4, rows: 2 }) },
  ];
}
const mh = (unit: string, rows = 2): SheetSpec[] => [
  { form: 'mo-hinh', letterhead: ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()], rows: moHinhRows({ seed: 5, rows }, unit) },
];
const checkOf = (sheets: SheetSpec[], name: string, savedAt?: string): WorkbookCheck => {
  const grid = buildWorkbook({ sheets });
  if (savedAt) grid.savedAt = savedAt;
  return validateWorkbook(grid, { catalog, fileName: name });
};

describe('the plan', () => {
  const files = [
    { check: checkOf(mh('Sở Tài chính'), 'STC mo hinh.xlsx'), name: 'STC mo hinh.xlsx' },
    { check: checkOf(kh('Sở Tài chính'), 'STC PL01-04.xlsx'), name: 'STC PL01-04.xlsx' },
    { check: checkOf(mh('Sở Tư pháp'), 'STP.xlsx'), name: 'STP.xlsx' },
    { check: unreadableCheck('Ghi chu.txt', { reason: 'not-spreadsheet' }, catalog), name: 'Ghi chu.txt' },
    { check: unreadableCheck('So Y te.xlsx', { reason: 'corrupt' }, catalog), name: 'So Y te.xlsx' },
  ];

  test('files of two rounds are grouped by round, most files first; the larger is proposed', () => {
    const plan = planMerge(files, { catalog });
    expect(plan.rounds.map((g) => [g.round.id, g.files])).toEqual([
      ['mo-hinh-2023', ['STC mo hinh.xlsx', 'STP.xlsx']],
      ['kh-cchc-2023', ['STC PL01-04.xlsx']],
    ]);
    expect(plan.round?.id).toBe('mo-hinh-2023');
    expect(plan.inferred).toBe(true);
  });

  test('a file of the other round is set aside; a note is counted apart; a broken workbook stays (it must be sent again)', () => {
    const plan = planMerge(files, { catalog, round: moHinhRound });
    expect(plan.otherRound).toEqual([{ name: 'STC PL01-04.xlsx', round: 'kh-cchc-2023' }]);
    expect(plan.notes).toEqual(['Ghi chu.txt']);
    expect(plan.submissions.map((s) => s.fileName)).toEqual(['STC mo hinh.xlsx', 'STP.xlsx', 'So Y te.xlsx']);
    // Sở Tài chính's mô hình rows are its own, not replaced by its PL01–04 workbook.
    const model = consolidate(plan.submissions, { catalog, round: moHinhRound, generatedAt: '2023-04-01T00:00:00Z' });
    const sheet = model.sheets.find((s) => s.name === 'Mô hình')!;
    const fileAt = sheet.columns.findIndex((c) => c.header === 'Tệp nguồn');
    expect(new Set(sheet.rows.filter((r) => r[1] === 'STC').map((r) => r[fileAt]))).toEqual(new Set(['STC mo hinh.xlsx']));
  });

  test('checked against a round, a workbook of another round still tells its own forms', () => {
    const c = validateWorkbook(buildWorkbook({ sheets: kh('Sở Tài chính') }), { catalog, round: moHinhRound, fileName: 'x.xlsx' });
    expect(c.tables).toEqual([]);
    expect(c.foreignForms?.sort()).toEqual(['pl01', 'pl02', 'pl03', 'pl04']);
    expect(planMerge([{ check: c, name: 'x.xlsx' }], { catalog, round: moHinhRound }).otherRound).toEqual([
      { name: 'x.xlsx', round: 'kh-cchc-2023' },
    ]);
  });
});

describe('receipt times', () => {
  test('the stamp, else the workbook’s saved time, else the file’s time', () => {
    const saved = checkOf(mh('Sở Tư pháp'), 'a.xlsx', '2023-03-20T03:00:00.000Z');
    expect(receiptOf(saved, Date.parse('2023-05-01T00:00:00Z'))).toEqual({ at: '2023-03-20T03:00:00.000Z', from: 'saved' });
    const plain = checkOf(mh('Sở Tư pháp'), 'b.xlsx');
    expect(receiptOf(plain, Date.parse('2023-05-01T00:00:00Z'))).toEqual({ at: '2023-05-01T00:00:00.000Z', from: 'file' });
    expect(receiptOf(plain)).toEqual({ at: null, from: null });
  });

  test('a date the clerk enters is that day in Vietnam, and refused when it does not exist', () => {
    const at = correctedReceipt('16/11/2022')!;
    expect(daysLate(at, '2022-11-15')).toBe(1);
    expect(correctedReceipt('2022-11-15')).toBe('2022-11-14T17:00:00.000Z');
    expect(at).toBe('2022-11-15T17:00:00.000Z');
    expect(correctedReceipt('31/02/2022')).toBeNull();
    expect(correctedReceipt('hôm qua')).toBeNull();
  });

  test('a correction applies to the unit’s latest file and is kept in the metadata', () => {
    const sub = { check: checkOf(mh('Sở Tư pháp'), 'STP.xlsx'), fileName: 'STP.xlsx', receivedAt: '2023-04-10T00:00:00.000Z' };
    const model = consolidate([sub], { catalog, round: moHinhRound, generatedAt: 'x', receipts: { STP: correctedReceipt('20/03/2023')! } });
    const stp = unitSummaries(model).find((u) => u.code === 'STP')!;
    expect(stp.daysLate).toBe(0);
    expect(model.meta.receipts).toEqual({ STP: correctedReceipt('20/03/2023') });
  });
});

describe('figures that add up', () => {
  test('150 copies: unidentified copies and notes are apart; an expected unit with only a broken file must send again', () => {
    const subs = [];
    for (let i = 0; i < 150; i++) {
      const unit = ['Sở Tư pháp', 'Sở Nội vụ', 'UBND huyện Can Lộc', 'UBND Kỳ Anh', ''][i % 5];
      const check = checkOf(mh(unit || 'x', 2), `copy ${i}.xlsx`);
      subs.push({ check, fileName: `copy ${i}.xlsx`, receivedAt: '2023-03-20T03:00:00.000Z' });
    }
    subs.push({
      check: unreadableCheck('So Y te.xlsx', { reason: 'corrupt' }, catalog),
      fileName: 'So Y te.xlsx',
      receivedAt: '2023-04-20T03:00:00.000Z',
    });
    const model = consolidate(subs, { catalog, round: moHinhRound, generatedAt: 'x' });
    const expected = new Set(expectedUnits(moHinhRound, catalog.registry).map((u) => u.id));
    const f = mergeFigures(unitSummaries(model), expected);
    expect(f.expected).toBe(32);
    expect(f.submitted).toBe(3); // STP, SNV, Can Lộc: each once, however many copies
    expect(f.resend).toBe(1); // Sở Y tế: its only file is broken
    expect(f.submitted + f.resend + f.missing).toBe(f.expected);
    expect(f.unidentified).toBe(60); // "UBND Kỳ Anh" (huyện or thị xã?) and the nameless ones
    // A broken file is neither late nor "with errors": it is to be sent again.
    expect(f.late).toBe(0);
  });

  test('the same figures whichever host asks: the CLI summary and the pane’s tiles call this one function', () => {
    const subs = [{ check: checkOf(kh('Sở Tư pháp'), 'stp.xlsx'), fileName: 'stp.xlsx', receivedAt: '2022-11-16T03:00:00.000Z' }];
    const model = consolidate(subs, { catalog, round: khRound, generatedAt: 'x' });
    const f = mergeFigures(unitSummaries(model), new Set(expectedUnits(khRound, catalog.registry).map((u) => u.id)));
    expect(f).toMatchObject({ expected: 7, submitted: 1, resend: 0, missing: 6, unexpected: 0, unidentified: 0, late: 1 });
  });
});

describe('the file used, named apart from the files superseded (decided by consolidation)', () => {
  const sub = (sheets: SheetSpec[], name: string, at: string) => ({ check: checkOf(sheets, name), fileName: name, receivedAt: at });
  const broken = (name: string, at: string) => ({
    check: unreadableCheck(name, { reason: 'corrupt' }, catalog),
    fileName: name,
    receivedAt: at,
  });
  const stp = (model: ReturnType<typeof consolidate>, code = 'STP') => unitSummaries(model).find((u) => u.code === code)!;

  test('a re-sent workbook is used; the earlier one is superseded, whatever order the names sort in', () => {
    // "z" sorts after "a": a guess from the Tệp column's order would name the wrong file.
    const model = consolidate(
      [sub(mh('Sở Tư pháp'), 'z STP.xlsx', '2023-03-10T00:00:00Z'), sub(mh('Sở Tư pháp'), 'a STP sua.xlsx', '2023-03-12T00:00:00Z')],
      {
        catalog,
        round: moHinhRound,
        generatedAt: 'x',
      },
    );
    expect(stp(model)).toMatchObject({
      usedFile: 'a STP sua.xlsx',
      usedFiles: ['a STP sua.xlsx'],
      supersededFiles: ['z STP.xlsx'],
      unreadableFiles: [],
    });
  });

  test('a later broken re-send does not win: the earlier readable file is used, the broken one listed apart', () => {
    const model = consolidate(
      [sub(mh('Sở Tư pháp'), 'STP.xlsx', '2023-03-10T00:00:00Z'), broken('So Tu phap gui lai.xlsx', '2023-03-12T00:00:00Z')],
      {
        catalog,
        round: moHinhRound,
        generatedAt: 'x',
      },
    );
    const u = stp(model);
    expect(u.file).toBe('STP.xlsx; So Tu phap gui lai.xlsx'); // the last named is not the one used
    expect(u).toMatchObject({ usedFile: 'STP.xlsx', supersededFiles: [], unreadableFiles: ['So Tu phap gui lai.xlsx'] });
  });

  test('a unit sending in pieces uses every file still supplying a form, the latest first; a fully replaced one is superseded', () => {
    const head = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
    const all = kh('Sở Tư pháp');
    const first = sub(all, 'STP PL01-04.xlsx', '2022-11-10T00:00:00Z');
    const again = sub(all, 'STP PL01-04 sua.xlsx', '2022-11-11T00:00:00Z');
    const pl04 = sub(
      [{ form: 'pl04', letterhead: head, rows: pl03Rows({ seed: 9, rows: 2 }) }],
      'STP bo sung PL04.xlsx',
      '2022-11-12T00:00:00Z',
    );
    const model = consolidate([first, again, pl04], { catalog, round: khRound, generatedAt: 'x' });
    expect(stp(model)).toMatchObject({
      usedFile: 'STP bo sung PL04.xlsx',
      usedFiles: ['STP bo sung PL04.xlsx', 'STP PL01-04 sua.xlsx'],
      supersededFiles: ['STP PL01-04.xlsx'],
    });
  });

  test('a file of no known unit is its own used file; a unit not sent has none', () => {
    const model = consolidate([sub(mh(''), 'bao cao.xlsx', '2023-03-10T00:00:00Z')], { catalog, round: moHinhRound, generatedAt: 'x' });
    const rows = unitSummaries(model);
    expect(rows.find((u) => !u.code)).toMatchObject({ usedFile: 'bao cao.xlsx', usedFiles: ['bao cao.xlsx'], supersededFiles: [] });
    expect(rows.find((u) => u.code === 'STP')).toMatchObject({ usedFile: '', usedFiles: [], supersededFiles: [] });
  });
});
