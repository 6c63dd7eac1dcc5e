/**
 * The stamp "checked, passed" that travels with a workbook: the custom document property
 * `phuluc.stamp`, JSON { unit, round, checkedAt, digest, tool }. `digest` is the SHA-256 of the
 * checked tables' values, so any later edit of the data makes the stamp stale.
 */
import { z } from 'zod';
import type { CellValue } from '../grid/types';
import { sha256Hex } from './sha256';

export const STAMP_PROPERTY = 'phuluc.stamp';

export const StampSchema = z.object({
  unit: z.string(),
  round: z.string().nullable(),
  checkedAt: z.string(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  tool: z.string(),
});
export type Stamp = z.infer<typeof StampSchema>;

/** What the digest covers: each checked table's form, sheet and its data rows' cells. */
export interface DigestTable {
  template: string;
  sheet: string;
  rows: { row: number; cells: CellValue[] }[];
}

const UNIT_SEP = '\u001f';
const REC_SEP = '\u001e';

function canon(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return `n${Number.isInteger(v) ? v : v.toPrecision(15)}`;
  return v ? 'b1' : 'b0';
}

export function tablesDigest(tables: DigestTable[]): string {
  const parts = [...tables]
    .sort((a, b) => a.template.localeCompare(b.template) || a.sheet.localeCompare(b.sheet))
    .map((t) =>
      [`T${t.template}${UNIT_SEP}${t.sheet}`, ...t.rows.map((r) => `${r.row}${UNIT_SEP}${r.cells.map(canon).join(UNIT_SEP)}`)].join(
        REC_SEP,
      ),
    );
  return sha256Hex(parts.join('\n'));
}

export function parseStamp(raw: string | undefined | null): Stamp | null {
  if (!raw) return null;
  try {
    const r = StampSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function makeStamp(unit: string, round: string | null, digest: string, tool: string, now: Date): Stamp {
  return { unit, round, checkedAt: now.toISOString(), digest, tool };
}
