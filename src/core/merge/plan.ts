/**
 * What a merge is made of, decided once for every host (the command line, the page's and the
 * pane's workers): which chosen files are earlier consolidations or notes set aside, which round
 * is merged, which files belong to another round (never a submission of this one), the names the
 * clerk knows the files by, and when each was received.
 */
import type { Catalog } from '../template/catalog';
import type { RoundDef } from '../template/schema';
import { inferRound, WorkbookCheck } from '../validate/validate-workbook';
import type { Submission } from './consolidate';
import { receiptOf } from './receipt';

export interface PlanInput {
  check: WorkbookCheck;
  /** The name the clerk knows the file by (already told apart from same-named files). */
  name: string;
  /** The file's modification time on this computer, the last resort for its receipt time. */
  fileTimeMs?: number;
  /** The workbook carries Phuluc's metadata: an earlier consolidation, not a unit's submission. */
  consolidated?: boolean;
}

export interface RoundGroup {
  round: RoundDef;
  /** Names of the files whose forms belong to it. */
  files: string[];
}

export interface MergePlan {
  /** The round merged; null when none can be told (no file holds a known form, none was chosen). */
  round: RoundDef | null;
  /** Whether the round was inferred rather than chosen. */
  inferred: boolean;
  /** Every round the files' forms belong to, most files first: more than one is a mixed choice. */
  rounds: RoundGroup[];
  submissions: Submission[];
  /** Files of another round: listed, never merged as a unit's submission of this one. */
  otherRound: { name: string; round: string }[];
  /** Earlier consolidated workbooks chosen with the received files. */
  consolidated: string[];
  /** Files that are no workbook by their name (a covering note, a scan): counted apart. */
  notes: string[];
}

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls)$/i;

/** The round a file's own forms point to (not the one it was checked against). */
export function ownRound(check: WorkbookCheck, catalog: Catalog): RoundDef | null {
  const forms = new Set([...check.tables.map((t) => t.template.id), ...(check.foreignForms ?? [])]);
  return forms.size ? inferRound(catalog, forms) : null;
}

export function planMerge(files: PlanInput[], opts: { catalog: Catalog; round?: RoundDef }): MergePlan {
  const consolidated: string[] = [];
  const notes: string[] = [];
  const candidates: (PlanInput & { own: RoundDef | null })[] = [];
  for (const f of files) {
    if (f.consolidated) consolidated.push(f.name);
    else if (!WORKBOOK_NAME.test(f.name) && f.check.status === 'unreadable') notes.push(f.name);
    else candidates.push({ ...f, own: ownRound(f.check, opts.catalog) });
  }
  const byRound = new Map<string, RoundGroup>();
  for (const c of candidates) {
    if (!c.own) continue;
    const g = byRound.get(c.own.id) ?? { round: c.own, files: [] };
    g.files.push(c.name);
    byRound.set(c.own.id, g);
  }
  const rounds = [...byRound.values()].sort((a, b) => b.files.length - a.files.length || a.round.id.localeCompare(b.round.id));
  const round = opts.round ?? rounds[0]?.round ?? null;
  const otherRound: MergePlan['otherRound'] = [];
  const submissions: Submission[] = [];
  for (const c of candidates) {
    if (round && c.own && c.own.id !== round.id && !c.check.tables.some((t) => round.forms.includes(t.template.id))) {
      otherRound.push({ name: c.name, round: c.own.id });
      continue;
    }
    const receipt = receiptOf(c.check, c.fileTimeMs);
    submissions.push({ check: c.check, fileName: c.name, receivedAt: receipt.at, ...(receipt.from ? { receivedFrom: receipt.from } : {}) });
  }
  return { round, inferred: !opts.round, rounds, submissions, otherRound, consolidated, notes };
}
