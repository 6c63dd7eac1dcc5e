/**
 * Many checked submissions + a round + the registry of expected units → one consolidated model:
 * a summary per unit, a table per form with the unit on every row, every issue, the units still
 * missing. Every non-empty cell of every data row lands in a form column or a "Cột khác" column.
 */
import { a1 } from '../grid/address';
import { toNfc } from '../text/normalize';
import type { CellValue } from '../grid/types';
import { describe, Lang } from '../report/catalogue';
import { Feedback, feedbackFor } from './feedback';
import { TOOL_NAME, TOOL_VERSION } from '../report/report';
import type { Catalog, Template } from '../template/catalog';
import type { Area, RegistryDef, RoundDef, UnitDef, UnitKind } from '../template/schema';
import type { CheckedRow, CheckedTable } from '../validate/check-table';
import { inferRound, WorkbookCheck } from '../validate/validate-workbook';
import {
  canonicalHeader,
  ConsolidatedMeta,
  ConsolidatedModel,
  HEADER,
  META_SHEET,
  OutCell,
  OutColumn,
  OutSheet,
  rowsHeader,
  SEVERITY_LABEL,
  STATUS,
  UnitFiles,
} from './model';
export { HEADER, STATUS } from './model';
import { daysLate, RECEIPT_SOURCE_VI, ReceiptSource } from './receipt';
import { areaRows, setSummaryFigures, tallyUnits, UnitTally, unitKey } from './tally';

export interface Submission {
  check: WorkbookCheck;
  /** The file's name as the clerk knows it (shown in the output). */
  fileName: string;
  /** ISO instant (stamp time, else the workbook's saved time, else file time), or null when unknown. */
  receivedAt: string | null;
  /** Where receivedAt comes from (see receipt.ts). */
  receivedFrom?: ReceiptSource;
}

export interface ConsolidateOptions {
  catalog: Catalog;
  round: RoundDef;
  /** The expected units' registry (default: the catalogue's). */
  registry?: RegistryDef;
  /** YYYY-MM-DD, overriding the round's deadline. */
  deadline?: string;
  /** ISO instant written in the meta data only, so that outputs compare equal otherwise. */
  generatedAt: string;
  /**
   * File name → unit id, chosen by a person for files whose sender could not be identified (or was
   * identified wrongly). The file is then merged as that unit's.
   */
  assign?: Record<string, string>;
  /**
   * Unit id → receipt instant the clerk entered (the document system's record): the unit's latest
   * file counts as received then. Kept in the workbook's metadata for later merges.
   */
  receipts?: Record<string, string>;
  /** The language of `model.feedback` (the texts written with --feedback); the sheet is Vietnamese. */
  feedbackLang?: Lang;
}

export const UNIDENTIFIED = 'Chưa xác định';
export const SHEET_SUMMARY = 'Tổng hợp';
export const SHEET_ISSUES = 'Lỗi';
export const SHEET_MISSING = 'Chưa nộp';
export const SHEET_FEEDBACK = 'Phản hồi';
export const SHEET_AREAS = 'Theo lĩnh vực';
/** Tổng hợp's note on a unit the round did not expect. */
export const NOT_EXPECTED_NOTE = 'Đơn vị không có trong danh sách phải nộp của đợt này';

const KIND_LABEL: Record<UnitKind, string> = { department: 'Sở, ban, ngành', central: 'Cơ quan Trung ương', locality: 'Cấp huyện' };

/** One unit's place in the output: its winning file and the files it replaced. */
interface UnitEntry {
  code: string;
  name: string;
  kind: UnitKind | null;
  expected: boolean;
  winner: Submission | null;
  /** Every file from the unit in this batch, oldest first. */
  files: Submission[];
  /**
   * Form id → the file its rows come from: the latest readable file of the unit holding that form.
   * Units send in pieces ("gửi bổ sung Phụ lục 04"): a later file replaces only the forms it holds.
   */
  forms: Map<string, Submission>;
}

/** The latest readable file holding each form, files given oldest first. */
function formSources(readable: Submission[]): Map<string, Submission> {
  const forms = new Map<string, Submission>();
  for (const f of readable) for (const t of f.check.tables) forms.set(t.template.id, f);
  return forms;
}

/** The files whose rows or findings the unit's line stands on: those supplying a form, and the winner. */
function contributing(u: Pick<UnitEntry, 'forms' | 'winner'>): Submission[] {
  return [...new Set([...u.forms.values(), ...(u.winner ? [u.winner] : [])])];
}

/**
 * The unit's files as the merge used them: the winner (the file the line names) first, then the
 * other files still supplying a form, latest first; the readable files nothing is taken from any
 * more; the unreadable files other than the winner. Decided here, once, for every host.
 */
export function unitFileRoles(u: Pick<UnitEntry, 'winner' | 'files' | 'forms'>): UnitFiles {
  const used = contributing(u);
  const others = u.files.filter((f) => used.includes(f) && f !== u.winner).reverse();
  return {
    used: [...(u.winner ? [u.winner] : []), ...others].map((f) => f.fileName),
    superseded: u.files.filter((f) => !used.includes(f) && f.check.status !== 'unreadable').map((f) => f.fileName),
    unreadable: u.files.filter((f) => f !== u.winner && f.check.status === 'unreadable').map((f) => f.fileName),
  };
}

/**
 * Whether a finding of `file` on `form` counts for the unit (its Lỗi line, its figures, its Phản
 * hồi): a finding of no form (the file's own: unit unknown, stamp stale, no form found) counts; a
 * finding on a form counts only from the file that supplies the form's rows now, or when no file of
 * the unit supplies that form (its "form missing"). So a form replaced by a later file takes the
 * earlier file's findings on it away, and a form one file lacks but another supplies is not missing.
 * Defined once: the merge applies it to findings, the update to the Lỗi lines it carries.
 */
export function findingCounts(form: string | undefined, file: string, supplierOf: (form: string) => string | undefined): boolean {
  if (!form) return true;
  const supplier = supplierOf(form);
  return supplier === undefined || supplier === file;
}

/** The unit's findings over the files it is made of (oldest first, as Lỗi lists them) that count. */
function unitFindings(u: UnitEntry, files: Submission[] = u.files.filter((f) => contributing(u).includes(f))) {
  const supplierOf = (form: string) => u.forms.get(form)?.fileName;
  return files.flatMap((f) => f.check.findings.filter((i) => findingCounts(i.template, f.fileName, supplierOf)));
}

/** Per file the unit's line stands on, the forms it holds by sheet (`ConsolidatedMeta` units' `held`). */
function heldOf(u: UnitEntry): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of contributing(u)) {
    if (f.check.status === 'unreadable') continue;
    const sheets: Record<string, string> = (out[f.fileName] ??= {});
    for (const t of f.check.tables) sheets[t.sheet] = t.template.id;
  }
  return out;
}

function byTimeThenName(a: Submission, b: Submission): number {
  const ta = a.receivedAt ?? '';
  const tb = b.receivedAt ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.fileName.localeCompare(b.fileName, 'vi');
}

export function expectedUnits(round: RoundDef, registry: RegistryDef): UnitDef[] {
  const ids = new Set(round.expected.units.map((u) => u.toUpperCase()));
  return registry.units.filter((u) => ids.has(u.id.toUpperCase()) || round.expected.kinds.includes(u.kind));
}

function groupUnits(subs: Submission[], round: RoundDef, registry: RegistryDef, receipts: Record<string, string> = {}): UnitEntry[] {
  const expected = expectedUnits(round, registry);
  const expectedIds = new Set(expected.map((u) => u.id));
  const byUnit = new Map<string, Submission[]>();
  const unidentified: Submission[] = [];
  for (const s of subs) {
    const id = s.check.unit.unit?.id;
    if (!id) unidentified.push(s);
    else byUnit.set(id, [...(byUnit.get(id) ?? []), s]);
  }
  const entry = (u: UnitDef, expectedUnit: boolean): UnitEntry => {
    const files = (byUnit.get(u.id) ?? []).sort(byTimeThenName);
    // The latest readable file wins; a later broken file must not wipe out a good one.
    const readable = files.filter((f) => f.check.status !== 'unreadable');
    const latest = readable[readable.length - 1] ?? files[files.length - 1] ?? null;
    // The clerk's date (the document system's record) is when the unit's latest file came in.
    const corrected = latest ? receipts[u.id] : undefined;
    const winner = latest && corrected ? { ...latest, receivedAt: corrected, receivedFrom: 'corrected' as const } : latest;
    const all = files.map((f) => (f === latest ? winner! : f));
    const forms = formSources(all.filter((f) => f.check.status !== 'unreadable'));
    return { code: u.id, name: u.name, kind: u.kind, expected: expectedUnit, winner, files: all, forms };
  };
  const out = expected.map((u) => entry(u, true));
  const registryOrder = registry.units.map((u) => u.id);
  const others = [...byUnit.keys()]
    .filter((id) => !expectedIds.has(id))
    .sort((a, b) => registryOrder.indexOf(a) - registryOrder.indexOf(b));
  for (const id of others) {
    const unit = registry.units.find((u) => u.id === id) ?? subs.find((s) => s.check.unit.unit?.id === id)!.check.unit.unit!;
    out.push(entry(unit, false));
  }
  for (const s of [...unidentified].sort((a, b) => a.fileName.localeCompare(b.fileName, 'vi'))) {
    out.push({
      code: '',
      name: UNIDENTIFIED,
      kind: null,
      expected: false,
      winner: s,
      files: [s],
      forms: formSources(s.check.status === 'unreadable' ? [] : [s]),
    });
  }
  return out;
}

/** The area, and the numbered group under it: the group's title is kept nowhere else. */
function areaLabel(row: CheckedRow): string {
  const area = !row.area ? '' : row.area.code ? `${row.area.code} — ${row.area.name}` : row.area.name;
  return row.group ? (area ? `${area} › ${row.group}` : row.group) : area;
}

function outValue(row: CheckedRow, key: string): OutCell {
  const date = row.dates[key];
  if (date) return { date };
  const shown = row.shown[key];
  if (shown !== undefined) return toNfc(shown);
  return toOut(row.values[key] ?? null);
}

/**
 * Text in composed form (NFC): the same letters, but Excel's search and filter find "Hoàn thành"
 * typed on a Windows keyboard in text pasted from a Mac or a web form (decomposed, NFD).
 */
function toOut(v: CellValue): OutCell {
  if (v === undefined) return null;
  return typeof v === 'string' ? toNfc(v) : v;
}

interface FormSheetBuild {
  template: Template;
  columns: OutColumn[];
  extraHeaders: string[];
  rows: OutCell[][];
}

function formColumns(template: Template): OutColumn[] {
  const cols: OutColumn[] = [
    { header: HEADER.unit, kind: 'text', width: 28 },
    { header: HEADER.unitCode, kind: 'text', width: 10 },
    ...(template.parts?.length ? [{ header: 'Phần', kind: 'text' as const, width: 6 }] : []),
    { header: HEADER.area, kind: 'text', width: 30 },
    { header: 'STT', kind: 'text', width: 6 },
  ];
  for (const c of template.columns) {
    if (c.role === 'index') continue;
    cols.push({ header: c.header, kind: 'text' });
    if (c.type === 'status') cols.push({ header: canonicalHeader(c.header), kind: 'text' });
  }
  return cols;
}

const TRAILING_COLUMNS: OutColumn[] = [
  { header: HEADER.sourceFile, kind: 'text', width: 30 },
  { header: HEADER.sourceCell, kind: 'text', width: 14 },
  { header: 'Kiểm tra', kind: 'text', width: 10 },
];

function formRow(
  unit: UnitEntry,
  sub: Submission,
  table: CheckedTable,
  row: CheckedRow,
  extraIndex: Map<string, number>,
  extraCount: number,
): OutCell[] {
  const t = table.template;
  const index = t.roles.index;
  const cells: OutCell[] = [unit.name, unit.code];
  if (t.parts?.length) cells.push(row.part ?? table.part ?? null);
  cells.push(areaLabel(row), index === undefined ? null : outValue(row, index));
  for (const c of t.columns) {
    if (c.role === 'index') continue;
    cells.push(outValue(row, c.key));
    if (c.type === 'status') {
      const key = row.statuses[c.key];
      cells.push(c.options?.find((o) => o.key === key)?.label ?? null);
    }
  }
  const extras: OutCell[] = new Array(extraCount).fill(null);
  for (const [h, v] of Object.entries(row.extras)) extras[extraIndex.get(h)!] = toOut(v);
  const firstCol = Math.min(...Object.values(table.columns));
  // An item pasted over several rows is named by all of them: "PL02!A8:A10".
  const source = `${table.sheet}!${a1(row.row, firstCol)}${row.rowEnd > row.row ? `:${a1(row.rowEnd, firstCol)}` : ''}`;
  cells.push(...extras, sub.fileName, source, row.errors ? `${row.errors} lỗi` : 'OK');
  return cells;
}

function buildFormSheets(units: UnitEntry[], templates: Template[]): OutSheet[] {
  const builds = new Map<string, FormSheetBuild>();
  for (const t of templates) builds.set(t.id, { template: t, columns: formColumns(t), extraHeaders: [], rows: [] });
  // Unknown headers first, so every row of a form has the same columns.
  for (const u of units) {
    for (const [form, sub] of u.forms) {
      const b = builds.get(form);
      if (!b) continue;
      for (const table of sub.check.tables) {
        if (table.template.id !== form) continue;
        for (const h of table.extraHeaders) if (!b.extraHeaders.includes(h)) b.extraHeaders.push(h);
      }
    }
  }
  for (const b of builds.values()) {
    const index = new Map(b.extraHeaders.map((h, i) => [h, i]));
    for (const u of units) {
      const sub = u.forms.get(b.template.id);
      if (!sub) continue;
      for (const table of sub.check.tables) {
        if (table.template.id !== b.template.id) continue;
        for (const row of table.rows) b.rows.push(formRow(u, sub, table, row, index, b.extraHeaders.length));
      }
    }
  }
  const taken = new Set([SHEET_SUMMARY, SHEET_ISSUES, SHEET_MISSING, SHEET_FEEDBACK, SHEET_AREAS, META_SHEET]);
  return [...builds.values()].map((b) => {
    let name = b.template.sheetName;
    for (let i = 2; taken.has(name); i++) name = `${b.template.sheetName.slice(0, 28)} ${i}`;
    taken.add(name);
    const known = new Set(b.columns.map((c) => c.header));
    const extraCols = b.extraHeaders.map((h): OutColumn => ({ header: known.has(h) ? `Cột khác: ${h}` : h, kind: 'text' }));
    return {
      name,
      role: 'form' as const,
      template: b.template.id,
      columns: [...b.columns, ...extraCols, ...TRAILING_COLUMNS],
      rows: b.rows,
    };
  });
}

/**
 * Which file supplied which form, when more than one did ("PL01, PL02, PL03: a.xlsx; PL04: b.xlsx"),
 * and the files that supply nothing any more ("a.xlsx thay bằng b.xlsx").
 */
function sourcesNote(u: UnitEntry, templates: Template[]): string[] {
  const formFiles = templates.filter((t) => u.forms.has(t.id)).map((t): [string, string] => [t.sheetName, u.forms.get(t.id)!.fileName]);
  return sourcesNoteOf(formFiles, unitFileRoles(u), replacedForms(templates, formFiles, heldOf(u)));
}

/**
 * The forms a file still used holds but a later file now supplies, in the forms' order: [form's
 * sheet name, the earlier file, the file supplying it now]. Their earlier findings no longer count.
 */
export function replacedForms(
  templates: readonly Template[],
  formFiles: readonly [string, string][],
  held: Record<string, Record<string, string>>,
): [string, string, string][] {
  const supplier = new Map(formFiles);
  const out: [string, string, string][] = [];
  for (const t of templates) {
    const now = supplier.get(t.sheetName);
    if (now === undefined) continue;
    for (const [file, sheets] of Object.entries(held).sort(([a], [b]) => a.localeCompare(b, 'vi')))
      if (file !== now && Object.values(sheets).includes(t.id)) out.push([t.sheetName, file, now]);
  }
  return out;
}

/** The note of `sourcesNote`, from the forms' sheet names (in the forms' order) and the files supplying them. */
export function sourcesNoteOf(
  formFiles: readonly [string, string][],
  files: Pick<UnitFiles, 'used' | 'superseded'>,
  replaced: readonly [string, string, string][] = [],
): string[] {
  const out: string[] = [];
  const byFile = new Map<string, string[]>();
  for (const [form, file] of formFiles) byFile.set(file, [...(byFile.get(file) ?? []), form]);
  if (byFile.size > 1) out.push(`Phụ lục theo tệp: ${[...byFile].map(([f, forms]) => `${forms.join(', ')}: ${f}`).join('; ')}`);
  const { used, superseded } = files;
  if (superseded.length && used.length) out.push(`${superseded.join('; ')} thay bằng ${used[0]}`);
  // A file still used for some forms, whose other forms a later file replaced: its findings on those go.
  const pairs = new Map<string, { from: string; to: string; forms: string[] }>();
  for (const [form, from, to] of replaced) {
    const key = `${from}\u0000${to}`;
    (pairs.get(key) ?? pairs.set(key, { from, to, forms: [] }).get(key)!).forms.push(form);
  }
  for (const { from, to, forms } of pairs.values()) {
    const list = forms.join(', ');
    out.push(`${list} của ${from} thay bằng ${to} (lỗi, cảnh báo của ${from} ở ${list} không còn tính)`);
  }
  return out;
}

function stampLabel(check: WorkbookCheck): string {
  if (!check.stamp) return 'Không';
  return check.stamp.current ? 'Có' : 'Đã sửa sau kiểm tra';
}

function buildSummary(units: UnitEntry[], templates: Template[], deadline: string, tallies: Map<string, UnitTally>): OutSheet {
  const withCompletion = templates.filter((t) => t.completion);
  const columns: OutColumn[] = [
    { header: HEADER.unitCode, kind: 'text', width: 10 },
    { header: HEADER.unitName, kind: 'text', width: 32 },
    { header: 'Loại', kind: 'text', width: 18 },
    { header: HEADER.status, kind: 'text', width: 16 },
    { header: HEADER.file, kind: 'text', width: 36 },
    { header: HEADER.receivedAt, kind: 'datetime', width: 17 },
    { header: HEADER.receivedFrom, kind: 'text', width: 16 },
    { header: 'Đúng hạn / Trễ hạn', kind: 'text', width: 14 },
    { header: HEADER.daysLate, kind: 'integer', width: 8 },
    { header: HEADER.formsPresent, kind: 'text', width: 20 },
    ...templates.map((t): OutColumn => ({ header: rowsHeader(t.sheetName), kind: 'integer', width: 9 })),
    { header: HEADER.errors, kind: 'integer', width: 7 },
    { header: HEADER.warnings, kind: 'integer', width: 9 },
    { header: 'Đã kiểm tra trước khi gửi', kind: 'text', width: 14 },
    ...withCompletion.map((t): OutColumn => ({ header: t.completion!.label, kind: 'percent', width: 12 })),
    { header: HEADER.unexplained, kind: 'integer', width: 12 },
    { header: HEADER.note, kind: 'text', width: 40 },
  ];
  const rows = units.map((u): OutCell[] => {
    const sub = u.winner;
    const kind = u.kind ? KIND_LABEL[u.kind] : '';
    if (!sub) {
      return [
        u.code,
        u.name,
        kind,
        STATUS.missing,
        null,
        null,
        null,
        null,
        null,
        null,
        ...templates.map(() => null),
        null,
        null,
        null,
        ...withCompletion.map(() => null),
        null,
        null,
      ];
    }
    const c = sub.check;
    const late = daysLate(sub.receivedAt, deadline);
    const notes: string[] = [];
    if (!u.expected && u.code) notes.push(NOT_EXPECTED_NOTE);
    if (!u.code) notes.push('Không xác định được đơn vị gửi — gán đơn vị rồi tổng hợp lại');
    notes.push(...sourcesNote(u, templates));
    const status = c.status === 'unreadable' ? STATUS.unreadable : STATUS.submitted;
    const files = u.files.map((f) => f.fileName).join('; ');
    return [
      u.code,
      u.name === UNIDENTIFIED ? `${UNIDENTIFIED} (${sub.fileName})` : u.name,
      kind,
      status,
      files,
      sub.receivedAt ? { dateTime: sub.receivedAt } : null,
      sub.receivedAt && sub.receivedFrom ? RECEIPT_SOURCE_VI[sub.receivedFrom] : null,
      sub.receivedAt ? (late ? `Trễ ${late} ngày` : 'Đúng hạn') : 'Không rõ',
      sub.receivedAt ? late : null,
      templates
        .filter((t) => u.forms.has(t.id))
        .map((t) => t.sheetName)
        .join(', '),
      // The figures are counted from the rows the workbook holds (tally.ts), set below.
      ...templates.map(() => null),
      null,
      null,
      stampLabel(c),
      ...withCompletion.map(() => null),
      null,
      notes.join('. ') || null,
    ];
  });
  const sheet: OutSheet = { name: SHEET_SUMMARY, role: 'summary', columns, rows };
  units.forEach((u, i) => {
    if (u.winner) setSummaryFigures(sheet, rows[i], tallies.get(unitKey(u.code, u.winner.fileName)), templates);
  });
  const valueColumn = columns.findIndex((c) => c.kind === 'percent');
  return {
    ...sheet,
    chart: valueColumn >= 0 ? { title: 'Tỷ lệ hoàn thành theo đơn vị', categoryColumn: 1, valueColumn } : undefined,
  };
}

function buildIssues(units: UnitEntry[]): OutSheet {
  const columns: OutColumn[] = [
    { header: HEADER.unitCode, kind: 'text', width: 10 },
    { header: HEADER.unit, kind: 'text', width: 28 },
    { header: HEADER.file, kind: 'text', width: 30 },
    { header: HEADER.sheet, kind: 'text', width: 12 },
    { header: HEADER.cell, kind: 'text', width: 8 },
    // A person reads the problem in words; its code, for scripts and filters, stands apart at the end.
    { header: HEADER.issueTitle, kind: 'text', width: 24 },
    { header: HEADER.severity, kind: 'text', width: 10 },
    { header: 'Nội dung', kind: 'text', width: 60 },
    { header: 'Cách sửa', kind: 'text', width: 60 },
    { header: HEADER.issueCode, kind: 'text', width: 18 },
  ];
  const rows: OutCell[][] = [];
  for (const u of units) {
    // The issues of the files the unit's rows come from, and of any file that could not be read at
    // all; a form one file lacks but another supplies is not missing.
    const files = u.files.filter((f) => contributing(u).includes(f) || f.check.status === 'unreadable');
    for (const f of files) {
      for (const i of unitFindings(u, [f])) {
        const { title, message, hint } = describe(i.code, i.params, 'vi');
        rows.push([
          u.code,
          u.name,
          f.fileName,
          i.sheet ?? (i.template ? i.template.toUpperCase() : null),
          i.row !== undefined && i.col !== undefined ? a1(i.row, i.col) : null,
          title,
          SEVERITY_LABEL[i.severity],
          message,
          hint,
          i.code,
        ]);
      }
    }
  }
  return { name: SHEET_ISSUES, role: 'issues', columns, rows };
}

function buildMissing(units: UnitEntry[]): OutSheet {
  return {
    name: SHEET_MISSING,
    role: 'missing',
    columns: [
      { header: HEADER.unitCode, kind: 'text', width: 10 },
      { header: HEADER.unitName, kind: 'text', width: 36 },
      { header: 'Loại', kind: 'text', width: 18 },
    ],
    rows: units.filter((u) => u.expected && !u.winner).map((u) => [u.code, u.name, u.kind ? KIND_LABEL[u.kind] : '']),
  };
}

/** The texts to send back: units with errors or warnings, then expected units not yet sent. */
function unitFeedback(units: UnitEntry[], o: { round: RoundDef; deadline: string; templates: Template[]; lang: Lang }): Feedback[] {
  const out: Feedback[] = [];
  for (const u of units) {
    if (!u.code || !u.winner) continue;
    const f = feedbackFor({ code: u.code, name: u.name, findings: unitFindings(u) }, o);
    if (f) out.push(f);
  }
  for (const u of units) if (u.expected && !u.winner) out.push(feedbackFor({ code: u.code, name: u.name, findings: null }, o)!);
  return out;
}

function buildFeedback(feedback: Feedback[]): OutSheet {
  return {
    name: SHEET_FEEDBACK,
    role: 'feedback',
    columns: [
      { header: HEADER.unitCode, kind: 'text', width: 10 },
      { header: HEADER.unitName, kind: 'text', width: 30 },
      { header: HEADER.errors, kind: 'integer', width: 7 },
      { header: 'Cảnh báo', kind: 'integer', width: 9 },
      { header: 'Nội dung phản hồi', kind: 'text', width: 100 },
    ],
    rows: feedback.map((f) => [f.code, f.name, f.errors, f.warnings, f.text]),
  };
}

/** Figures by reform area for the province, then the same for each unit that sent (tally.ts). */
function buildByArea(units: UnitEntry[], templates: Template[], areas: Area[], tallies: Map<string, UnitTally>): OutSheet {
  const sent = units.filter((u) => u.winner).map((u) => ({ key: unitKey(u.code, u.winner!.fileName), code: u.code, name: u.name }));
  const rows = areaRows(sent, tallies, templates, areas);
  return {
    name: SHEET_AREAS,
    role: 'areas',
    columns: [
      { header: HEADER.unit, kind: 'text', width: 28 },
      { header: HEADER.unitCode, kind: 'text', width: 10 },
      { header: 'Phụ lục', kind: 'text', width: 9 },
      { header: HEADER.area, kind: 'text', width: 40 },
      { header: 'Số nội dung', kind: 'integer', width: 10 },
      { header: 'Hoàn thành', kind: 'integer', width: 10 },
      { header: 'Chưa hoàn thành, có lý do cụ thể', kind: 'integer', width: 14 },
      { header: 'Chưa hoàn thành, chưa có lý do cụ thể', kind: 'integer', width: 14 },
      { header: 'Tỷ lệ hoàn thành', kind: 'percent', width: 12 },
    ],
    rows,
  };
}

/** Applies a person's unit assignments; an id the registry does not know is ignored. */
function assignUnits(subs: Submission[], registry: RegistryDef, assign: Record<string, string> | undefined): Submission[] {
  if (!assign) return subs;
  return subs.map((s) => {
    const id = assign[s.fileName];
    const unit = id ? registry.units.find((u) => u.id.toUpperCase() === id.toUpperCase()) : undefined;
    if (!unit) return s;
    // A copy with the chosen unit: the check itself is not changed; the summary shows who chose it.
    const check = Object.create(Object.getPrototypeOf(s.check), Object.getOwnPropertyDescriptors(s.check)) as WorkbookCheck;
    check.unit = { unit, from: s.check.unit.from, evidence: 'assigned' };
    check.findings = s.check.findings.filter((f) => f.code !== 'unit-unknown');
    return { ...s, check };
  });
}

/** The round most files of a batch belong to (each file's own round, else the one its forms imply). */
export function batchRound(checks: WorkbookCheck[], catalog: Catalog): RoundDef | null {
  const votes = new Map<string, number>();
  for (const c of checks) {
    const r = c.round ?? inferRound(catalog, new Set(c.tables.map((t) => t.template.id)));
    if (r) votes.set(r.id, (votes.get(r.id) ?? 0) + 1);
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return (best && catalog.rounds.find((r) => r.id === best[0])) ?? null;
}

/** What a file holds, to know it again under another name: its tables' digest, else its name. */
function contentKey(s: Submission): string {
  return s.check.status !== 'unreadable' && s.check.digest ? s.check.digest : `name:${s.fileName}`;
}

export function consolidate(input: Submission[], opts: ConsolidateOptions): ConsolidatedModel {
  const registry = opts.registry ?? opts.catalog.registry;
  const subs = assignUnits(input, registry, opts.assign);
  const deadline = opts.deadline ?? opts.round.deadline;
  const units = groupUnits(subs, opts.round, registry, opts.receipts);
  const roundForms = opts.round.forms.map((id) => opts.catalog.templates.find((t) => t.id === id)).filter((t): t is Template => !!t);
  // Forms outside the round that someone sent anyway are merged too: nothing is dropped.
  const found = new Map<string, Template>();
  for (const s of subs) for (const t of s.check.tables) found.set(t.template.id, t.template);
  const templates = [...roundForms, ...[...found.values()].filter((t) => !roundForms.includes(t))];
  const feedback = unitFeedback(units, { round: opts.round, deadline, templates, lang: 'vi' });
  const formSheets = buildFormSheets(units, templates);
  const issues = buildIssues(units);
  // The figures are counted from the rows the workbook holds, as a later merge onto it counts them.
  const used = new Map(units.filter((u) => u.winner).map((u) => [unitKey(u.code, u.winner!.fileName), unitFileRoles(u).used]));
  const tallies = tallyUnits([...formSheets, issues], {
    templates,
    areas: opts.catalog.areas,
    usedFiles: (key) => used.get(key) ?? [],
  });
  const sheets = [
    buildSummary(units, templates, deadline, tallies),
    ...formSheets,
    issues,
    buildMissing(units),
    buildFeedback(feedback),
    buildByArea(units, templates, opts.catalog.areas, tallies),
  ];
  const unitMeta: ConsolidatedMeta['units'] = {};
  const unidentified: Record<string, string> = {};
  const unitFiles: Record<string, UnitFiles> = {};
  for (const u of units) {
    if (u.code && u.winner) unitFiles[u.code] = unitFileRoles(u);
    // The forms this batch holds for the unit: a later merge replaces those and keeps the others.
    if (u.code && u.winner)
      unitMeta[u.code] = {
        file: u.winner.fileName,
        receivedAt: u.winner.receivedAt,
        forms: [...u.forms.keys()].sort(),
        held: heldOf(u),
      };
    else if (u.winner) {
      // Two copies of one file in a batch are two entries, as they are two rows on the summary.
      const key = contentKey(u.winner);
      unidentified[key in unidentified ? `${key}#${u.winner.fileName}` : key] = u.winner.fileName;
    }
  }
  return {
    meta: {
      tool: TOOL_NAME,
      version: TOOL_VERSION,
      round: opts.round.id,
      generatedAt: opts.generatedAt,
      sheets: sheets.map((s) => s.name),
      units: unitMeta,
      unidentified,
      ...(opts.receipts && Object.keys(opts.receipts).length ? { receipts: { ...opts.receipts } } : {}),
    },
    sheets,
    unitFiles,
    feedback:
      opts.feedbackLang && opts.feedbackLang !== 'vi'
        ? unitFeedback(units, { round: opts.round, deadline, templates, lang: opts.feedbackLang })
        : feedback,
  };
}
