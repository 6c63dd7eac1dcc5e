/**
 * First look at a file's bytes, before any parser or inflater touches them: what kind of file it
 * is, and — for a ZIP package — whether its directory is sane and small enough to open. A policy
 * over the container readers (zip/, cfb.ts) and the limits (limits.ts).
 */
import type { UnreadableInfo } from '../core/report/unreadable';
import { readCfbEntryNames } from './cfb';
import { resolveLimits, MB, type GuardLimits } from './limits';
import { errMessage, fmtBytes, UnreadableError } from './unreadable-error';
import { inflateEntry, latin1, readZipDirectory, type ZipCodec, type ZipDirectory, type ZipEntry } from './zip/reader';

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
  const hint = byLower.has('word/document.xml')
    ? ' (it looks like a Word document)'
    : byLower.has('ppt/presentation.xml')
      ? ' (it looks like a PowerPoint file)'
      : '';
  throw new UnreadableError('no-workbook', `the ZIP archive holds no xl/workbook part${hint}`);
}

function normPart(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function readSmallEntry(bytes: Uint8Array, e: ZipEntry, codec: ZipCodec | null): string | null {
  if (e.uncompressedSize > MAX_CONTENT_TYPES_BYTES || (e.method !== 0 && !codec)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(inflateEntry(bytes, e, codec ?? STORED_ONLY));
  } catch {
    return null;
  }
}

const STORED_ONLY: ZipCodec = {
  inflateRaw() {
    throw new Error('no inflater');
  },
};

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
    const head = latin1(b.subarray(0, Math.min(n, 512)))
      .trimStart()
      .toLowerCase();
    if (head.startsWith('<')) return 'an HTML/XML text file renamed as a workbook, not an Excel workbook';
    return 'a plain text file (CSV or text renamed as a workbook), not an Excel workbook';
  }
  return 'unrecognised binary content, not an Excel workbook';
}
