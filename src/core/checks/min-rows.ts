/**
 * The least number of items a kind of unit must send in a form (a district registers at least two
 * models). Counted over every table of the form in the workbook — a header repeated on the next
 * page does not halve the count — and only items with real content, each once.
 */
import { finding, Finding } from '../report/issue';
import { isPlaceholder } from '../rules/values';
import type { Template } from '../template/catalog';
import type { UnitKind } from '../template/schema';
import type { CheckedRow, CheckedTable } from '../validate/check-table';

export const CODES = ['rows-too-few'] as const;

/** An item with something real in a required column, not only "-", "x" or "…". */
function hasContent(row: CheckedRow, template: Template): boolean {
  return template.columns.some((c) => {
    if (!c.required || c.role === 'index') return false;
    const v = row.values[c.key];
    return v !== null && v !== undefined && (typeof v !== 'string' || (v.trim() !== '' && !isPlaceholder(v)));
  });
}

export function checkMinRows(tables: CheckedTable[], unitKind: UnitKind | undefined): Finding[] {
  if (!unitKind) return [];
  const out: Finding[] = [];
  const forms = new Map<string, CheckedTable[]>();
  for (const t of tables) forms.set(t.template.id, [...(forms.get(t.template.id) ?? []), t]);
  for (const group of forms.values()) {
    const template = group[0].template;
    const min = template.minRows?.[unitKind];
    if (min === undefined) continue;
    // A copied item or a row of dashes does not make up the number the letter asks for.
    const count = group.reduce((n, t) => n + t.rows.filter((r) => !r.repeated && hasContent(r, template)).length, 0);
    if (count < min) out.push(finding('rows-too-few', { sheet: group[0].sheet, template: template.id }, { count, min, kind: unitKind }));
  }
  return out;
}
