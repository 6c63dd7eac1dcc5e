/**
 * The ZIP container, written: the guard's repacked archive (every entry stored, as the parser will
 * see it) and the highlighted copy (a few parts replaced, the rest copied byte for byte).
 */
import { UnreadableError } from '../unreadable-error';
import { crc32 } from './crc32';
import { inflateEntry, SIG_CENTRAL, SIG_EOCD, SIG_LOCAL, view, type ZipCodec, type ZipDirectory, type ZipEntry } from './reader';

/**
 * Every entry inflated (bounded by its declared size, its CRC-32 verified) into a new archive whose
 * entries are all stored. The parser then sees exactly the directory the guard checked, nothing it
 * inflates can exceed what was declared, and native inflation replaces the parser's slower one.
 * `transform` may rewrite a part on the way (the pre-parse bounds of sheet XML).
 */
export function repackStored(
  bytes: Uint8Array,
  zip: ZipDirectory,
  codec: ZipCodec,
  transform?: (entry: ZipEntry, data: Uint8Array) => Uint8Array,
): Uint8Array {
  const parts = zip.entries.map((e): Part => {
    let data = inflateEntry(bytes, e, codec);
    let crc = e.crc32;
    if (transform) {
      const out = transform(e, data);
      if (out !== data) crc = crc32(out);
      data = out;
    }
    return { h: { ...e, method: 0, crc32: crc, compressedSize: data.length, uncompressedSize: data.length }, data };
  });
  return writeZip(parts, codec.alloc, 'repack');
}

/**
 * Copy the archive entry by entry, each with its original compression, except the entries named in
 * `replace`, which are written stored with a new CRC-32. Entry order, names and dates are kept; the
 * directory is written afresh (classic, no ZIP64: the guard's limits keep archives far below 4 GB).
 * Entries named in `remove` are left out; `add` are written after the others.
 */
export function rebuildZip(
  bytes: Uint8Array,
  zip: ZipDirectory,
  replace: ReadonlyMap<string, Uint8Array>,
  add: readonly Part[] = [],
  remove: ReadonlySet<string> = new Set(),
): Uint8Array {
  const parts = zip.entries
    .filter((e) => !remove.has(e.name))
    .map((e): Part => {
      const data = replace.get(e.name);
      if (data) return { h: { ...e, method: 0, crc32: crc32(data), compressedSize: data.length, uncompressedSize: data.length }, data };
      return { h: e, data: bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize) };
    });
  return writeZip([...parts, ...add], undefined, 'rebuild');
}

type HeaderFields = Pick<
  ZipEntry,
  'nameBytes' | 'flags' | 'method' | 'dosTime' | 'dosDate' | 'crc32' | 'compressedSize' | 'uncompressedSize'
>;

export interface Part {
  h: HeaderFields;
  /** The entry's bytes as written: compressed with `h.method`. */
  data: Uint8Array;
}

function writeZip(parts: Part[], alloc: ((n: number) => Uint8Array) | undefined, what: string): Uint8Array {
  let size = 22;
  for (const { h, data } of parts) size += 30 + 46 + 2 * h.nameBytes.length + data.length;
  if (size > 0xffffffff || parts.length > 0xffff) throw new UnreadableError('too-large', `archive too large to ${what}`);
  const out = alloc ? alloc(size) : new Uint8Array(size);
  const dv = view(out);
  const offsets: number[] = [];
  let p = 0;
  for (const { h, data } of parts) {
    offsets.push(p);
    writeHeader(dv, out, p, SIG_LOCAL, h);
    p += 30 + h.nameBytes.length;
    out.set(data, p);
    p += data.length;
  }
  const cdStart = p;
  parts.forEach(({ h }, i) => {
    writeHeader(dv, out, p, SIG_CENTRAL, h, offsets[i]!);
    p += 46 + h.nameBytes.length;
  });
  writeEnd(dv, p, parts.length, cdStart);
  return out;
}

function writeEnd(dv: DataView, p: number, count: number, cdStart: number): void {
  dv.setUint32(p, SIG_EOCD, true);
  dv.setUint16(p + 4, 0, true);
  dv.setUint16(p + 6, 0, true);
  dv.setUint16(p + 8, count, true);
  dv.setUint16(p + 10, count, true);
  dv.setUint32(p + 12, p - cdStart, true);
  dv.setUint32(p + 16, cdStart, true);
  dv.setUint16(p + 20, 0, true);
}

function writeHeader(dv: DataView, out: Uint8Array, p: number, sig: number, e: HeaderFields, localOffset?: number): void {
  const central = sig === SIG_CENTRAL;
  const o = central ? 2 : 0; // central headers carry "version made by" first
  dv.setUint32(p, sig, true);
  if (central) dv.setUint16(p + 4, 20, true);
  dv.setUint16(p + 4 + o, 20, true);
  // Only the UTF-8 name flag survives: sizes are in the headers, so no data descriptor follows.
  dv.setUint16(p + 6 + o, e.flags & 0x0800, true);
  dv.setUint16(p + 8 + o, e.method, true);
  dv.setUint16(p + 10 + o, e.dosTime, true);
  dv.setUint16(p + 12 + o, e.dosDate, true);
  dv.setUint32(p + 14 + o, e.crc32, true);
  dv.setUint32(p + 18 + o, e.compressedSize, true);
  dv.setUint32(p + 22 + o, e.uncompressedSize, true);
  dv.setUint16(p + 26 + o, e.nameBytes.length, true);
  dv.setUint16(p + 28 + o, 0, true);
  if (central) {
    dv.setUint16(p + 32, 0, true); // comment
    dv.setUint16(p + 34, 0, true); // disk
    dv.setUint16(p + 36, 0, true); // internal attributes
    dv.setUint32(p + 38, 0, true); // external attributes
    dv.setUint32(p + 42, localOffset ?? 0, true);
    out.set(e.nameBytes, p + 46);
  } else {
    out.set(e.nameBytes, p + 30);
  }
}
