/**
 * The browser's path to a bounded parse: every entry inflated ahead with an asynchronous inflater
 * stopped at the declared size, then repacked by the guard as in Node.
 */
import * as zlib from 'node:zlib';
import type { Inflate } from '../../src/xlsx/highlight-copy';
import { inflateAhead } from '../../src/xlsx/inflate-ahead';
import { parseWorkbookBytes, UnreadableError } from '../../src/xlsx/read-grid';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';
import { makeZip, unzip } from '../fixtures/zip';

/** Like DecompressionStream read to a limit: never more than the declared size, then an error. */
let inflated = 0;
const inflate: Inflate = async (data, size) => {
  const out = zlib.inflateRawSync(data, { maxOutputLength: size + 1 });
  inflated += out.length;
  if (out.length !== size) throw new Error(`inflates to ${out.length}, declared ${size}`);
  return out;
};

const workbook = () =>
  gridToBytes(
    buildWorkbook({ sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows: pl02Rows({ seed: 4, rows: 30 }) }] }),
  );

test('a workbook reads the same through the ahead-inflated codec as through Node’s', async () => {
  const bytes = workbook();
  const codec = await inflateAhead(bytes, inflate);
  expect(codec).not.toBeNull();
  expect(parseWorkbookBytes(bytes, { codec }).sheets.map((s) => s.values)).toEqual(parseWorkbookBytes(bytes).sheets.map((s) => s.values));
});

test('an entry that inflates past its declared size is refused without inflating it all', async () => {
  // The sheet claims 1 MB in the directory and 0 in its local header (a data descriptor follows);
  // its data inflates to 40 MB. The parser alone would inflate all of it.
  const parts = unzip(workbook());
  const sheet = [...parts.entries.keys()].find((n) => /worksheets\/sheet1\.xml$/.test(n))!;
  const huge = Buffer.alloc(40 * 1024 * 1024, 0x20);
  const entries = [...parts.entries.keys()].map((name) =>
    name === sheet
      ? { name, raw: zlib.deflateRawSync(huge), data: huge.subarray(0, 1), declaredSize: 1024 * 1024, localDeclaredSize: 0, flags: 0x8 }
      : { name, data: parts.text(name) },
  );
  const bomb = new Uint8Array(makeZip(entries));
  inflated = 0;
  const codec = await inflateAhead(bomb, inflate);
  expect(inflated).toBeLessThan(2 * 1024 * 1024);
  let err: unknown;
  try {
    parseWorkbookBytes(bomb, { codec });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UnreadableError);
  expect((err as UnreadableError).info.reason).toBe('corrupt');
});

test('what is not a ZIP archive gets no codec (the guard tells what it is)', async () => {
  expect(await inflateAhead(new TextEncoder().encode('không phải bảng tính'), inflate)).toBeNull();
  expect(
    await inflateAhead(gridToBytes(buildWorkbook({ sheets: [{ form: 'pl02', rows: pl02Rows({ seed: 1, rows: 2 }) }] }), 'biff8'), inflate),
  ).toBeNull();
});
