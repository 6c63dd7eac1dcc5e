/**
 * Every issue code Phuluc reports, in one place: severity, title, message and hint in Vietnamese
 * and English. Codes are public (contracts.md) and never renamed or translated.
 */
import { quoteText } from './quote';
import type { UnreadableReason } from './unreadable';

export type Severity = 'error' | 'warning';
export type Lang = 'vi' | 'en';

export const ISSUE_CODES = [
  'file-unreadable',
  'template-not-found',
  'sheet-missing',
  'column-missing',
  'column-duplicate',
  'column-unknown',
  'value-required',
  'value-type',
  'value-not-allowed',
  'reason-missing',
  'reason-vague',
  'formula-error',
  'rows-too-few',
  'row-duplicate',
  'legacy-encoding',
  'unit-unknown',
  'stamp-stale',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values a message is built from, as a finding stores them: every field any code uses. */
export interface IssueParams {
  header?: string; // the column's canonical header
  found?: string; // the text found in the cell or header
  expected?: string; // what the column accepts
  allowed?: string; // allowed values, listed
  status?: string; // the status that demands a reason
  converted?: string; // legacy text converted to Unicode
  encoding?: string;
  form?: string; // form title
  count?: number;
  min?: number;
  kind?: 'department' | 'central' | 'locality';
  otherCell?: string; // the other cell/row concerned
  reason?: UnreadableReason;
  detail?: string;
  notesHasText?: boolean;
  typeKind?: 'number' | 'integer' | 'percent' | 'date' | 'timeframe' | 'date-impossible';
  ticks?: number; // how many sub-columns of a ticked status are marked
}

/** The parameters each code's message is built from: a check cannot pass another code's. */
export interface ParamsByCode {
  'file-unreadable': Pick<IssueParams, 'reason' | 'detail'>;
  'template-not-found': Record<string, never>;
  'sheet-missing': Pick<IssueParams, 'form'>;
  'column-missing': Pick<IssueParams, 'header'>;
  'column-duplicate': Pick<IssueParams, 'found' | 'header' | 'otherCell'>;
  'column-unknown': Pick<IssueParams, 'found'>;
  'value-required': Pick<IssueParams, 'header'>;
  'value-type': Pick<IssueParams, 'found' | 'header' | 'typeKind'>;
  'value-not-allowed': Pick<IssueParams, 'found' | 'header' | 'allowed' | 'ticks'>;
  'reason-missing': Pick<IssueParams, 'status' | 'found' | 'notesHasText'>;
  'reason-vague': Pick<IssueParams, 'found' | 'status'>;
  'formula-error': Pick<IssueParams, 'found'>;
  'rows-too-few': Pick<IssueParams, 'count' | 'min' | 'kind'>;
  'row-duplicate': Pick<IssueParams, 'otherCell'>;
  'legacy-encoding': Pick<IssueParams, 'found' | 'converted' | 'encoding'>;
  'unit-unknown': Record<string, never>;
  'stamp-stale': Record<string, never>;
}

interface Texts<C extends IssueCode> {
  title: string;
  /** What the code means, for docs/issue-codes.md and anyone scripting against the report. */
  description: string;
  message: (p: ParamsByCode[C]) => string;
  hint: (p: ParamsByCode[C]) => string;
}

interface Entry<C extends IssueCode> {
  severity: Severity;
  vi: Texts<C>;
  en: Texts<C>;
}

const q = (s: string | undefined) => `«${quoteText(s ?? '')}»`;

const UNREADABLE_VI: Record<UnreadableReason, string> = {
  empty: 'Tệp rỗng (0 byte).',
  'not-spreadsheet': 'Tệp không phải bảng tính Excel (có thể là tệp văn bản hoặc tệp khác bị đổi đuôi).',
  corrupt: 'Tệp Excel bị hỏng hoặc không đầy đủ, không đọc được.',
  'no-workbook': 'Tệp nén không chứa bảng tính Excel.',
  encrypted: 'Tệp được đặt mật khẩu, không đọc được.',
  'too-large': 'Tệp quá lớn hoặc giải nén ra quá lớn so với một phụ lục báo cáo.',
  'too-many-entries': 'Tệp chứa quá nhiều thành phần, không giống một bảng tính.',
  timeout: 'Đọc tệp mất quá nhiều thời gian, đã dừng.',
  'out-of-memory': 'Đọc tệp cần quá nhiều bộ nhớ, đã dừng.',
  'unsupported-format': 'Định dạng tệp chưa được hỗ trợ.',
  'io-error': 'Không mở được tệp (không tìm thấy tệp, hoặc không có quyền đọc).',
};
const UNREADABLE_EN: Record<UnreadableReason, string> = {
  empty: 'The file is empty (0 bytes).',
  'not-spreadsheet': 'The file is not an Excel workbook (perhaps a text or other file renamed).',
  corrupt: 'The Excel file is damaged or incomplete and cannot be read.',
  'no-workbook': 'The archive holds no Excel workbook.',
  encrypted: 'The file is password-protected and cannot be read.',
  'too-large': 'The file, or what it inflates to, is too large for a report form.',
  'too-many-entries': 'The file holds too many parts to be a workbook.',
  timeout: 'Reading the file took too long and was stopped.',
  'out-of-memory': 'Reading the file needed too much memory and was stopped.',
  'unsupported-format': 'This file format is not supported.',
  'io-error': 'The file could not be opened.',
};
const UNREADABLE_HINT_VI: Partial<Record<UnreadableReason, string>> = {
  encrypted: 'Đề nghị đơn vị gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại.',
  'unsupported-format': 'Mở tệp bằng Excel và lưu lại dưới dạng .xlsx.',
};
const UNREADABLE_HINT_EN: Partial<Record<UnreadableReason, string>> = {
  encrypted: 'Ask the unit to remove the password (File → Info → Protect Workbook) and send it again.',
  'unsupported-format': 'Open the file in Excel and save it as .xlsx.',
};

const TYPE_VI: Record<NonNullable<IssueParams['typeKind']>, string> = {
  number: 'một số',
  integer: 'một số nguyên',
  percent: 'một tỷ lệ phần trăm',
  date: 'một ngày (ngày/tháng/năm)',
  timeframe: 'một thời hạn (ví dụ 15/11/2022, Tháng 6/2023, Quý II/2023, Năm 2023, Thường xuyên)',
  'date-impossible': 'một ngày có thật',
};
const TYPE_EN: Record<NonNullable<IssueParams['typeKind']>, string> = {
  number: 'a number',
  integer: 'a whole number',
  percent: 'a percentage',
  date: 'a date (day/month/year)',
  timeframe: 'a timeframe (e.g. 15/11/2022, Tháng 6/2023, Quý II/2023, Năm 2023, Thường xuyên)',
  'date-impossible': 'a date that exists',
};

export const CATALOGUE: { [C in IssueCode]: Entry<C> } = {
  'file-unreadable': {
    severity: 'error',
    vi: {
      title: 'Không đọc được tệp',
      description:
        'Tệp không phải bảng tính, bị hỏng, có mật khẩu, quá lớn hoặc ở định dạng chưa đọc được; thông báo nói rõ lý do. Các tệp khác của đợt vẫn được xử lý.',
      message: (p) => (p.reason ? UNREADABLE_VI[p.reason] : 'Không đọc được tệp.'),
      hint: (p) =>
        (p.reason && UNREADABLE_HINT_VI[p.reason]) ||
        'Mở tệp bằng Excel, kiểm tra nội dung và lưu lại dưới dạng .xlsx; nếu không mở được, đề nghị đơn vị gửi lại.',
    },
    en: {
      title: 'File unreadable',
      description:
        'Not a spreadsheet, corrupt, encrypted, too large, or a format not read; the message says which. The rest of the batch goes on.',
      message: (p) => (p.reason ? UNREADABLE_EN[p.reason] : 'The file cannot be read.') + (p.detail ? ` (${quoteText(p.detail)})` : ''),
      hint: (p) =>
        (p.reason && UNREADABLE_HINT_EN[p.reason]) ||
        'Open the file in Excel, check it and save it as .xlsx; if it does not open, ask the unit to send it again.',
    },
  },
  'template-not-found': {
    severity: 'error',
    vi: {
      title: 'Không nhận ra phụ lục',
      description: 'Không trang tính nào trong tệp có dòng tiêu đề cột của một phụ lục đã biết.',
      message: () => 'Không tìm thấy bảng của phụ lục nào trong tệp.',
      hint: () => 'Giữ nguyên dòng tiêu đề cột của phụ lục (ví dụ "TT", "Nhiệm vụ", "Tình trạng"...) như mẫu gửi kèm công văn.',
    },
    en: {
      title: 'No form recognised',
      description: 'No sheet of the workbook has the header row of a known form.',
      message: () => 'No table of any known form was found in the workbook.',
      hint: () => 'Keep the form’s header row (e.g. "TT", "Nhiệm vụ", "Tình trạng") as in the template sent with the letter.',
    },
  },
  'sheet-missing': {
    severity: 'error',
    vi: {
      title: 'Thiếu phụ lục',
      description: 'Tệp có một số phụ lục của đợt báo cáo nhưng thiếu phụ lục được nêu; `template` là mã phụ lục thiếu.',
      message: (p) => `Thiếu ${p.form ?? 'một phụ lục'} mà đợt báo cáo này yêu cầu.`,
      hint: () => 'Bổ sung phụ lục này vào tệp (một trang tính riêng) trước khi gửi.',
    },
    en: {
      title: 'Form missing',
      description: 'The workbook holds some forms of the round but not the one named; `template` is the missing form.',
      message: (p) => `${p.form ?? 'A form'} required by this round is missing.`,
      hint: () => 'Add this form to the workbook (a sheet of its own) before sending.',
    },
  },
  'column-missing': {
    severity: 'error',
    vi: {
      title: 'Thiếu cột',
      description: 'Bảng thiếu một cột bắt buộc của mẫu; `cell` là ô đầu dòng tiêu đề.',
      message: (p) => `Thiếu cột bắt buộc ${q(p.header)}.`,
      hint: (p) => `Thêm cột ${q(p.header)} vào bảng, giữ đúng tên cột như mẫu.`,
    },
    en: {
      title: 'Column missing',
      description: 'A required column of the form has no header; `cell` is the first cell of the header row.',
      message: (p) => `Required column ${q(p.header)} is missing.`,
      hint: (p) => `Add the column ${q(p.header)} to the table, named as in the template.`,
    },
  },
  'column-duplicate': {
    severity: 'error',
    vi: {
      title: 'Cột bị trùng',
      description: 'Hai tiêu đề cùng chỉ một cột của mẫu. Các cột con đánh dấu (x) dưới "Tình trạng" không bị tính là trùng.',
      message: (p) => `Cột ${q(p.found)} trùng với cột ${q(p.header)} ở ${p.otherCell ?? 'trước'}.`,
      hint: () => 'Xóa cột thừa hoặc đổi tên cho đúng nội dung.',
    },
    en: {
      title: 'Duplicate column',
      description: 'Two headers name the same column of the form. Tick sub-columns under a status group are not duplicates.',
      message: (p) => `Column ${q(p.found)} repeats column ${q(p.header)} at ${p.otherCell ?? 'an earlier cell'}.`,
      hint: () => 'Delete the extra column or rename it to what it holds.',
    },
  },
  'column-unknown': {
    severity: 'warning',
    vi: {
      title: 'Cột không có trong mẫu',
      description: 'Tiêu đề cột không có trong mẫu; dữ liệu của cột vẫn được giữ khi tổng hợp.',
      message: (p) => `Cột ${q(p.found)} không có trong mẫu.`,
      hint: () => 'Dữ liệu của cột này vẫn được giữ khi tổng hợp (ở phần "Cột khác"); nếu là cột của mẫu, sửa lại tên cột.',
    },
    en: {
      title: 'Unknown column',
      description: 'A header the form does not know; its data is kept when merging.',
      message: (p) => `Column ${q(p.found)} is not part of the form.`,
      hint: () => 'Its data is kept when merging (under "Cột khác"); if it is a form column, correct its name.',
    },
  },
  'value-required': {
    severity: 'error',
    vi: {
      title: 'Ô bắt buộc bị trống',
      description:
        'Ô bắt buộc để trống (kể cả ô chỉ có dấu cách hoặc ký tự vô hình). Với tình trạng đánh dấu (x), không cột con nào được đánh dấu.',
      message: (p) => `Chưa nhập ${q(p.header)}.`,
      hint: (p) => `Nhập nội dung vào cột ${q(p.header)} cho dòng này.`,
    },
    en: {
      title: 'Required cell empty',
      description:
        'A required cell is empty (spaces and invisible characters count as empty). For a ticked status, no sub-column is marked.',
      message: (p) => `${q(p.header)} is empty.`,
      hint: (p) => `Fill in ${q(p.header)} for this row.`,
    },
  },
  'value-type': {
    severity: 'error',
    vi: {
      title: 'Giá trị không đọc được',
      description: 'Không đọc được là số, tỷ lệ, ngày hoặc thời hạn như cột yêu cầu, hoặc ngày không có thật (31/02).',
      message: (p) =>
        p.typeKind === 'date-impossible'
          ? `Ngày ${q(p.found)} không tồn tại.`
          : `${q(p.found)} không phải là ${TYPE_VI[p.typeKind ?? 'number']}.`,
      hint: (p) =>
        p.typeKind === 'date-impossible'
          ? 'Kiểm tra lại ngày, tháng (ngày/tháng/năm).'
          : `Cột ${q(p.header)} cần ${TYPE_VI[p.typeKind ?? 'number']}.`,
    },
    en: {
      title: 'Unreadable value',
      description: 'Not readable as the number, percentage, date or timeframe the column needs, or a date that does not exist (31/02).',
      message: (p) =>
        p.typeKind === 'date-impossible'
          ? `The date ${q(p.found)} does not exist.`
          : `${q(p.found)} is not ${TYPE_EN[p.typeKind ?? 'number']}.`,
      hint: (p) =>
        p.typeKind === 'date-impossible'
          ? 'Check the day and month (day/month/year).'
          : `Column ${q(p.header)} needs ${TYPE_EN[p.typeKind ?? 'number']}.`,
    },
  },
  'value-not-allowed': {
    severity: 'error',
    vi: {
      title: 'Giá trị không hợp lệ',
      description:
        'Không phải giá trị được phép của cột sau khi chuẩn hóa (chấp nhận cách viết khác và ghi chú sau tình trạng); với tình trạng đánh dấu, có từ hai ô được đánh dấu.',
      message: (p) =>
        p.ticks
          ? `Đánh dấu ${p.ticks} lựa chọn cùng lúc ở cột ${q(p.header)}: ${q(p.found)}.`
          : `${q(p.found)} không phải là giá trị được phép của cột ${q(p.header)}.`,
      hint: (p) => (p.ticks ? 'Chỉ đánh dấu một lựa chọn cho mỗi dòng.' : `Chọn một trong: ${p.allowed ?? ''}.`),
    },
    en: {
      title: 'Value not allowed',
      description:
        'Not an allowed value after normalisation (other accepted spellings and a remark after the status are read); for a ticked status, two or more marks.',
      message: (p) =>
        p.ticks
          ? `${p.ticks} options are marked under ${q(p.header)}: ${q(p.found)}.`
          : `${q(p.found)} is not an allowed value of ${q(p.header)}.`,
      hint: (p) => (p.ticks ? 'Mark one option per row.' : `Use one of: ${p.allowed ?? ''}.`),
    },
  },
  'reason-missing': {
    severity: 'error',
    vi: {
      title: 'Thiếu lý do',
      description: 'Tình trạng chưa hoàn thành nhưng ô lý do trống hoặc chỉ có ký hiệu (-, x, ..., không).',
      // "(chưa hoàn thành)" explains a status in other words, never repeats one that says it already.
      message: (p) => `Nội dung ${q(p.status)}${/chưa hoàn thành/i.test(p.status ?? '') ? '' : ' (chưa hoàn thành)'} nhưng chưa nêu lý do.`,
      hint: (p) =>
        p.notesHasText
          ? 'Ghi rõ lý do cụ thể vào cột Lý do (có thể lý do đang ghi ở cột Ghi chú — chuyển sang cột Lý do).'
          : 'Ghi rõ lý do cụ thể vào cột Lý do, theo yêu cầu của công văn.',
    },
    en: {
      title: 'Reason missing',
      description: 'The status is not complete and the reason cell is empty or only a placeholder (-, x, ..., không).',
      message: (p) => `Marked ${q(p.status)} (not completed) but no reason is given.`,
      hint: (p) =>
        p.notesHasText
          ? 'Give a specific reason in the Reason column (it may have been written under Notes — move it).'
          : 'Give a specific reason in the Reason column, as the letter requires.',
    },
  },
  'reason-vague': {
    severity: 'warning',
    vi: {
      title: 'Lý do chưa cụ thể',
      description: 'Có lý do nhưng chưa cụ thể: quá ngắn, chỉ là câu chung chung hoặc nhắc lại tình trạng.',
      message: (p) => `Lý do ${q(p.found)} chưa cụ thể.`,
      hint: () => 'Nêu rõ nguyên nhân cụ thể (vướng mắc gì, ở khâu nào, do đâu) — công văn yêu cầu "nêu rõ lý do cụ thể".',
    },
    en: {
      title: 'Reason not specific',
      description: 'A reason is given but is not specific: too short, a stock phrase alone, or the status again.',
      message: (p) => `The reason ${q(p.found)} is not specific.`,
      hint: () => 'State the concrete cause (what blocked it, where, why) — the letter asks for a specific reason.',
    },
  },
  'formula-error': {
    severity: 'error',
    vi: {
      title: 'Lỗi công thức',
      description: 'Ô chứa giá trị lỗi của Excel (#REF!, #VALUE!, #DIV/0!, #N/A, #NAME?, #NUM!, #NULL!).',
      message: (p) => `Ô có giá trị lỗi ${quoteText(p.found ?? '')}.`,
      hint: () => 'Sửa công thức hoặc nhập giá trị trực tiếp.',
    },
    en: {
      title: 'Formula error',
      description: 'The cell holds an Excel error value (#REF!, #VALUE!, #DIV/0!, #N/A, #NAME?, #NUM!, #NULL!).',
      message: (p) => `The cell holds the error value ${quoteText(p.found ?? '')}.`,
      hint: () => 'Fix the formula or type the value in.',
    },
  },
  'rows-too-few': {
    severity: 'error',
    vi: {
      title: 'Chưa đủ số dòng',
      description: 'Ít nội dung hơn mức mẫu yêu cầu với loại đơn vị này (một nội dung dán thành nhiều dòng được tính một lần).',
      message: (p) => `Có ${p.count ?? 0} dòng; đơn vị ${p.kind ? UNIT_KIND_VI[p.kind] : ''} cần ít nhất ${p.min ?? 0}.`,
      hint: (p) => `Đăng ký đủ ít nhất ${p.min ?? 0} nội dung theo yêu cầu của công văn.`,
    },
    en: {
      title: 'Too few rows',
      description: 'Fewer items than the form requires of this kind of unit (an item pasted over several rows counts once).',
      message: (p) => `${p.count ?? 0} rows; ${p.kind ? UNIT_KIND_EN[p.kind] : 'this unit'} needs at least ${p.min ?? 0}.`,
      hint: (p) => `Register at least ${p.min ?? 0} items as the letter requires.`,
    },
  },
  'row-duplicate': {
    severity: 'warning',
    vi: {
      title: 'Dòng bị trùng',
      description: 'Một dòng lặp lại y hệt một dòng trước.',
      message: (p) => `Dòng này trùng hoàn toàn với dòng ${p.otherCell ?? ''}.`,
      hint: () => 'Xóa dòng trùng nếu nhập hai lần.',
    },
    en: {
      title: 'Duplicate row',
      description: 'An item repeats an earlier one exactly.',
      message: (p) => `This row repeats row ${p.otherCell ?? ''} exactly.`,
      hint: () => 'Delete the duplicate if it was entered twice.',
    },
  },
  'legacy-encoding': {
    severity: 'warning',
    vi: {
      title: 'Chữ mã cũ (TCVN3/VNI)',
      description: 'Chữ gõ bằng bảng mã cũ TCVN3 hoặc VNI; gợi ý có sẵn chữ đã chuyển sang Unicode.',
      message: (p) => `Chữ gõ bằng bảng mã ${p.encoding === 'vni' ? 'VNI' : 'TCVN3 (ABC)'}: ${q(p.found)}.`,
      hint: (p) => `Chuyển sang Unicode: ${q(p.converted)}.`,
    },
    en: {
      title: 'Legacy encoding (TCVN3/VNI)',
      description: 'Text typed in a legacy Vietnamese encoding (TCVN3/VNI); the hint gives the converted text.',
      message: (p) => `Text typed in the ${p.encoding === 'vni' ? 'VNI' : 'TCVN3 (ABC)'} encoding: ${q(p.found)}.`,
      hint: (p) => `Convert to Unicode: ${q(p.converted)}.`,
    },
  },
  'unit-unknown': {
    severity: 'warning',
    vi: {
      title: 'Không xác định được đơn vị',
      description: 'Không xác định được đơn vị gửi từ dấu kiểm tra, dòng "Đơn vị:", tiêu đề văn bản hay tên tệp.',
      message: () => 'Không xác định được đơn vị gửi báo cáo.',
      hint: () => 'Ghi tên đơn vị ở đầu phụ lục (ví dụ "SỞ TƯ PHÁP" dưới "UBND TỈNH HÀ TĨNH") hoặc đặt tên tệp theo tên đơn vị.',
    },
    en: {
      title: 'Unit unknown',
      description: 'The sender could not be identified from the stamp, a "Đơn vị:" line, the letterhead or the file name.',
      message: () => 'The submitting unit could not be identified.',
      hint: () => 'Put the unit’s name at the top of the form (e.g. "SỞ TƯ PHÁP" under "UBND TỈNH HÀ TĨNH") or name the file after it.',
    },
  },
  'stamp-stale': {
    severity: 'warning',
    vi: {
      title: 'Đã sửa sau khi kiểm tra',
      description: 'Tệp đã được sửa sau lần kiểm tra đạt gần nhất.',
      message: () => 'Tệp đã được sửa sau lần kiểm tra đạt gần nhất.',
      hint: () => 'Bấm Kiểm tra lại trước khi gửi.',
    },
    en: {
      title: 'Changed since checked',
      description: 'The workbook was changed after its last passing check.',
      message: () => 'The workbook was changed after its last passing check.',
      hint: () => 'Run the check again before sending.',
    },
  },
};

export function severityOf(code: IssueCode): Severity {
  return CATALOGUE[code].severity;
}

export function describe(code: IssueCode, params: IssueParams, lang: Lang): { title: string; message: string; hint: string } {
  // A stored finding's params were typed by its code when it was made (see `finding`).
  const t = CATALOGUE[code][lang] as Texts<IssueCode>;
  const p = params as ParamsByCode[IssueCode] & IssueParams;
  return { title: t.title, message: t.message(p as never), hint: t.hint(p as never) };
}

export const UNIT_KIND_VI = { department: 'sở, ban, ngành', central: 'cơ quan Trung ương', locality: 'cấp huyện' } as const;
export const UNIT_KIND_EN = { department: 'a department', central: 'a central agency', locality: 'a district-level unit' } as const;
