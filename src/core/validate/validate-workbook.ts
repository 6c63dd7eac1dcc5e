/**
 * A whole workbook checked: its form tables found and checked, the round inferred, the sender
 * identified, the stamp compared. The same function runs in Excel, in the browser and in Node.
 */
import { stampRule } from '../stamp/earns';
import type { SheetGrid, WorkbookGrid } from '../grid/types';
import { findTables, LocatedTable } from '../locate/find-tables';
import { classifyRows } from '../locate/rows';
import { SheetView } from '../locate/sheet-view';
import { Finding, finding, sortFindings } from '../report/issue';
import type { UnreadableInfo } from '../report/unreadable';
import { DigestTable, parseStamp, Stamp, STAMP_PROPERTY, tablesDigest } from '../stamp/stamp';
import type { Catalog, Template } from '../template/catalog';
import type { RoundDef, UnitDef } from '../template/schema';
import { identifyFromFileName, identifyFromSheets, UnitMatch } from '../units/identify';
import { UnitIndex } from '../units/registry-index';
import { checkMinRows } from '../checks/min-rows';
import { CheckedTable, checkTable } from './check-table';

export type FileStatus = 'ok' | 'invalid' | 'unreadable';

export interface StampState {
  stamp: Stamp;
  /** The data is what was checked when the stamp was written. */
  current: boolean;
}

export interface WorkbookCheck {
  file?: string;
  status: FileStatus;
  unit: UnitMatch;
  round: RoundDef | null;
  tables: CheckedTable[];
  findings: Finding[];
  /** SHA-256 of the checked tables' values: what a new stamp would carry (computed on first read). */
  readonly digest: string;
  stamp: StampState | null;
  sheetOrder: string[];
  /** When the workbook says it was last saved (ISO), for the receipt time of an unstamped file. */
  savedAt?: string;
  /**
   * Checked against a round: the forms of other rounds the workbook holds (not checked), so that a
   * merge can tell a file of another round from a unit's broken submission.
   */
  foreignForms?: string[];
}

export interface ValidateOptions {
  catalog: Catalog;
  /** Check against this round's forms (else inferred from the forms found). */
  round?: RoundDef;
  /** Check only this form (no round-level checks). */
  template?: Template;
  /** File name, for identifying the unit when nothing inside names it. */
  fileName?: string;
  /** A registry index to reuse across a batch. */
  unitIndex?: UnitIndex;
}

export interface Found {
  view: SheetView;
  table: LocatedTable;
  endBefore: number;
}

/** A hidden sheet counts only for a form no visible sheet holds (old copies are often hidden). */
function keepVisible(found: Found[]): Found[] {
  const visibleForms = new Set(found.filter((f) => f.view.grid.visibility === 'visible').map((f) => f.table.template.id));
  return found.filter((f) => f.view.grid.visibility === 'visible' || !visibleForms.has(f.table.template.id));
}

export function inferRound(catalog: Catalog, formIds: Set<string>): RoundDef | null {
  let best: { round: RoundDef; hits: number } | null = null;
  for (const round of catalog.rounds) {
    const hits = round.forms.filter((f) => formIds.has(f)).length;
    if (hits > 0 && (!best || hits > best.hits || (hits === best.hits && round.forms.length < best.round.forms.length))) {
      best = { round, hits };
    }
  }
  return best?.round ?? null;
}

function identify(views: SheetView[], found: Found[], opts: ValidateOptions, index: UnitIndex, stamp: Stamp | null): UnitMatch {
  if (stamp) {
    const unit = index.byId(stamp.unit) ?? index.exact(stamp.unit);
    if (unit) return { unit, from: 'stamp', evidence: STAMP_PROPERTY };
  }
  const tops = new Map<SheetView, number>();
  for (const f of found) if (!tops.has(f.view)) tops.set(f.view, f.table.headerTop);
  const fromSheets = identifyFromSheets(views, tops, index);
  if (fromSheets) return fromSheets;
  const fromName = opts.fileName ? identifyFromFileName(opts.fileName, index) : null;
  return fromName ?? { unit: null, from: 'none' };
}

const indexes = new WeakMap<Catalog, UnitIndex>();

function unitIndexOf(catalog: Catalog): UnitIndex {
  let idx = indexes.get(catalog);
  if (!idx) indexes.set(catalog, (idx = new UnitIndex(catalog.registry)));
  return idx;
}

/**
 * Hashing every value costs as much as a third of the check: it is done only when a stamp is
 * compared or written, then remembered.
 */
export function lazyDigest(tables: CheckedTable[]): () => string {
  let digest: string | undefined;
  return () => (digest ??= tablesDigest(digestTables(tables)));
}

function digestTables(tables: CheckedTable[]): DigestTable[] {
  return tables.map((t) => ({
    template: t.template.id,
    sheet: t.sheet,
    rows: t.rows.map((r) => ({
      row: r.row,
      cells: [...t.template.columns.map((c) => r.values[c.key] ?? null), ...t.extraHeaders.map((h) => r.extras[h] ?? null)],
    })),
  }));
}

export function validateWorkbook(grid: WorkbookGrid, opts: ValidateOptions): WorkbookCheck {
  return validateWorkbookParts(grid, opts).check;
}

/**
 * One sheet's share of a check: its view, the tables located in it, and each table checked (on first
 * need, then kept). A re-check after an edit builds the part of the edited sheet again and reuses the
 * others' (src/core/validate/recheck.ts); what spans sheets (the round, the unit, the minimum rows, the
 * stamp) is assembled from the parts each time.
 */
export interface SheetPart {
  readonly view: SheetView;
  readonly found: Found[];
  /** checked[i] is found[i] checked, once it was needed. */
  readonly checked: ({ table: CheckedTable; findings: Finding[] } | undefined)[];
}

/** What a check needs of the workbook beside its sheets. */
export interface WorkbookMeta {
  customProps?: Record<string, string>;
  date1904?: boolean;
  savedAt?: string;
}

export function sheetPart(sheet: SheetGrid, opts: ValidateOptions): SheetPart {
  const view = new SheetView(sheet);
  const found: Found[] = [];
  if (sheet.visibility !== 'veryHidden') {
    const tables = findTables(view, opts.template ? [opts.template] : opts.catalog.templates);
    tables.forEach((table, i) => found.push({ view, table, endBefore: tables[i + 1]?.headerTop ?? view.rows }));
  }
  return { view, found, checked: [] };
}

/** A whole check, with the sheets' parts kept for a later re-check. */
export function validateWorkbookParts(grid: WorkbookGrid, opts: ValidateOptions): { check: WorkbookCheck; parts: SheetPart[] } {
  const parts = grid.sheets.map((s) => sheetPart(s, opts));
  return { check: assembleCheck(parts, grid, opts), parts };
}

/** The check of a workbook whose sheets, in order, are `parts`: each part's tables checked once, then what spans them. */
export function assembleCheck(parts: SheetPart[], meta: WorkbookMeta, opts: ValidateOptions): WorkbookCheck {
  const { catalog } = opts;
  const index = opts.unitIndex ?? unitIndexOf(catalog);
  const views = parts.map((p) => p.view);
  const located = keepVisible(parts.flatMap((p) => p.found));
  // Every form is tried, then those outside the round set aside: a sheet of another round's form
  // (a PL04 under a mô hình round) is not taken for a weak match of this round's form.
  const inRound = (id: string) => !opts.round || opts.template !== undefined || opts.round.forms.includes(id);
  const found = located.filter((f) => inRound(f.table.template.id));
  const foreign = [...new Set(located.filter((f) => !inRound(f.table.template.id)).map((f) => f.table.template.id))];
  const stampRaw = parseStamp(meta.customProps?.[STAMP_PROPERTY]);
  const unit = identify(views, found, opts, index, stampRaw);
  const unitKind = (unit.unit as UnitDef | null)?.kind;

  const findings: Finding[] = [];
  const tables: CheckedTable[] = [];
  const partOf = new Map<Found, SheetPart>();
  for (const p of parts) for (const f of p.found) partOf.set(f, p);
  for (const f of found) {
    const part = partOf.get(f)!;
    const i = part.found.indexOf(f);
    let checked = part.checked[i];
    if (!checked) {
      const layout = classifyRows(f.view, f.table, catalog.areas, f.endBefore);
      checked = part.checked[i] = checkTable(f.view, f.table, layout, { date1904: !!meta.date1904 });
    }
    tables.push(checked.table);
    findings.push(...checked.findings);
  }
  findings.push(...checkMinRows(tables, unitKind));

  const formIds = new Set(tables.map((t) => t.template.id));

  const round = opts.template ? null : (opts.round ?? inferRound(catalog, formIds));
  if (tables.length === 0) findings.push(finding('template-not-found', {}));
  else if (round) {
    for (const formId of round.forms) {
      if (formIds.has(formId)) continue;
      const t = catalog.templates.find((x) => x.id === formId);
      findings.push(finding('sheet-missing', { template: formId }, { form: t?.title ?? formId }));
    }
  }
  if (!unit.unit) findings.push(finding('unit-unknown', {}));

  const digestOf = lazyDigest(tables);
  let stamp: StampState | null = null;
  if (stampRaw) {
    stamp = { stamp: stampRaw, current: stampRaw.digest === digestOf() };
    if (!stamp.current) findings.push(finding('stamp-stale', {}));
  }
  const sheetOrder = views.map((v) => v.grid.name);
  const sorted = sortFindings(findings, sheetOrder);
  const status: FileStatus = sorted.some((f) => f.severity === 'error') ? 'invalid' : 'ok';
  return {
    file: opts.fileName,
    status,
    unit,
    round,
    tables,
    findings: sorted,
    get digest() {
      return digestOf();
    },
    stamp,
    sheetOrder,
    ...(meta.savedAt ? { savedAt: meta.savedAt } : {}),
    ...(foreign.length ? { foreignForms: foreign } : {}),
  };
}

/** A file that could not be read is a result too: the batch goes on. */
export function unreadableCheck(file: string | undefined, info: UnreadableInfo, catalog: Catalog, unitIndex?: UnitIndex): WorkbookCheck {
  const index = unitIndex ?? unitIndexOf(catalog);
  const unit = (file ? identifyFromFileName(file, index) : null) ?? { unit: null, from: 'none' as const };
  return {
    file,
    status: 'unreadable',
    unit,
    round: null,
    tables: [],
    findings: [finding('file-unreadable', {}, { reason: info.reason, detail: info.detail })],
    digest: '',
    stamp: null,
    sheetOrder: [],
  };
}

/** Whether the workbook earns the stamp "checked, passed" (core/stamp/earns.ts says when). */
export function earnsStamp(check: WorkbookCheck): boolean {
  return stampRule(check.status, check.tables.length, check.unit.unit !== null);
}
