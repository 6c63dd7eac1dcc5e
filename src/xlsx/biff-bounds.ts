/**
 * The .xls counterpart of sheet-bounds.ts. A hyperlink record (HLINK) names a range, and the parser
 * visits every cell of it: 500 records over A1:IV65536 in a 65 KB file kept it busy for two minutes.
 * The check does not need hyperlinks, so each one is shrunk to its first cell before the parser
 * reads the workbook stream; nothing else in the file changes.
 */
import * as XLSX from '@e965/xlsx';

/** The part of SheetJS's bundled CFB library used here (it ships without types). */
interface CfbEntry {
  content?: Uint8Array;
}
interface CfbLib {
  read(data: Uint8Array, opts: { type?: string }): unknown;
  find(container: unknown, path: string): CfbEntry | null;
  write(container: unknown, opts: { type?: string }): Uint8Array;
}

const HLINK = 0x01b8;
const HLINK_TOOLTIP = 0x0800;
const FILEPASS = 0x002f;

/** A compound file whose workbook stream has hyperlinks over more than one cell, rewritten; else the same bytes. */
export function boundCfbHyperlinks(bytes: Uint8Array): Uint8Array {
  const cfb = XLSX.CFB as CfbLib;
  let container: unknown;
  try {
    container = cfb.read(bytes, { type: 'array' });
  } catch {
    return bytes; // the parser will say what is wrong with it
  }
  const stream = cfb.find(container, 'Workbook') ?? cfb.find(container, 'Book');
  if (!stream?.content || !shrinkHyperlinks(stream.content)) return bytes;
  return cfb.write(container, {});
}

/** A bare BIFF stream (no compound file around it), patched in place on a copy. */
export function boundBiffHyperlinks(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  return shrinkHyperlinks(copy) ? copy : bytes;
}

/** Shrink every hyperlink record's range to its first cell; true if any was wider. */
function shrinkHyperlinks(s: Uint8Array): boolean {
  let changed = false;
  for (let p = 0; p + 4 <= s.length;) {
    const type = s[p]! | (s[p + 1]! << 8);
    const size = s[p + 2]! | (s[p + 3]! << 8);
    const body = p + 4;
    if (body + size > s.length) break;
    // After FILEPASS the record bodies are encrypted: nothing there can be read or changed.
    if (type === FILEPASS) break;
    // HLINK starts with its range (first row, last row, first column, last column); the tooltip
    // record with a 2-byte record type first.
    const at = type === HLINK ? body : type === HLINK_TOOLTIP ? body + 2 : -1;
    if (at >= 0 && size >= at - body + 8) changed = shrinkRange(s, at) || changed;
    p = body + size;
  }
  return changed;
}

function shrinkRange(s: Uint8Array, at: number): boolean {
  const wide = s[at + 2] !== s[at] || s[at + 3] !== s[at + 1] || s[at + 6] !== s[at + 4] || s[at + 7] !== s[at + 5];
  if (!wide) return false;
  s[at + 2] = s[at]!;
  s[at + 3] = s[at + 1]!;
  s[at + 6] = s[at + 4]!;
  s[at + 7] = s[at + 5]!;
  return true;
}
