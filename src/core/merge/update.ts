/**
 * Merging onto an existing consolidated workbook: units with a newer submission in this batch are
 * replaced, every other unit keeps the rows it had, and sheets Phuluc did not create are kept.
 */
import { serialToYMD, ymdToIso } from '../grid/dates';
import type { CellValue, SheetGrid } from '../grid/types';
import { serialToInstant } from './serials';
import { ConsolidatedMeta, ConsolidatedModel, OutCell, OutColumn, OutSheet } from './model';
import {
  findingCounts,
  HEADER,
  NOT_EXPECTED_NOTE,
  replacedForms,
  SHEET_FEEDBACK,
  SHEET_ISSUES,
  SHEET_SUMMARY,
  sourcesNoteOf,
  STATUS,
} from './consolidate';
import { FeedbackItem, feedbackOf } from './feedback';
import { SEVERITY_LABEL } from './model';
import { unitSummaries } from './summary';
import { CATALOGUE, IssueCode } from '../report/catalogue';
import { builtinCatalog, Catalog, Template } from '../template/catalog';
import { areaRows, fileOfKey, setSummaryFigures, tallyUnits, unitKey } from './tally';

export interface PreviousWorkbook {
  meta: ConsolidatedMeta;
  sheets: SheetGrid[];
}

const UNIT_CODE_HEADER = HEADER.unitCode;
const SUMMARY_FILE_HEADER = HEADER.file;
const NOTE_HEADER = HEADER.note;
const ISSUE_CODE_HEADER = HEADER.issueCode;
const UNREADABLE_STATUS = STATUS.unreadable;
/** Where each sheet names a row's file: form sheets "Tệp nguồn", the summary and Lỗi "Tệp". */
const FILE_HEADERS: string[] = [HEADER.sourceFile, HEADER.file];

function fromGrid(v: CellValue, column: OutColumn | undefined): OutCell {
  if (typeof v === 'number' && column?.kind === 'date') {
    const ymd = serialToYMD(v);
    return ymd ? { date: ymdToIso(ymd) } : v;
  }
  if (typeof v === 'number' && column?.kind === 'datetime') {
    // Written as Vietnam wall time (see the writer); back to the instant it was.
    return { dateTime: serialToInstant(v) };
  }
  return v;
}

/**
 * Which units keep their previous rows: not in this batch, sent earlier than what we have, or sent
 * again as a file that cannot be read — a broken re-send must not wipe out good rows (the rule within
 * one batch too). The value says which, for the last: that file stays listed.
 */
function unitsToCarry(model: ConsolidatedModel, previous: ConsolidatedMeta): Map<string, 'kept' | 'unreadable'> {
  const carry = new Map<string, 'kept' | 'unreadable'>();
  const unreadable = new Set(
    unitSummaries(model)
      .filter((u) => u.status === UNREADABLE_STATUS)
      .map((u) => u.code),
  );
  for (const [code, prev] of Object.entries(previous.units)) {
    const now = model.meta.units[code];
    if (!now) carry.set(code, 'kept');
    else if (prev.receivedAt && now.receivedAt && prev.receivedAt > now.receivedAt) carry.set(code, 'kept');
    else if (unreadable.has(code)) carry.set(code, 'unreadable');
  }
  return carry;
}

/**
 * Which previous rows stay: those of a carried unit, and rows of an unidentified file (no unit code)
 * unless this batch has that file again — such a file has no unit for the batch to replace.
 */
interface Carry {
  units: Map<string, 'kept' | 'unreadable'>;
  /** The batch's file of a unit whose new file was unreadable, for the note on the summary. */
  brokenFiles: Map<string, string>;
  /** Whether a previous row of no unit, from this file, stays. */
  keepFile(name: string): boolean;
  /** Unit code → the forms this batch supplies for it: a previous row of another form stays. */
  batchForms: Map<string, Set<string>>;
  /** Unit code → the batch's file of the unit. */
  batchFiles: Map<string, string>;
  /** Unit code (of the batch) → the workbook's files still supplying a form the batch does not hold. */
  keptFiles: Map<string, Set<string>>;
  /** Unit code (of the batch) → the forms the workbook's files of it hold, by file and sheet. */
  heldBefore: Map<string, Held>;
}

/** File → sheet → form id (`ConsolidatedMeta` units' `held`). */
type Held = Record<string, Record<string, string>>;

/** The form a Lỗi line is on: the sheet's form in its file, the absent form of a "form missing". */
function lineForm(held: Held | undefined, file: string, sheet: string, code: CellValue): string | undefined {
  if (code === 'sheet-missing') return sheet.toLowerCase() || undefined;
  return held?.[file]?.[sheet];
}

/**
 * The previous files of no known unit that stay: those this batch does not have again. Known by
 * content (the digest the workbook recorded), an unreadable one by its name; workbooks of earlier
 * versions recorded neither, and their summary's rows of no unit give the names. A kept file whose
 * name this batch also uses for another file would share its rows' "Tệp": the batch's is renamed
 * ("Phu luc (2).xlsx"), so that the next merge can still tell the two apart.
 */
function unidentifiedToCarry(
  model: ConsolidatedModel,
  previous: PreviousWorkbook,
): { keepFile(name: string): boolean; meta: Record<string, string> } {
  const now = model.meta.unidentified ?? {};
  const batchNames = new Set(Object.values(now));
  const before = previous.meta.unidentified ?? unidentifiedOfSummary(previous.sheets.find((g) => g.name === SHEET_SUMMARY));
  // An unreadable file is known by its name as received ("name:x.xlsx"), whatever it was shown as.
  const kept = Object.entries(before).filter(
    ([key]) => !(key in now) && !(key.startsWith(NAME_KEY) && batchNames.has(key.slice(NAME_KEY.length))),
  );
  const names = new Set(kept.map(([, name]) => name));
  const used = new Set([...names, ...batchNames]);
  for (const [key, name] of Object.entries(now)) {
    // The same file as last time keeps the name it was given then ("Phu luc (2).xlsx"), so merging
    // the same folder again gives the same workbook.
    const last = before[key];
    const wanted = last !== undefined && last !== name && isVariantOf(last, name) && !names.has(last) ? last : name;
    const shown = names.has(wanted) ? freeName(name, used) : wanted;
    if (shown === name) continue;
    used.add(shown);
    renameUnidentified(model, name, shown);
    now[key] = shown;
  }
  model.meta.unidentified = now;
  return { keepFile: (name) => names.has(name), meta: Object.fromEntries(kept) };
}

const NAME_KEY = 'name:';

function unidentifiedOfSummary(grid: SheetGrid | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const header = (grid?.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
  const codeAt = header.indexOf(UNIT_CODE_HEADER);
  const fileAt = header.indexOf(SUMMARY_FILE_HEADER);
  if (!grid || codeAt < 0 || fileAt < 0) return out;
  for (const row of grid.values.slice(1)) {
    const code = row[codeAt];
    const file = row[fileAt];
    if ((code === null || code === '') && typeof file === 'string' && file) out[NAME_KEY + file] = file;
  }
  return out;
}

/** "Phu luc (2).xlsx" is a variant of "Phu luc.xlsx". */
function isVariantOf(variant: string, name: string): boolean {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return (
    variant.startsWith(`${stem} (`) &&
    variant.endsWith(`)${ext}`) &&
    /^\d+$/.test(variant.slice(stem.length + 2, variant.length - ext.length - 1))
  );
}

function freeName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 2; ; i++) if (!taken.has(`${stem} (${i})${ext}`)) return `${stem} (${i})${ext}`;
}

/** The batch's rows of no unit from file `from` now name `to` (file columns, and the summary's unit name). */
function renameUnidentified(model: ConsolidatedModel, from: string, to: string): void {
  for (const sheet of model.sheets) {
    const codeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
    const fileCols = sheet.columns.map((c, i) => (FILE_HEADERS.includes(c.header) ? i : -1)).filter((i) => i >= 0);
    if (codeAt < 0 || !fileCols.length) continue;
    for (const row of sheet.rows) {
      if (row[codeAt] !== '' && row[codeAt] !== null) continue;
      if (!fileCols.some((i) => row[i] === from)) continue;
      for (const i of fileCols) if (row[i] === from) row[i] = to;
      row.forEach((v, i) => {
        if (typeof v === 'string' && v.endsWith(`(${from})`)) row[i] = `${v.slice(0, -from.length - 2)}(${to})`;
      });
    }
  }
}

function carryRows(sheet: OutSheet, grid: SheetGrid, carry: Carry, replaceInPlace: boolean): void {
  // A form the batch does not hold for a unit keeps the unit's rows ("gửi bổ sung" sends pieces).
  const form = sheet.role === 'form' ? sheet.template : undefined;
  const formKept = (code: string) => form !== undefined && carry.batchForms.has(code) && !carry.batchForms.get(code)!.has(form);
  // A workbook written before the code column was labelled for machines headed it "Mã lỗi".
  const header = (grid.values[0] ?? [])
    .map((v) => (v === null ? '' : String(v)))
    .map((h) => (sheet.role === 'issues' && h === HEADER.issueCodeBefore ? ISSUE_CODE_HEADER : h));
  const codeAt = header.indexOf(UNIT_CODE_HEADER);
  const newCodeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
  if (codeAt < 0 || newCodeAt < 0) return;
  const fileAt = header.findIndex((h) => FILE_HEADERS.includes(h));
  const issueAt = header.indexOf(ISSUE_CODE_HEADER);
  // On Lỗi, a unit that sent only some forms keeps the earlier file's lines, except its "form
  // missing" for the forms this batch brought.
  const sheetAt = header.indexOf(HEADER.sheet);
  const issueOfKeptForm = (code: string, row: CellValue[]): boolean => {
    if (sheet.role !== 'issues' || !carry.batchForms.has(code)) return false;
    // Only the lines of a file that still supplies a form: a file the batch replaced entirely goes.
    if (row[fileAt] === carry.batchFiles.get(code) || !carry.keptFiles.get(code)?.has(String(row[fileAt]))) return false;
    const sent = carry.batchForms.get(code)!;
    // A line on a form this batch supplies no longer counts (findingCounts): the batch's file has it.
    const file = String(row[fileAt]);
    const form = lineForm(carry.heldBefore.get(code), file, String(row[sheetAt] ?? ''), row[issueAt]);
    return findingCounts(form, file, (f) => (sent.has(f) ? carry.batchFiles.get(code) : undefined));
  };
  const keep = (row: CellValue[]): boolean => {
    const code = row[codeAt];
    if ((typeof code === 'string' && code !== '') || typeof code === 'number') {
      const why = carry.units.get(String(code));
      // The same unreadable file merged again: its earlier "cannot be read" line gives way to this
      // batch's. Only that line: the unit's good rows may well come from a file of the same name.
      if (why === 'unreadable' && issueAt >= 0 && row[issueAt] === 'file-unreadable' && row[fileAt] === carry.brokenFiles.get(String(code)))
        return false;
      return why !== undefined || formKept(String(code)) || issueOfKeptForm(String(code), row);
    }
    const file = fileAt >= 0 ? row[fileAt] : null;
    return typeof file === 'string' && file !== '' && carry.keepFile(file);
  };
  // Columns the previous workbook had and this batch has not (a "Cột khác" header) are added.
  for (const h of header) if (h && !sheet.columns.some((c) => c.header === h)) sheet.columns.push({ header: h, kind: 'text' });
  const target = header.map((h) => sheet.columns.findIndex((c) => c.header === h));
  const carried: OutCell[][] = [];
  for (const row of grid.values.slice(1)) {
    if (!keep(row)) continue;
    const out: OutCell[] = new Array(sheet.columns.length).fill(null);
    row.forEach((v, i) => {
      if (target[i] >= 0) out[target[i]] = fromGrid(v, sheet.columns[target[i]]);
    });
    carried.push(out);
  }
  if (sheet.role === 'issues') {
    // Lines of a workbook that had no "Vấn đề" column get the problem's title in words from its code.
    const titleAt = sheet.columns.findIndex((c) => c.header === HEADER.issueTitle);
    const issueCodeAt = sheet.columns.findIndex((c) => c.header === ISSUE_CODE_HEADER);
    for (const r of carried) {
      const c = r[issueCodeAt];
      if (titleAt >= 0 && r[titleAt] === null && typeof c === 'string' && c in CATALOGUE) r[titleAt] = CATALOGUE[c as IssueCode].vi.title;
    }
  }
  for (const r of sheet.rows) while (r.length < sheet.columns.length) r.push(null);
  const codeOf = (r: OutCell[]) => {
    const v = r[newCodeAt];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  if (replaceInPlace) {
    // The summary lists every expected unit once: the carried row replaces this batch's one — with
    // a word on the unreadable file that did not replace it.
    const noteAt = sheet.columns.findIndex((c) => c.header === NOTE_HEADER);
    for (const r of carried) {
      const broken = carry.brokenFiles.get(codeOf(r));
      if (broken && noteAt >= 0) {
        const note = `Tệp gửi lại ${broken} không đọc được; giữ số liệu tệp trước`;
        const had = typeof r[noteAt] === 'string' ? (r[noteAt] as string) : '';
        if (!had.includes(note)) r[noteAt] = had ? `${note}. ${had}` : note;
      }
    }
    const byCode = new Map(carried.filter((r) => codeOf(r) !== '').map((r) => [codeOf(r), r]));
    sheet.rows = sheet.rows.map((r) => (codeOf(r) !== '' && byCode.get(codeOf(r))) || r);
    const present = new Set(sheet.rows.map(codeOf).filter((c) => c !== ''));
    sheet.rows.push(...carried.filter((r) => codeOf(r) === '' || !present.has(codeOf(r))));
  } else {
    // A unit carried although this batch has a file from it (the batch's is older): the batch's
    // rows go, or the unit would be there twice. An unreadable new file has no data rows, and its
    // issue stays on Lỗi beside the earlier file's.
    sheet.rows = sheet.rows.filter((r) => carry.units.get(codeOf(r)) !== 'kept');
    sheet.rows.push(...carried);
  }
}

/** The batch's "form missing" lines for forms the workbook keeps from a unit's earlier file. */
function dropMissingKeptForms(sheet: OutSheet, batchForms: Map<string, Set<string>>, previous: ConsolidatedMeta): void {
  const codeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
  const issueAt = sheet.columns.findIndex((c) => c.header === ISSUE_CODE_HEADER);
  const sheetAt = sheet.columns.findIndex((c) => c.header === HEADER.sheet);
  sheet.rows = sheet.rows.filter((r) => {
    const code = String(r[codeAt] ?? '');
    if (!batchForms.has(code) || r[issueAt] !== 'sheet-missing') return true;
    return !(previous.units[code]?.forms ?? []).includes(String(r[sheetAt] ?? '').toLowerCase());
  });
}

/**
 * Per unit of the batch, the workbook's files that still supply a form the batch does not hold for
 * it: those its rows of such a form come from (a kept form without rows, the file the unit's line
 * named).
 */
function keptFilesOf(model: ConsolidatedModel, previous: PreviousWorkbook, batchForms: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map([...batchForms.keys()].map((code) => [code, new Set<string>()]));
  const withRows = new Set<string>();
  for (const sheet of model.sheets) {
    const grid = previous.sheets.find((g) => g.name === sheet.name);
    if (sheet.role !== 'form' || !sheet.template || !grid) continue;
    const header = (grid.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
    const [codeAt, fileAt] = [header.indexOf(UNIT_CODE_HEADER), header.indexOf(HEADER.sourceFile)];
    if (codeAt < 0 || fileAt < 0) continue;
    for (const row of grid.values.slice(1)) {
      const code = String(row[codeAt] ?? '');
      if (!batchForms.has(code) || batchForms.get(code)!.has(sheet.template) || row[fileAt] === null) continue;
      out.get(code)!.add(String(row[fileAt]));
      withRows.add(`${code}\u0000${sheet.template}`);
    }
  }
  for (const [code, forms] of batchForms) {
    const before = previous.meta.units[code];
    if (before?.forms?.some((f) => !forms.has(f) && !withRows.has(`${code}\u0000${f}`))) out.get(code)!.add(before.file);
  }
  return out;
}

/**
 * Per unit of the batch, the forms the workbook's files of it hold by sheet: as `_phuluc` recorded
 * them, or, for a workbook written before it did, as its form rows say ("Tệp nguồn", "Ô nguồn").
 */
function heldBeforeOf(model: ConsolidatedModel, previous: PreviousWorkbook, batchForms: Map<string, Set<string>>): Map<string, Held> {
  const out = new Map<string, Held>();
  for (const code of batchForms.keys()) {
    const held = previous.meta.units[code]?.held;
    if (held) out.set(code, held);
  }
  for (const sheet of model.sheets) {
    const grid = previous.sheets.find((g) => g.name === sheet.name);
    if (sheet.role !== 'form' || !sheet.template || !grid) continue;
    const header = (grid.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
    const [codeAt, fileAt, cellAt] = [UNIT_CODE_HEADER, HEADER.sourceFile, HEADER.sourceCell].map((h) => header.indexOf(h));
    if (codeAt < 0 || fileAt < 0 || cellAt < 0) continue;
    for (const row of grid.values.slice(1)) {
      const code = String(row[codeAt] ?? '');
      if (!batchForms.has(code) || previous.meta.units[code]?.held) continue;
      const source = String(row[cellAt] ?? '');
      const bang = source.lastIndexOf('!');
      if (bang <= 0 || row[fileAt] === null) continue;
      const held = out.get(code) ?? out.set(code, {}).get(code)!;
      (held[String(row[fileAt])] ??= {})[source.slice(0, bang)] = sheet.template;
    }
  }
  return out;
}

/**
 * Phản hồi's text of a unit of the batch whose earlier files still supply forms, written again from
 * its Lỗi lines in the result (the batch's and those carried), in the order a merge of every file
 * lists them (by file, oldest first): the text of one merge of all its files.
 */
function feedbackAgain(model: ConsolidatedModel, code: string, files: string[], held: Held, catalog: Catalog, templates: Template[]): void {
  const issues = model.sheets.find((s) => s.name === SHEET_ISSUES);
  const sheet = model.sheets.find((s) => s.name === SHEET_FEEDBACK);
  const round = catalog.rounds.find((r) => r.id === model.meta.round);
  if (!issues || !sheet || !round) return;
  const at = (h: string) => issues.columns.findIndex((c) => c.header === h);
  const [codeAt, fileAt, sheetAt, cellAt, severityAt, messageAt, hintAt, issueAt] = [
    UNIT_CODE_HEADER,
    HEADER.file,
    HEADER.sheet,
    HEADER.cell,
    HEADER.severity,
    'Nội dung',
    'Cách sửa',
    ISSUE_CODE_HEADER,
  ].map(at);
  const text = (v: OutCell) => (v === null || v === undefined ? '' : String(v));
  const lines = issues.rows
    .filter((r) => text(r[codeAt]) === code)
    .map((r, i) => ({ r, i, file: files.indexOf(text(r[fileAt])) }))
    .sort((a, b) => a.file - b.file || a.i - b.i)
    .map(({ r }): FeedbackItem => {
      const form = lineForm(held, text(r[fileAt]), text(r[sheetAt]), r[issueAt] as CellValue);
      return {
        severity: r[severityAt] === SEVERITY_LABEL.warning ? 'warning' : 'error',
        template: form,
        cell: text(r[cellAt]) || undefined,
        message: text(r[messageAt]),
        hint: text(r[hintAt]),
      };
    });
  const summary = model.sheets.find((s) => s.name === SHEET_SUMMARY);
  const sAt = (h: string) => summary?.columns.findIndex((c) => c.header === h) ?? -1;
  const name = text(summary?.rows.find((r) => text(r[sAt(UNIT_CODE_HEADER)]) === code)?.[sAt(HEADER.unitName)] ?? null);
  const fb = feedbackOf({ code, name, items: lines }, { round, deadline: '', templates, lang: 'vi' });
  const fAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
  const index = sheet.rows.findIndex((r) => text(r[fAt]) === code);
  const row: OutCell[] | null = fb && [fb.code, fb.name, fb.errors, fb.warnings, fb.text];
  if (row && index >= 0) sheet.rows[index] = row;
  else if (row) sheet.rows.push(row);
  else if (index >= 0) sheet.rows.splice(index, 1);
}

/**
 * The figures of the result, counted again from the rows it holds (carried and new) as a merge of
 * every file in one batch counts them: Tổng hợp's line of each unit of the batch — with, for a unit
 * whose earlier file still supplies forms, the files and forms of both — and Theo lĩnh vực whole.
 * A carried unit's line stays as the workbook had it.
 */
function recount(model: ConsolidatedModel, previous: PreviousWorkbook, carry: Carry, catalog: Catalog): void {
  const templates = model.sheets
    .filter((s) => s.role === 'form')
    .map((s) => catalog.templates.find((t) => t.id === s.template))
    .filter((t): t is Template => !!t);
  const summary = model.sheets.find((s) => s.name === SHEET_SUMMARY);
  if (!summary) return;
  const at = (h: string) => summary.columns.findIndex((c) => c.header === h);
  const [codeAt, fileAt, formsAt, noteAt] = [UNIT_CODE_HEADER, SUMMARY_FILE_HEADER, HEADER.formsPresent, NOTE_HEADER].map(at);
  const before = previous.sheets.find((g) => g.name === SHEET_SUMMARY);
  const beforeHeader = (before?.values[0] ?? []).map((v) => (v === null ? '' : String(v)));
  const filesBefore = (code: string): string[] => {
    const [c, f] = [beforeHeader.indexOf(UNIT_CODE_HEADER), beforeHeader.indexOf(SUMMARY_FILE_HEADER)];
    const row = c >= 0 && f >= 0 ? before!.values.slice(1).find((r) => String(r[c] ?? '') === code) : undefined;
    return typeof row?.[f] === 'string' ? (row[f] as string).split('; ') : [];
  };
  const used = new Map<string, string[]>();
  for (const code of carry.batchForms.keys()) {
    const batch = model.unitFiles?.[code] ?? { used: [carry.batchFiles.get(code)!], superseded: [], unreadable: [] };
    const kept = carry.keptFiles.get(code)!;
    if (!kept.size) {
      used.set(code, batch.used);
      continue;
    }
    // A unit sending in pieces: the workbook's files still supplying a form stand beside the batch's.
    const earlier = filesBefore(code);
    const stillUsed = [...earlier.filter((f) => kept.has(f)).reverse(), ...[...kept].filter((f) => !earlier.includes(f))];
    const files = { ...batch, used: [...new Set([...batch.used, ...stillUsed])] };
    const all = [...earlier.filter((f) => !files.used.includes(f) && !batch.superseded.includes(f) && !batch.unreadable.includes(f))];
    files.superseded = [...all, ...batch.superseded];
    used.set(code, files.used);
    if (model.unitFiles) model.unitFiles[code] = files;
    const row = summary.rows.find((r) => String(r[codeAt] ?? '') === code);
    if (!row) continue;
    const listed = typeof row[fileAt] === 'string' ? (row[fileAt] as string).split('; ') : [];
    row[fileAt] = [...earlier.filter((f) => !listed.includes(f)), ...listed].join('; ');
    const forms = new Set(model.meta.units[code]?.forms ?? []);
    if (formsAt >= 0)
      row[formsAt] = templates
        .filter((t) => forms.has(t.id))
        .map((t) => t.sheetName)
        .join(', ');
    // Which file supplies which form: the form's rows say; a form without rows, the file named for it.
    const formFiles = templates
      .filter((t) => forms.has(t.id))
      .map((t): [string, string] => {
        const sheet = model.sheets.find((s) => s.role === 'form' && s.template === t.id)!;
        const [c, f] = [UNIT_CODE_HEADER, HEADER.sourceFile].map((h) => sheet.columns.findIndex((x) => x.header === h));
        const held = sheet.rows.find((r) => String(r[c] ?? '') === code);
        const fallback = carry.batchForms.get(code)!.has(t.id) ? carry.batchFiles.get(code)! : previous.meta.units[code]!.file;
        return [t.sheetName, held ? String(held[f]) : fallback];
      });
    const note = typeof row[noteAt] === 'string' && (row[noteAt] as string).startsWith(NOT_EXPECTED_NOTE) ? [NOT_EXPECTED_NOTE] : [];
    // The forms each file still used holds: the workbook's files', then the batch's.
    const heldBefore = carry.heldBefore.get(code) ?? {};
    const held: Held = {
      ...Object.fromEntries(Object.entries(heldBefore).filter(([f]) => files.used.includes(f))),
      ...(model.meta.units[code]?.held ?? {}),
    };
    model.meta.units[code] = { ...model.meta.units[code], held };
    const replaced = replacedForms(templates, formFiles, held);
    if (noteAt >= 0) row[noteAt] = [...note, ...sourcesNoteOf(formFiles, files, replaced)].join('. ') || null;
    feedbackAgain(model, code, listedFiles(row[fileAt]), held, catalog, templates);
  }
  const tallies = tallyUnits(model.sheets, {
    templates,
    areas: catalog.areas,
    usedFiles: (key) => used.get(key) ?? (fileOfKey(key) !== null ? [fileOfKey(key)!] : []),
  });
  for (const row of summary.rows) {
    const code = String(row[codeAt] ?? '');
    if (carry.batchForms.has(code)) setSummaryFigures(summary, row, tallies.get(code), templates);
  }
  const areas = model.sheets.find((s) => s.role === 'areas');
  if (!areas) return;
  const nameAt = at(HEADER.unitName);
  const statusAt = at(HEADER.status);
  const units = summary.rows
    .filter((r) => r[statusAt] !== STATUS.missing)
    .map((r) => {
      const key = unitKey(r[codeAt], r[fileAt]);
      return { key, code: String(r[codeAt] ?? ''), name: tallies.get(key)?.name || String(r[nameAt] ?? '') };
    });
  areas.rows = areaRows(units, tallies, templates, catalog.areas);
}

const listedFiles = (v: OutCell): string[] => (typeof v === 'string' ? v.split('; ') : []);

/** Callers refuse a workbook of another round before this (its sheets would otherwise be replaced). */
export function applyPrevious(
  input: ConsolidatedModel,
  previous: PreviousWorkbook,
  catalog: Catalog = builtinCatalog(),
): ConsolidatedModel {
  if (previous.meta.round !== input.meta.round) return input;
  const units = unitsToCarry(input, previous.meta);
  const brokenFiles = new Map([...units].filter(([, why]) => why === 'unreadable').map(([code]) => [code, input.meta.units[code]!.file]));
  const model = structuredClone(input);
  const unidentified = unidentifiedToCarry(model, previous);
  const batchForms = new Map(
    Object.entries(input.meta.units)
      .filter(([code]) => !units.has(code))
      .map(([code, u]) => [code, new Set(u.forms ?? [])]),
  );
  const batchFiles = new Map([...batchForms.keys()].map((code) => [code, input.meta.units[code]!.file]));
  const keptFiles = keptFilesOf(model, previous, batchForms);
  const heldBefore = heldBeforeOf(model, previous, batchForms);
  const carry: Carry = { units, brokenFiles, keepFile: unidentified.keepFile, batchForms, batchFiles, keptFiles, heldBefore };
  for (const sheet of model.sheets) {
    const grid = previous.sheets.find((g) => g.name === sheet.name);
    if (sheet.role === 'areas') continue; // counted again from the rows the result holds (recount)
    if (sheet.role === 'missing') {
      const codeAt = sheet.columns.findIndex((c) => c.header === UNIT_CODE_HEADER);
      sheet.rows = sheet.rows.filter((r) => !carry.units.has(String(r[codeAt])));
      continue;
    }
    if (!grid) continue;
    if (sheet.role === 'issues') dropMissingKeptForms(sheet, batchForms, previous.meta);
    carryRows(sheet, grid, carry, sheet.name === SHEET_SUMMARY);
  }
  for (const [code, why] of carry.units) {
    model.meta.units[code] = previous.meta.units[code];
    // The unit's line stands on the workbook's file: the batch's files of it are older, or unreadable.
    const batch = input.unitFiles?.[code];
    if (!model.unitFiles) continue;
    const kept = previous.meta.units[code]!.file;
    const sent = batch ? [...batch.used, ...batch.superseded] : [];
    model.unitFiles[code] = {
      used: [kept],
      superseded: why === 'kept' ? sent.filter((f) => f !== kept) : (batch?.superseded ?? []),
      unreadable: why === 'unreadable' ? [...(batch?.used ?? []), ...(batch?.unreadable ?? [])] : (batch?.unreadable ?? []),
    };
    if (!batch) delete model.unitFiles[code];
  }
  // A unit in the batch keeps the forms only the workbook had.
  for (const [code, forms] of batchForms) {
    const before = previous.meta.units[code]?.forms;
    if (before) model.meta.units[code] = { ...model.meta.units[code], forms: [...new Set([...before, ...forms])].sort() };
  }
  model.meta.unidentified = { ...unidentified.meta, ...(model.meta.unidentified ?? {}) };
  const receipts = { ...(previous.meta.receipts ?? {}), ...(model.meta.receipts ?? {}) };
  if (Object.keys(receipts).length) model.meta.receipts = receipts;
  recount(model, previous, carry, catalog);
  feedbackTexts(model, input, carry);
  return model;
}

/**
 * The texts to write back (--feedback) after an update. In Vietnamese they are Phản hồi's rows as
 * the result has them, carried units' included. In another language the batch's are all there is:
 * a carried unit's (told it had not sent, or of an older file) are dropped.
 */
function feedbackTexts(model: ConsolidatedModel, input: ConsolidatedModel, carry: Carry): void {
  if (!model.feedback) return;
  const rowsOf = (m: ConsolidatedModel) => m.sheets.find((s) => s.name === SHEET_FEEDBACK)?.rows ?? [];
  const texts = new Map(rowsOf(input).map((r) => [String(r[0] ?? ''), r[4]]));
  const vietnamese = (input.feedback ?? []).every((f) => texts.get(f.code) === f.text);
  if (!vietnamese) {
    model.feedback = model.feedback.filter((f) => !carry.units.has(f.code));
    return;
  }
  const text = (v: OutCell) => (v === null || v === undefined ? '' : String(v));
  model.feedback = rowsOf(model)
    .filter((r) => text(r[0]) !== '')
    .map((r) => ({ code: text(r[0]), name: text(r[1]), errors: Number(r[2] ?? 0), warnings: Number(r[3] ?? 0), text: text(r[4]) }));
}
