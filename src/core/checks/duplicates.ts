/** Items entered twice: every text the same as an earlier item's. */
import { finding } from '../report/issue';
import { at, TableContext } from './context';

export const CODES = ['row-duplicate'] as const;

/**
 * Items' texts reduced to what items are compared by: each distinct text becomes a number once per
 * table, and an item is its numbers. Keying items on their joined texts hashed every paragraph again
 * per item (a tenth of a 5,000-row check) and made a 98,000-character key of a row of three
 * 32,767-character cells; numbers do neither. Items are bucketed by a hash of their numbers and
 * compared number by number, so a hash collision never makes two items equal.
 */
export class RowSignatures {
  private readonly ids = new Map<string, number>();
  /** Every item's numbers, one after another; item i is ids[starts[i]] up to ids[starts[i + 1]]. */
  private readonly seq: number[] = [];
  private readonly starts: number[] = [];
  /** Per item: its hash, or NaN when it has nothing to compare. */
  private readonly hashes: number[] = [];
  private hash = 0;
  private any = false;

  /** Starts the next item. */
  begin(): void {
    this.starts.push(this.seq.length);
    this.hash = 0x811c9dc5;
    this.any = false;
  }

  /** A column's text ('' for an empty or absent cell, which does not make the item comparable). */
  text(s: string): void {
    if (s !== '') this.any = true;
    this.push(this.id(s));
  }

  /** A value outside the form's columns, under its header. */
  extra(header: string, value: string): void {
    this.any = true;
    this.push(-1 - this.id(header));
    this.push(this.id(value));
  }

  /** Ends the item. */
  end(): void {
    this.hashes.push(this.any ? this.hash : NaN);
  }

  /** For each item: the index of the first equal item before it, or -1. */
  firstEqual(): number[] {
    const buckets = new Map<number, number[]>();
    const starts = [...this.starts, this.seq.length];
    return this.hashes.map((h, i) => {
      if (Number.isNaN(h)) return -1;
      const bucket = buckets.get(h);
      if (!bucket) {
        buckets.set(h, [i]);
        return -1;
      }
      const same = bucket.find((j) => this.equal(starts, i, j));
      if (same === undefined) bucket.push(i);
      return same ?? -1;
    });
  }

  private equal(starts: number[], i: number, j: number): boolean {
    const n = starts[i + 1] - starts[i];
    if (starts[j + 1] - starts[j] !== n) return false;
    for (let k = 0; k < n; k++) if (this.seq[starts[i] + k] !== this.seq[starts[j] + k]) return false;
    return true;
  }

  private push(n: number): void {
    this.seq.push(n);
    this.hash = Math.imul(this.hash ^ n, 0x01000193);
  }

  private id(s: string): number {
    let n = this.ids.get(s);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(s, n);
    }
    return n;
  }
}

/**
 * Warns on each repeated item (one with nothing to compare is never a repeat); answers whether each
 * item is the first of its kind, and counts the warning on the item.
 */
export function checkDuplicates(ctx: TableContext, rows: { row: number; warnings: number }[], signatures: RowSignatures): boolean[] {
  const indexKey = ctx.template.roles.index;
  const firstCol = (indexKey !== undefined ? ctx.table.columns.get(indexKey)?.col : undefined) ?? ctx.table.firstCol;
  return signatures.firstEqual().map((first, i) => {
    if (first < 0) return true;
    const row = rows[i];
    ctx.findings.push(finding('row-duplicate', at(ctx, row.row, firstCol), { otherCell: String(rows[first].row + 1) }));
    row.warnings++;
    return false;
  });
}
