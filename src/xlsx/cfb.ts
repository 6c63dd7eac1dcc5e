/**
 * OLE2 / CFB (the container of .xls): only the directory names are needed, to tell a workbook from
 * an encrypted OOXML package or a Word document.
 */
import { corrupt } from './unreadable-error';

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

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
