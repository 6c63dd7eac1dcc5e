/** The validation report of contracts.md, built from checked workbooks. */
import type { Lang } from './catalogue';
import { Finding, renderFinding, ReportIssue } from './issue';
import type { WorkbookCheck, FileStatus } from '../validate/validate-workbook';
import type { UnitSource } from '../units/identify';

export const TOOL_NAME = 'phuluc';
export const TOOL_VERSION = '1.0.0';

export interface FileReport {
  file: string;
  status: FileStatus;
  unit: { id: string | null; name: string | null; from: UnitSource };
  round?: string | null;
  tables: { sheet: string; template: string; header: string; rows: number; part?: string }[];
  issues: ReportIssue[];
}

export interface ValidationReport {
  tool: typeof TOOL_NAME;
  version: string;
  files: FileReport[];
}

export function fileReport(check: WorkbookCheck, lang: Lang): FileReport {
  return {
    file: check.file ?? '',
    status: check.status,
    unit: { id: check.unit.unit?.id ?? null, name: check.unit.unit?.name ?? null, from: check.unit.from },
    round: check.round?.id ?? null,
    tables: check.tables.map((t) => ({
      sheet: t.sheet,
      template: t.template.id,
      header: t.header,
      rows: t.rows.length,
      ...(t.part ? { part: t.part } : {}),
    })),
    issues: check.findings.map((f) => renderFinding(f, lang)),
  };
}

export function validationReport(checks: WorkbookCheck[], lang: Lang): ValidationReport {
  return { tool: TOOL_NAME, version: TOOL_VERSION, files: checks.map((c) => fileReport(c, lang)) };
}

/** Errors and warnings of a check (a WorkbookCheck, or its plain form from a worker). */
export function countBySeverity(check: { findings: readonly Finding[] }): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of check.findings) f.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
