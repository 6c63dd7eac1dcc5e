/**
 * Consolidation rules of consolidation.md, on generated rounds (pure core, no files).
 */
import { buildWorkbook, RowSpec, SheetSpec } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows, moHinhRows, rng } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { unreadableCheck, validateWorkbook } from '../../src/core/validate/validate-workbook';
import { consolidate, Submission } from '../../src/core/merge/consolidate';
import { daysLate, receivedAt } from '../../src/core/merge/receipt';
import { isOutDate, OutCell, OutSheet } from '../../src/core/merge/model';
import { applyPrevious } from '../../src/core/merge/update';
import { unitSummaries } from '../../src/core/merge/summary';
import type { CellValue, WorkbookGrid } from '../../src/core/grid/types';
import { a1 } from '../../src/core/grid/address';
import { CATALOGUE, ISSUE_CODES } from '../../src/core/report/catalogue';

const catalog = builtinCatalog();
const round = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;
const UNITS: [string, string][] = [
  ['VPUB', 'Văn phòng UBND tỉnh'],
  ['STP', 'Sở Tư pháp'],
  ['STC', 'Sở Tài chính'],
  ['STTTT', 'Sở Thông tin và Truyền thông'],
  ['SKHCN', 'Sở Khoa học và Công nghệ'],
  ['SKHDT', 'Sở Kế hoạch và Đầu tư'],
];

function dataCount(rows: RowSpec[]): number {
  return rows.filter((r) => !('section' in r) && !('blank' in r) && !('total' in r)).length;
}

function unitWorkbook(name: string, seed: number, extras = false): { grid: WorkbookGrid; expectedRows: number } {
  const rand = rng(seed);
  const n = () => 3 + Math.floor(rand() * 8);
  const sheets: SheetSpec[] = [
    { form: 'pl01', letterhead: ['UBND TỈNH HÀ TĨNH', name.toUpperCase()], twoRowHeader: true, rows: pl01Rows({ seed, rows: n() }) },
    {
      form: 'pl02',
      letterhead: ['UBND TỈNH HÀ TĨNH', name.toUpperCase()],
      rows: pl02Rows({ seed: seed + 1, rows: n(), sections: true }).map((r, i) =>
        'tinh_trang' in r && i % 4 === 1 ? { ...r, thoi_gian: 44880 } : r,
      ),
      formats: { thoi_gian: 'dd/mm/yyyy' },
      extraColumns: extras ? [{ header: 'Kinh phí (triệu đồng)', values: [120, null, 45.5, '=> Đề nghị bổ sung'] }] : undefined,
    },
    { form: 'pl03', letterhead: ['UBND TỈNH HÀ TĨNH', name.toUpperCase()], rows: pl03Rows({ seed: seed + 2, rows: n() }) },
    { form: 'pl04', letterhead: ['UBND TỈNH HÀ TĨNH', name.toUpperCase()], rows: pl03Rows({ seed: seed + 3, rows: n(), sections: true }) },
  ];
  const grid = buildWorkbook({ sheets });
  return { grid, expectedRows: sheets.reduce((s, x) => s + dataCount(x.rows), 0) };
}

function submission(grid: WorkbookGrid, fileName: string, at: string | null): Submission {
  const check = validateWorkbook(grid, { catalog, fileName });
  check.file = fileName;
  return { check, fileName, receivedAt: at };
}

const sheet = (m: { sheets: OutSheet[] }, name: string) => m.sheets.find((s) => s.name === name)!;
const col = (s: OutSheet, h: string) => s.columns.findIndex((c) => c.header === h);

function sameCell(source: CellValue, out: OutCell): boolean {
  if (source === out) return true;
  if (typeof source === 'number' && out && isOutDate(out)) return true; // serial rendered as a real date
  return typeof source === 'string' && typeof out === 'string' && source.trim() === out.trim();
}

describe('nothing lost', () => {
  const inputs = UNITS.map(([, name], i) => ({ name, ...unitWorkbook(name, 100 + i, i % 2 === 0) }));
  const subs = inputs.map((x, i) => submission(x.grid, `${x.name}.xlsx`, `2022-11-1${i}T03:00:00.000Z`));
  const model = consolidate(subs, { catalog, round, generatedAt: '2022-11-20T00:00:00.000Z' });

  test('every data row was located', () => {
    for (const [i, s] of subs.entries()) expect(s.check.tables.reduce((n, t) => n + t.rows.length, 0)).toBe(inputs[i].expectedRows);
  });

  test('every non-empty cell of every data row is in the output row naming its file and source row', () => {
    let cells = 0;
    for (const s of subs) {
      for (const table of s.check.tables) {
        const out = sheet(model, table.template.sheetName);
        const fileAt = col(out, 'Tệp nguồn');
        const cellAt = col(out, 'Ô nguồn');
        const grid = s.check.tables.length && inputs.find((x) => `${x.name}.xlsx` === s.fileName)!.grid;
        const values = (grid as WorkbookGrid).sheets.find((g) => g.name === table.sheet)!.values;
        for (const row of table.rows) {
          const firstCol = Math.min(...Object.values(table.columns));
          const outRow = out.rows.find((r) => r[fileAt] === s.fileName && r[cellAt] === `${table.sheet}!${a1(row.row, firstCol)}`);
          expect(outRow).toBeDefined();
          for (const v of values[row.row]) {
            if (v === null || v === '') continue;
            cells++;
            expect(outRow!.some((o) => sameCell(v, o))).toBe(true);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(500);
  });

  test('unknown headers become their own columns, and a text like "=> Đề nghị" stays text', () => {
    const pl02 = sheet(model, 'PL02');
    const k = col(pl02, 'Kinh phí (triệu đồng)');
    expect(k).toBeGreaterThan(col(pl02, 'Ghi chú'));
    expect(pl02.rows.map((r) => r[k])).toEqual(expect.arrayContaining([120, 45.5, '=> Đề nghị bổ sung']));
  });

  test('the canonical status label sits beside the status as written', () => {
    const pl02 = sheet(model, 'PL02');
    const written = col(pl02, 'Tình trạng');
    const label = col(pl02, 'Tình trạng (chuẩn hóa)');
    expect(label).toBe(written + 1);
    const pairs = new Set(pl02.rows.map((r) => `${r[written]}→${r[label]}`));
    expect(pairs).toContain('Đã hoàn thành→Hoàn thành');
  });
});

describe('roster, lateness, re-submission', () => {
  const a = unitWorkbook('Sở Tư pháp', 1);
  const b = unitWorkbook('Sở Tài chính', 2);
  const b2 = unitWorkbook('Sở Tài chính', 3);
  const outsider = unitWorkbook('Sở Y tế', 4);
  const anon = unitWorkbook('', 5);
  const base = [
    submission(a.grid, 'So Tu phap.xlsx', '2022-11-14T09:00:00.000Z'),
    submission(b.grid, 'So Tai chinh.xlsx', '2022-11-15T16:30:00.000Z'), // 23:30 in Hà Tĩnh: on time
    submission(outsider.grid, 'So Y te.xlsx', '2022-11-18T02:00:00.000Z'),
    submission(anon.grid, 'bao cao.xlsx', '2022-11-15T01:00:00.000Z'),
    {
      check: unreadableCheck('Cuc Thue.xlsx', { reason: 'corrupt' }, catalog),
      fileName: 'Cuc Thue.xlsx',
      receivedAt: '2022-11-16T01:00:00.000Z',
    },
  ];
  const model = consolidate(base, { catalog, round, generatedAt: 'x' });
  const summary = sheet(model, 'Tổng hợp');
  const row = (code: string) => summary.rows.find((r) => r[0] === code)!;

  test('expected units in registry order, then unexpected senders, then unidentified files', () => {
    expect(summary.rows.map((r) => r[0])).toEqual(['VPUB', 'STP', 'SKHDT', 'STC', 'STTTT', 'SKHCN', 'CTHUE', 'SYT', '']);
    expect(row('SYT')[col(summary, 'Ghi chú')]).toMatch(/không có trong danh sách/);
    expect(summary.rows[8][1]).toBe('Chưa xác định (bao cao.xlsx)');
  });

  test('missing units are on Chưa nộp and marked on Tổng hợp; a broken file is not missing', () => {
    expect(sheet(model, 'Chưa nộp').rows.map((r) => r[0])).toEqual(['VPUB', 'SKHDT', 'STTTT', 'SKHCN']);
    expect(row('VPUB')[col(summary, 'Tình trạng nộp')]).toBe('Chưa nộp');
    expect(row('CTHUE')[col(summary, 'Tình trạng nộp')]).toBe('Tệp không đọc được');
    expect(
      sheet(model, 'Lỗi')
        .rows.filter((r) => r[0] === 'CTHUE')
        .map((r) => r[9]),
    ).toEqual(['file-unreadable']);
  });

  test('late by calendar days in Vietnam time; --deadline overrides', () => {
    expect(row('STC')[col(summary, 'Đúng hạn / Trễ hạn')]).toBe('Đúng hạn');
    expect(row('SYT')[col(summary, 'Đúng hạn / Trễ hạn')]).toBe('Trễ 3 ngày');
    expect(row('SYT')[col(summary, 'Số ngày trễ')]).toBe(3);
    expect(row('CTHUE')[col(summary, 'Số ngày trễ')]).toBe(1);
    expect(daysLate('2022-11-15T17:00:00.000Z', '2022-11-15')).toBe(1); // 00:00 on the 16th in Hà Tĩnh
    const moved = consolidate(base, { catalog, round, deadline: '2022-11-20', generatedAt: 'x' });
    expect(sheet(moved, 'Tổng hợp').rows.find((r) => r[0] === 'SYT')![col(summary, 'Số ngày trễ')]).toBe(0);
  });

  test('receipt time: the stamp if there is one, else the file time', () => {
    expect(receivedAt(base[0].check, Date.parse('2022-11-14T01:02:03Z'))).toBe('2022-11-14T01:02:03.000Z');
  });

  test('two files from one unit in one batch: counted once, the later wins, both named', () => {
    const twice = consolidate([...base, submission(b2.grid, 'So Tai chinh (gui lai).xlsx', '2022-11-15T10:00:00.000Z')], {
      catalog,
      round,
      generatedAt: 'x',
    });
    const s = sheet(twice, 'Tổng hợp');
    const stc = s.rows.filter((r) => r[0] === 'STC');
    expect(stc).toHaveLength(1);
    expect(stc[0][col(s, 'Tệp')]).toBe('So Tai chinh (gui lai).xlsx; So Tai chinh.xlsx');
    // The later file holds every form: the earlier one supplies nothing and is named as replaced.
    expect(stc[0][col(s, 'Ghi chú')]).toBe('So Tai chinh (gui lai).xlsx thay bằng So Tai chinh.xlsx');
    const files = new Set(
      sheet(twice, 'PL02')
        .rows.filter((r) => r[1] === 'STC')
        .map((r) => r[col(sheet(twice, 'PL02'), 'Tệp nguồn')]),
    );
    expect([...files]).toEqual(['So Tai chinh.xlsx']);
  });

  test('a re-submission changes only that unit’s rows', () => {
    const first = consolidate(base, { catalog, round, generatedAt: 'x' });
    const again = consolidate(
      base.map((s) => (s.fileName === 'So Tai chinh.xlsx' ? submission(b2.grid, 'So Tai chinh.xlsx', '2022-11-16T10:00:00.000Z') : s)),
      { catalog, round, generatedAt: 'x' },
    );
    for (const name of ['PL01', 'PL02', 'PL03', 'PL04']) {
      const keep = (m: typeof first) => sheet(m, name).rows.filter((r) => r[1] !== 'STC');
      expect(keep(again)).toEqual(keep(first));
      expect(sheet(again, name).rows.filter((r) => r[1] === 'STC')).not.toEqual(sheet(first, name).rows.filter((r) => r[1] === 'STC'));
    }
  });

  test('deterministic: the same inputs give the same model apart from generatedAt', () => {
    const x = consolidate(base, { catalog, round, generatedAt: '1' });
    const y = consolidate([...base].reverse(), { catalog, round, generatedAt: '2' });
    expect(y.sheets).toEqual(x.sheets);
    expect({ ...y.meta, generatedAt: '' }).toEqual({ ...x.meta, generatedAt: '' });
  });

  /** The model as the written workbook reads back: dates as serials, empty strings as empty cells. */
  const asGrids = (m: ReturnType<typeof consolidate>) =>
    m.sheets.map((s) => ({
      name: s.name,
      visibility: 'visible' as const,
      merges: [],
      values: [
        s.columns.map((c) => c.header),
        ...s.rows.map((r) => r.map((v) => (v === null || v === '' ? null : typeof v !== 'object' ? v : 'date' in v ? 44880 : 44880.5))),
      ],
    }));

  test('merging onto a previous consolidation keeps units absent from the new batch', () => {
    const previous = consolidate(base, { catalog, round, generatedAt: 'x' });
    const grids = asGrids(previous);
    const only = consolidate([submission(b2.grid, 'So Tai chinh.xlsx', '2022-11-17T01:00:00.000Z')], { catalog, round, generatedAt: 'y' });
    const merged = applyPrevious(only, { meta: previous.meta, sheets: grids });
    const s = sheet(merged, 'Tổng hợp');
    expect(s.rows.find((r) => r[0] === 'STP')![col(s, 'Tình trạng nộp')]).toBe('Đã nộp');
    expect(sheet(merged, 'Chưa nộp').rows.map((r) => r[0])).not.toContain('STP');
    expect(sheet(merged, 'PL02').rows.some((r) => r[1] === 'STP')).toBe(true);
    const pl02 = sheet(merged, 'PL02');
    expect(new Set(pl02.rows.filter((r) => r[1] === 'STC').map((r) => r[col(pl02, 'Tệp nguồn')]))).toEqual(new Set(['So Tai chinh.xlsx']));
    expect(pl02.rows.filter((r) => r[1] === 'STC').length).toBe(only.sheets.find((x) => x.name === 'PL02')!.rows.length);
    expect(merged.meta.units.STP.file).toBe('So Tu phap.xlsx');
  });

  test('an older batch merged onto a newer workbook keeps the newer file once, with no rows twice', () => {
    const newer = consolidate([submission(b2.grid, 'So Tai chinh gui lai.xlsx', '2022-11-17T01:00:00.000Z')], {
      catalog,
      round,
      generatedAt: 'x',
    });
    const older = consolidate([submission(b.grid, 'So Tai chinh.xlsx', '2022-11-15T01:00:00.000Z')], { catalog, round, generatedAt: 'y' });
    const merged = applyPrevious(older, { meta: newer.meta, sheets: asGrids(newer) });
    for (const name of ['PL01', 'PL02', 'PL03', 'PL04', 'Lỗi']) {
      const s = sheet(merged, name);
      const fileAt = col(s, name === 'Lỗi' ? 'Tệp' : 'Tệp nguồn');
      const stc = s.rows.filter((r) => r[name === 'Lỗi' ? 0 : 1] === 'STC');
      expect(stc).toHaveLength(sheet(newer, name).rows.length);
      expect(new Set(stc.map((r) => r[fileAt]))).toEqual(stc.length ? new Set(['So Tai chinh gui lai.xlsx']) : new Set());
    }
    expect(sheet(merged, 'Tổng hợp').rows.filter((r) => r[0] === 'STC')).toHaveLength(1);
    expect(merged.meta.units.STC.file).toBe('So Tai chinh gui lai.xlsx');
  });

  test('files of no known unit are kept by a later merge, and replaced when the batch has them again', () => {
    const previous = consolidate(base, { catalog, round, generatedAt: 'x' });
    const anonRows = sheet(previous, 'PL02').rows.filter((r) => r[col(sheet(previous, 'PL02'), 'Tệp nguồn')] === 'bao cao.xlsx').length;
    expect(anonRows).toBeGreaterThan(0);
    const later = consolidate([submission(b2.grid, 'So Tai chinh.xlsx', '2022-11-17T01:00:00.000Z')], { catalog, round, generatedAt: 'y' });
    const merged = applyPrevious(later, { meta: previous.meta, sheets: asGrids(previous) });
    const pl02 = sheet(merged, 'PL02');
    expect(pl02.rows.filter((r) => r[col(pl02, 'Tệp nguồn')] === 'bao cao.xlsx')).toHaveLength(anonRows);
    expect(sheet(merged, 'Tổng hợp').rows.filter((r) => r[col(sheet(merged, 'Tổng hợp'), 'Tệp')] === 'bao cao.xlsx')).toHaveLength(1);
    expect(sheet(merged, 'Lỗi').rows.some((r) => r[col(sheet(merged, 'Lỗi'), 'Tệp')] === 'bao cao.xlsx')).toBe(true);
    // The same file in the next batch replaces its rows rather than adding them again.
    const again = consolidate([submission(anon.grid, 'bao cao.xlsx', '2022-11-17T01:00:00.000Z')], { catalog, round, generatedAt: 'z' });
    const twice = applyPrevious(again, { meta: merged.meta, sheets: asGrids(merged) });
    const pl02b = sheet(twice, 'PL02');
    expect(pl02b.rows.filter((r) => r[col(pl02b, 'Tệp nguồn')] === 'bao cao.xlsx')).toHaveLength(anonRows);
    expect(sheet(twice, 'Tổng hợp').rows.filter((r) => r[col(sheet(twice, 'Tổng hợp'), 'Tệp')] === 'bao cao.xlsx')).toHaveLength(1);
  });

  describe('merge after merge onto one workbook', () => {
    const other = unitWorkbook('', 6);
    type Model = ReturnType<typeof consolidate>;
    const onto = (prev: Model, subs: Submission[]) =>
      applyPrevious(consolidate(subs, { catalog, round, generatedAt: 'z' }), { meta: prev.meta, sheets: asGrids(prev) });
    const files = (m: Model) => sheet(m, 'PL02').rows.map((r) => String(r[col(sheet(m, 'PL02'), 'Tệp nguồn')]));
    const at = (t: string) => `2022-11-${t}T01:00:00.000Z`;

    test('the same name for two senders, then one of them again: nothing doubled, names kept apart', () => {
      const one = consolidate([submission(anon.grid, 'Phu luc.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      const two = onto(one, [submission(other.grid, 'Phu luc.xlsx', at('15'))]);
      expect(new Set(files(two))).toEqual(new Set(['Phu luc.xlsx', 'Phu luc (2).xlsx']));
      const three = onto(two, [submission(anon.grid, 'Phu luc.xlsx', at('16'))]);
      const four = onto(three, [submission(anon.grid, 'Phu luc.xlsx', at('17'))]);
      expect(files(four)).toHaveLength(files(two).length);
      expect(files(four).filter((f) => f === 'Phu luc (2).xlsx')).toHaveLength(files(two).filter((f) => f === 'Phu luc (2).xlsx').length);
      expect(sheet(four, 'Tổng hợp').rows.filter((r) => r[0] === '' || r[0] === null)).toHaveLength(2);
    });

    test('a broken file of no known unit, then the good one twice: its rows once, the broken one gone', () => {
      const brokenX = { check: unreadableCheck('x.xlsx', { reason: 'corrupt' }, catalog), fileName: 'x.xlsx', receivedAt: at('14') };
      const first = consolidate([brokenX], { catalog, round, generatedAt: 'x' });
      const good = onto(first, [submission(anon.grid, 'x.xlsx', at('15'))]);
      const again = onto(good, [submission(anon.grid, 'x.xlsx', at('16'))]);
      expect(files(again)).toHaveLength(
        files(consolidate([submission(anon.grid, 'x.xlsx', at('15'))], { catalog, round, generatedAt: 'x' })).length,
      );
      expect(sheet(again, 'Lỗi').rows.some((r) => r[col(sheet(again, 'Lỗi'), 'Mã lỗi (dùng cho máy)')] === 'file-unreadable')).toBe(false);
    });

    test('a broken re-send merged twice is listed once, with one note', () => {
      const good = consolidate([submission(b.grid, 'So Tai chinh.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      const broken = () => ({
        check: unreadableCheck('So Tai chinh 2.xlsx', { reason: 'corrupt' }, catalog),
        fileName: 'So Tai chinh 2.xlsx',
        receivedAt: at('15'),
      });
      const twice = onto(onto(good, [broken()]), [broken()]);
      const issues = sheet(twice, 'Lỗi');
      expect(issues.rows.filter((r) => r[col(issues, 'Mã lỗi (dùng cho máy)')] === 'file-unreadable')).toHaveLength(1);
      const note = String(sheet(twice, 'Tổng hợp').rows.find((r) => r[0] === 'STC')![col(sheet(twice, 'Tổng hợp'), 'Ghi chú')]);
      expect(note.match(/không đọc được/g)).toHaveLength(1);
    });

    test('a broken re-send under the same name as the good file keeps the good rows', () => {
      const good = consolidate([submission(a.grid, 'So Tu phap.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      const broken = () => ({
        check: unreadableCheck('So Tu phap.xlsx', { reason: 'corrupt' }, catalog),
        fileName: 'So Tu phap.xlsx',
        receivedAt: at('15'),
      });
      const once = onto(good, [broken()]);
      const twice = onto(once, [broken()]);
      for (const m of [once, twice]) {
        for (const name of ['PL01', 'PL02', 'PL03', 'PL04'])
          expect(sheet(m, name).rows.filter((r) => r[1] === 'STP')).toHaveLength(sheet(good, name).rows.length);
        const issues = sheet(m, 'Lỗi');
        expect(issues.rows.filter((r) => r[col(issues, 'Mã lỗi (dùng cho máy)')] === 'file-unreadable')).toHaveLength(1);
        const summary = sheet(m, 'Tổng hợp');
        expect(summary.rows.find((r) => r[0] === 'STP')![col(summary, 'Tình trạng nộp')]).toBe('Đã nộp');
      }
    });

    test('merging the same file again keeps the name it was given, so the workbook does not change', () => {
      const one = consolidate([submission(anon.grid, 'Phu luc.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      const two = onto(one, [submission(other.grid, 'Phu luc.xlsx', at('15'))]);
      const three = onto(two, [submission(other.grid, 'Phu luc.xlsx', at('15'))]);
      const four = onto(three, [submission(other.grid, 'Phu luc.xlsx', at('15'))]);
      expect(four.sheets).toEqual(three.sheets);
      expect(three.sheets).toEqual(two.sheets);
      expect(new Set(files(four))).toEqual(new Set(['Phu luc.xlsx', 'Phu luc (2).xlsx']));
    });

    test('a broken file of no unit, shown under another name, is still replaced by its good re-send', () => {
      const first = consolidate([submission(anon.grid, 'x.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      const brokenX = { check: unreadableCheck('x.xlsx', { reason: 'corrupt' }, catalog), fileName: 'x.xlsx', receivedAt: at('15') };
      const withBroken = onto(first, [brokenX]);
      expect(Object.values(withBroken.meta.unidentified ?? {})).toEqual(expect.arrayContaining(['x.xlsx', 'x (2).xlsx']));
      const fixed = onto(withBroken, [submission(other.grid, 'x.xlsx', at('16'))]);
      const issues = sheet(fixed, 'Lỗi');
      expect(issues.rows.some((r) => r[col(issues, 'Mã lỗi (dùng cho máy)')] === 'file-unreadable')).toBe(false);
    });

    test('a workbook of an earlier version (no content keys) keeps its files of no known unit merge after merge', () => {
      const old = consolidate([submission(anon.grid, 'bao cao.xlsx', at('14'))], { catalog, round, generatedAt: 'x' });
      delete old.meta.unidentified;
      const next = onto(onto(old, [submission(b.grid, 'So Tai chinh.xlsx', at('15'))]), [submission(a.grid, 'So Tu phap.xlsx', at('16'))]);
      expect(files(next).filter((f) => f === 'bao cao.xlsx').length).toBeGreaterThan(0);
    });

    test('two copies of one file in a batch both stay after the next merge', () => {
      const both = consolidate([submission(anon.grid, 'a/Phu luc.xlsx', at('14')), submission(anon.grid, 'b/Phu luc.xlsx', at('14'))], {
        catalog,
        round,
        generatedAt: 'x',
      });
      const next = onto(both, [submission(b.grid, 'So Tai chinh.xlsx', at('15'))]);
      expect(new Set(files(next).filter((f) => f.endsWith('Phu luc.xlsx')))).toEqual(new Set(['a/Phu luc.xlsx', 'b/Phu luc.xlsx']));
    });
  });

  test('a broken re-send merged onto the workbook keeps the unit’s earlier rows, and is listed', () => {
    const good = consolidate([submission(b.grid, 'So Tai chinh.xlsx', '2022-11-14T01:00:00.000Z')], { catalog, round, generatedAt: 'x' });
    const broken = {
      check: unreadableCheck('So Tai chinh (gui lai).xlsx', { reason: 'corrupt' }, catalog),
      fileName: 'So Tai chinh (gui lai).xlsx',
      receivedAt: '2022-11-15T01:00:00.000Z',
    };
    const later = consolidate([broken], { catalog, round, generatedAt: 'y' });
    const merged = applyPrevious(later, { meta: good.meta, sheets: asGrids(good) });
    for (const name of ['PL01', 'PL02', 'PL03', 'PL04']) {
      expect(sheet(merged, name).rows.filter((r) => r[1] === 'STC')).toHaveLength(sheet(good, name).rows.length);
    }
    const summary = sheet(merged, 'Tổng hợp');
    const stc = summary.rows.find((r) => r[0] === 'STC')!;
    expect(stc[col(summary, 'Tình trạng nộp')]).toBe('Đã nộp');
    expect(String(stc[col(summary, 'Ghi chú')])).toContain('Tệp gửi lại So Tai chinh (gui lai).xlsx không đọc được');
    const issues = sheet(merged, 'Lỗi');
    expect(
      issues.rows.some(
        (r) =>
          r[0] === 'STC' &&
          r[col(issues, 'Tệp')] === 'So Tai chinh (gui lai).xlsx' &&
          r[col(issues, 'Mã lỗi (dùng cho máy)')] === 'file-unreadable',
      ),
    ).toBe(true);
    expect(merged.meta.units.STC.file).toBe('So Tai chinh.xlsx');
    // The table names the workbook's file as used and the broken re-send apart.
    expect(unitSummaries(merged).find((u) => u.code === 'STC')).toMatchObject({
      usedFile: 'So Tai chinh.xlsx',
      supersededFiles: [],
      unreadableFiles: ['So Tai chinh (gui lai).xlsx'],
    });
  });

  test('files of no known unit are known by what they hold, not by the name they come under', () => {
    const other = unitWorkbook('', 6);
    const fileRows = (m: ReturnType<typeof consolidate>) => sheet(m, 'PL02').rows.map((r) => r[col(sheet(m, 'PL02'), 'Tệp nguồn')]);
    // Two different senders, both "Phu luc.xlsx", on two days: both kept.
    const day1 = consolidate([submission(anon.grid, 'Phu luc.xlsx', '2022-11-14T01:00:00.000Z')], { catalog, round, generatedAt: 'x' });
    const day2 = consolidate([submission(other.grid, 'Phu luc.xlsx', '2022-11-15T01:00:00.000Z')], { catalog, round, generatedAt: 'y' });
    const both = applyPrevious(day2, { meta: day1.meta, sheets: asGrids(day1) });
    expect(fileRows(both)).toHaveLength(fileRows(day1).length + fileRows(day2).length);
    expect(Object.keys(both.meta.unidentified ?? {})).toHaveLength(2);
    // Merged together first (named by their folders), then one of them again under its bare name: not twice.
    const together = consolidate(
      [
        submission(anon.grid, 'ngay1/Phu luc.xlsx', '2022-11-14T01:00:00.000Z'),
        submission(other.grid, 'ngay2/Phu luc.xlsx', '2022-11-15T01:00:00.000Z'),
      ],
      { catalog, round, generatedAt: 'x' },
    );
    const again = consolidate([submission(other.grid, 'Phu luc.xlsx', '2022-11-16T01:00:00.000Z')], { catalog, round, generatedAt: 'y' });
    const updated = applyPrevious(again, { meta: together.meta, sheets: asGrids(together) });
    expect(fileRows(updated).filter((f) => f === 'ngay2/Phu luc.xlsx')).toEqual([]);
    expect(fileRows(updated)).toHaveLength(fileRows(together).length);
  });
});

test('mo-hinh round expects every department and district', () => {
  const r = catalog.rounds.find((x) => x.id === 'mo-hinh-2023')!;
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'mo-hinh',
        letterhead: ['UBND TỈNH HÀ TĨNH', 'UBND HUYỆN CAN LỘC'],
        rows: moHinhRows({ seed: 1, rows: 2 }, 'UBND huyện Can Lộc'),
      },
    ],
  });
  const m = consolidate([submission(grid, 'Can Loc.xlsx', null)], { catalog, round: r, generatedAt: 'x' });
  expect(sheet(m, 'Tổng hợp').rows).toHaveLength(19 + 13);
  expect(sheet(m, 'Chưa nộp').rows).toHaveLength(19 + 13 - 1);
  expect(sheet(m, 'Mô hình').rows).toHaveLength(2);
});

test('an unidentified file assigned to a unit by a person is merged as that unit’s', () => {
  const catalogR = catalog.rounds.find((x) => x.id === 'kh-cchc-2023')!;
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH'], rows: pl02Rows({ seed: 4, rows: 3 }) }] });
  const sub = submission(grid, 'bao cao (1).xlsx', '2022-11-14T01:00:00.000Z');
  expect(sub.check.unit.unit).toBeNull();
  const before = consolidate([sub], { catalog, round: catalogR, generatedAt: 'x' });
  expect(sheet(before, 'PL02').rows.every((r) => r[0] === 'Chưa xác định')).toBe(true);
  const after = consolidate([sub], { catalog, round: catalogR, generatedAt: 'x', assign: { 'bao cao (1).xlsx': 'SKHDT' } });
  expect(sheet(after, 'PL02').rows.every((r) => r[1] === 'SKHDT')).toBe(true);
  expect(sheet(after, 'Chưa nộp').rows.map((r) => r[0])).not.toContain('SKHDT');
  expect(sheet(after, 'Lỗi').rows.some((r) => r[9] === 'unit-unknown')).toBe(false);
  expect(sub.check.unit.unit).toBeNull(); // the original check is left as it was
});

test('text typed decomposed (NFD, from a Mac or a web form) is written composed, so Excel finds it', () => {
  const kh = catalog.rounds.find((x) => x.id === 'kh-cchc-2023')!;
  const rows = pl02Rows({ seed: 8, rows: 4 }).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD') : v])),
  );
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows }] });
  const m = consolidate([submission(grid, 'So Tu phap.xlsx', '2022-11-14T01:00:00.000Z')], { catalog, round: kh, generatedAt: 'x' });
  const pl02 = sheet(m, 'PL02');
  const task = col(pl02, 'Nhiệm vụ');
  const written = pl02.rows.map((r) => r[task]);
  expect(written).toEqual(rows.filter((r) => 'nhiem_vu' in r).map((r) => String(r.nhiem_vu).normalize('NFC')));
  expect(written.some((t) => String(t) !== String(t).normalize('NFD'))).toBe(true);
});

describe('layouts from real submissions, consolidated', () => {
  const name = 'Sở Tư pháp';
  const head = ['UBND TỈNH HÀ TĨNH', name.toUpperCase()];
  const reason = 'Phần mềm dùng chung của tỉnh chưa kết nối được với Cổng dịch vụ công quốc gia';
  const pl02: RowSpec[] = [
    { section: 'I', title: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH' },
    {
      stt: 1,
      nhiem_vu: 'Triển khai dịch vụ công trực tuyến:',
      san_pham: 'Báo cáo',
      thoi_gian: 'Quý II/2022',
      ket_qua: 'Đã cung cấp 120 dịch vụ',
      tinh_trang: 'Đang thực hiện',
      ly_do: reason,
    },
    { cont: { nhiem_vu: '- Rà soát danh mục thủ tục;', ket_qua: 'công trực tuyến toàn trình' } },
    { cont: { nhiem_vu: '- Tích hợp lên Cổng quốc gia.' } },
    {
      stt: 2,
      nhiem_vu: 'Số hóa hồ sơ',
      san_pham: 'Hồ sơ số',
      thoi_gian: 'Năm 2022',
      ket_qua: 'Đã số hóa 1.250 hồ sơ',
      tinh_trang: 'Hoàn thành',
    },
  ];
  const pl03: RowSpec[] = [
    { section: 'I', title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022' },
    ...pl03Rows({ seed: 8, rows: 2 }),
    { section: 'II', title: 'ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023' },
    ...pl03Rows({ seed: 9, rows: 3 }),
  ];
  const grid = buildWorkbook({
    sheets: [
      {
        form: 'pl01',
        letterhead: head,
        rows: pl01Rows({ seed: 3, rows: 3 }),
        ticks: { column: 'danh_gia', options: ['Đạt', 'Không đạt', 'Vượt'] },
      },
      {
        form: 'pl02',
        letterhead: head,
        rows: pl02,
        wordPaste: 'merge-others',
        ticks: { column: 'tinh_trang', options: ['Hoàn thành', 'Chưa hoàn thành', 'Đang thực hiện'] },
      },
      { form: 'pl03', letterhead: head, rows: pl03 },
      { form: 'pl04', letterhead: head, rows: pl03Rows({ seed: 10, rows: 2, sections: true }) },
    ],
  });
  const sub = submission(grid, 'So Tu phap.xlsx', '2022-11-14T03:00:00.000Z');
  const model = consolidate([sub], { catalog, round, generatedAt: '2022-11-20T00:00:00.000Z' });

  test('the submission is clean: the layouts raise nothing', () => {
    expect(sub.check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('an item pasted over three rows is one row, its texts joined, named by all its rows', () => {
    const out = sheet(model, 'PL02');
    expect(out.rows).toHaveLength(2);
    const first = out.rows[0];
    expect(first[col(out, 'Nhiệm vụ')]).toBe(
      'Triển khai dịch vụ công trực tuyến:\n- Rà soát danh mục thủ tục;\n- Tích hợp lên Cổng quốc gia.',
    );
    const item = sub.check.tables.find((t) => t.template.id === 'pl02')!.rows[0];
    expect(first[col(out, 'Ô nguồn')]).toBe(`PL02!A${item.row + 1}:A${item.row + 3}`);
    expect(first[col(out, 'Tình trạng')]).toBe('Đang thực hiện');
    expect(first[col(out, 'Tình trạng (chuẩn hóa)')]).toBe('Đang thực hiện');
  });

  test('ticked evaluations show the ticked option', () => {
    const out = sheet(model, 'PL01');
    const labels = out.rows.map((r) => r[col(out, 'Đánh giá (chuẩn hóa)')]);
    expect(labels.every((l) => l === 'Đạt' || l === 'Không đạt' || l === 'Vượt')).toBe(true);
  });

  test('PL03 rows carry their part', () => {
    const out = sheet(model, 'PL03');
    expect(out.rows.map((r) => r[col(out, 'Phần')])).toEqual(['I', 'I', 'II', 'II', 'II']);
    expect(sheet(model, 'PL04').columns.some((c) => c.header === 'Phần')).toBe(false);
  });

  test('nothing lost: every non-empty cell of every row of an item is in its output row', () => {
    let cells = 0;
    for (const table of sub.check.tables) {
      const out = sheet(model, table.template.sheetName);
      const values = grid.sheets.find((g) => g.name === table.sheet)!.values;
      for (const [i, item] of table.rows.entries()) {
        const outRow = out.rows[i];
        const texts = outRow.flatMap((o): OutCell[] => (typeof o === 'string' ? o.split('\n') : [o]));
        for (let r = item.row; r <= item.rowEnd; r++) {
          for (const v of values[r] ?? []) {
            if (v === null || v === '' || v === 'x') continue; // a tick is shown as its option
            cells++;
            expect(texts.some((o) => sameCell(v, o as OutCell))).toBe(true);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(40);
  });
});

describe('units that send in pieces (issue 15): rows per unit and form from the latest file holding the form', () => {
  const head = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
  const pl = (form: string, seed: number): SheetSpec => ({
    form,
    letterhead: head,
    rows: form === 'pl01' ? pl01Rows({ seed, rows: 3 }) : form === 'pl02' ? pl02Rows({ seed, rows: 4 }) : pl03Rows({ seed, rows: 3 }),
  });
  const first = submission(
    buildWorkbook({ sheets: [pl('pl01', 1), pl('pl02', 2), pl('pl03', 3)] }),
    'STP - PL01-03.xlsx',
    '2022-11-14T03:00:00.000Z',
  );
  const pl04 = submission(buildWorkbook({ sheets: [pl('pl04', 4)] }), 'STP - bo sung PL04.xlsx', '2022-11-15T03:00:00.000Z');
  const pl02again = submission(buildWorkbook({ sheets: [pl('pl02', 9)] }), 'STP - PL02 sua.xlsx', '2022-11-16T03:00:00.000Z');
  const rowsOf = (m: ReturnType<typeof consolidate>, name: string) => {
    const s = sheet(m, name);
    return s.rows.filter((r) => r[1] === 'STP').map((r) => r[col(s, 'Tệp nguồn')]);
  };

  test('PL04 sent alone after PL01–PL03: all four are in the output, and Tổng hợp names both files', () => {
    const model = consolidate([first, pl04], { catalog, round, generatedAt: 'x' });
    expect(new Set(rowsOf(model, 'PL01'))).toEqual(new Set(['STP - PL01-03.xlsx']));
    expect(new Set(rowsOf(model, 'PL03'))).toEqual(new Set(['STP - PL01-03.xlsx']));
    expect(new Set(rowsOf(model, 'PL04'))).toEqual(new Set(['STP - bo sung PL04.xlsx']));
    const s = sheet(model, 'Tổng hợp');
    const stp = s.rows.find((r) => r[0] === 'STP')!;
    expect(stp[col(s, 'Phụ lục có')]).toBe('PL01, PL02, PL03, PL04');
    expect(stp[col(s, 'Ghi chú')]).toBe('Phụ lục theo tệp: PL01, PL02, PL03: STP - PL01-03.xlsx; PL04: STP - bo sung PL04.xlsx');
    // Neither file's "form missing" stands: between them the unit sent every form.
    expect(
      sheet(model, 'Lỗi').rows.filter((r) => r[0] === 'STP' && r[col(sheet(model, 'Lỗi'), 'Mã lỗi (dùng cho máy)')] === 'sheet-missing'),
    ).toEqual([]);
    expect(stp[col(s, 'Số dòng PL04')]).toBe(3);
  });

  test('a later file holding PL02 only replaces PL02 only', () => {
    const model = consolidate([first, pl04, pl02again], { catalog, round, generatedAt: 'x' });
    expect(new Set(rowsOf(model, 'PL02'))).toEqual(new Set(['STP - PL02 sua.xlsx']));
    expect(new Set(rowsOf(model, 'PL01'))).toEqual(new Set(['STP - PL01-03.xlsx']));
    expect(new Set(rowsOf(model, 'PL04'))).toEqual(new Set(['STP - bo sung PL04.xlsx']));
  });

  test('a form none of the unit’s files holds is still missing', () => {
    const model = consolidate([first], { catalog, round, generatedAt: 'x' });
    const issues = sheet(model, 'Lỗi');
    expect(
      issues.rows
        .filter((r) => r[0] === 'STP' && r[col(issues, 'Mã lỗi (dùng cho máy)')] === 'sheet-missing')
        .map((r) => r[col(issues, 'Trang tính')]),
    ).toEqual(['PL04']);
  });

  test('merging the same files again gives the same model', () => {
    const a = consolidate([first, pl04, pl02again], { catalog, round, generatedAt: 'x' });
    const b = consolidate([pl02again, first, pl04], { catalog, round, generatedAt: 'x' });
    expect(b).toEqual(a);
  });
});

describe('after the merge (issue 15): feedback to units, figures by reform area', () => {
  const good = unitWorkbook('Sở Tư pháp', 31);
  const planted = unitWorkbook('Sở Tài chính', 32);
  // Two planted errors: a status nobody allowed and a task without its reason.
  const pl02 = planted.grid.sheets.find((s) => s.name === 'PL02')!;
  const statusAt = pl02.values.findIndex((r) => r.includes('Tình trạng'));
  const header = pl02.values[statusAt];
  const [st, reason] = [header.indexOf('Tình trạng'), header.indexOf('Lý do chưa hoàn thành')];
  const dataRows = pl02.values
    .map((_, i) => i)
    .filter((i) => i > statusAt && typeof pl02.values[i][st] === 'string' && pl02.values[i][st] !== '');
  pl02.values[dataRows[0]][st] = 'Gần xong';
  pl02.values[dataRows[1]][st] = 'Chưa hoàn thành';
  pl02.values[dataRows[1]][reason] = null;
  const subs = [
    submission(good.grid, 'STP.xlsx', '2022-11-14T03:00:00.000Z'),
    submission(planted.grid, 'STC.xlsx', '2022-11-14T03:00:00.000Z'),
  ];
  const model = consolidate(subs, { catalog, round, generatedAt: 'x' });

  test('Phản hồi: the unit with planted errors is told each error with its form and cell; units not yet sent get the deadline', () => {
    const fb = sheet(model, 'Phản hồi');
    const stc = fb.rows.find((r) => r[0] === 'STC')!;
    const text = String(stc[col(fb, 'Nội dung phản hồi')]);
    expect(text).toMatch(
      /^Kính gửi: Sở Tài chính\.\nVề báo cáo "Đề xuất mục tiêu, nhiệm vụ xây dựng kế hoạch CCHC năm 2023" \(Sở Nội vụ Hà Tĩnh, tháng 11\/2022\):/,
    );
    const errors = subs[1].check.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const e of errors) expect(text).toContain(`Phụ lục 02, ô ${a1(e.row!, e.col!)}:`);
    const missing = fb.rows.find((r) => r[0] === 'CTHUE')!;
    expect(String(missing[col(fb, 'Nội dung phản hồi')])).toContain('chưa nhận được báo cáo của đơn vị (hạn nộp 15/11/2022)');
    expect(model.feedback?.map((f) => f.code)).toEqual(fb.rows.map((r) => r[0]));
  });

  test('Theo lĩnh vực equals counts made here from the checked rows, and agrees with Tổng hợp', () => {
    const areas = sheet(model, 'Theo lĩnh vực');
    const at = (h: string) => col(areas, h);
    const pl02Template = catalog.templates.find((t) => t.id === 'pl02')!;
    const options = pl02Template.columns.find((c) => c.key === 'tinh_trang')!.options!;
    // Independently: every PL02 row of both units, by its area code and canonical status.
    const want = new Map<string, { items: number; complete: number; incomplete: number }>();
    for (const s of subs) {
      for (const t of s.check.tables.filter((x) => x.template.id === 'pl02')) {
        for (const r of t.rows) {
          const o = options.find((x) => x.key === r.statuses.tinh_trang);
          if (!o) continue;
          const w = want.get(r.area?.code ?? '') ?? { items: 0, complete: 0, incomplete: 0 };
          w.items++;
          if (o.complete) w.complete++;
          if (o.needsReason) w.incomplete++;
          want.set(r.area?.code ?? '', w);
        }
      }
    }
    const province = areas.rows.filter((r) => r[0] === 'Toàn tỉnh' && r[at('Phụ lục')] === 'PL02' && r[at('Lĩnh vực')] !== 'Tổng');
    for (const [code, w] of want) {
      const row = province.find((r) => String(r[at('Lĩnh vực')]).startsWith(code ? `${code} — ` : '(không rõ'))!;
      expect([code, row[at('Số nội dung')], row[at('Hoàn thành')]]).toEqual([code, w.items, w.complete]);
      expect((row[at('Chưa hoàn thành, có lý do cụ thể')] as number) + (row[at('Chưa hoàn thành, chưa có lý do cụ thể')] as number)).toBe(
        w.incomplete,
      );
    }
    // The task without its reason is counted without one.
    const total = areas.rows.find((r) => r[0] === 'Sở Tài chính' && r[at('Phụ lục')] === 'PL02' && r[at('Lĩnh vực')] === 'Tổng')!;
    expect(total[at('Chưa hoàn thành, chưa có lý do cụ thể')]).toBeGreaterThanOrEqual(1);
    // Tổng hợp's completion rate of each unit is the same figure.
    const summary = sheet(model, 'Tổng hợp');
    for (const code of ['STP', 'STC']) {
      const unitTotal = areas.rows.find((r) => r[1] === code && r[at('Phụ lục')] === 'PL02' && r[at('Lĩnh vực')] === 'Tổng')!;
      expect(unitTotal[at('Tỷ lệ hoàn thành')]).toBeCloseTo(
        summary.rows.find((r) => r[0] === code)![col(summary, 'Nhiệm vụ hoàn thành (%)')] as number,
        10,
      );
    }
  });
});

describe('no codes beside readable labels (issue 14)', () => {
  const planted = unitWorkbook('Sở Tài chính', 41);
  const pl02 = planted.grid.sheets.find((s) => s.name === 'PL02')!;
  const at = pl02.values.findIndex((r) => r.includes('Tình trạng'));
  const [st, reason] = [pl02.values[at].indexOf('Tình trạng'), pl02.values[at].indexOf('Lý do chưa hoàn thành')];
  pl02.values[at + 1][st] = 'Chưa hoàn thành';
  pl02.values[at + 1][reason] = 'Khách quan'; // reason-vague
  pl02.values[at + 2][st] = 'Đang thực hiện';
  pl02.values[at + 2][reason] = null; // reason-missing
  const subs = [
    submission(planted.grid, 'STC.xlsx', '2022-11-14T03:00:00.000Z'),
    submission(unitWorkbook('', 42).grid, 'khong ro.xlsx', '2022-11-14T03:00:00.000Z'),
  ];
  const model = consolidate(subs, { catalog, round, generatedAt: 'x' });
  const CODE = 'Mã lỗi (dùng cho máy)';
  const codes = new Set<string>(ISSUE_CODES);

  test('an issue code appears only in the column labelled for machines, last on Lỗi; people read its title in words', () => {
    const issues = sheet(model, 'Lỗi');
    expect(issues.columns.map((c) => c.header)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Tệp',
      'Trang tính',
      'Ô',
      'Vấn đề',
      'Mức độ',
      'Nội dung',
      'Cách sửa',
      CODE,
    ]);
    const vague = issues.rows.find((r) => r[col(issues, CODE)] === 'reason-vague')!;
    expect(vague[col(issues, 'Vấn đề')]).toBe(CATALOGUE['reason-vague'].vi.title);
    expect(issues.rows.some((r) => r[col(issues, CODE)] === 'reason-missing')).toBe(true);
    for (const s of model.sheets)
      for (const r of s.rows)
        r.forEach((v, i) => {
          if (typeof v !== 'string') return;
          const token = [...codes].find((c) => v.split(/[^a-z-]+/).includes(c));
          if (token) expect([s.name, s.columns[i].header, v]).toEqual([s.name, CODE, token]);
        });
  });

  test('a workbook written before the label keeps its lines when merged onto, under the labelled column, titled', () => {
    const before = structuredClone(model);
    const lo = sheet(before, 'Lỗi');
    // As 1.0 wrote Lỗi: the code fifth under "Mã lỗi", no title.
    lo.columns = [...lo.columns.slice(0, 5), { header: 'Mã lỗi', kind: 'text' }, ...lo.columns.slice(6, 9)];
    lo.rows = lo.rows.map((r) => [...r.slice(0, 5), r[9], ...r.slice(6, 9)]);
    const grids = before.sheets.map((s) => ({
      name: s.name,
      visibility: 'visible' as const,
      merges: [],
      values: [s.columns.map((c) => c.header), ...s.rows.map((r) => r.map((v) => (v === null || typeof v === 'object' ? null : v)))],
    }));
    const other = consolidate([submission(unitWorkbook('Sở Tư pháp', 43).grid, 'STP.xlsx', '2022-11-14T03:00:00.000Z')], {
      catalog,
      round,
      generatedAt: 'y',
    });
    const merged = applyPrevious(other, { meta: before.meta, sheets: grids });
    const issues = sheet(merged, 'Lỗi');
    expect(issues.columns.map((c) => c.header)).not.toContain('Mã lỗi');
    const vague = issues.rows.find((r) => r[0] === 'STC' && r[col(issues, CODE)] === 'reason-vague')!;
    expect(vague[col(issues, 'Vấn đề')]).toBe(CATALOGUE['reason-vague'].vi.title);
  });
});
