/**
 * Acceptance: every layout and spelling variant of forms.md is accepted with no false error.
 */
import { catalog, check, where } from './helpers';
import { buildWorkbook } from '../fixtures/builder';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { pl01Rows, pl02Rows, pl03Rows, moHinhRows } from '../fixtures/content';
import type { RowSpec, SheetSpec } from '../fixtures/builder';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const rows02 = pl02Rows({ seed: 7, rows: 10, sections: true });

function pl02(extra: Partial<SheetSpec> = {}): SheetSpec {
  return { form: 'pl02', letterhead: STP, rows: rows02, ...extra };
}

function expectClean(c: ReturnType<typeof check>, allowed: string[] = []) {
  const left = where(c).filter((w) => !allowed.some((a) => w.startsWith(a)));
  expect(left).toEqual([]);
}

describe('headers', () => {
  const cases: [string, Record<string, string>][] = [
    [
      'synonyms',
      {
        nhiem_vu: 'Nội dung nhiệm vụ',
        san_pham: 'Sản phẩm',
        thoi_gian: 'Thời hạn hoàn thành',
        ket_qua: 'Kết quả đạt được',
        tinh_trang: 'Tiến độ',
        ly_do: 'Nguyên nhân',
        stt: 'STT',
      },
    ],
    ['upper case', { nhiem_vu: 'NHIỆM VỤ', tinh_trang: 'TÌNH TRẠNG', ly_do: 'LÝ DO CHƯA HOÀN THÀNH', ghi_chu: 'GHI CHÚ' }],
    [
      'NFD',
      {
        nhiem_vu: 'Nhiệm vụ'.normalize('NFD'),
        thoi_gian: 'Thời gian hoàn thành'.normalize('NFD'),
        tinh_trang: 'Tình trạng'.normalize('NFD'),
      },
    ],
    [
      'no diacritics',
      {
        nhiem_vu: 'Nhiem vu',
        thoi_gian: 'Thoi gian hoan thanh',
        tinh_trang: 'Tinh trang',
        ly_do: 'Ly do chua hoan thanh',
        ket_qua: 'Ket qua thuc hien den 10/11/2022',
      },
    ],
    [
      'line breaks and NBSP',
      { thoi_gian: 'Thời gian\nhoàn thành', ly_do: 'Lý do\r\nchưa hoàn\u00A0thành', ket_qua: 'Kết quả thực hiện\nđến 10/11/2022' },
    ],
    [
      'footnote marks and remarks',
      { tinh_trang: 'Tình trạng (*)', ly_do: 'Lý do chưa hoàn thành (nếu có)', san_pham: 'Kết quả/Sản phẩm [1]', ghi_chu: 'Ghi chú:' },
    ],
    ['old tone placement', { tinh_trang: 'Tình trạng', ly_do: 'Lý do chưa hoà n thành'.replace('hoà n', 'hoà') }],
    ['longer header starting with a known one', { ket_qua: 'Kết quả thực hiện đến ngày 10/11/2022 (số liệu)' }],
    ['short headers units write', { nhiem_vu: 'Nội dung', thoi_gian: 'Thời hạn', ket_qua: 'Kết quả', tinh_trang: 'Mức độ thực hiện' }],
  ];
  test.each(cases)('%s', (_name, headers) => {
    const c = check([pl02({ headers })]);
    expect(c.tables.map((t) => t.template.id)).toEqual(['pl02']);
    expect(Object.keys(c.tables[0].columns).sort()).toEqual([
      'ghi_chu',
      'ket_qua',
      'ly_do',
      'nhiem_vu',
      'san_pham',
      'stt',
      'thoi_gian',
      'tinh_trang',
    ]);
    expectClean(c, ['sheet-missing']);
  });
});

test.each([
  [
    'plan and proposal headers with the year',
    {
      kh_2022: 'Chỉ tiêu KH năm 2022',
      kq_2022: 'Kết quả đến 10/11/2022',
      danh_gia: 'Tự đánh giá',
      de_xuat_2023: 'Chỉ tiêu đề xuất năm 2023',
    },
  ],
  ['the shortest ones', { kh_2022: 'Kế hoạch 2022', kq_2022: 'Thực hiện', danh_gia: 'Kết quả đánh giá', de_xuat_2023: 'Đề xuất 2023' }],
])('PL01: %s', (_name, headers) => {
  const c = check([{ form: 'pl01', letterhead: STP, headers, rows: pl01Rows({ seed: 4, rows: 5 }) }]);
  expect(Object.keys(c.tables[0].columns).sort()).toEqual(
    ['chi_tieu', 'danh_gia', 'de_xuat_2023', 'dvt', 'ghi_chu', 'kh_2022', 'kq_2022', 'ly_do', 'stt'].sort(),
  );
  expectClean(c, ['sheet-missing']);
});

test('two-row merged header with group cells and a column-number row (PL01)', () => {
  const c = check([{ form: 'pl01', letterhead: STP, twoRowHeader: true, numberRow: true, rows: pl01Rows({ seed: 3, rows: 8 }) }]);
  expect(c.tables[0].header).toBe('A6:I7');
  expect(c.tables[0].rows).toHaveLength(8);
  expectClean(c, ['sheet-missing']);
});

test('letterhead in one cell, long titles, (Kèm theo…), signature block, blank rows', () => {
  const rows = [...rows02.slice(0, 4), { blank: true as const }, { blank: true as const }, ...rows02.slice(4)];
  const c = check([
    pl02({
      letterheadOneCell: true,
      rows,
      title: ['PHỤ LỤC 02', 'ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ', '(Kèm theo Văn bản số 1234/SNV-CCHC ngày 01/11/2022 của Sở Nội vụ)'],
    }),
  ]);
  expect(c.unit.unit?.id).toBe('STP');
  expect(c.tables[0].rows).toHaveLength(10);
  expectClean(c, ['sheet-missing']);
});

test('swapped columns, extra columns and leading empty columns', () => {
  const c = check([
    pl02({
      order: ['stt', 'tinh_trang', 'nhiem_vu', 'ly_do', 'thoi_gian', 'ket_qua', 'san_pham', 'ghi_chu'],
      extraColumns: [{ header: 'Kinh phí (triệu đồng)', values: [120, 50] }],
      offsetCols: 1,
    }),
  ]);
  expect(where(c)).toEqual(expect.arrayContaining(['column-unknown@PL02!J6']));
  expectClean(c, ['sheet-missing', 'column-unknown']);
  expect(c.tables[0].rows[0].extras).toEqual({ 'Kinh phí (triệu đồng)': 120 });
});

test('sheet names that say nothing do not matter', () => {
  const c = check([pl02({ sheetName: 'Sheet1' }), { form: 'pl01', sheetName: 'Sheet2', rows: pl01Rows({ seed: 1, rows: 3 }) }]);
  expect(c.tables.map((t) => [t.sheet, t.template.id])).toEqual([
    ['Sheet1', 'pl02'],
    ['Sheet2', 'pl01'],
  ]);
});

test('statuses in any accepted spelling and case', () => {
  const spellings = [
    'ĐÃ HOÀN THÀNH',
    'hoàn thành đúng hạn',
    'ht',
    'Hoàn thành.',
    'Thường xuyên',
    'tiếp tục duy trì',
    'Hoàn thành chậm',
    'Hoan thanh',
    'Hoàn thành'.normalize('NFD'),
  ];
  const rows = spellings.map((s, i) => ({
    stt: i + 1,
    nhiem_vu: `Nhiệm vụ số ${i + 1} về cải cách`,
    thoi_gian: 'Quý II/2022',
    ket_qua: 'Đã thực hiện xong',
    tinh_trang: s,
  }));
  const c = check([pl02({ rows })]);
  expectClean(c, ['sheet-missing']);
  expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(['HT', 'HT', 'HT', 'HT', 'THX', 'THX', 'HT_CHAM', 'HT', 'HT']);
});

test('more spellings units use for statuses and evaluations, each given its canonical value', () => {
  const statuses: [string, string][] = [
    ['Hoàn thành đúng tiến độ', 'HT'],
    ['Hoàn thành chậm tiến độ', 'HT_CHAM'],
    ['Hoàn thành trễ hạn', 'HT_CHAM'],
    ['Tạm dừng', 'KHONG_TH'],
  ];
  const rows = statuses.map(([s], i) => ({
    stt: i + 1,
    nhiem_vu: `Nhiệm vụ số ${i + 1} về cải cách`,
    thoi_gian: 'Quý II/2022',
    ket_qua: 'Đã thực hiện xong',
    tinh_trang: s,
    ly_do: 'Do chưa được bố trí kinh phí năm 2022',
  }));
  const c = check([pl02({ rows })]);
  expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(statuses.map(([, k]) => k));
  expect(where(c).filter((w) => w.startsWith('value-not-allowed'))).toEqual([]);
  const evals: [string, string][] = [
    ['Đạt chỉ tiêu', 'DAT'],
    ['Hoàn thành vượt chỉ tiêu', 'VUOT'],
    ['Không đạt chỉ tiêu', 'KHONG_DAT'],
  ];
  const pl01 = pl01Rows({ seed: 5, rows: evals.length, incompleteShare: 0 }).map((r, i) => ({
    ...(r as Record<string, unknown>),
    danh_gia: evals[i][0],
    ly_do: 'Do chưa được bố trí kinh phí năm 2022',
  }));
  const e = check([{ form: 'pl01', letterhead: STP, rows: pl01 as RowSpec[] }]);
  expect(e.tables[0].rows.map((r) => r.statuses.danh_gia)).toEqual(evals.map(([, k]) => k));
});

test('Excel dates and text timeframes', () => {
  const times = [
    44865,
    44681.5,
    'Tháng 6/2022',
    '6/2022',
    'Quý II/2022',
    'Quý 2',
    'Năm 2022',
    '2021-2025',
    'Giai đoạn 2021-2025',
    'Trước 30/6/2022',
    'Thường xuyên',
    'Hằng năm',
    'Cả năm',
    'Trong năm 2022',
    '15/11/2022',
    '5/3/2022',
    2022,
    'Quý IV/2022',
    'Tháng 6, 9 và 12/2022',
    'Trước 30/6',
    'Trước ngày 15/12',
    '30/6 hằng năm',
    'Quý I, II/2022',
    'Quý III-IV/2022',
    'Quí II/2022',
  ];
  const rows = times.map((t, i) => ({
    stt: i + 1,
    nhiem_vu: `Nhiệm vụ ${i + 1}`,
    thoi_gian: t,
    ket_qua: 'Đã hoàn thành theo kế hoạch',
    tinh_trang: 'Hoàn thành',
  }));
  const c = check([pl02({ rows, formats: { thoi_gian: 'dd/mm/yyyy' } })]);
  expectClean(c, ['sheet-missing']);
});

test('section rows give each data row its reform area', () => {
  const c = check([pl02({ rows: pl02Rows({ seed: 7, rows: 14, sections: true }) })]);
  const areas = c.tables[0].rows.map((r) => r.area?.code);
  expect(areas[0]).toBe('CDDH');
  expect(new Set(areas)).toEqual(new Set(['CDDH', 'THECHE', 'TTHC', 'BOMAY', 'CONGVU', 'TAICHINH', 'CQSO']));
});

test('PL03 part II below a part I on the same sheet, and PL04 told from PL03 by its title', () => {
  const c = check([
    {
      form: 'pl03',
      above: [
        ['I. ĐÁNH GIÁ CHUNG'],
        ['Năm 2022, đơn vị đã triển khai đầy đủ các nhiệm vụ CCHC...'],
        [],
        ['II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023'],
      ],
      rows: pl03Rows({ seed: 5, rows: 5 }),
    },
    {
      form: 'pl04',
      headers: { nhiem_vu: 'Nhiệm vụ' },
      title: ['PHỤ LỤC 04', 'KHUNG NHIỆM VỤ TRỌNG TÂM KẾ HOẠCH CCHC NĂM 2023'],
      rows: pl03Rows({ seed: 6, rows: 5, sections: true }),
    },
  ]);
  expect(c.tables.map((t) => t.template.id)).toEqual(['pl03', 'pl04']);
  expectClean(c, ['sheet-missing']);
});

test('a whole round in one workbook is clean', () => {
  const c = check([
    { form: 'pl01', letterhead: STP, twoRowHeader: true, rows: pl01Rows({ seed: 1, rows: 6 }) },
    pl02(),
    { form: 'pl03', rows: pl03Rows({ seed: 1, rows: 6 }) },
    { form: 'pl04', rows: pl03Rows({ seed: 2, rows: 8, sections: true }) },
  ]);
  expect(c.round?.id).toBe('kh-cchc-2023');
  expect(where(c)).toEqual([]);
  expect(c.status).toBe('ok');
});

test('NFD and NBSP in values', () => {
  const rows = pl02Rows({ seed: 9, rows: 6 }).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD').replace(/ /g, '\u00A0') : v])),
  );
  expectClean(check([pl02({ rows })]), ['sheet-missing']);
});

test('a district registers two models (mo-hinh)', () => {
  const c = check([
    {
      form: 'mo-hinh',
      letterhead: ['UBND TỈNH HÀ TĨNH', 'UBND HUYỆN CAN LỘC'],
      rows: moHinhRows({ seed: 1, rows: 2 }, 'UBND huyện Can Lộc'),
    },
  ]);
  expect(c.unit.unit?.id).toBe('443');
  expect(c.round?.id).toBe('mo-hinh-2023');
  expect(where(c)).toEqual([]);
});

test('TCVN3 and VNI text in values, headers and statuses: warnings with the conversion, no false error', async () => {
  const { encodeTcvn3, encodeVni } = await import('../../src/core/text/legacy');
  const rows = pl02Rows({ seed: 11, rows: 6 }).map((r, i) => {
    const enc = i % 2 ? encodeVni : encodeTcvn3;
    const x = r as Record<string, unknown>;
    return { ...x, nhiem_vu: enc(String(x.nhiem_vu)), tinh_trang: enc(String(x.tinh_trang)), ket_qua: enc(String(x.ket_qua)) };
  });
  const c = check([pl02({ rows, headers: { nhiem_vu: encodeTcvn3('Nhiệm vụ'), tinh_trang: encodeTcvn3('Tình trạng') } })]);
  expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang).every(Boolean)).toBe(true);
  expect(where(c, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
  const legacy = c.findings.filter((f) => f.code === 'legacy-encoding');
  expect(legacy.length).toBeGreaterThanOrEqual(12);
  expect(legacy.find((f) => f.col === 1)?.params.converted).toBe(
    String((pl02Rows({ seed: 11, rows: 6 })[0] as Record<string, unknown>).nhiem_vu),
  );
});

describe('two-row headers as units draw them', () => {
  const head = [['UBND TỈNH HÀ TĨNH'], ['SỞ TƯ PHÁP']];
  const down = (c: number) => ({ r0: 4, c0: c, r1: 5, c1: c });

  test('PL01 with "Chỉ tiêu" under "Năm 2022" and under "Năm 2023"', () => {
    const values = [
      ...head,
      ['PHỤ LỤC 01: KẾT QUẢ THỰC HIỆN CHỈ TIÊU CCHC NĂM 2022, ĐỀ XUẤT CHỈ TIÊU NĂM 2023'],
      [],
      ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2022', null, null, null, 'Năm 2023', 'Ghi chú'],
      [null, null, null, 'Chỉ tiêu', 'Kết quả thực hiện', 'Đánh giá', 'Lý do không đạt', 'Chỉ tiêu', null],
      [1, 'Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến', '%', '50%', '55%', 'Đạt', null, '60%', null],
      [2, 'Tỷ lệ VBQPPL được rà soát', '%', '100%', '100%', 'Đạt', null, '100%', null],
    ];
    const merges = [down(0), down(1), down(2), { r0: 4, c0: 3, r1: 4, c1: 6 }, down(8)];
    const c = check({ sheets: [{ raw: { name: 'PL01', visibility: 'visible', values, merges } }] });
    const cols = c.tables[0].columns;
    expect([cols.chi_tieu, cols.kh_2022, cols.kq_2022, cols.de_xuat_2023]).toEqual([1, 3, 4, 7]);
    expect(c.tables[0].rows).toHaveLength(2);
    expect(where(c).filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
  });

  test('PL03 with "Chủ trì | Phối hợp" under "Cơ quan thực hiện", the other cells merged down', () => {
    const values = [
      ...head,
      ['PHỤ LỤC 03'],
      ['II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023'],
      ['TT', 'Nhiệm vụ đề xuất', 'Kết quả/Sản phẩm', 'Cơ quan thực hiện', null, 'Thời gian hoàn thành', 'Ghi chú'],
      [null, null, null, 'Chủ trì', 'Phối hợp', null, null],
      [1, 'Rà soát, hệ thống hóa VBQPPL', 'Báo cáo kết quả rà soát', 'Sở Tư pháp', 'Các sở, ngành', 'Quý II/2023', null],
    ];
    const merges = [down(0), down(1), down(2), { r0: 4, c0: 3, r1: 4, c1: 4 }, down(5), down(6)];
    const c = check({ sheets: [{ raw: { name: 'PL03', visibility: 'visible', values, merges } }] });
    expect(c.tables[0].header).toBe('A5:G6');
    expect(c.tables[0].rows.map((r) => r.row + 1)).toEqual([7]);
    expect(where(c, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
  });

  test('a sub-header row that matches no more columns than the row above is still header when cells are merged down', () => {
    const values = [
      ...head,
      ['PHỤ LỤC 03'],
      ['II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023'],
      ['TT', 'Nhiệm vụ đề xuất', 'Kết quả/Sản phẩm', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', null, 'Ghi chú'],
      [null, null, null, null, null, 'Bắt đầu', 'Kết thúc', null],
      [1, 'Rà soát, hệ thống hóa VBQPPL', 'Báo cáo kết quả rà soát', 'Sở Tư pháp', 'Các sở, ngành', 'Quý I/2023', 'Quý II/2023', null],
    ];
    const merges = [down(0), down(1), down(2), down(3), down(4), { r0: 4, c0: 5, r1: 4, c1: 6 }, down(7)];
    const c = check({ sheets: [{ raw: { name: 'PL03', visibility: 'visible', values, merges } }] });
    expect(c.tables[0].header).toBe('A5:H6');
    expect(c.tables[0].rows.map((r) => r.row + 1)).toEqual([7]);
    expect(where(c).filter((w) => w.startsWith('value-required'))).toEqual([]);
  });
});

describe('a whole sheet typed in a legacy font', () => {
  test.each(['tcvn3', 'vni'] as const)(
    '%s: short cells that could be Unicode alone ("Ghi chó", "Lyù do") are read in the sheet’s font',
    async (enc) => {
      const { encodeTcvn3, encodeVni } = await import('../../src/core/text/legacy');
      const encode = enc === 'tcvn3' ? encodeTcvn3 : encodeVni;
      const rows = pl02Rows({ seed: 12, rows: 8, incompleteShare: 0.5 });
      const grid = buildWorkbook({ sheets: [pl02({ rows, headers: { ly_do: 'Lý do', ghi_chu: 'Ghi chú' } })] });
      for (const s of grid.sheets) s.values = s.values.map((r) => r.map((v) => (typeof v === 'string' ? encode(v) : v)));
      // The premise: these headers alone are not recognisably legacy.
      const { detectLegacy } = await import('../../src/core/text/legacy');
      expect(detectLegacy(encode(enc === 'tcvn3' ? 'Ghi chú' : 'Lý do'))).toBeNull();
      const c = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
      expect(Object.keys(c.tables[0].columns).sort()).toEqual([
        'ghi_chu',
        'ket_qua',
        'ly_do',
        'nhiem_vu',
        'san_pham',
        'stt',
        'thoi_gian',
        'tinh_trang',
      ]);
      expect(c.unit.unit?.id).toBe('STP');
      expect(where(c, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
    },
  );

  test.each(['tcvn3', 'vni'] as const)('%s template, data typed in Unicode: the data is read as typed', async (enc) => {
    const { encodeTcvn3, encodeVni } = await import('../../src/core/text/legacy');
    const encode = enc === 'tcvn3' ? encodeTcvn3 : encodeVni;
    const form = catalog.templates.find((t) => t.id === 'pl02')!;
    const headers = Object.fromEntries(form.columns.map((col) => [col.key, encode(col.header)]));
    const rows = [1, 2, 3].map((stt) => ({
      stt,
      nhiem_vu: 'Rà soát thủ tục hành chính thuộc phạm vi quản lý',
      san_pham: 'Báo cáo',
      thoi_gian: 'Tháng 6/2022',
      ket_qua: 'Đã rà soát 35 thủ tục',
      tinh_trang: 'Hoàn thành',
    }));
    const letterhead = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'].map(encode);
    const title = ['ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ CCHC NĂM 2022', '(Kèm theo Văn bản số /SNV-CCHC của Sở Nội vụ)'].map(encode);
    const c = check([pl02({ rows, headers, letterhead, title })]);
    expect(where(c, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
    expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(['HT', 'HT', 'HT']);
    expect(c.findings.filter((f) => f.code === 'legacy-encoding' && f.row !== undefined && f.row >= c.tables[0].rows[0].row)).toEqual([]);
  });

  test('a Unicode sheet with one odd cell is not decoded as a whole', () => {
    const rows = pl02Rows({ seed: 13, rows: 6 });
    (rows[0] as Record<string, unknown>).ghi_chu = 'Ghi chó';
    const c = check([pl02({ rows })]);
    expect(c.tables[0].rows[0].values.ghi_chu).toBe('Ghi chó');
    expect(c.findings.filter((f) => f.code === 'legacy-encoding')).toEqual([]);
  });
});
