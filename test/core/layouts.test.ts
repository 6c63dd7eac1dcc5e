/**
 * forms.md, "Layouts from real submissions": each layout read as the person meant it. Every clean
 * variant gets no finding at error level; every planted mistake is found at its cell, once.
 */
import { check, where } from './helpers';
import { buildSheet, RowSpec, SheetSpec } from '../fixtures/builder';
import { GOOD_PL02_ROW, khCchcSubmission, PL03_HEADER_AGAIN, pl03Rows } from '../fixtures/content';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const CAN_LOC = ['UBND TỈNH HÀ TĨNH', 'UBND HUYỆN CAN LỘC'];
const REASON = 'Kinh phí năm 2022 chưa được bố trí, đã đề xuất bổ sung vào dự toán năm 2023';

function pl02(rows: RowSpec[], extra: Partial<SheetSpec> = {}): SheetSpec {
  return { form: 'pl02', letterhead: STP, rows, ...extra };
}

const errorsOf = (c: ReturnType<typeof check>) => where(c, 'error').filter((w) => !w.startsWith('sheet-missing'));

/** Three tasks; the second's texts go on over two more rows, as Word pastes a cell of three paragraphs. */
function wordPasteRows(overrides: Record<string, unknown> = {}): RowSpec[] {
  return [
    { ...GOOD_PL02_ROW, stt: 1 },
    {
      ...GOOD_PL02_ROW,
      stt: 2,
      nhiem_vu: 'Triển khai dịch vụ công trực tuyến toàn trình:',
      ket_qua: 'Đã cung cấp 120 dịch vụ công',
      tinh_trang: 'Đang thực hiện',
      ly_do: 'Phần mềm dùng chung của tỉnh',
      ...overrides,
    },
    { cont: { nhiem_vu: '- Rà soát danh mục thủ tục đủ điều kiện;', ket_qua: 'trực tuyến toàn trình;' } },
    { cont: { nhiem_vu: '- Tích hợp lên Cổng dịch vụ công quốc gia.', ly_do: 'chưa kết nối được với Cổng dịch vụ công quốc gia' } },
    { ...GOOD_PL02_ROW, stt: 3, nhiem_vu: 'Kiểm tra công tác cải cách hành chính tại các đơn vị trực thuộc' },
  ];
}

describe('rows pasted from Word', () => {
  test.each(['plain', 'merge-index', 'merge-others'] as const)('%s: one item over three rows, no finding of its own', (wordPaste) => {
    const c = check([pl02(wordPasteRows(), { wordPaste })]);
    expect(where(c)).toEqual(where(c).filter((w) => w.startsWith('sheet-missing')));
    const rows = c.tables[0].rows;
    expect(rows).toHaveLength(3);
    expect(rows[1].rowEnd - rows[1].row).toBe(2);
    expect(rows[1].values.nhiem_vu).toBe(
      'Triển khai dịch vụ công trực tuyến toàn trình:\n- Rà soát danh mục thủ tục đủ điều kiện;\n- Tích hợp lên Cổng dịch vụ công quốc gia.',
    );
    expect(rows[1].values.ket_qua).toBe('Đã cung cấp 120 dịch vụ công\ntrực tuyến toàn trình;');
    expect(rows[1].statuses.tinh_trang).toBe('DANG_TH');
    expect(rows[2].row).toBe(rows[1].rowEnd + 1);
  });

  test.each(['plain', 'merge-index', 'merge-others'] as const)(
    '%s: the task without a timeframe is found at its first row only',
    (wordPaste) => {
      const c = check([pl02(wordPasteRows({ thoi_gian: null }), { wordPaste })]);
      const first = c.tables[0].rows[1].row + 1;
      expect(errorsOf(c)).toEqual([`value-required@PL02!D${first}`]);
    },
  );

  test('a reason written on a continuation row counts', () => {
    const c = check([pl02(wordPasteRows({ ly_do: null }))]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows[1].values.ly_do).toBe('chưa kết nối được với Cổng dịch vụ công quốc gia');
  });

  test('a row with its own status or timeframe is a new item even unnumbered', () => {
    const rows: RowSpec[] = [
      { ...GOOD_PL02_ROW, stt: 1 },
      { ...GOOD_PL02_ROW, stt: null, nhiem_vu: 'Công khai thủ tục hành chính trên Cổng thông tin', thoi_gian: 'Quý III/2022' },
      { ...GOOD_PL02_ROW, stt: null, nhiem_vu: 'Số hóa hồ sơ', thoi_gian: null, tinh_trang: 'Chưa hoàn thành', ly_do: REASON },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(3);
    // The third is its own item (it has a status), and it lacks its timeframe.
    expect(errorsOf(c)).toEqual([`value-required@PL02!D${c.tables[0].rows[2].row + 1}`]);
  });

  test('a continuation never crosses a section row', () => {
    const rows: RowSpec[] = [
      { section: 'I', title: 'CẢI CÁCH THỂ CHẾ' },
      { ...GOOD_PL02_ROW, stt: 1 },
      { section: 'II', title: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH' },
      { cont: { nhiem_vu: 'Rà soát, đơn giản hóa thủ tục' } },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(2);
    expect(c.tables[0].rows[1].area?.code).toBe('TTHC');
  });

  const models = (n: number): RowSpec[] =>
    Array.from({ length: n }, (_, i): RowSpec[] => [
      {
        stt: i + 1,
        ten_mo_hinh: i ? 'Mô hình "Ngày thứ Bảy vì dân"' : 'Mô hình "Chính quyền thân thiện,',
        don_vi_chu_tri: 'UBND huyện Can Lộc',
      },
      { cont: { ten_mo_hinh: i ? 'tại Bộ phận một cửa huyện' : 'vì nhân dân phục vụ"' } },
    ]).flat();

  test.each(['plain', 'merge-index', 'merge-others'] as const)('%s: a district whose one model spans two rows has too few', (wordPaste) => {
    const c = check([{ form: 'mo-hinh', letterhead: CAN_LOC, rows: models(1), wordPaste }], { fileName: 'Can Loc.xlsx' });
    expect(errorsOf(c)).toEqual(['rows-too-few@Mô hình#mo-hinh']);
  });

  test('two models over two rows each are enough', () => {
    const c = check([{ form: 'mo-hinh', letterhead: CAN_LOC, rows: models(2), wordPaste: 'merge-index' }], { fileName: 'Can Loc.xlsx' });
    expect(where(c)).toEqual([]);
    expect(c.tables[0].rows.map((r) => r.values.ten_mo_hinh)).toEqual([
      'Mô hình "Chính quyền thân thiện,\nvì nhân dân phục vụ"',
      'Mô hình "Ngày thứ Bảy vì dân"\ntại Bộ phận một cửa huyện',
    ]);
  });
});

describe('status as ticks', () => {
  const options = ['Hoàn thành', 'Chưa hoàn thành', 'Đang thực hiện'];
  const rows = (marks: (string | null)[], reasons: (string | null)[] = []): RowSpec[] =>
    marks.map((m, i) => ({
      ...GOOD_PL02_ROW,
      stt: i + 1,
      nhiem_vu: `${GOOD_PL02_ROW.nhiem_vu} (${i + 1})`,
      tinh_trang: m,
      ly_do: reasons[i] ?? null,
    }));
  const clean = rows(['Hoàn thành', 'Chưa hoàn thành', 'Đang thực hiện', 'Hoàn thành'], [null, REASON, REASON, null]);

  test.each(['x', 'X', '✓', '√', 'v', '1'])('mark %p: read as the ticked option, no finding', (mark) => {
    const c = check([pl02(clean, { ticks: { column: 'tinh_trang', options, mark } })]);
    expect(where(c).filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
    expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(['HT', 'CHUA_HT', 'DANG_TH', 'HT']);
    expect(c.tables[0].rows.map((r) => r.values.tinh_trang)).toEqual(['Hoàn thành', 'Chưa hoàn thành', 'Đang thực hiện', 'Hoàn thành']);
  });

  test.each(['Tình trạng', 'Mức độ hoàn thành', 'Kết quả đánh giá'])(
    'under a group headed %p, with a "Đơn vị báo cáo" line above',
    (group) => {
      const c = check([pl02(clean, { ticks: { column: 'tinh_trang', options, group }, unitLine: 'Đơn vị báo cáo: Sở Tư pháp' })]);
      expect(where(c).filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
      expect(c.tables[0].rows).toHaveLength(4);
    },
  );

  test('accepted spellings as sub-headers', () => {
    const spelled = ['Đã hoàn thành', 'Chưa HT', 'Đang triển khai'];
    const marks = rows(['Đã hoàn thành', 'Chưa HT', 'Đang triển khai'], [null, REASON, REASON]);
    const c = check([pl02(marks, { ticks: { column: 'tinh_trang', options: spelled } })]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(['HT', 'CHUA_HT', 'DANG_TH']);
  });

  test('a ticked "Chưa hoàn thành" without a reason, no mark, two marks', () => {
    const c = check([
      pl02(rows(['Chưa hoàn thành', '', 'Hoàn thành|Đang thực hiện', 'Hoàn thành']), { ticks: { column: 'tinh_trang', options } }),
    ]);
    const first = c.tables[0].rows[0].row + 1;
    // Columns: A TT, B Nhiệm vụ, C Sản phẩm, D Thời gian, E Kết quả, F–H ticks, I Lý do, J Ghi chú.
    expect(errorsOf(c)).toEqual([
      `reason-missing@PL02!I${first}`,
      `value-required@PL02!F${first + 1}`,
      `value-not-allowed@PL02!F${first + 2}`,
    ]);
    expect(c.findings.find((f) => f.code === 'value-not-allowed')?.params.ticks).toBe(2);
  });

  test('PL01: three header rows — "Năm 2022", then "Đánh giá" over "Đạt | Không đạt"', () => {
    const pl01: RowSpec[] = [
      {
        stt: 1,
        chi_tieu: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
        dvt: '%',
        kh_2022: '98%',
        kq_2022: '99%',
        danh_gia: 'Đạt',
        de_xuat_2023: '100%',
      },
      {
        stt: 2,
        chi_tieu: 'Số văn bản được rà soát',
        dvt: 'Văn bản',
        kh_2022: 40,
        kq_2022: 30,
        danh_gia: 'Không đạt',
        ly_do: REASON,
        de_xuat_2023: 40,
      },
      { stt: 3, chi_tieu: 'Số cuộc kiểm tra', dvt: 'Cuộc', kh_2022: 4, kq_2022: 2, danh_gia: 'Không đạt', de_xuat_2023: 4 },
    ];
    const c = check([
      {
        form: 'pl01',
        letterhead: STP,
        twoRowHeader: true,
        numberRow: true,
        rows: pl01,
        ticks: { column: 'danh_gia', options: ['Đạt', 'Không đạt'] },
      },
    ]);
    expect(c.tables[0].header).toBe('A6:J8');
    expect(c.tables[0].rows.map((r) => r.statuses.danh_gia)).toEqual(['DAT', 'KHONG_DAT', 'KHONG_DAT']);
    // Columns: A TT, B Chỉ tiêu, C ĐVT, D KH, E KQ, F–G ticks, H Lý do.
    expect(errorsOf(c)).toEqual([`reason-missing@PL01!H${c.tables[0].rows[2].row + 1}`]);
  });

  test('PL01: "Đánh giá" over "Đạt | Không đạt"', () => {
    const pl01: RowSpec[] = [
      {
        stt: 1,
        chi_tieu: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
        dvt: '%',
        kh_2022: '98%',
        kq_2022: '99%',
        danh_gia: 'Đạt',
        de_xuat_2023: '100%',
      },
      {
        stt: 2,
        chi_tieu: 'Số văn bản được rà soát',
        dvt: 'Văn bản',
        kh_2022: 40,
        kq_2022: 30,
        danh_gia: 'Không đạt',
        ly_do: REASON,
        de_xuat_2023: 40,
      },
    ];
    const c = check([{ form: 'pl01', letterhead: STP, rows: pl01, ticks: { column: 'danh_gia', options: ['Đạt', 'Không đạt'] } }]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows.map((r) => r.statuses.danh_gia)).toEqual(['DAT', 'KHONG_DAT']);
  });
});

describe('a status followed by a remark', () => {
  test.each([
    ['Hoàn thành.', null, 'HT'],
    ['Đã hoàn thành 100%', null, 'HT'],
    ['Hoàn thành (đúng hạn)', null, 'HT'],
    ['chưa hoàn thành (đang chờ kinh phí)', REASON, 'CHUA_HT'],
    ['Đang triển khai;', REASON, 'DANG_TH'],
    ['Hoàn thành chậm tiến độ do dịch', null, 'HT_CHAM'],
    ['Hoàn thành một phần', REASON, 'CHUA_HT'],
    ['Chưa hoàn thành (đang triển khai)', REASON, 'CHUA_HT'],
    ['Chưa hoàn thành, đang triển khai', REASON, 'CHUA_HT'],
  ])('%p is read as its status', (status, reason, key) => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, tinh_trang: status, ly_do: reason }])]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows[0].statuses.tinh_trang).toBe(key);
    expect(c.tables[0].rows[0].values.tinh_trang).toBe(status);
  });

  test('the reason of a status with a remark is still checked', () => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, tinh_trang: 'Chưa hoàn thành (đang chờ)', ly_do: null }])]);
    expect(errorsOf(c)).toEqual(['reason-missing@PL02!G7']);
  });

  test('PL01: "Đạt (vượt 2%)" is Đạt', () => {
    const rows: RowSpec[] = [
      {
        stt: 1,
        chi_tieu: 'Tỷ lệ hồ sơ đúng hạn',
        dvt: '%',
        kh_2022: '98%',
        kq_2022: '100%',
        danh_gia: 'Đạt (vượt 2%)',
        de_xuat_2023: '100%',
      },
    ];
    const c = check([{ form: 'pl01', letterhead: STP, rows }]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows[0].statuses.danh_gia).toBe('DAT');
  });

  test.each([
    ['Chưa đạt (đạt 97,5%)', 'KHONG_DAT'],
    ['Vượt (đạt 112,5%)', 'VUOT'],
    ['Đạt, vượt 1,2%', 'DAT'],
    ['Không đạt (đạt 97,5%/98%)', 'KHONG_DAT'],
  ])('PL01: %p carries a figure, not a second answer', (status, key) => {
    const rows: RowSpec[] = [
      {
        stt: 1,
        chi_tieu: 'Tỷ lệ hồ sơ đúng hạn',
        dvt: '%',
        kh_2022: '98%',
        kq_2022: '97,5%',
        danh_gia: status,
        ly_do: key.startsWith('KHONG') ? REASON : null,
        de_xuat_2023: '100%',
      },
    ];
    const c = check([{ form: 'pl01', letterhead: STP, rows }]);
    expect(errorsOf(c)).toEqual([]);
    expect(c.tables[0].rows[0].statuses.danh_gia).toBe(key);
  });

  test.each(['Hoàn thành/Chưa hoàn thành', 'Hoàn thành; Chưa thực hiện', 'Tốt'])('%p is not guessed', (status) => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, tinh_trang: status }])]);
    expect(errorsOf(c)).toEqual(['value-not-allowed@PL02!F7']);
  });
});

describe('invisible characters', () => {
  const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00A0', '\u202F', ' ', '\n', '\u200B \u00A0\n'];
  test.each(INVISIBLE.map((ch) => [JSON.stringify(ch), ch]))('a required cell holding only %s is empty', (_name, ch) => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, ket_qua: ch, thoi_gian: ch }])]);
    expect(errorsOf(c)).toEqual(['value-required@PL02!D7', 'value-required@PL02!E7']);
  });

  test('a reason holding only a zero-width space is missing', () => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, tinh_trang: 'Chưa hoàn thành', ly_do: '\u200B' }])]);
    expect(errorsOf(c)).toEqual(['reason-missing@PL02!G7']);
  });

  test('real text around invisible characters is read as the text', () => {
    const c = check([pl02([{ ...GOOD_PL02_ROW, thoi_gian: '\u200BQuý II/2022\u00A0', tinh_trang: '\uFEFFHoàn\u00A0thành\u200B' }])]);
    expect(errorsOf(c)).toEqual([]);
  });
});

describe('PL03: its two parts, with and without a repeated header', () => {
  const partI: RowSpec[] = [
    { section: 'I', title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ CCHC NĂM 2022', mergeTitle: true },
    ...pl03Rows({ seed: 11, rows: 2 }),
  ];
  const partII: RowSpec[] = [
    { section: 'II', title: 'ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023', mergeTitle: true },
    ...pl03Rows({ seed: 12, rows: 3 }),
  ];

  test('one header over both parts: one table of pl03, each row with its part', () => {
    const c = check(khCchcSubmission('Sở Tư pháp', 3).map((s) => (s.form === 'pl03' ? { ...s, rows: [...partI, ...partII] } : s)));
    const pl03 = c.tables.filter((t) => t.template.id === 'pl03');
    expect(c.tables.map((t) => t.template.id)).toEqual(['pl01', 'pl02', 'pl03', 'pl04']);
    expect(pl03[0].rows.map((r) => r.part)).toEqual(['I', 'I', 'II', 'II', 'II']);
    expect(where(c, 'error')).toEqual([]);
  });

  test('part II under a repeated header: both tables are pl03, not pl04', () => {
    const sheets = khCchcSubmission('Sở Tư pháp', 3).filter((s) => s.form !== 'pl04');
    const pl03Sheet = sheets.find((s) => s.form === 'pl03')!;
    const c = check([
      ...sheets.filter((s) => s !== pl03Sheet),
      {
        ...pl03Sheet,
        title: ['PHỤ LỤC 03', 'ĐỀ XUẤT MỤC TIÊU, NHIỆM VỤ CCHC NĂM 2023'],
        rows: [
          ...pl03Rows({ seed: 11, rows: 2 }),
          { blank: true },
          { section: 'II.', title: 'ĐỀ XUẤT NHIỆM VỤ TRỌNG TÂM NĂM 2023', mergeTitle: false },
          // The header typed again for part II.
          PL03_HEADER_AGAIN,
          ...pl03Rows({ seed: 12, rows: 3 }),
        ],
      },
    ]);
    expect(c.tables.map((t) => t.template.id)).toEqual(['pl01', 'pl02', 'pl03', 'pl03']);
    expect(c.tables[3].rows).toHaveLength(3);
    // The heading right above the repeated header opens part II; it is not the header's top row.
    expect(c.tables[3].part).toBe('II');
    expect(c.tables[3].header).toMatch(/^A(\d+):G\1$/);
    expect(c.tables[3].rows.map((r) => r.part)).toEqual(['II', 'II', 'II']);
    // The round still lacks its PL04: the look-alike part did not stand in for it.
    expect(where(c, 'error')).toEqual(['sheet-missing@#pl04']);
  });

  test('a PL03 heading "II. Đề xuất nhiệm vụ…" above the header gives the table its part', () => {
    const c = check([
      {
        form: 'pl03',
        letterhead: STP,
        title: ['PHỤ LỤC 03'],
        above: [['I. Mục tiêu: nâng cao chỉ số CCHC của tỉnh'], ['II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023']],
        rows: pl03Rows({ seed: 5, rows: 3 }),
      },
    ]);
    expect(c.tables[0].part).toBe('II');
    expect(c.tables[0].rows.map((r) => r.part)).toEqual(['II', 'II', 'II']);
  });
});

describe('formulas', () => {
  test('an index filled down far below the data by a formula showing nothing', () => {
    const c = check([pl02(wordPasteRows(), { formulaIndexFill: 300 })]);
    expect(c.tables[0].rows).toHaveLength(3);
    expect(errorsOf(c)).toEqual([]);
  });

  test('an index =A8+1 filled down through the signature block numbers it, and the table still ends there', () => {
    const sheet = buildSheet(
      pl02([
        { ...GOOD_PL02_ROW, stt: 1 },
        { ...GOOD_PL02_ROW, stt: 2, nhiem_vu: 'Số hóa hồ sơ' },
      ]),
    );
    const first = sheet.values.findIndex((row) => row[0] === 1);
    for (let r = first + 2; r < sheet.values.length; r++) sheet.values[r][0] = r - first + 1;
    const c = check({ sheets: [{ raw: sheet }] });
    expect(c.tables[0].rows).toHaveLength(2);
    expect(errorsOf(c)).toEqual([]);
  });
});

describe('more of what officers write', () => {
  test('a numbered group heading its sub-items is a group, not a task left empty; the items keep it', () => {
    const rows: RowSpec[] = [
      { stt: 1, nhiem_vu: 'Công tác tuyên truyền về cải cách hành chính' },
      { ...GOOD_PL02_ROW, stt: '1.1', nhiem_vu: 'Tuyên truyền trên Cổng thông tin điện tử' },
      { ...GOOD_PL02_ROW, stt: '1.2', nhiem_vu: 'Tổ chức hội nghị tuyên truyền' },
      { stt: 2, nhiem_vu: 'Rà soát thủ tục hành chính' },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows.map((r) => r.group ?? '')).toEqual([
      '1. Công tác tuyên truyền về cải cách hành chính',
      '1. Công tác tuyên truyền về cải cách hành chính',
      '',
    ]);
    // Item 2 has no children: it is a task, and its empty cells are real mistakes.
    const last = c.tables[0].rows[2].row + 1;
    expect(errorsOf(c)).toEqual([`value-required@PL02!D${last}`, `value-required@PL02!E${last}`, `value-required@PL02!F${last}`]);
  });

  test('a status of two paragraphs pasted as two rows: the remark in brackets continues it', () => {
    const rows: RowSpec[] = [
      { ...GOOD_PL02_ROW, stt: 1, tinh_trang: 'Đang thực hiện', ly_do: REASON },
      { cont: { tinh_trang: '(đạt 80%)' } },
      { ...GOOD_PL02_ROW, stt: 2 },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(2);
    expect(c.tables[0].rows[0].statuses.tinh_trang).toBe('DANG_TH');
    expect(errorsOf(c)).toEqual([]);
  });

  test('a continuation holding a number Excel made of a paragraph is still a continuation', () => {
    const rows: RowSpec[] = [
      { ...GOOD_PL02_ROW, stt: 1, san_pham: 'Quyết định số 12 ngày' },
      { cont: { san_pham: 44880 } },
      { ...GOOD_PL02_ROW, stt: 2 },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(2);
    expect(errorsOf(c)).toEqual([]);
  });

  test('"Tổng số nhiệm vụ" with its count is a total, not a task', () => {
    const rows: RowSpec[] = [
      { ...GOOD_PL02_ROW, stt: 1 },
      { ...GOOD_PL02_ROW, stt: 2, nhiem_vu: 'Số hóa hồ sơ' },
      { nhiem_vu: 'Tổng số nhiệm vụ', san_pham: 2 },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(2);
    expect(errorsOf(c)).toEqual([]);
  });

  test('"Trên đây là báo cáo…" ends the table: it joins no task', () => {
    const rows: RowSpec[] = [
      { ...GOOD_PL02_ROW, stt: 1 },
      { blank: true },
      { cont: { nhiem_vu: 'Trên đây là báo cáo kết quả thực hiện nhiệm vụ CCHC năm 2022 của Sở Tư pháp./.' } },
    ];
    const c = check([pl02(rows)]);
    expect(c.tables[0].rows).toHaveLength(1);
    expect(c.tables[0].rows[0].values.nhiem_vu).toBe(GOOD_PL02_ROW.nhiem_vu);
  });

  test('a timeframe followed by a remark in brackets', () => {
    const c = check([
      pl02([
        { ...GOOD_PL02_ROW, thoi_gian: 'Quý I/2022 (đã gia hạn)' },
        { ...GOOD_PL02_ROW, stt: 2, thoi_gian: '31/02/2022 (dự kiến)' },
      ]),
    ]);
    expect(errorsOf(c)).toEqual(['value-type@PL02!D8']);
  });

  test('two unnumbered models, each complete on its row, are two', () => {
    const rows: RowSpec[] = [
      { ten_mo_hinh: 'Mô hình "Ngày thứ Bảy vì dân"', don_vi_chu_tri: 'UBND huyện Can Lộc' },
      { ten_mo_hinh: 'Số hóa hồ sơ đất đai tại Bộ phận một cửa', don_vi_chu_tri: 'Phòng Tài nguyên và Môi trường' },
    ];
    const c = check([{ form: 'mo-hinh', letterhead: CAN_LOC, rows }], { fileName: 'Can Loc.xlsx' });
    expect(c.tables[0].rows).toHaveLength(2);
    expect(where(c)).toEqual([]);
  });

  test('a letterhead "UBND TỈNH HÀ TĨNH / VĂN PHÒNG" is the provincial People’s Committee’s office', () => {
    const c = check([pl02([GOOD_PL02_ROW], { letterhead: ['UBND TỈNH HÀ TĨNH', 'VĂN PHÒNG'] })], { fileName: 'bao cao.xlsx' });
    expect(c.unit.unit?.id).toBe('VPUB');
  });
});
