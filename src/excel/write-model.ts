/**
 * The consolidated model written into the open workbook: new sheets only, replacing those Phuluc
 * wrote before (listed in its very hidden `_phuluc` sheet) and never touching any other. Values go
 * in one range write per sheet, cut into batches that stay under Excel on the web's 5 MB request
 * limit; every text is written as text.
 */
import { rangeA1 } from '../core/grid/address';
import { ConsolidatedModel, isOutDate, isOutDateTime, META_SHEET, metaChunks, OutCell, OutColumnKind, OutSheet } from '../core/merge/model';
import { dateSerial, dateTimeSerial } from '../core/merge/serials';
import type { Capabilities } from './capabilities';
import { MAX_REQUEST_BYTES, utf8Length } from './request-size';
import { TEXT_FORMAT } from './text-cells';

/** Excel on the web refuses requests over 5 MB; stay well below with what we can measure. */
export const MAX_BATCH_BYTES = MAX_REQUEST_BYTES;
const FORMATS: Record<OutColumnKind, string> = {
  text: TEXT_FORMAT,
  integer: '0',
  number: 'General',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};
const HEADER_FILL = '#DDEBF7';
/** Sheet names Excel reserves or that collide get this suffix; existing sheets are never renamed. */
const SUFFIX = ' (Phuluc)';
/** The new sheets' names while they are written, before Phuluc's old ones are replaced. */
const ASIDE_PREFIX = 'Phuluc ';

export interface WriteReport {
  sheets: string[];
  syncs: number;
}

function excelCell(v: OutCell, kind: OutColumnKind): [string | number | boolean, string] {
  if (v === null) return ['', 'General'];
  if (typeof v === 'string') return [v, TEXT_FORMAT];
  if (typeof v === 'boolean') return [v, 'General'];
  if (typeof v === 'number') return [v, kind === 'text' ? 'General' : FORMATS[kind]];
  if (isOutDate(v)) {
    const s = dateSerial(v.date);
    return s === null ? [v.date, TEXT_FORMAT] : [s, FORMATS.date];
  }
  if (isOutDateTime(v)) {
    const s = dateTimeSerial(v.dateTime);
    return s === null ? [v.dateTime, TEXT_FORMAT] : [s, FORMATS.datetime];
  }
  return [String(v), TEXT_FORMAT];
}

export interface Batch {
  from: number;
  values: unknown[][];
  formats: string[][];
  /** Estimated request bytes of this batch. */
  bytes: number;
}

/** Rows of values and formats cut so that each batch's payload stays under the limit. */
export function batchRows(sheet: OutSheet, maxBytes = MAX_BATCH_BYTES): Batch[] {
  const width = sheet.columns.length;
  const kinds = sheet.columns.map((c) => c.kind);
  const out: Batch[] = [];
  let cur: Batch = { from: 0, values: [], formats: [], bytes: 0 };
  sheet.rows.forEach((row, i) => {
    const values: unknown[] = [];
    const formats: string[] = [];
    for (let c = 0; c < width; c++) {
      const [v, f] = excelCell(row[c] ?? null, kinds[c] ?? 'text');
      values.push(v);
      formats.push(f);
    }
    // JSON is what travels; UTF-8 makes Vietnamese letters two or three bytes.
    const size = utf8Length(JSON.stringify(values)) + utf8Length(JSON.stringify(formats)) + 16;
    if (cur.values.length && cur.bytes + size > maxBytes) {
      out.push(cur);
      cur = { from: i, values: [], formats: [], bytes: 0 };
    }
    cur.values.push(values);
    cur.formats.push(formats);
    cur.bytes += size;
  });
  if (cur.values.length) out.push(cur);
  return out;
}

function uniqueName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 1; ; i++) {
    const tail = i === 1 ? SUFFIX : ` (Phuluc ${i})`;
    const name = wanted.slice(0, 31 - tail.length) + tail;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export async function writeModelToWorkbook(
  context: Excel.RequestContext,
  caps: Capabilities,
  model: ConsolidatedModel,
): Promise<WriteReport> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  syncs++;

  // Which sheets are ours: the list in the previous `_phuluc` sheet.
  let ours: string[] = [];
  let metaRows = 0;
  const meta = sheets.items.find((ws) => ws.name === META_SHEET);
  // Made very hidden by a newer Excel and opened where visibility cannot be set (ExcelApi 1.1): it
  // can be neither deleted nor shown, so it is written over in place.
  const metaStuck = meta?.visibility === Excel.SheetVisibility.veryHidden && !caps.sheetVisibility;
  if (meta) {
    const used = meta.getUsedRange();
    used.load('values');
    await context.sync();
    syncs++;
    metaRows = used.values.length;
    try {
      const parsed = JSON.parse(used.values.map((r) => String(r[0] ?? '')).join('')) as { sheets?: unknown };
      if (Array.isArray(parsed.sheets)) ours = parsed.sheets.filter((s): s is string => typeof s === 'string');
    } catch {
      ours = [];
    }
  }
  const existing = sheets.items.map((ws) => ws.name);
  const replace = new Set([...ours, META_SHEET].filter((n) => existing.includes(n) && !(metaStuck && n === META_SHEET)));
  const taken = new Set(existing.filter((n) => !replace.has(n)).map((n) => n.toLowerCase()));
  // The new sheets are written aside under names of their own first, and Phuluc's old sheets are
  // deleted only in the last round trip: Office.js batches are not transactions, so a failure on the
  // way leaves the old consolidation in place rather than none at all. It also keeps a visible sheet
  // in the workbook whatever is deleted (Excel refuses to delete the last visible one).
  const aside = new Set([...existing, ...model.sheets.map((s) => s.name)].map((n) => n.toLowerCase()));
  const created: Excel.Worksheet[] = [];
  const written: string[] = [];
  let pending = 0;
  try {
    for (const sheet of model.sheets) {
      const name = uniqueName(sheet.name, taken);
      taken.add(name.toLowerCase());
      written.push(name);
      const temporary = uniqueName(`${ASIDE_PREFIX}${written.length}`, aside);
      aside.add(temporary.toLowerCase());
      const ws = sheets.add(temporary);
      created.push(ws);
      const width = Math.max(1, sheet.columns.length);
      const header = ws.getRange(rangeA1(0, 0, 0, width - 1));
      header.numberFormat = [sheet.columns.map(() => TEXT_FORMAT)];
      header.values = [sheet.columns.map((c) => c.header)];
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      for (const batch of batchRows(sheet)) {
        // Send what is queued before this batch would take the request over the limit.
        if (pending && pending + batch.bytes > MAX_BATCH_BYTES) {
          // Deliberate: one round trip per ~4 MB, the only way under Excel on the web's request limit.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
          syncs++;
          pending = 0;
        }
        const range = ws.getRange(rangeA1(1 + batch.from, 0, batch.from + batch.values.length, width - 1));
        // The format first: a text cell must be Text before its value arrives.
        range.numberFormat = batch.formats;
        range.values = batch.values;
        pending += batch.bytes;
      }
      const all = ws.getRange(rangeA1(0, 0, sheet.rows.length, width - 1));
      if (caps.autofit) all.format.autofitColumns();
      if (caps.freezePanes) ws.freezePanes.freezeRows(1);
      if (caps.autoFilter) ws.autoFilter.apply(all);
      if (sheet.chart && sheet.rows.length) {
        const { categoryColumn, valueColumn, title } = sheet.chart;
        const last = sheet.rows.length;
        const chart = ws.charts.add(
          Excel.ChartType.barClustered,
          ws.getRange(rangeA1(0, valueColumn, last, valueColumn)),
          Excel.ChartSeriesBy.columns,
        );
        chart.title.text = title;
        chart.legend.visible = false;
        // Unit names on the axis (ExcelApi 1.7); older Excel numbers the bars in summary order.
        if (caps.seriesAxisValues) chart.series.getItemAt(0).setXAxisValues(ws.getRange(rangeA1(1, categoryColumn, last, categoryColumn)));
      }
    }
    await context.sync();
    syncs++;
  } catch (e) {
    // Nothing of the old consolidation was touched; the half-written new sheets go (if Excel lets them).
    for (const ws of created) ws.delete();
    await context.sync().catch(() => undefined);
    throw e;
  }

  // The last round trip: the old sheets out, the new ones under their names, the list of them.
  for (const name of replace) {
    const ws = sheets.getItem(name);
    // A very hidden sheet cannot be deleted (Worksheet.delete fails with InvalidOperation, office-js#365):
    // it is made hidden first. Only an Excel that can set visibility (ExcelApi 1.2) gets here with one.
    if (name === META_SHEET && meta?.visibility === Excel.SheetVisibility.veryHidden) ws.visibility = Excel.SheetVisibility.hidden;
    ws.delete();
  }
  created.forEach((ws, i) => (ws.name = written[i]));
  const metaSheet = metaStuck ? sheets.getItem(META_SHEET) : sheets.add(META_SHEET);
  const json = JSON.stringify({ ...model.meta, sheets: written });
  const parts = metaChunks(json);
  if (metaStuck && metaRows > parts.length) {
    const rest = metaSheet.getRange(rangeA1(parts.length, 0, metaRows - 1, 0));
    rest.values = Array.from({ length: metaRows - parts.length }, () => ['']);
  }
  const metaRange = metaSheet.getRange(rangeA1(0, 0, parts.length - 1, 0));
  metaRange.numberFormat = parts.map(() => [TEXT_FORMAT]);
  metaRange.values = parts.map((p) => [p]);
  // Setting visibility is ExcelApi 1.2; on 1.1 the list stays in view (named in docs/excel-versions.md).
  if (caps.sheetVisibility) metaSheet.visibility = Excel.SheetVisibility.veryHidden;
  await context.sync();
  syncs++;
  return { sheets: written, syncs };
}
