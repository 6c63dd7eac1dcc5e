/**
 * The ZIP container, read: the central directory checked against the local headers and the
 * guard's limits, and entries inflated no further than they declare, their CRC-32 verified.
 * Plain Uint8Array/DataView, so the same code runs in the browser and in Node.
 */
import { resolveLimits, type GuardLimits } from '../limits';
import { corrupt, errMessage, fmtBytes, UnreadableError } from '../unreadable-error';
import { crc32 } from './crc32';

/**
 * Raw-deflate inflater. Must never produce more than `expectedSize` bytes: it throws instead, so a
 * lying archive cannot make it allocate or spin past what the directory declared.
 */
export interface ZipCodec {
  inflateRaw(data: Uint8Array, expectedSize: number): Uint8Array;
  /** Allocator for the repacked archive (Node passes Buffer.allocUnsafe so the parser slices views). */
  alloc?(size: number): Uint8Array;
  /** A native CRC-32 (node:zlib's); the JavaScript one otherwise. */
  crc32?(data: Uint8Array): number;
}

/** A bounded inflater that may be asynchronous (a browser's DecompressionStream): never more than `expectedSize`. */
export type Inflate = (data: Uint8Array, expectedSize: number) => Promise<Uint8Array>;

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

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

export function view(bytes: Uint8Array): DataView {
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
    if (
      (count !== 0xffff && count !== c64) ||
      (cdSize !== 0xffffffff && cdSize !== size64) ||
      (cdOffset !== 0xffffffff && cdOffset !== off64)
    ) {
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

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An entry's bytes, inflated when compressed: never more than declared, and its CRC-32 checked, so
 * bytes altered in transit are a damaged file rather than data read as if good.
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, codec: ZipCodec): Uint8Array {
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
  const crc = (codec.crc32 ?? crc32)(data) >>> 0;
  if (crc !== e.crc32) throw corrupt(`entry "${e.name}" fails its CRC-32 check (the file was altered or damaged)`);
  return data;
}
