/**
 * Acceptance: each error code is found at the right sheet and cell.
 */
import { check, issues, where } from './helpers';
import { GOOD_PL02_ROW, pl01Rows, pl02Rows, pl03Rows, moHinhRows } from '../fixtures/content';
import { buildWorkbook, type RowSpec, type SheetSpec } from '../fixtures/builder';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
// Letterhead 2 rows + 2 title rows + 1 blank: header on row 6, data from row 7 (A=stt, B=nhiem_vu,
// C=san_pham, D=thoi_gian, E=ket_qua, F=tinh_trang, G=ly_do, H=ghi_chu).
const base = (): Record<string, string | number | null> => ({ ...GOOD_PL02_ROW });

function pl02(rows: RowSpec[], extra: Partial<SheetSpec> = {}): SheetSpec {
  return { form: 'pl02', letterhead: STP, rows, ...extra };
}

function one(changes: Record<string, string | number | null>) {
  return check([pl02([base(), { ...base(), stt: 2, nhiem_vu: 'Nhiệm vụ thứ hai được kiểm tra', ...changes }])], { template: undefined });
}

const errorsOf = (c: ReturnType<typeof check>) => where(c).filter((w) => !w.startsWith('sheet-missing'));

test('empty required cell', () => {
  expect(errorsOf(one({ ket_qua: null }))).toEqual(['value-required@PL02!E8']);
  expect(errorsOf(one({ nhiem_vu: '   ' }))).toEqual(['value-required@PL02!B8']);
});

test.each([
  '',
  '-',
  '--',
  'x',
  '...',
  '…',
  '…………………………',
  '. . . . . . . . . . . .',
  '/',
  '0',
  'không',
  'Không có',
  'KHÔNG  CÓ',
  'chưa',
  'k',
  'N/A',
])('missing or placeholder reason %p', (reason) => {
  expect(errorsOf(one({ tinh_trang: 'Đang thực hiện', ly_do: reason || null }))).toEqual(['reason-missing@PL02!G8']);
});

test.each([
  'Đang thực hiện',
  'Đang triển khai',
  'Chưa hoàn thành',
  'Quá hạn chưa hoàn thành',
  'Chưa thực hiện',
  'Không thực hiện',
  'Đề nghị bỏ',
])('every status that needs a reason: %p', (status) => {
  expect(errorsOf(one({ tinh_trang: status }))).toEqual(['reason-missing@PL02!G8']);
});

test('the hint points at Ghi chú when the reason was written there', () => {
  const c = one({ tinh_trang: 'Chưa hoàn thành', ghi_chu: 'Do chưa có kinh phí thực hiện năm 2022' });
  expect(issues(c).find((i) => i.code === 'reason-missing')?.hint).toMatch(/Ghi chú/);
});

test.each([
  'Khách quan',
  'Lý do khách quan',
  'do nhiều nguyên nhân',
  'Chưa kịp',
  'Đang thực hiện',
  'Chưa hoàn thành',
  'Không có lý do',
  'Vì lý do khách quan',
  'Do nhiều nguyên nhân khách quan',
  'Nguyên nhân khách quan và chủ quan',
  'Đang triển khai thực hiện',
  'Đang thực hiện, chưa hoàn thành',
  'Chưa hoàn thành theo kế hoạch',
  'Chưa kịp thực hiện',
  'Còn khó khăn, vướng mắc trong quá trình thực hiện',
  'Lý do khách quan, nguyên nhân khách quan',
])('vague reason %p is a warning', (reason) => {
  const c = one({ tinh_trang: 'Chưa hoàn thành', ly_do: reason });
  expect(where(c, 'warning')).toEqual(['reason-vague@PL02!G8']);
  expect(where(c, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
});

test.each([
  'Phần mềm của tỉnh chưa kết nối được với Cổng dịch vụ công quốc gia',
  'Do chưa được bố trí kinh phí năm 2022',
  'Chưa hoàn thành do thiếu biên chế công chức',
  'Đang chờ Bộ Nội vụ hướng dẫn',
  'Đang thực hiện theo đúng tiến độ kế hoạch',
  'Cơ quan chủ quản chưa hoàn thành',
])('a specific reason passes: %p', (reason) => {
  const c = one({ tinh_trang: 'Chưa hoàn thành', ly_do: reason });
  expect(where(c).filter((w) => !w.startsWith('sheet-missing'))).toEqual([]);
});

test('PL01: a target not reached needs a reason too', () => {
  const rows = pl01Rows({ seed: 2, rows: 3, incompleteShare: 0 });
  (rows[1] as Record<string, unknown>).danh_gia = 'Không đạt';
  (rows[1] as Record<string, unknown>).ly_do = null;
  const c = check([{ form: 'pl01', letterhead: STP, rows }]);
  expect(errorsOf(c)).toEqual(['reason-missing@PL01!G8']);
});

test('a status outside the allowed values', () => {
  const c = one({ tinh_trang: 'Gần xong' });
  expect(errorsOf(c)).toEqual(['value-not-allowed@PL02!F8']);
  expect(issues(c)[0]).toBeDefined();
  expect(issues(c).find((i) => i.code === 'value-not-allowed')?.hint).toContain('Hoàn thành; Hoàn thành nhưng chậm tiến độ');
});

test('an impossible date and an unreadable timeframe', () => {
  expect(errorsOf(one({ thoi_gian: '31/02/2022' }))).toEqual(['value-type@PL02!D8']);
  expect(errorsOf(one({ thoi_gian: '15/13/2022' }))).toEqual(['value-type@PL02!D8']);
  expect(errorsOf(one({ thoi_gian: 'sớm nhất có thể' }))).toEqual(['value-type@PL02!D8']);
  expect(errorsOf(one({ thoi_gian: 'Tháng 13/2022' }))).toEqual(['value-type@PL02!D8']);
  expect(errorsOf(one({ thoi_gian: 'Trước 31/02' }))).toEqual(['value-type@PL02!D8']);
  // "6/23" is no impossible date, just a year written short: the timeframe message, not the date one.
  const short = issues(one({ thoi_gian: 'Tháng 6/23' })).find((i) => i.code === 'value-type');
  expect(short?.message).not.toMatch(/không (tồn tại|có thật)/);
  expect(errorsOf(one({ thoi_gian: 'Quý V/2022' }))).toEqual(['value-type@PL02!D8']);
  const msg = issues(one({ thoi_gian: '31/02/2022' })).find((i) => i.code === 'value-type')?.message;
  expect(msg).toContain('31/02/2022');
});

test.each(['#REF!', '#VALUE!', '#DIV/0!', '#N/A', '#NAME?', '#NUM!', '#NULL!'])('error value %s', (err) => {
  expect(errorsOf(one({ ket_qua: err }))).toEqual(['formula-error@PL02!E8']);
  expect(errorsOf(one({ ghi_chu: err }))).toEqual(['formula-error@PL02!H8']);
});

test('a required column removed', () => {
  const c = check([pl02([base()], { headers: { tinh_trang: null } })]);
  expect(errorsOf(c)).toEqual(['column-missing@PL02!A6']);
  expect(issues(c).find((i) => i.code === 'column-missing')?.column).toBe('tinh_trang');
});

test('two headers naming one column', () => {
  const c = check([pl02([base()], { extraColumns: [{ header: 'Tiến độ', values: ['Hoàn thành'] }] })]);
  expect(errorsOf(c)).toEqual(['column-duplicate@PL02!I6']);
});

test("a round's form missing", () => {
  const c = check([
    pl02(pl02Rows({ seed: 1, rows: 4 })),
    { form: 'pl01', rows: pl01Rows({ seed: 1, rows: 3 }) },
    { form: 'pl04', rows: pl03Rows({ seed: 1, rows: 3 }) },
  ]);
  expect(where(c)).toEqual(['sheet-missing@#pl03']);
  expect(issues(c)[0].template).toBe('pl03');
});

test('too few models for a district, enough for a department', () => {
  const district = check([
    {
      form: 'mo-hinh',
      letterhead: ['UBND TỈNH HÀ TĨNH', 'UBND HUYỆN HƯƠNG KHÊ'],
      rows: moHinhRows({ seed: 1, rows: 1 }, 'UBND huyện Hương Khê'),
    },
  ]);
  expect(where(district)).toEqual(['rows-too-few@Mô hình#mo-hinh']);
  const dept = check([{ form: 'mo-hinh', letterhead: STP, rows: moHinhRows({ seed: 1, rows: 1 }, 'Sở Tư pháp') }]);
  expect(where(dept)).toEqual([]);
});

test('a copied model or a row of dashes does not make up a district’s two models', () => {
  const head = ['UBND TỈNH HÀ TĨNH', 'UBND HUYỆN HƯƠNG KHÊ'];
  const [model] = moHinhRows({ seed: 2, rows: 1 }, 'UBND huyện Hương Khê') as Record<string, unknown>[];
  const dashes = Object.fromEntries(Object.keys(model).map((k) => [k, k === 'stt' ? 2 : '-']));
  const copied = check([{ form: 'mo-hinh', letterhead: head, rows: [model, { ...model, stt: 2 }] as RowSpec[] }]);
  const padded = check([{ form: 'mo-hinh', letterhead: head, rows: [model, dashes] as RowSpec[] }]);
  for (const c of [copied, padded]) {
    expect(where(c, 'error')).toEqual(['rows-too-few@Mô hình#mo-hinh']);
    expect(issues(c).find((i) => i.code === 'rows-too-few')?.message).toContain('Có 1 dòng');
  }
  const two = check([{ form: 'mo-hinh', letterhead: head, rows: moHinhRows({ seed: 2, rows: 2 }, 'UBND huyện Hương Khê') }]);
  expect(where(two, 'error')).toEqual([]);
});

test('a duplicated row is a warning on the second copy', () => {
  const c = check([pl02([base(), { ...base(), stt: 2 }])]);
  expect(where(c, 'warning')).toEqual(['row-duplicate@PL02!A8']);
});

test('no form at all', () => {
  const c = check(
    {
      sheets: [
        {
          raw: {
            name: 'Sheet1',
            visibility: 'visible',
            merges: [],
            values: [
              ['Họ tên', 'Ngày sinh'],
              ['Nguyễn Văn A', '1/1/1990'],
            ],
          },
        },
      ],
    },
    { fileName: 'ds.xlsx' },
  );
  expect(where(c)).toEqual(['template-not-found@', 'unit-unknown@'].map((s) => s));
});

test('unknown unit', () => {
  const c = check([pl02([base()], { letterhead: ['UBND TỈNH HÀ TĨNH'] })], { fileName: 'bao cao.xlsx' });
  expect(where(c, 'warning')).toEqual(['unit-unknown@']);
  expect(c.unit.from).toBe('none');
});

describe('rows that look like sections, totals or signatures but are tasks', () => {
  test('an unfilled task whose name mentions a reform area is still a task, and its empty cells are found', () => {
    const c = check([
      pl02([
        { section: 'I', title: 'CẢI CÁCH THỂ CHẾ' },
        base(),
        { stt: 2, nhiem_vu: 'Tổ chức rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành' },
        { section: 'II', title: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH' },
        { stt: 1, nhiem_vu: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính' },
        { stt: 2, nhiem_vu: 'Tuyên truyền CCHC trên Cổng thông tin điện tử của Sở' },
      ]),
    ]);
    expect(c.tables[0].rows.map((r) => r.row + 1)).toEqual([8, 9, 11, 12]);
    expect(c.tables[0].rows.map((r) => r.area?.code)).toEqual(['THECHE', 'THECHE', 'TTHC', 'TTHC']);
    for (const row of [9, 11, 12]) {
      expect(errorsOf(c)).toEqual(expect.arrayContaining([`value-required@PL02!E${row}`, `value-required@PL02!F${row}`]));
    }
  });

  test.each([
    [{ stt: 1, nhiem_vu: 'Cải cách thủ tục hành chính' }, 'TTHC'],
    [{ stt: '1.', nhiem_vu: 'Cải cách thủ tục hành chính' }, 'TTHC'],
    [{ stt: null, nhiem_vu: 'CẢI CÁCH TTHC' }, 'TTHC'],
    [{ stt: null, nhiem_vu: 'II. CẢI CÁCH TTHC' }, 'TTHC'],
    [{ stt: 2, nhiem_vu: 'CẢI CÁCH TTHC' }, 'TTHC'],
    [{ stt: null, nhiem_vu: 'Lĩnh vực cải cách thể chế' }, 'THECHE'],
    [{ stt: null, nhiem_vu: 'A. NHIỆM VỤ KHÁC' }, ''],
  ])('a section row %p names its area for the rows below', (section, code) => {
    const c = check([pl02([section as RowSpec, base(), { ...base(), stt: 2, nhiem_vu: 'Nhiệm vụ thứ hai được kiểm tra' }])]);
    expect(c.tables[0].rows.map((r) => r.area?.code ?? null)).toEqual([code, code]);
    expect(errorsOf(c)).toEqual([]);
  });

  test.each([
    ['Rà soát thủ tục hành chính', 2],
    ['Tuyên truyền CCHC', 2],
    ['Giao quyền tự chủ tài chính', '2'],
  ])('a numbered task %p with only its name is still a task, its empty cells found', (task, stt) => {
    const c = check([pl02([base(), { stt, nhiem_vu: task }, { ...base(), stt: 3, nhiem_vu: 'Nhiệm vụ thứ ba được kiểm tra' }])]);
    expect(c.tables[0].rows).toHaveLength(3);
    expect(errorsOf(c)).toEqual(expect.arrayContaining(['value-required@PL02!E8', 'value-required@PL02!F8']));
  });

  test('a numbered task merged across the row is a task, not a section', () => {
    const grid = buildWorkbook({
      sheets: [
        pl02([
          { section: 'I', title: 'CẢI CÁCH THỂ CHẾ' },
          base(),
          { stt: 2, nhiem_vu: 'Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ, công chức' },
          { ...base(), stt: 3, nhiem_vu: 'Nhiệm vụ thứ ba được kiểm tra' },
        ]),
      ],
    });
    const sheet = grid.sheets[0];
    const taskRow = sheet.values.findIndex((r) => typeof r[1] === 'string' && r[1].startsWith('Tập huấn'));
    sheet.merges.push({ r0: taskRow, c0: 1, r1: taskRow, c1: 7 });
    const c = check({ sheets: [{ raw: sheet }] });
    expect(c.tables[0].rows.map((r) => r.area?.code)).toEqual(['THECHE', 'THECHE', 'THECHE']);
  });

  test.each([
    ['GIÁM ĐỐC SỞ CHỦ TRÌ ĐỐI THOẠI VỚI DOANH NGHIỆP VỀ THỦ TỤC HÀNH CHÍNH'],
    ['Giám đốc Sở đối thoại (với doanh nghiệp, người dân về thủ tục hành chính)'],
    ['Chủ tịch UBND huyện tiếp dân (định kỳ hằng tháng theo quy định)'],
  ])('a task row %p that starts like a signer line does not end the table', (task) => {
    const c = check([
      pl02([
        base(),
        { stt: null, nhiem_vu: task, san_pham: 'Hội nghị', thoi_gian: 'Quý III/2022' },
        { ...base(), stt: 3, nhiem_vu: 'Nhiệm vụ thứ ba được kiểm tra' },
        { ...base(), stt: 4, nhiem_vu: 'Nhiệm vụ thứ tư được kiểm tra' },
      ]),
    ]);
    expect(c.tables[0].rows).toHaveLength(4);
  });

  test('a task starting with "Tổng…" or "Công…" is not a total row', () => {
    const c = check([
      pl02([
        base(),
        { ...base(), stt: null, nhiem_vu: 'Tổng kết công tác CCHC năm 2022', tinh_trang: 'Chưa thực hiện' },
        { ...base(), stt: null, nhiem_vu: 'Công khai TTHC trên Cổng DVC', tinh_trang: 'Chưa hoàn thành', ly_do: '-' },
        { stt: null, nhiem_vu: 'Tổng cộng', san_pham: 3 },
      ]),
    ]);
    expect(c.tables[0].rows).toHaveLength(3);
    expect(errorsOf(c)).toEqual(['reason-missing@PL02!G8', 'reason-missing@PL02!G9']);
  });

  test.each([
    'Tổng cộng',
    'TỔNG CỘNG:',
    'Tổng số',
    'Cộng',
    'Tổng cộng (I+II+III)',
    'Tổng: 12',
    'Tong cong',
    'Tổng số 15 nhiệm vụ',
    'Cộng 15 nhiệm vụ',
    'Tổng cộng 15 chỉ tiêu',
  ])('%p is a total row', (label) => {
    const c = check([pl02([base(), { stt: null, nhiem_vu: label, san_pham: 12 }])]);
    expect(c.tables[0].rows).toHaveLength(1);
    expect(errorsOf(c)).toEqual([]);
  });

  test.each([
    'PHÓ GIÁM ĐỐC SỞ TƯ PHÁP HÀ TĨNH',
    'KT. GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
    'KT. CHỦ TỊCH UBND HUYỆN CAN LỘC',
    'THỦ TRƯỞNG ĐƠN VỊ\n(Ký tên, đóng dấu)',
    'Người lập biểu\n(Ký, ghi rõ họ tên)',
  ])('the signer line %p ends the table', (signer) => {
    const c = check([pl02([base(), { blank: true }, { stt: null, ly_do: signer }, { stt: null, ly_do: 'Nguyễn Văn An' }])]);
    expect(c.tables[0].rows).toHaveLength(1);
    expect(errorsOf(c)).toEqual([]);
  });

  test.each([
    [
      'three signers, their (Ký…) line, their names',
      [
        { stt: null, nhiem_vu: 'NGƯỜI LẬP BIỂU', tinh_trang: 'KẾ TOÁN TRƯỞNG', ly_do: 'THỦ TRƯỞNG ĐƠN VỊ' },
        { stt: null, nhiem_vu: '(Ký, ghi rõ họ tên)', tinh_trang: '(Ký, ghi rõ họ tên)', ly_do: '(Ký, ghi rõ họ tên)' },
        { stt: null, nhiem_vu: 'Trần Thị Bình', tinh_trang: 'Lê Văn Cường', ly_do: 'Nguyễn Văn An' },
      ],
    ],
    [
      'a signer, then another table',
      [
        { stt: null, ly_do: 'KT. GIÁM ĐỐC' },
        { stt: null, ly_do: 'PHÓ GIÁM ĐỐC' },
        { stt: null, nhiem_vu: 'BIỂU 2: DANH SÁCH CÁN BỘ ĐẦU MỐI' },
        { stt: 'TT', nhiem_vu: 'Họ và tên', san_pham: 'Chức vụ', thoi_gian: 'Điện thoại' },
        { stt: 1, nhiem_vu: 'Nguyễn Văn An', san_pham: 'Chuyên viên', thoi_gian: '0912345678' },
      ],
    ],
    [
      'a signer, then numbered notes',
      [
        { stt: null, ly_do: 'GIÁM ĐỐC' },
        { stt: null, nhiem_vu: 'Ghi chú:' },
        { stt: 1, nhiem_vu: 'Số liệu tính đến ngày 10/11/2022' },
      ],
    ],
  ])('the signature block ends the table: %s', (_name, tail) => {
    const c = check([pl02([base(), { blank: true }, ...(tail as RowSpec[])])]);
    expect(c.tables[0].rows).toHaveLength(1);
    expect(errorsOf(c)).toEqual([]);
  });

  test('a task starting with "Giám đốc…" does not end the table', () => {
    const c = check([
      pl02([
        base(),
        { stt: null, nhiem_vu: 'Giám đốc Sở đối thoại với doanh nghiệp về TTHC', thoi_gian: 'Quý III/2022', tinh_trang: 'Chưa thực hiện' },
        { ...base(), stt: 2, thoi_gian: '31/02/2022' },
      ]),
    ]);
    expect(c.tables[0].rows).toHaveLength(3);
    expect(errorsOf(c)).toEqual(expect.arrayContaining(['reason-missing@PL02!G8', 'value-type@PL02!D9']));
  });

  test('a signature block and a total typed in TCVN3 end the table and count nothing', async () => {
    const { encodeTcvn3 } = await import('../../src/core/text/legacy');
    const c = check([
      pl02([
        base(),
        { stt: null, nhiem_vu: encodeTcvn3('Tổng cộng'), san_pham: 1 },
        { blank: true },
        { stt: null, ly_do: encodeTcvn3('Hà Tĩnh, ngày 14 tháng 11 năm 2022') },
        { stt: null, ly_do: encodeTcvn3('GIÁM ĐỐC') },
        { stt: null, ly_do: encodeTcvn3('Nguyễn Văn An') },
      ]),
    ]);
    expect(c.tables[0].rows).toHaveLength(1);
    expect(errorsOf(c)).toEqual([]);
  });
});
