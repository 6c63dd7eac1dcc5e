/**
 * First look at a file's bytes, before any parser or inflater touches them: what kind of file it
 * is, and — for a ZIP package — whether its directory is sane and small enough to open.
 *
 * Everything here works on plain Uint8Array/DataView so the same guard runs in the browser (files
 * a user picks in the pane) and in Node. Inflation is never done here except for an optional,
 * size-bounded peek at `[Content_Types].xml` and the repacking step, both through a codec the
 * caller supplies.
 */
import type { UnreadableInfo, UnreadableReason } from '../core/report/unreadable';

const MB = 1024 * 1024;

/** Larger than any real submission; a 50 MB form is already a mistake (pictures pasted in). */
export const MAX_FILE_BYTES = 50 * MB;
/** A workbook with a few hundred sheets has well under 2,000 parts. */
export const MAX_ZIP_ENTRIES = 5_000;
/** One sheet's XML; beyond this the parser's string and cell objects no longer fit in memory. */
export const MAX_ENTRY_BYTES = 150 * MB;
/** Everything the parser would have to inflate. */
export const MAX_TOTAL_BYTES = 250 * MB;
/** Sheet XML compresses around 10–30:1, very repetitive sheets rarely beyond 100:1. */
export const MAX_COMPRESSION_RATIO = 200;
/** The ratio limit applies only to entries this large, so tiny but very regular parts pass. */
export const RATIO_MIN_ENTRY_BYTES = 20 * MB;

export interface GuardLimits {
  maxFileBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxCompressionRatio: number;
  ratioMinEntryBytes: number;
}

export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = Object.freeze({
  maxFileBytes: MAX_FILE_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  maxTotalBytes: MAX_TOTAL_BYTES,
  maxCompressionRatio: MAX_COMPRESSION_RATIO,
  ratioMinEntryBytes: RATIO_MIN_ENTRY_BYTES,
});

/** An error that already knows which `UnreadableReason` it stands for. */
export class UnreadableError extends Error {
  readonly info: UnreadableInfo;
  constructor(reason: UnreadableReason, detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'UnreadableError';
    this.info = detail === undefined ? { reason } : { reason, detail };
  }
}

/**
 * Raw-deflate inflater. Must never produce more than `expectedSize` bytes: it throws instead, so a
 * lying archive cannot make it allocate or spin past what the directory declared.
 */
export interface ZipCodec {
  inflateRaw(data: Uint8Array, expectedSize: number): Uint8Array;
  /** Allocator for the repacked archive (Node passes Buffer.allocUnsafe so the parser slices views). */
  alloc?(size: number): Uint8Array;
}

/** A bounded inflater that may be asynchronous (a browser's DecompressionStream): never more than `expectedSize`. */
export type Inflate = (data: Uint8Array, expectedSize: number) => Promise<Uint8Array>;

export type FileKind = 'empty' | 'zip' | 'cfb' | 'biff' | 'unknown';

export function detectKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  const b = bytes;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b) {
    // Local file header, or the end record of an empty archive.
    if ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06)) return 'zip';
  }
  if (b.length >= 8 && CFB_MAGIC.every((v, i) => b[i] === v)) return 'cfb';
  // Excel 2.x–4.0 (and a bare BIFF5/8 stream) start with a BOF record; SheetJS reads those.
  if (b.length >= 8 && b[0] === 0x09 && (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04 || b[1] === 0x08)) {
    const len = b[2]! | (b[3]! << 8);
    if (len >= 4 && len <= 20) return 'biff';
  }
  return 'unknown';
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface ZipEntry {
  /** Name decoded byte-per-char, exactly as SheetJS decodes it. */
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's data starts (after the local header). */
  dataOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  totalUncompressed: number;
  zip64: boolean;
}

export type GuardVerdict =
  | { ok: true; kind: 'zip'; zip: ZipDirectory; workbookPart: string }
  | { ok: true; kind: 'cfb'; streams: string[] }
  | { ok: true; kind: 'biff' }
  | { ok: false; kind: FileKind; info: UnreadableInfo };

export interface GuardOptions {
  limits?: Partial<GuardLimits>;
  /** Used only to read a non-standard `[Content_Types].xml`; without it such packages are `no-workbook`. */
  codec?: ZipCodec | null;
}

export function resolveLimits(limits?: Partial<GuardLimits>): GuardLimits {
  return { ...DEFAULT_GUARD_LIMITS, ...(limits ?? {}) };
}

/** Decide whether the bytes may be handed to the spreadsheet parser. Never throws. */
export function guardBytes(bytes: Uint8Array, opts: GuardOptions = {}): GuardVerdict {
  const kind = detectKind(bytes);
  try {
    const limits = resolveLimits(opts.limits);
    if (kind === 'empty') throw new UnreadableError('empty', 'the file has zero bytes');
    if (bytes.length > limits.maxFileBytes) {
      throw new UnreadableError('too-large', `file is ${fmtBytes(bytes.length)}, limit ${fmtBytes(limits.maxFileBytes)}`);
    }
    switch (kind) {
      case 'zip': {
        const zip = readZipDirectory(bytes, limits);
        const workbookPart = findWorkbookPart(bytes, zip, opts.codec ?? null);
        return { ok: true, kind, zip, workbookPart };
      }
      case 'cfb': {
        const streams = readCfbEntryNames(bytes);
        const has = (n: string) => streams.some((s) => s.toLowerCase() === n.toLowerCase());
        if (has('EncryptionInfo') && has('EncryptedPackage')) {
          throw new UnreadableError('encrypted', 'password-protected workbook (encrypted OOXML package)');
        }
        if (!has('Workbook') && !has('Book')) {
          throw new UnreadableError('not-spreadsheet', 'an OLE2 compound file without a workbook stream (e.g. a Word .doc)');
        }
        return { ok: true, kind, streams };
      }
      case 'biff':
        return { ok: true, kind };
      default:
        throw new UnreadableError('not-spreadsheet', describeUnknown(bytes));
    }
  } catch (err) {
    if (err instanceof UnreadableError) return { ok: false, kind, info: err.info };
    return { ok: false, kind, info: { reason: 'corrupt', detail: errMessage(err) } };
  }
}

// ---------------------------------------------------------------------------------------------
// ZIP

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

function corrupt(detail: string): UnreadableError {
  return new UnreadableError('corrupt', detail);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, off: number): number {
  const lo = dv.getUint32(off, true);
  const hi = dv.getUint32(off + 4, true);
  // Sizes beyond 2^53 cannot be real for a file we accepted under the size limit.
  if (hi > 0x1fffff) throw corrupt('ZIP64 field out of range');
  return hi * 0x100000000 + lo;
}

/**
 * Parse the end-of-central-directory record(s) and the central directory, and check each entry
 * against its local header. Throws UnreadableError on anything inconsistent or over the limits.
 */
export function readZipDirectory(bytes: Uint8Array, limitsIn?: Partial<GuardLimits>): ZipDirectory {
  const limits = resolveLimits(limitsIn);
  const dv = view(bytes);
  const len = bytes.length;
  if (len < 22) throw corrupt('too short for a ZIP archive');

  // The EOCD is the last 22 bytes plus a comment of at most 64 KiB. The record nearest the end
  // whose comment length reaches exactly to the end of file is the real one.
  let eocd = -1;
  const stop = Math.max(0, len - 22 - 0xffff);
  for (let i = len - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && dv.getUint32(i, true) === SIG_EOCD) {
      if (i + 22 + dv.getUint16(i + 20, true) === len) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw corrupt('end of central directory not found (truncated or damaged archive)');
  // SheetJS takes the last signature it sees; one hiding in the comment would make it read
  // a different directory than the one checked here.
  for (let i = eocd + 22; i + 4 <= len; i++) {
    if (bytes[i] === 0x50 && dv.getUint32(i, true) === SIG_EOCD) throw corrupt('ambiguous end of central directory');
  }

  const diskNo = dv.getUint16(eocd + 4, true);
  const cdDisk = dv.getUint16(eocd + 6, true);
  let countDisk = dv.getUint16(eocd + 8, true);
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  let zip64 = false;
  let cdEndLimit = eocd; // the directory must end before the record that describes it

  const loc = eocd - 20;
  if (loc >= 0 && dv.getUint32(loc, true) === SIG_EOCD64_LOCATOR) {
    zip64 = true;
    const e64 = u64(dv, loc + 8);
    if (dv.getUint32(loc + 16, true) > 1 || e64 + 56 > loc) throw corrupt('bad ZIP64 locator');
    if (dv.getUint32(e64, true) !== SIG_EOCD64) throw corrupt('ZIP64 end of central directory not found');
    const c64Disk = u64(dv, e64 + 24);
    const c64 = u64(dv, e64 + 32);
    const size64 = u64(dv, e64 + 40);
    const off64 = u64(dv, e64 + 48);
    if (dv.getUint32(e64 + 16, true) !== 0 || dv.getUint32(e64 + 20, true) !== 0) throw corrupt('multi-disk ZIP64 archive');
    // A classic field that is not saturated must agree with its ZIP64 counterpart.
    if ((count !== 0xffff && count !== c64) || (cdSize !== 0xffffffff && cdSize !== size64) || (cdOffset !== 0xffffffff && cdOffset !== off64)) {
      throw corrupt('ZIP64 and classic directory records disagree');
    }
    count = c64;
    countDisk = c64Disk;
    cdSize = size64;
    cdOffset = off64;
    cdEndLimit = e64;
  } else if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Saturated fields without a ZIP64 record could still be a legit 65,535-entry archive; it is over the limit anyway.
    if (count > limits.maxEntries) throw new UnreadableError('too-many-entries', `${count} entries, limit ${limits.maxEntries}`);
    throw corrupt('ZIP64 archive without ZIP64 end record');
  }

  if (diskNo !== 0 || cdDisk !== 0 || countDisk !== count) throw corrupt('multi-disk (spanned) archives are not supported');
  if (count > limits.maxEntries) throw new UnreadableError('too-many-entries', `${count} entries, limit ${limits.maxEntries}`);
  if (cdOffset + cdSize > cdEndLimit) throw corrupt('central directory lies outside the archive');
  if (count * 46 > cdSize) throw corrupt('central directory too small for its entry count');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || dv.getUint32(p, true) !== SIG_CENTRAL) throw corrupt(`bad central directory entry #${i}`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const dosTime = dv.getUint16(p + 12, true);
    const dosDate = dv.getUint16(p + 14, true);
    const crc32 = dv.getUint32(p + 16, true);
    let csz = dv.getUint32(p + 20, true);
    let usz = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const diskStart = dv.getUint16(p + 34, true);
    let lho = dv.getUint32(p + 42, true);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) throw corrupt(`central directory entry #${i} overruns the directory`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = latin1(nameBytes);

    // ZIP64 extra field holds, in this order, whichever of the classic fields are saturated.
    const extra = findExtra(dv, p + 46 + nameLen, extraLen, 0x0001);
    if (usz === 0xffffffff || csz === 0xffffffff || lho === 0xffffffff) {
      if (!extra) throw corrupt(`entry "${name}" lacks its ZIP64 sizes`);
      let q = extra.start;
      const take = () => {
        if (q + 8 > extra.end) throw corrupt(`entry "${name}" has a short ZIP64 field`);
        const v = u64(dv, q);
        q += 8;
        return v;
      };
      if (usz === 0xffffffff) usz = take();
      if (csz === 0xffffffff) csz = take();
      if (lho === 0xffffffff) lho = take();
    }
    if (diskStart !== 0 && diskStart !== 0xffff) throw corrupt('multi-disk (spanned) archives are not supported');
    if (flags & 0x0001 || flags & 0x0040 || flags & 0x2000) {
      throw new UnreadableError('encrypted', `ZIP entry "${name}" is encrypted`);
    }
    if (method !== 0 && method !== 8) throw corrupt(`entry "${name}" uses unsupported compression method ${method}`);
    if (method === 0 && csz !== usz) throw corrupt(`stored entry "${name}" has different compressed and uncompressed sizes`);
    if (usz > limits.maxEntryBytes) {
      throw new UnreadableError('too-large', `entry "${name}" inflates to ${fmtBytes(usz)}, limit ${fmtBytes(limits.maxEntryBytes)}`);
    }
    if (usz > limits.ratioMinEntryBytes && usz > csz * limits.maxCompressionRatio) {
      throw new UnreadableError(
        'too-large',
        `entry "${name}" has compression ratio ${Math.round(usz / Math.max(csz, 1))}:1 (a decompression bomb)`,
      );
    }
    total += usz;
    if (total > limits.maxTotalBytes) {
      throw new UnreadableError('too-large', `archive inflates to more than ${fmtBytes(limits.maxTotalBytes)}`);
    }
    // Deflate cannot expand data more than 1032-fold; a directory claiming more is lying.
    if (method === 8 && usz > csz * 1032 + 64) throw corrupt(`entry "${name}" declares an impossible size for its data`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw corrupt(`duplicate entry "${name}"`);
    seen.add(key);

    const dataOffset = checkLocalHeader(dv, bytes, lho, { name, nameBytes, flags, method, csz, usz }, cdOffset);
    entries.push({
      name,
      nameBytes,
      flags,
      method,
      dosTime,
      dosDate,
      crc32,
      compressedSize: csz,
      uncompressedSize: usz,
      localHeaderOffset: lho,
      dataOffset,
    });
    p = next;
  }

  // Entries sharing bytes are the trick behind non-recursive zip bombs; real writers never do it.
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (byOffset[i]!.localHeaderOffset < prev.dataOffset + prev.compressedSize) {
      throw corrupt(`entries "${prev.name}" and "${byOffset[i]!.name}" overlap`);
    }
  }

  return { entries, totalUncompressed: total, zip64 };
}

function checkLocalHeader(
  dv: DataView,
  bytes: Uint8Array,
  off: number,
  cd: { name: string; nameBytes: Uint8Array; flags: number; method: number; csz: number; usz: number },
  dataLimit: number,
): number {
  if (off + 30 > dataLimit || dv.getUint32(off, true) !== SIG_LOCAL) throw corrupt(`local header of "${cd.name}" not found`);
  const method = dv.getUint16(off + 8, true);
  const flags = dv.getUint16(off + 6, true);
  const csz = dv.getUint32(off + 18, true);
  const usz = dv.getUint32(off + 22, true);
  const nameLen = dv.getUint16(off + 26, true);
  const extraLen = dv.getUint16(off + 28, true);
  const dataOffset = off + 30 + nameLen + extraLen;
  if (method !== cd.method) throw corrupt(`local and central headers of "${cd.name}" disagree on compression`);
  if (flags & 0x0001) throw new UnreadableError('encrypted', `ZIP entry "${cd.name}" is encrypted`);
  if (nameLen !== cd.nameBytes.length || !sameBytes(bytes.subarray(off + 30, off + 30 + nameLen), cd.nameBytes)) {
    throw corrupt(`local and central headers disagree on the name of "${cd.name}"`);
  }
  if (dataOffset + cd.csz > dataLimit) throw corrupt(`data of "${cd.name}" runs past the central directory`);
  // With a data descriptor (bit 3) the local sizes may legitimately be zero.
  if (!(flags & 0x0008)) {
    let lcsz = csz;
    let lusz = usz;
    if (lcsz === 0xffffffff || lusz === 0xffffffff) {
      const ex = findExtra(dv, off + 30 + nameLen, extraLen, 0x0001);
      if (!ex) throw corrupt(`local header of "${cd.name}" lacks its ZIP64 sizes`);
      let q = ex.start;
      if (lusz === 0xffffffff && q + 8 <= ex.end) {
        lusz = u64(dv, q);
        q += 8;
      }
      if (lcsz === 0xffffffff && q + 8 <= ex.end) lcsz = u64(dv, q);
    }
    if (lcsz !== cd.csz || lusz !== cd.usz) throw corrupt(`local and central headers of "${cd.name}" disagree on sizes`);
  }
  return dataOffset;
}

function findExtra(dv: DataView, start: number, len: number, id: number): { start: number; end: number } | null {
  let q = start;
  const end = start + len;
  while (q + 4 <= end) {
    const hid = dv.getUint16(q, true);
    const sz = dv.getUint16(q + 2, true);
    if (q + 4 + sz > end) throw corrupt('malformed ZIP extra field');
    if (hid === id) return { start: q + 4, end: q + 4 + sz };
    q += 4 + sz;
  }
  return null;
}

const WORKBOOK_PARTS = ['xl/workbook.xml', 'xl/workbook.bin'];
const MAX_CONTENT_TYPES_BYTES = 1 * MB;

/** Name of the workbook part, or throw `no-workbook` / `unsupported-format`. */
function findWorkbookPart(bytes: Uint8Array, zip: ZipDirectory, codec: ZipCodec | null): string {
  const byLower = new Map(zip.entries.map((e) => [normPart(e.name), e] as const));
  for (const part of WORKBOOK_PARTS) {
    const e = byLower.get(part);
    if (e) return e.name;
  }
  const ct = byLower.get('[content_types].xml');
  if (ct) {
    const xml = readSmallEntry(bytes, ct, codec);
    if (xml !== null) {
      // Override elements name the main part; only the simple attribute form is recognised.
      const re = /<(?:\w+:)?Override\b[^>]*>/g;
      for (let m = re.exec(xml); m; m = re.exec(xml)) {
        const tag = m[0];
        const type = /ContentType\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
        const part = /PartName\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
        if (/\.(?:sheet|template)(?:\.macroEnabled)?\.main\+xml$|sheet\.binary\.macroEnabled\.main$/i.test(type)) {
          const e = byLower.get(normPart(part));
          if (e) return e.name;
        }
      }
    }
  }
  if (byLower.has('mimetype') && byLower.has('content.xml')) {
    throw new UnreadableError('unsupported-format', 'an OpenDocument file (.ods), not an Excel workbook');
  }
  if (zip.entries.some((e) => /^index\/.*\.iwa$/i.test(e.name))) {
    throw new UnreadableError('unsupported-format', 'an Apple Numbers file, not an Excel workbook');
  }
  const hint = byLower.has('word/document.xml') ? ' (it looks like a Word document)' : byLower.has('ppt/presentation.xml') ? ' (it looks like a PowerPoint file)' : '';
  throw new UnreadableError('no-workbook', `the ZIP archive holds no xl/workbook part${hint}`);
}

function normPart(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function readSmallEntry(bytes: Uint8Array, e: ZipEntry, codec: ZipCodec | null): string | null {
  if (e.uncompressedSize > MAX_CONTENT_TYPES_BYTES) return null;
  const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) data = raw;
  else if (codec) {
    try {
      data = codec.inflateRaw(raw, e.uncompressedSize);
    } catch {
      return null;
    }
  } else return null;
  return new TextDecoder('utf-8', { fatal: false }).decode(data);
}

/**
 * Inflate every entry (bounded by its declared size) into a new archive whose entries are all
 * stored. The parser then sees exactly the directory checked above, nothing it inflates can exceed
 * what was declared, and native inflation replaces the parser's slower JavaScript one.
 */
export function repackStored(bytes: Uint8Array, zip: ZipDirectory, codec: ZipCodec): Uint8Array {
  let size = 22;
  for (const e of zip.entries) size += 30 + 46 + 2 * e.nameBytes.length + e.uncompressedSize;
  if (size > 0xffffffff || zip.entries.length > 0xffff) throw new UnreadableError('too-large', 'archive too large to repack');
  const out = codec.alloc ? codec.alloc(size) : new Uint8Array(size);
  const dv = view(out);
  const offsets: number[] = [];
  let p = 0;
  for (const e of zip.entries) {
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else {
      try {
        data = codec.inflateRaw(raw, e.uncompressedSize);
      } catch (err) {
        throw corrupt(`entry "${e.name}" does not inflate to its declared ${e.uncompressedSize} bytes (${errMessage(err)})`);
      }
      if (data.length !== e.uncompressedSize) {
        throw corrupt(`entry "${e.name}" inflates to ${data.length} bytes, declared ${e.uncompressedSize}`);
      }
    }
    offsets.push(p);
    writeHeader(dv, out, p, SIG_LOCAL, stored(e));
    p += 30 + e.nameBytes.length;
    out.set(data, p);
    p += data.length;
  }
  const cdStart = p;
  zip.entries.forEach((e, i) => {
    writeHeader(dv, out, p, SIG_CENTRAL, stored(e), offsets[i]!);
    p += 46 + e.nameBytes.length;
  });
  writeEnd(dv, p, zip.entries.length, cdStart);
  return out;
}

/**
 * Copy the archive entry by entry, each with its original compression, except the entries named in
 * `replace`, which are written stored with a new CRC-32. Entry order, names and dates are kept; the
 * directory is written afresh (classic, no ZIP64: the guard's limits keep archives far below 4 GB).
 */
export function rebuildZip(bytes: Uint8Array, zip: ZipDirectory, replace: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts = zip.entries.map((e): { h: HeaderFields; data: Uint8Array } => {
    const data = replace.get(e.name);
    if (data) return { h: { ...e, method: 0, crc32: crc32(data), compressedSize: data.length, uncompressedSize: data.length }, data };
    return { h: e, data: bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize) };
  });
  let size = 22;
  for (const { h, data } of parts) size += 30 + 46 + 2 * h.nameBytes.length + data.length;
  if (size > 0xffffffff || parts.length > 0xffff) throw new UnreadableError('too-large', 'archive too large to rebuild');
  const out = new Uint8Array(size);
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

type HeaderFields = Pick<ZipEntry, 'nameBytes' | 'flags' | 'method' | 'dosTime' | 'dosDate' | 'crc32' | 'compressedSize' | 'uncompressedSize'>;

function stored(e: ZipEntry): HeaderFields {
  return { ...e, method: 0, compressedSize: e.uncompressedSize };
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

let crcTable: Uint32Array | undefined;

/** CRC-32 as ZIP defines it (reflected polynomial 0xEDB88320). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// OLE2 / CFB: only the directory names are needed, to tell .xls from an encrypted package.

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;

/** Names of all storages and streams in a compound file. Throws `corrupt` on a broken structure. */
export function readCfbEntryNames(bytes: Uint8Array): string[] {
  if (bytes.length < 512) throw corrupt('compound file shorter than its header');
  const dv = view(bytes);
  if (dv.getUint16(0x1c, true) !== 0xfffe) throw corrupt('compound file has a bad byte-order mark');
  const shift = dv.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw corrupt(`compound file has an unsupported sector size 2^${shift}`);
  const secSize = 1 << shift;
  // A short last sector is tolerated (some writers do not pad it); every read is bounds-checked.
  const nSectors = Math.ceil((bytes.length - secSize) / secSize);
  const secOff = (s: number) => (s + 1) * secSize;
  const readable = (s: number) => s < nSectors;
  const u32 = (off: number) => (off + 4 <= bytes.length ? dv.getUint32(off, true) : FREESECT);

  const nFat = dv.getUint32(0x2c, true);
  if (nFat > nSectors) throw corrupt('compound file declares more FAT sectors than it holds');
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < nFat; i++) {
    const s = dv.getUint32(0x4c + i * 4, true);
    if (s === FREESECT) break;
    fatSectors.push(s);
  }
  let difat = dv.getUint32(0x44, true);
  const seenDifat = new Set<number>();
  while (fatSectors.length < nFat && difat !== ENDOFCHAIN && difat !== FREESECT) {
    if (!readable(difat) || seenDifat.has(difat)) throw corrupt('compound file has a broken DIFAT chain');
    seenDifat.add(difat);
    const base = secOff(difat);
    const per = secSize / 4 - 1;
    for (let i = 0; i < per && fatSectors.length < nFat; i++) {
      const s = u32(base + i * 4);
      if (s !== FREESECT) fatSectors.push(s);
    }
    difat = u32(base + per * 4);
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    if (!readable(s)) throw corrupt('compound file FAT points outside the file');
    const base = secOff(s);
    for (let i = 0; i < secSize / 4; i++) fat.push(u32(base + i * 4));
  }

  const names: string[] = [];
  const seen = new Set<number>();
  let s = dv.getUint32(0x30, true);
  while (s !== ENDOFCHAIN) {
    if (!readable(s) || seen.has(s) || s >= fat.length) throw corrupt('compound file has a broken directory chain');
    seen.add(s);
    const base = secOff(s);
    for (let k = 0; k < secSize / 128; k++) {
      const e = base + k * 128;
      if (e + 128 > bytes.length) break;
      const type = bytes[e + 0x42];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      // The stored length counts the terminating NUL.
      const nameLen = Math.min(dv.getUint16(e + 0x40, true), 64);
      let name = '';
      for (let j = 0; j + 2 <= nameLen - 2; j += 2) {
        const ch = dv.getUint16(e + j, true);
        if (ch === 0) break;
        name += String.fromCharCode(ch);
      }
      names.push(name);
    }
    s = fat[s]!;
  }
  if (names.length === 0) throw corrupt('compound file has an empty directory');
  return names;
}

// ---------------------------------------------------------------------------------------------

function describeUnknown(bytes: Uint8Array): string {
  const b = bytes;
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document, not an Excel workbook';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46)) return 'an image, not an Excel workbook';
  if (starts(0x52, 0x61, 0x72, 0x21) || starts(0x37, 0x7a, 0xbc, 0xaf)) return 'a RAR/7z archive, not an Excel workbook';
  const n = Math.min(b.length, 4096);
  let text = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13 || c >= 32) text++;
  }
  if (text === n) {
    const head = latin1(b.subarray(0, Math.min(n, 512))).trimStart().toLowerCase();
    if (head.startsWith('<')) return 'an HTML/XML text file renamed as a workbook, not an Excel workbook';
    return 'a plain text file (CSV or text renamed as a workbook), not an Excel workbook';
  }
  return 'unrecognised binary content, not an Excel workbook';
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function fmtBytes(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

export function errMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
