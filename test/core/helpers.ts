import { buildWorkbook, SheetSpec, WorkbookSpec } from '../fixtures/builder';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook, ValidateOptions, WorkbookCheck } from '../../src/core/validate/validate-workbook';
import { renderFinding, ReportIssue } from '../../src/core/report/issue';

export const catalog = builtinCatalog();

export function check(spec: WorkbookSpec | SheetSpec[], opts: Partial<ValidateOptions> = {}): WorkbookCheck {
  const wb = Array.isArray(spec) ? { sheets: spec } : spec;
  return validateWorkbook(buildWorkbook(wb), { catalog, fileName: 'So Tu phap.xlsx', ...opts });
}

export function issues(c: WorkbookCheck): ReportIssue[] {
  return c.findings.map((f) => renderFinding(f, 'vi'));
}

/** "CODE@Sheet!A1" for compact assertions. */
export function where(c: WorkbookCheck, severity?: 'error' | 'warning'): string[] {
  return issues(c)
    .filter((i) => !severity || i.severity === severity)
    .map((i) => `${i.code}@${i.sheet ?? ''}${i.cell ? '!' + i.cell : ''}${i.template && !i.cell ? '#' + i.template : ''}`);
}
