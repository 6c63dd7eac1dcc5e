/**
 * The letters' own rule: every target or task not completed states a specific reason. The reason
 * column is found by its role; an empty or placeholder reason is missing, a stock phrase vague.
 */
import { finding } from '../report/issue';
import { isErrorValue, isPlaceholder, isVagueReason } from '../rules/values';
import type { Column } from '../template/catalog';
import type { ReadItem } from '../validate/read-row';
import { at, TableContext } from './context';

export const CODES = ['reason-missing', 'reason-vague'] as const;

export function checkReason(ctx: TableContext, status: Column, read: ReadItem, statuses: Record<string, string>): void {
  const option = status.options?.find((o) => o.key === statuses[status.key]);
  if (!option?.needsReason) return;
  const row = read.item.row;
  const reasonCol = ctx.template.columns.find((c) => c.reasonFor === status.key);
  const reasonAt = reasonCol ? ctx.table.columns.get(reasonCol.key) : undefined;
  const statusCell = read.cells.get(status.key);
  const noteKey = ctx.template.roles.note;
  const notesHasText = noteKey !== undefined && (read.cells.get(noteKey)?.text ?? '') !== '';
  if (!reasonCol || !reasonAt) {
    if (statusCell) {
      ctx.findings.push(
        finding('reason-missing', at(ctx, row, statusCell.col, reasonCol?.key ?? status.key), { status: option.label, notesHasText }),
      );
    }
    return;
  }
  const cell = read.cells.get(reasonCol.key);
  if (!cell || cell.error || isErrorValue(cell.value)) return; // already a formula-error
  const reason = cell.text;
  if (reason === '' || isPlaceholder(reason)) {
    ctx.findings.push(
      finding('reason-missing', at(ctx, row, reasonAt.col, reasonCol.key), { status: option.label, found: reason, notesHasText }),
    );
  } else if (isVagueReason(reason, status)) {
    ctx.findings.push(finding('reason-vague', at(ctx, row, reasonAt.col, reasonCol.key), { found: reason, status: option.label }));
  }
}
