/**
 * The provincial report's figures by reform area (the Theo lĩnh vực sheet): for each form with a
 * status, and each area in the vocabulary's order, how many items, complete, not complete with a
 * specific reason, not complete without one (missing or vague), and the completion rate; totals per
 * form; then the same per unit. Counted from the canonical statuses, never from the spellings.
 */
import type { Finding } from '../report/issue';
import type { Template } from '../template/catalog';
import type { Area } from '../template/schema';
import type { CheckedTable } from '../validate/check-table';

export interface AreaCounts {
  /** Items with a recognised status. */
  items: number;
  complete: number;
  incompleteWithReason: number;
  incompleteWithoutReason: number;
}

export interface AreaUnit {
  code: string;
  name: string;
  /** Per form id, the tables its rows come from. */
  tables: CheckedTable[];
  findings: Finding[];
}

export const NO_AREA = { code: '', name: '(không rõ lĩnh vực)' };

const zero = (): AreaCounts => ({ items: 0, complete: 0, incompleteWithReason: 0, incompleteWithoutReason: 0 });

export function rate(c: AreaCounts): number | null {
  return c.items ? c.complete / c.items : null;
}

/** Counts of one unit's tables of one form, by area code ('' for rows under no known area). */
export function countByArea(unit: AreaUnit, template: Template): Map<string, AreaCounts> {
  const out = new Map<string, AreaCounts>();
  const col = template.completion?.column;
  const column = template.columns.find((c) => c.key === col);
  if (!col || !column?.options) return out;
  // A reason found missing or vague on an item's first row: that item has no specific reason.
  const unexplained = new Set(
    unit.findings
      .filter((f) => (f.code === 'reason-missing' || f.code === 'reason-vague') && f.template === template.id)
      .map((f) => `${f.sheet}\u0000${f.row}`),
  );
  for (const table of unit.tables) {
    if (table.template.id !== template.id) continue;
    for (const row of table.rows) {
      const option = column.options.find((o) => o.key === row.statuses[col]);
      if (!option) continue;
      const key = row.area?.code ?? '';
      const c = out.get(key) ?? zero();
      c.items++;
      if (option.complete) c.complete++;
      else if (option.needsReason)
        unexplained.has(`${table.sheet}\u0000${row.row}`) ? c.incompleteWithoutReason++ : c.incompleteWithReason++;
      out.set(key, c);
    }
  }
  return out;
}

export function add(into: AreaCounts, c: AreaCounts): void {
  into.items += c.items;
  into.complete += c.complete;
  into.incompleteWithReason += c.incompleteWithReason;
  into.incompleteWithoutReason += c.incompleteWithoutReason;
}

/** Areas in the vocabulary's order, then rows under no known area. */
export function areaOrder(areas: Area[]): { code: string; name: string }[] {
  return [...areas.map((a) => ({ code: a.code, name: a.name })), NO_AREA];
}

export function sumCounts(list: Iterable<AreaCounts>): AreaCounts {
  const total = zero();
  for (const c of list) add(total, c);
  return total;
}

export { zero as emptyCounts };
