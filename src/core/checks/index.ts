/**
 * The checks and the codes each can raise: the catalogue of issue codes is exactly their union.
 * Workbook-level codes are raised where a whole workbook is seen (validate-workbook).
 */
import type { IssueCode } from '../report/catalogue';
import * as cellValue from './cell-value';
import * as columns from './columns';
import * as duplicates from './duplicates';
import * as minRows from './min-rows';
import * as reason from './reason';

export interface CheckInfo {
  name: string;
  /** Where the check lives, for the generated docs. */
  module: string;
  codes: readonly IssueCode[];
}

export const CHECKS: readonly CheckInfo[] = [
  {
    name: 'workbook',
    module: 'src/core/validate/validate-workbook.ts',
    codes: ['file-unreadable', 'template-not-found', 'sheet-missing', 'unit-unknown', 'stamp-stale'],
  },
  { name: 'columns', module: 'src/core/checks/columns.ts', codes: columns.CODES },
  { name: 'cell-value', module: 'src/core/checks/cell-value.ts', codes: cellValue.CODES },
  { name: 'reason', module: 'src/core/checks/reason.ts', codes: reason.CODES },
  { name: 'duplicates', module: 'src/core/checks/duplicates.ts', codes: duplicates.CODES },
  { name: 'min-rows', module: 'src/core/checks/min-rows.ts', codes: minRows.CODES },
];

export function checkOf(code: IssueCode): CheckInfo | undefined {
  return CHECKS.find((c) => c.codes.includes(code));
}
