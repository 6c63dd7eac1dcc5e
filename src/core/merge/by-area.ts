/**
 * The provincial report's figures by reform area (the Theo lĩnh vực sheet): for each form with a
 * status, and each area in the vocabulary's order, how many items, complete, not complete with a
 * specific reason, not complete without one (missing or vague), and the completion rate; totals per
 * form; then the same per unit. Counted from the canonical statuses, never from the spellings.
 */
import type { Template } from '../template/catalog';
import type { Area } from '../template/schema';

export interface AreaCounts {
  /** Items with a recognised status. */
  items: number;
  complete: number;
  incompleteWithReason: number;
  incompleteWithoutReason: number;
}

/** One item a unit's form rows hold, as the consolidated form sheet has it. */
export interface AreaRow {
  /** The reform area's code ('' for rows under no known area). */
  area: string;
  /** The canonical option key of the form's status column, where the status was recognised. */
  status: string | undefined;
  /** A reason was found missing or vague on the item: it has no specific reason. */
  unexplained: boolean;
}

export const NO_AREA = { code: '', name: '(không rõ lĩnh vực)' };

const zero = (): AreaCounts => ({ items: 0, complete: 0, incompleteWithReason: 0, incompleteWithoutReason: 0 });

export function rate(c: AreaCounts): number | null {
  return c.items ? c.complete / c.items : null;
}

/** Counts of one unit's rows of one form, by area code ('' for rows under no known area). */
export function countByArea(rows: Iterable<AreaRow>, template: Template): Map<string, AreaCounts> {
  const out = new Map<string, AreaCounts>();
  const col = template.completion?.column;
  const column = template.columns.find((c) => c.key === col);
  if (!col || !column?.options) return out;
  for (const row of rows) {
    const option = column.options.find((o) => o.key === row.status);
    if (!option) continue;
    const c = out.get(row.area) ?? zero();
    c.items++;
    if (option.complete) c.complete++;
    else if (option.needsReason) row.unexplained ? c.incompleteWithoutReason++ : c.incompleteWithReason++;
    out.set(row.area, c);
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
