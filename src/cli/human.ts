/** What a person reads in the terminal after `phuluc validate`. */
import path from 'node:path';
import type { Lang } from '../core/report/catalogue';
import type { FileReport, ValidationReport } from '../core/report/report';

const T = {
  vi: {
    ok: 'ĐẠT',
    invalid: 'CÓ LỖI',
    unreadable: 'KHÔNG ĐỌC ĐƯỢC',
    unit: 'Đơn vị',
    unknownUnit: '(chưa xác định)',
    from: { stamp: 'theo dấu kiểm tra', cell: 'theo nội dung tệp', filename: 'theo tên tệp', none: '' },
    tables: 'Bảng',
    rows: 'dòng',
    part: 'mục',
    errors: 'lỗi',
    warnings: 'cảnh báo',
    fix: 'Cách sửa',
    total: (n: number, ok: number, bad: number, unreadable: number) =>
      `Tổng cộng ${n} tệp: ${ok} đạt, ${bad} có lỗi, ${unreadable} không đọc được.`,
    skipped: (n: number) => `Bỏ qua ${n} tệp không phải bảng tính Excel:`,
    consolidated: (n: number) => `Bỏ qua ${n} sổ tổng hợp do Phuluc tạo (không phải bài nộp của đơn vị):`,
    notFound: (n: number) => `Không tìm thấy ${n} tệp hoặc thư mục đã nêu (không tính vào tổng hợp):`,
    round: 'Đợt',
  },
  en: {
    ok: 'PASSED',
    invalid: 'ERRORS',
    unreadable: 'UNREADABLE',
    unit: 'Unit',
    unknownUnit: '(unknown)',
    from: { stamp: 'from the stamp', cell: 'from the workbook', filename: 'from the file name', none: '' },
    tables: 'Tables',
    rows: 'rows',
    part: 'part',
    errors: 'errors',
    warnings: 'warnings',
    fix: 'Fix',
    total: (n: number, ok: number, bad: number, unreadable: number) =>
      `${n} files: ${ok} passed, ${bad} with errors, ${unreadable} unreadable.`,
    skipped: (n: number) => `Skipped ${n} files that are not Excel workbooks:`,
    consolidated: (n: number) => `Skipped ${n} consolidated workbooks written by Phuluc (not a unit's submission):`,
    notFound: (n: number) => `${n} files or folders named were not found (not merged):`,
    round: 'Round',
  },
};

export function formatValidation(
  report: ValidationReport,
  lang: Lang,
  { skipped = [], consolidated = [], cwd = process.cwd() }: { skipped?: string[]; consolidated?: string[]; cwd?: string } = {},
): string {
  const tally = newTally();
  const files = report.files.map((f) => (count(tally, f), formatFile(f, lang, cwd))).join('');
  return files + formatTotals(tally, lang, skipped, consolidated, cwd);
}

export interface Tally {
  files: number;
  ok: number;
  unreadable: number;
}

export function newTally(): Tally {
  return { files: 0, ok: 0, unreadable: 0 };
}

export function count(tally: Tally, f: FileReport): void {
  tally.files++;
  if (f.status === 'ok') tally.ok++;
  if (f.status === 'unreadable') tally.unreadable++;
}

/** One file's lines, ending with an empty line: printed as soon as the file is checked. */
export function formatFile(f: FileReport, lang: Lang, cwd = process.cwd()): string {
  const t = T[lang];
  const out: string[] = [];
  const rel = path.isAbsolute(f.file) ? path.relative(cwd, f.file) : f.file;
  const errors = f.issues.filter((i) => i.severity === 'error').length;
  const warnings = f.issues.length - errors;
  const mark = f.status === 'ok' ? '✔' : '✘';
  out.push(`${mark} ${rel} — ${t[f.status]} (${errors} ${t.errors}, ${warnings} ${t.warnings})`);
  const unit = f.unit.name ? `${f.unit.name} (${f.unit.id}), ${t.from[f.unit.from]}` : t.unknownUnit;
  out.push(`  ${t.unit}: ${unit}${f.round ? ` · ${t.round}: ${f.round}` : ''}`);
  if (f.tables.length) {
    out.push(
      `  ${t.tables}: ${f.tables.map((x) => `${x.template.toUpperCase()}${x.part ? ` (${t.part} ${x.part})` : ''} "${x.sheet}"!${x.header} ${x.rows} ${t.rows}`).join('; ')}`,
    );
  }
  for (const i of f.issues) {
    const where = i.sheet ? `${i.sheet}${i.cell ? '!' + i.cell : ''}` : i.template ? i.template.toUpperCase() : '—';
    out.push(`  ${i.severity === 'error' ? '✘' : '⚠'} ${where.padEnd(12)} [${i.code}] ${i.message}`);
    out.push(`    ${' '.repeat(12)} → ${i.hint}`);
  }
  out.push('');
  return out.join('\n') + '\n';
}

/** What follows the files: those not checked, and the totals. */
export function formatTotals(tally: Tally, lang: Lang, skipped: string[], consolidated: string[], cwd = process.cwd()): string {
  const t = T[lang];
  const out = skippedLines(lang, skipped, consolidated, cwd);
  out.push(t.total(tally.files, tally.ok, tally.files - tally.ok - tally.unreadable, tally.unreadable));
  return out.join('\n') + '\n';
}

/** The files not checked, and why, for `validate` and `merge` alike. */
export function skippedLines(
  lang: Lang,
  skipped: string[],
  consolidated: string[],
  cwd = process.cwd(),
  notFound: string[] = [],
): string[] {
  const t = T[lang];
  const out: string[] = [];
  for (const [list, title] of [
    [notFound, t.notFound],
    [skipped, t.skipped],
    [consolidated, t.consolidated],
  ] as const) {
    if (!list.length) continue;
    out.push(title(list.length));
    for (const s of list) out.push(`  - ${path.relative(cwd, s) || s}`);
    out.push('');
  }
  return out;
}
