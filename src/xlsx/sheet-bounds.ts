/**
 * Bounds applied to a worksheet part before the spreadsheet parser reads it. The parser trusts
 * what the XML says: a cell at row 2^32 has it walk a 2^32-long array, a hyperlink over the whole
 * sheet has it create seventeen billion cells. What Excel itself cannot hold is refused here (the
 * file is damaged); what it can hold but the check does not need (hyperlinks) is left out, and
 * merged areas are kept to the sheet's limits. Works on bytes so it runs in the browser too.
 */
import { corrupt } from './unreadable-error';
import type { ZipEntry } from './zip/reader';

/** Excel's grid: XFD1048576. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;
/** Merged areas per sheet: a form has dozens; more only costs memory the check does not need. */
export const MAX_MERGES = 100_000;

type BufferLike = { from(b: ArrayBufferLike, offset: number, length: number): { toString(enc: 'latin1'): string } };

let decoder: TextDecoder | undefined;

/** One UTF-16 unit per byte, so string positions are byte positions (Node's Buffer is 3× faster). */
function latin1Text(data: Uint8Array): string {
  const B = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (B) return B.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  decoder ??= new TextDecoder('latin1');
  return decoder.decode(data);
}

/** Worksheet parts (and only those) carry `<sheetData>`; other parts are passed through untouched. */
export function boundSheetEntry(entry: ZipEntry, data: Uint8Array): Uint8Array {
  if (!/\.xml$/i.test(entry.name) || /sharedStrings|styles|theme|drawing|chart/i.test(entry.name)) return data;
  const xml = latin1Text(data);
  if (!/<(?:\w+:)?sheetData\b/.test(xml)) return data;
  return boundSheetXml(xml, data, entry.name);
}

/** Suspicious references only: three or more letters, or seven or more digits; others are in range. */
const BIG_REF = /\s(r|ref|sqref)="([^"]*?[A-Za-z]{3,}[^"]*|[^"]*?\d{7,}[^"]*)"/g;
const HYPERLINKS = /<(?:\w+:)?hyperlinks\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?hyperlinks>)|<(?:\w+:)?hyperlink\b[^>]*>/g;
const MERGE = /<(?:\w+:)?mergeCell\b[^>]*>/g;

function boundSheetXml(xml: string, data: Uint8Array, part: string): Uint8Array {
  for (const m of xml.matchAll(BIG_REF)) {
    const [, attr, value] = m;
    if (attr === 'r' ? !refInGrid(value!) : !rangesInGrid(value!)) {
      throw corrupt(`${part}: reference "${value!.slice(0, 40)}" lies outside Excel's grid (XFD1048576)`);
    }
  }
  const cuts: [number, number][] = [];
  for (const m of xml.matchAll(HYPERLINKS)) cuts.push([m.index, m.index + m[0].length]);
  // A merged area starting below the last row holds nothing; the rest are capped.
  const lastRow = lastRowNumber(xml);
  let merges = 0;
  for (const m of xml.matchAll(MERGE)) {
    const top = Number(/\sref="\$?[A-Za-z]*\$?(\d+)/.exec(m[0])?.[1] ?? 0);
    if (top > lastRow || ++merges > MAX_MERGES) cuts.push([m.index, m.index + m[0].length]);
  }
  return cuts.length ? cutBytes(data, cuts) : data;
}

/** The number of the sheet's last row element, or Infinity when rows carry no number. */
function lastRowNumber(xml: string): number {
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  const rows = end < 0 ? -1 : Math.max(xml.lastIndexOf('<row', end), xml.lastIndexOf(':row', end));
  if (rows < 0) return Infinity;
  const r = /^(?:<|:)row\b[^>]*?\sr="(\d+)"/.exec(xml.slice(rows, rows + 200));
  return r ? Number(r[1]) : Infinity;
}

/** A1-style cell reference (or a bare row number) within A1:XFD1048576. */
export function refInGrid(ref: string): boolean {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(ref.trim());
  if (!m) return false;
  const [, letters, digits] = m;
  if (letters) {
    let col = 0;
    for (const ch of letters!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    if (col > EXCEL_MAX_COLS) return false;
  }
  return !digits || (+digits! >= 1 && +digits! <= EXCEL_MAX_ROWS);
}

function rangesInGrid(value: string): boolean {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .every((range) => range.split(':').every((end) => end === '' || refInGrid(end)));
}

function cutBytes(data: Uint8Array, cuts: [number, number][]): Uint8Array {
  cuts.sort((a, b) => a[0] - b[0]);
  let size = data.length;
  for (const [a, b] of cuts) size -= b - a;
  const out = new Uint8Array(size);
  let p = 0;
  let from = 0;
  for (const [a, b] of cuts) {
    out.set(data.subarray(from, a), p);
    p += a - from;
    from = b;
  }
  out.set(data.subarray(from), p);
  return out;
}
