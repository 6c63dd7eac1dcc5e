/**
 * What the clerk writes back to each unit (the Phản hồi sheet, the pane's "Sao chép", the command
 * line's --feedback files): a greeting naming the round and the letter, then each problem as
 * "Phụ lục 02, ô G9: …" with how to fix it, errors before warnings, grouped by form; and to each
 * expected unit that has not sent, the deadline.
 */
import { a1 } from '../grid/address';
import { describe, Lang } from '../report/catalogue';
import type { Finding } from '../report/issue';
import type { Template } from '../template/catalog';
import type { RoundDef } from '../template/schema';

export interface FeedbackUnit {
  code: string;
  name: string;
  /** The unit's findings over the files its rows come from; null for a unit that has not sent. */
  findings: Finding[] | null;
}

/** A problem as the text says it: what a finding gives, or a line of Lỗi read back. */
export interface FeedbackItem {
  severity: 'error' | 'warning';
  /** The form's id; none for a problem of the whole file. */
  template?: string;
  /** "G9"; none for a problem of no cell. */
  cell?: string;
  message: string;
  hint: string;
}

export interface Feedback {
  code: string;
  name: string;
  errors: number;
  warnings: number;
  text: string;
}

/** "Phụ lục 02" of "Phụ lục 02: Đánh giá …"; a form not numbered so is called by its sheet. */
function formLabel(template: Template | undefined, lang: Lang): string {
  if (!template) return lang === 'vi' ? 'Chung' : 'General';
  const head = template.title.split(/[:,]/)[0].trim();
  const numbered = /^Phụ lục \d+$/i.test(head);
  if (lang === 'vi') return numbered ? head : template.sheetName;
  return numbered ? head.replace(/^Phụ lục/i, 'Appendix') : template.sheetName;
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function greeting(unit: { name: string }, round: RoundDef, lang: Lang): string {
  const letter = round.letter ? (lang === 'vi' ? ` (${round.letter})` : ` (${round.letter})`) : '';
  return lang === 'vi'
    ? `Kính gửi: ${unit.name}.\nVề báo cáo "${round.title}"${letter}:`
    : `To: ${unit.name}.\nRe: the report "${round.title}"${letter}:`;
}

export function feedbackFor(
  unit: FeedbackUnit,
  o: { round: RoundDef; deadline: string; templates: Template[]; lang: Lang },
): Feedback | null {
  const items = unit.findings?.map((f): FeedbackItem => {
    const { message, hint } = describe(f.code, f.params, o.lang);
    const cell = f.row !== undefined && f.col !== undefined ? a1(f.row, f.col) : undefined;
    return { severity: f.severity, template: f.template, cell, message, hint };
  });
  return feedbackOf({ code: unit.code, name: unit.name, items: items ?? null }, o);
}

/** The text of `feedbackFor`, from the problems as said (a merge onto a workbook reads them off Lỗi). */
export function feedbackOf(
  unit: { code: string; name: string; items: FeedbackItem[] | null },
  o: { round: RoundDef; deadline: string; templates: readonly Template[]; lang: Lang },
): Feedback | null {
  const { round, lang } = o;
  if (unit.items === null) {
    const text =
      lang === 'vi'
        ? `${greeting(unit, round, lang)}\nĐến nay Sở Nội vụ chưa nhận được báo cáo của đơn vị (hạn nộp ${dmy(o.deadline)}). Đề nghị đơn vị gửi báo cáo sớm.`
        : `${greeting(unit, round, lang)}\nThe Department of Home Affairs has not yet received your report (deadline ${dmy(o.deadline)}). Please send it as soon as possible.`;
    return { code: unit.code, name: unit.name, errors: 0, warnings: 0, text };
  }
  if (!unit.items.length) return null;
  const errors = unit.items.filter((f) => f.severity === 'error').length;
  const warnings = unit.items.length - errors;
  // By form in the round's order (workbook-level first), errors before warnings within each.
  const order = (f: FeedbackItem) => (f.template ? o.templates.findIndex((t) => t.id === f.template) : -1);
  const groups = new Map<number, FeedbackItem[]>();
  for (const f of unit.items) groups.set(order(f), [...(groups.get(order(f)) ?? []), f]);
  const lines: string[] = [greeting(unit, round, lang)];
  lines.push(
    lang === 'vi'
      ? `Đề nghị đơn vị bổ sung, chỉnh sửa ${errors} lỗi${warnings ? ` và xem lại ${warnings} cảnh báo` : ''} sau rồi gửi lại:`
      : `Please correct ${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and review ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} below and send the report again:`,
  );
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const list = groups.get(key)!.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    const label = formLabel(o.templates[key], lang);
    for (const f of list) {
      const cell = f.cell ? (lang === 'vi' ? `, ô ${f.cell}` : `, cell ${f.cell}`) : '';
      const mark = f.severity === 'error' ? '' : lang === 'vi' ? ' (cảnh báo)' : ' (warning)';
      lines.push(`- ${label}${cell}${mark}: ${f.message} ${f.hint}`);
    }
  }
  return { code: unit.code, name: unit.name, errors, warnings, text: lines.join('\n') };
}
