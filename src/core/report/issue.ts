import { a1 } from '../grid/address';
import { describe, IssueCode, IssueParams, Lang, ParamsByCode, Severity, severityOf } from './catalogue';

/** An issue as the checks find it: positions are 0-based, texts not yet rendered. */
export interface Finding {
  code: IssueCode;
  severity: Severity;
  sheet?: string;
  row?: number;
  col?: number;
  /** Template column key. */
  column?: string;
  template?: string;
  params: IssueParams;
}

/** Params are typed by the code: a check cannot build a message with another code's fields. */
export function finding<C extends IssueCode>(
  code: C,
  at: Omit<Finding, 'code' | 'severity' | 'params'>,
  params?: ParamsByCode[C],
): Finding {
  return { code, severity: severityOf(code), ...at, params: (params ?? {}) as IssueParams };
}

/** An issue as contracts.md publishes it. */
export interface ReportIssue {
  severity: Severity;
  code: IssueCode;
  sheet?: string;
  cell?: string;
  row?: number;
  column?: string;
  template?: string;
  message: string;
  hint: string;
}

export function renderFinding(f: Finding, lang: Lang): ReportIssue {
  const { message, hint } = describe(f.code, f.params, lang);
  const out = { severity: f.severity, code: f.code } as ReportIssue;
  if (f.sheet !== undefined) out.sheet = f.sheet;
  if (f.row !== undefined && f.col !== undefined) out.cell = a1(f.row, f.col);
  if (f.row !== undefined) out.row = f.row + 1;
  if (f.column !== undefined) out.column = f.column;
  if (f.template !== undefined) out.template = f.template;
  out.message = message;
  out.hint = hint;
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Reading order: workbook-level first, then by sheet order, row, column; errors before warnings. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const idx = (s?: string) => (s === undefined ? -1 : sheetOrder.indexOf(s));
  return [...findings].sort(
    (a, b) =>
      idx(a.sheet) - idx(b.sheet) ||
      (a.row ?? -1) - (b.row ?? -1) ||
      (a.col ?? -1) - (b.col ?? -1) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}
