/**
 * Bounded inflation where the only bounded inflater is asynchronous (a browser's
 * DecompressionStream). The guard's repacking needs a synchronous codec, so every compressed entry
 * is inflated first — each stopped at the size the archive's directory declares, after the
 * directory's own limits were checked — and the codec then hands back what was inflated. Without
 * this the parser would inflate by itself and trust whatever sizes the archive claims.
 */
import { detectKind } from './zip-guard';
import { type Inflate, readZipDirectory, type ZipCodec } from './zip/reader';

/** A codec for `parseWorkbookBytes`, or null for what is not a ZIP archive (the guard says why). */
export async function inflateAhead(bytes: Uint8Array, inflate: Inflate): Promise<ZipCodec | null> {
  if (detectKind(bytes) !== 'zip') return null;
  let zip;
  try {
    zip = readZipDirectory(bytes);
  } catch {
    // Over a limit or malformed: the guard, run again by the parse, reports it before inflating.
    return null;
  }
  const inflated = new Map<number, Uint8Array>();
  // All at once: each stream's start-up costs more than a small entry's inflation, and the waits overlap.
  await Promise.all(
    zip.entries
      .filter((e) => e.method !== 0)
      .map(async (e) => {
        try {
          inflated.set(e.dataOffset, await inflate(bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize), e.uncompressedSize));
        } catch {
          // Left out: the repack asks for it and reports the archive as damaged.
        }
      }),
  );
  return {
    inflateRaw(data, expectedSize) {
      const out = inflated.get(data.byteOffset - bytes.byteOffset);
      if (!out || out.length !== expectedSize) throw new Error(`does not inflate to its declared ${expectedSize} bytes`);
      return out;
    },
  };
}
