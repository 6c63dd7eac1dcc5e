/**
 * Regenerates samples/: realistic submissions of both built-in rounds, clean ones and ones with the
 * mistakes Sở Nội vụ sees every round. `npm run samples` (after `npm ci`).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWorkbook, gridToBytes, RowSpec, SheetSpec } from '../test/fixtures/builder';
import { moHinhRows, PL03_HEADER_AGAIN, pl01Rows, pl02Rows, pl03Rows } from '../test/fixtures/content';
import { encodeTcvn3 } from '../src/core/text/legacy';
import { builtinCatalog } from '../src/core/template/catalog';
import { validateWorkbook } from '../src/core/validate/validate-workbook';
import { STAMP_PROPERTY } from '../src/core/stamp/stamp';

const root = path.resolve(__dirname, '../../samples');
const letterhead = (unit: string) => ['UBND TỈNH HÀ TĨNH', unit.toUpperCase()];

function round2023(unit: string, seed: number, tweak: (sheets: SheetSpec[]) => void = () => undefined): SheetSpec[] {
  const sheets: SheetSpec[] = [
    { form: 'pl01', letterhead: letterhead(unit), twoRowHeader: true, numberRow: true, rows: pl01Rows({ seed, rows: 6 }) },
    { form: 'pl02', letterhead: letterhead(unit), numberRow: true, rows: pl02Rows({ seed: seed + 1, rows: 14, sections: true }) },
    {
      form: 'pl03',
      letterhead: letterhead(unit),
      above: [
        ['I. ĐÁNH GIÁ CHUNG KẾT QUẢ CCHC NĂM 2022'],
        ['Đơn vị đã triển khai cơ bản đầy đủ các nhiệm vụ theo kế hoạch.'],
        [],
        ['II. ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023'],
      ],
      rows: pl03Rows({ seed: seed + 2, rows: 6 }),
    },
    { form: 'pl04', letterhead: letterhead(unit), rows: pl03Rows({ seed: seed + 3, rows: 10, sections: true }) },
  ];
  tweak(sheets);
  return sheets;
}

function setRow(sheet: SheetSpec, dataIndex: number, changes: Record<string, unknown>): void {
  let n = -1;
  sheet.rows = sheet.rows.map((r): RowSpec => {
    if ('section' in r || 'blank' in r || 'total' in r) return r;
    n++;
    return n === dataIndex ? ({ ...r, ...changes } as RowSpec) : r;
  });
}

/**
 * When each unit last saved its workbook before sending it (what Excel writes in the file's own
 * properties): the receipt time of an unstamped file, whatever time the clerk's disk gives it.
 */
const SAVED: Record<string, string> = {
  'VP UBND tinh - Phu luc CCHC 2023.xlsx': '2022-11-15T08:10:00+07:00',
  'STC_phu luc.xlsx': '2022-11-17T15:40:00+07:00',
  'So TTTT.xlsx': '2022-11-15T16:55:00+07:00',
  'So KHCN - bao cao.xlsx': '2022-11-16T09:05:00+07:00',
  'So KH-DT (Excel 2003).xls': '2022-11-14T10:20:00+07:00',
};
const SAVED_DEFAULT: Record<string, string> = { 'kh-cchc-2023': '2022-11-15T09:00:00+07:00', 'mo-hinh-2023': '2023-03-22T09:00:00+07:00' };

function write(dir: string, name: string, sheets: SheetSpec[], opts: { xls?: boolean; stamp?: boolean; unit?: string } = {}): void {
  const grid = buildWorkbook({ sheets });
  grid.savedAt = new Date(SAVED[name] ?? SAVED_DEFAULT[path.basename(dir)]).toISOString();
  if (opts.stamp) {
    const check = validateWorkbook(grid, { catalog: builtinCatalog(), fileName: name });
    grid.customProps = {
      [STAMP_PROPERTY]: JSON.stringify({
        unit: opts.unit,
        round: check.round?.id ?? null,
        checkedAt: '2022-11-14T02:30:00.000Z',
        digest: check.digest,
        tool: 'phuluc 1.0.0',
      }),
    };
  }
  writeFileSync(path.join(dir, name), gridToBytes(grid, opts.xls ? 'biff8' : 'xlsx'));
}

function main(): void {
  rmSync(root, { recursive: true, force: true });
  const kh = path.join(root, 'kh-cchc-2023');
  const mh = path.join(root, 'mo-hinh-2023');
  mkdirSync(kh, { recursive: true });
  mkdirSync(mh, { recursive: true });

  // Round kh-cchc-2023: seven area-lead agencies are expected; Cục Thuế tỉnh has not sent.
  // Laid out as officers really send it, and clean: PL02's status ticked under "Tình trạng" with the
  // unit's line above the header, a task pasted from Word over three rows, statuses with remarks, a
  // non-breaking space left in a cell; PL03's part II under a repeated header; STT as formulas.
  write(
    kh,
    'VP UBND tinh - Phu luc CCHC 2023.xlsx',
    round2023('Văn phòng UBND tỉnh', 10, (s) => {
      s[1].ticks = {
        column: 'tinh_trang',
        options: ['Hoàn thành', 'Hoàn thành quá hạn', 'Thường xuyên', 'Đang thực hiện', 'Chưa hoàn thành'],
      };
      s[1].unitLine = 'Đơn vị báo cáo: Văn phòng UBND tỉnh';
      s[1].numberRow = false;
      s[1].wordPaste = 'merge-others';
      s[1].formulaIndexFill = 40;
      s[1].rows = s[1].rows.flatMap((r, i): RowSpec[] => {
        if ('section' in r || 'blank' in r || 'total' in r) return [r];
        const row = r as Record<string, unknown>;
        const status = row.tinh_trang === 'Đã hoàn thành' ? 'Hoàn thành' : String(row.tinh_trang);
        const out: RowSpec[] = [{ ...row, tinh_trang: status, san_pham: `${String(row.san_pham)}\u00A0` } as RowSpec];
        if (i === 2)
          out.push(
            { cont: { nhiem_vu: '- Rà soát, cập nhật quy trình nội bộ;', ket_qua: 'và công khai trên Cổng thông tin điện tử tỉnh' } },
            { cont: { nhiem_vu: '- Báo cáo kết quả về Sở Nội vụ.' } },
          );
        return out;
      });
      setRow(s[0], 0, { danh_gia: 'Đạt (vượt 2%)' });
      const pl03 = s[2];
      pl03.title = ['PHỤ LỤC 03', 'ĐỀ XUẤT MỤC TIÊU, NHIỆM VỤ CCHC NĂM 2023'];
      pl03.above = [['I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CCHC NĂM 2022']];
      pl03.rows = [
        ...pl03Rows({ seed: 13, rows: 3 }),
        { blank: true },
        { section: 'II.', title: 'ĐỀ XUẤT NHIỆM VỤ CCHC NĂM 2023', mergeTitle: false },
        PL03_HEADER_AGAIN,
        ...pl03Rows({ seed: 14, rows: 5 }),
      ];
    }),
  );
  write(kh, 'So Tu phap - PL01-04.xlsx', round2023('Sở Tư pháp', 20), { stamp: true, unit: 'STP' });
  write(
    kh,
    'STC_phu luc.xlsx',
    round2023('Sở Tài chính', 30, (s) => {
      setRow(s[1], 2, { tinh_trang: 'Đang thực hiện', ly_do: null });
      setRow(s[1], 5, { tinh_trang: 'Chưa hoàn thành', ly_do: '-', ghi_chu: 'Do chưa được bố trí kinh phí' });
      setRow(s[1], 7, { tinh_trang: 'Gần xong' });
      setRow(s[1], 9, { thoi_gian: '31/02/2022' });
      setRow(s[0], 1, { danh_gia: 'Không đạt', ly_do: 'Khách quan' });
      setRow(s[3], 3, { chu_tri: null });
    }),
  );
  write(
    kh,
    'So TTTT.xlsx',
    round2023('Sở Thông tin và Truyền thông', 40, (s) => {
      s.splice(2, 1); // PL03 forgotten
      s[0].headers = { ly_do: null }; // and the reason column deleted from PL01
      setRow(s[1], 4, { ket_qua: '#REF!' });
    }),
  );
  write(
    kh,
    'So KHCN - bao cao.xlsx',
    round2023('Sở Khoa học và Công nghệ', 50, (s) => {
      // Typed on an old machine with the .VnTime font.
      s[1].rows = s[1].rows.map((r) =>
        'section' in r || 'blank' in r || 'total' in r
          ? r
          : { ...r, nhiem_vu: encodeTcvn3(String((r as Record<string, unknown>).nhiem_vu)) },
      );
      s[0].headers = { chi_tieu: 'TÊN CHỈ TIÊU', danh_gia: 'Mức độ hoàn thành', de_xuat_2023: 'Dự kiến năm 2023' };
    }),
  );
  write(kh, 'So KH-DT (Excel 2003).xls', round2023('Sở Kế hoạch và Đầu tư', 60), { xls: true });
  writeFileSync(path.join(kh, 'Cuc Thue - gui nham.xlsx'), 'Kính gửi Sở Nội vụ, Cục Thuế xin gửi báo cáo theo đường công văn.\n');
  writeFileSync(path.join(kh, 'Ghi chu tiep nhan.txt'), 'Danh sách tệp nhận qua hệ thống quản lý văn bản, ngày 16/11/2022.\n');

  // Round mo-hinh-2023: every department and district registers breakthrough models.
  const mo = (unit: string, rows: number, seed: number, extra: Partial<SheetSpec> = {}): SheetSpec[] => [
    {
      form: 'mo-hinh',
      letterhead: letterhead(unit),
      title: ['ĐĂNG KÝ XÂY DỰNG MÔ HÌNH ĐỘT PHÁ TRONG CẢI CÁCH HÀNH CHÍNH NĂM 2023'],
      rows: moHinhRows({ seed, rows }, unit),
      ...extra,
    },
  ];
  write(mh, 'So Tu phap - mo hinh.xlsx', mo('Sở Tư pháp', 1, 1));
  // One model written over two rows as pasted from Word, the index merged over both: one model.
  write(mh, 'So Noi vu.xlsx', [
    {
      ...mo('Sở Nội vụ', 1, 2)[0],
      wordPaste: 'merge-index',
      rows: [
        { stt: 1, ten_mo_hinh: 'Mô hình "Chính quyền thân thiện,', don_vi_chu_tri: 'Sở Nội vụ' },
        { cont: { ten_mo_hinh: 'vì nhân dân phục vụ" tại Bộ phận một cửa' } },
        { stt: 2, ten_mo_hinh: 'Số hóa hồ sơ công chức, viên chức toàn tỉnh', don_vi_chu_tri: 'Sở Nội vụ\u200B' },
      ],
    },
  ]);
  write(mh, 'UBND huyen Can Loc.xlsx', mo('UBND huyện Can Lộc', 3, 3));
  // A district needs at least two: Hương Khê's single model runs over two rows and is still one.
  write(mh, 'Huong Khe.xlsx', [
    {
      ...mo('UBND huyện Hương Khê', 1, 4)[0],
      rows: [
        { stt: 1, ten_mo_hinh: 'Mô hình "Ngày thứ Bảy vì dân"', don_vi_chu_tri: 'UBND huyện Hương Khê' },
        { cont: { ten_mo_hinh: 'tại Bộ phận tiếp nhận và trả kết quả cấp huyện' } },
      ],
    },
  ]);
  write(
    mh,
    'TX Ky Anh - dang ky mo hinh.xlsx',
    mo('UBND thị xã Kỳ Anh', 2, 5, { headers: { ten_mo_hinh: 'Tên mô hình/sáng kiến/giải pháp', don_vi_chu_tri: 'Cơ quan chủ trì' } }),
  );
  write(mh, 'Ky Anh.xlsx', mo('UBND Kỳ Anh', 2, 6)); // huyện or thị xã? not guessed
  write(mh, 'So Y te.xls', mo('Sở Y tế', 2, 7), { xls: true });
  write(mh, 'Sheet1 (gui lai).xlsx', [{ ...mo('Sở Tài chính', 2, 8)[0], sheetName: 'Sheet1' }]);
  console.log(`samples written to ${path.relative(process.cwd(), root)}`);
}

main();
