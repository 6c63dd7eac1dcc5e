/**
 * A unit's figures, counted once from the rows the consolidated workbook holds: its data rows on
 * the form sheets and its lines on Lỗi. A merge counts them from the sheets it has just built; a
 * merge onto an earlier workbook counts them again from what the result holds (the rows carried
 * over and the batch's), so that Tổng hợp, Theo lĩnh vực and the headline figures are those of
 * merging every file in one batch.
 */
import { parseA1 } from '../grid/address';
import type { Template } from '../template/catalog';
import type { Area } from '../template/schema';
import { add, AreaCounts, areaOrder, AreaRow, countByArea, emptyCounts, NO_AREA, rate, sumCounts } from './by-area';
import { canonicalHeader, HEADER, OutCell, OutSheet, rowsHeader, SEVERITY_LABEL } from './model';

export interface UnitTally {
  /** The unit's name as its rows give it. */
  name: string;
  /** Form id → data rows. */
  rows: Map<string, number>;
  /** Lỗi lines of the files the unit's line stands on, by severity. */
  errors: number;
  warnings: number;
  /** Of those, the lines of a reason missing or vague. */
  unexplained: number;
  /** Form id (with a status) → area code → counts. */
  areas: Map<string, Map<string, AreaCounts>>;
}

export interface TallyOptions {
  templates: readonly Template[];
  areas: readonly Area[];
  /** The files a unit's line stands on (unitKey → names): their Lỗi lines are the unit's figures. */
  usedFiles(key: string): readonly string[];
}

const text = (v: OutCell | undefined): string => (v === null || v === undefined ? '' : String(v));

/** A unit's key: its code; a file of no known unit is known by its name. */
export function unitKey(code: OutCell | undefined, file: OutCell | undefined): string {
  const c = text(code);
  return c !== '' ? c : `\u0000${text(file)}`;
}

/** The file a key of no known unit names; null for a unit's code. */
export function fileOfKey(key: string): string | null {
  return key.startsWith('\u0000') ? key.slice(1) : null;
}

/** "PL02!A8:A10" → the item's sheet and first row (0-based). */
function sourceOf(v: OutCell | undefined): { sheet: string; row: number } | null {
  const s = text(v);
  const bang = s.lastIndexOf('!');
  const cell = bang > 0 ? parseA1(s.slice(bang + 1).split(':')[0]) : null;
  return cell ? { sheet: s.slice(0, bang), row: cell.row } : null;
}

/** The area code of a form row's "Lĩnh vực" ("THECHE — Cải cách thể chế › 1. …"); '' for none known. */
function areaCode(label: string, areas: readonly Area[]): string {
  const a = areas.find((x) => label === `${x.code} — ${x.name}` || label.startsWith(`${x.code} — ${x.name} › `));
  return a?.code ?? '';
}

const columnOf = (sheet: OutSheet) => (header: string) => sheet.columns.findIndex((c) => c.header === header);

export function tallyUnits(sheets: readonly OutSheet[], o: TallyOptions): Map<string, UnitTally> {
  const out = new Map<string, UnitTally>();
  const get = (key: string, name: string): UnitTally => {
    let t = out.get(key);
    if (!t) out.set(key, (t = { name, rows: new Map(), errors: 0, warnings: 0, unexplained: 0, areas: new Map() }));
    if (!t.name) t.name = name;
    return t;
  };
  // Items whose reason was found missing or vague: unit, file, sheet and first row.
  const unexplainedAt = new Set<string>();
  const issues = sheets.find((s) => s.role === 'issues');
  if (issues) {
    const at = columnOf(issues);
    const [codeAt, nameAt, fileAt, sheetAt, cellAt, severityAt, issueAt] = [
      HEADER.unitCode,
      HEADER.unit,
      HEADER.file,
      HEADER.sheet,
      HEADER.cell,
      HEADER.severity,
      HEADER.issueCode,
    ].map(at);
    for (const r of issues.rows) {
      const file = text(r[fileAt]);
      const key = unitKey(r[codeAt], file);
      const reason = r[issueAt] === 'reason-missing' || r[issueAt] === 'reason-vague';
      const cell = parseA1(text(r[cellAt]));
      if (reason && cell) unexplainedAt.add([key, file, text(r[sheetAt]), cell.row].join('\u0000'));
      if (!o.usedFiles(key).includes(file)) continue;
      const t = get(key, text(r[nameAt]));
      if (r[severityAt] === SEVERITY_LABEL.error) t.errors++;
      else if (r[severityAt] === SEVERITY_LABEL.warning) t.warnings++;
      if (reason) t.unexplained++;
    }
  }
  for (const s of sheets) {
    if (s.role !== 'form' || !s.template) continue;
    const form = s.template;
    const template = o.templates.find((t) => t.id === form);
    const at = columnOf(s);
    const [codeAt, nameAt, fileAt, sourceAt, areaAt] = [
      HEADER.unitCode,
      HEADER.unit,
      HEADER.sourceFile,
      HEADER.sourceCell,
      HEADER.area,
    ].map(at);
    const status = template?.columns.find((c) => c.key === template.completion?.column);
    const statusAt = status ? at(canonicalHeader(status.header)) : -1;
    const items = new Map<string, AreaRow[]>();
    for (const r of s.rows) {
      const file = text(r[fileAt]);
      const key = unitKey(r[codeAt], file);
      const t = get(key, text(r[nameAt]));
      t.rows.set(form, (t.rows.get(form) ?? 0) + 1);
      if (statusAt < 0) continue;
      const label = text(r[statusAt]);
      const source = sourceOf(r[sourceAt]);
      const list = items.get(key) ?? items.set(key, []).get(key)!;
      list.push({
        area: areaCode(text(r[areaAt]), o.areas),
        status: status!.options?.find((x) => x.label === label)?.key,
        unexplained: !!source && unexplainedAt.has([key, file, source.sheet, source.row].join('\u0000')),
      });
    }
    if (template) for (const [key, list] of items) out.get(key)!.areas.set(form, countByArea(list, template));
  }
  return out;
}

/** The share of a unit's items of a form that are complete; null when it has none with a status. */
export function completionOf(tally: UnitTally | undefined, template: Template): number | null {
  const counts = tally?.areas.get(template.id);
  return counts ? rate(sumCounts(counts.values())) : null;
}

/** Sets Tổng hợp's figures of a unit's line (rows per form, errors, warnings, completion) from its tally. */
export function setSummaryFigures(summary: OutSheet, row: OutCell[], tally: UnitTally | undefined, templates: readonly Template[]): void {
  const at = columnOf(summary);
  const set = (header: string, v: OutCell) => {
    const i = at(header);
    if (i >= 0) row[i] = v;
  };
  for (const t of templates) set(rowsHeader(t.sheetName), tally?.rows.get(t.id) ?? 0);
  set(HEADER.errors, tally?.errors ?? 0);
  set(HEADER.warnings, tally?.warnings ?? 0);
  for (const t of templates) if (t.completion) set(t.completion.label, completionOf(tally, t));
  set(HEADER.unexplained, tally?.unexplained ?? 0);
}

function areaRow(unit: string, code: string, form: string, area: string, c: AreaCounts): OutCell[] {
  return [unit, code, form, area, c.items, c.complete, c.incompleteWithReason, c.incompleteWithoutReason, rate(c)];
}

/**
 * Theo lĩnh vực's rows: per form with a status, the province's figures by area (the sum over the
 * units given), then each unit's, in the order given.
 */
export function areaRows(
  units: readonly { key: string; code: string; name: string }[],
  tallies: Map<string, UnitTally>,
  templates: readonly Template[],
  areas: readonly Area[],
): OutCell[][] {
  const forms = templates.filter((t) => t.completion);
  const order = areaOrder([...areas]);
  const label = (code: string) => {
    const a = order.find((x) => x.code === code) ?? NO_AREA;
    return a.code ? `${a.code} — ${a.name}` : a.name;
  };
  const perUnit = units.map((u) => ({ u, counts: tallies.get(u.key)?.areas ?? new Map<string, Map<string, AreaCounts>>() }));
  const rows: OutCell[][] = [];
  for (const t of forms) {
    const province = new Map<string, AreaCounts>();
    for (const { counts } of perUnit)
      for (const [code, c] of counts.get(t.id) ?? []) add((province.get(code) ?? province.set(code, emptyCounts()).get(code))!, c);
    for (const a of order) rows.push(areaRow('Toàn tỉnh', '', t.sheetName, label(a.code), province.get(a.code) ?? emptyCounts()));
    rows.push(areaRow('Toàn tỉnh', '', t.sheetName, 'Tổng', sumCounts(province.values())));
  }
  for (const { u, counts } of perUnit) {
    for (const t of forms) {
      const c = counts.get(t.id);
      if (!c?.size) continue;
      for (const a of order) if (c.has(a.code)) rows.push(areaRow(u.name, u.code, t.sheetName, label(a.code), c.get(a.code)!));
      rows.push(areaRow(u.name, u.code, t.sheetName, 'Tổng', sumCounts(c.values())));
    }
  }
  return rows;
}
