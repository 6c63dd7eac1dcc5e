import * as XLSX from '@e965/xlsx';
import { makeZip } from '../fixtures/zip';
import { detectKind, guardBytes } from '../../src/xlsx/zip-guard';
import { readCfbEntryNames } from '../../src/xlsx/cfb';
import { DEFAULT_GUARD_LIMITS } from '../../src/xlsx/limits';
import { readZipDirectory } from '../../src/xlsx/zip/reader';
import { makeZlibCodec } from '../../src/xlsx/read-grid';
import * as zlib from 'node:zlib';
import { MB, bombZip, encryptedPackage, normalWorkbook, randomBytes } from './helpers';

const codec = makeZlibCodec(zlib);
const WB = { name: 'xl/workbook.xml', data: '<workbook/>' };

function reasonOf(bytes: Uint8Array, opts?: Parameters<typeof guardBytes>[1]) {
  const v = guardBytes(bytes, opts);
  return v.ok ? 'ok' : v.info.reason;
}

describe('detectKind', () => {
  it('tells files apart by their magic bytes', () => {
    expect(detectKind(new Uint8Array(0))).toBe('empty');
    expect(detectKind(normalWorkbook('xlsx'))).toBe('zip');
    expect(detectKind(normalWorkbook('biff8'))).toBe('cfb');
    expect(detectKind(Buffer.from('STT,Tên\n1,A\n'))).toBe('unknown');
    expect(detectKind(randomBytes(1000))).toBe('unknown');
  });
});

describe('guardBytes', () => {
  it('accepts real workbooks', () => {
    const v = guardBytes(normalWorkbook('xlsx'));
    expect(v.ok && v.kind === 'zip' && v.workbookPart).toBe('xl/workbook.xml');
    expect(reasonOf(normalWorkbook('biff8'))).toBe('ok');
  });

  it('refuses text, HTML and random bytes as not-spreadsheet', () => {
    expect(reasonOf(Buffer.from('STT,Tên đơn vị\n1,Sở Tư pháp\n'))).toBe('not-spreadsheet');
    expect(reasonOf(Buffer.from('<html><table><tr><td>1</td></tr></table></html>'))).toBe('not-spreadsheet');
    expect(reasonOf(Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'))).toBe(
      'not-spreadsheet',
    );
    expect(reasonOf(randomBytes(4096))).toBe('not-spreadsheet');
  });

  it('reports empty and oversized files', () => {
    expect(reasonOf(new Uint8Array(0))).toBe('empty');
    expect(reasonOf(normalWorkbook('xlsx'), { limits: { maxFileBytes: 1000 } })).toBe('too-large');
  });

  it('finds encrypted packages and other compound files', () => {
    expect(reasonOf(encryptedPackage())).toBe('encrypted');
    const doc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(doc, 'WordDocument', Buffer.alloc(6000, 1));
    expect(reasonOf(XLSX.CFB.write(doc, { type: 'buffer' }))).toBe('not-spreadsheet');
    const bad = Buffer.from(normalWorkbook('biff8'));
    bad.writeUInt32LE(0x7fffff00, 0x30); // directory chain points far outside the file
    expect(reasonOf(bad)).toBe('corrupt');
  });

  it('reads the directory of a large compound file (DIFAT chain)', () => {
    const c = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(c, 'Workbook', Buffer.alloc(8 * MB, 1));
    const names = readCfbEntryNames(XLSX.CFB.write(c, { type: 'buffer' }));
    expect(names).toContain('Workbook');
  });

  it('needs a workbook part, also one declared only in [Content_Types].xml', () => {
    expect(reasonOf(makeZip([{ name: 'hello.txt', data: 'xin chào' }]))).toBe('no-workbook');
    expect(reasonOf(makeZip([{ name: 'XL/Workbook.XML', data: '<workbook/>' }]))).toBe('ok');
    expect(reasonOf(makeZip([{ name: 'xl/workbook.bin', data: 'x' }]))).toBe('ok');
    const ct = (part: string) =>
      `<Types><Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
    const custom = makeZip([
      { name: '[Content_Types].xml', data: ct('book/main.xml') },
      { name: 'book/main.xml', data: '<workbook/>' },
    ]);
    const v = guardBytes(custom, { codec });
    expect(v.ok && v.kind === 'zip' && v.workbookPart).toBe('book/main.xml');
    expect(reasonOf(custom, { codec: null })).toBe('no-workbook'); // deflated, nothing to read it with
    const dangling = makeZip([{ name: '[Content_Types].xml', data: ct('book/missing.xml') }]);
    expect(reasonOf(dangling, { codec })).toBe('no-workbook');
    const ods = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    expect(reasonOf(ods)).toBe('unsupported-format');
  });

  it('counts entries before reading them', () => {
    const many = Array.from({ length: DEFAULT_GUARD_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `xl/media/p${i}.bin`,
      data: '',
      method: 'store' as const,
    }));
    const t0 = Date.now();
    expect(reasonOf(makeZip([WB, ...many]))).toBe('too-many-entries');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(reasonOf(makeZip([WB, { name: 'a', data: '' }, { name: 'b', data: '' }]), { limits: { maxEntries: 2 } })).toBe(
      'too-many-entries',
    );
  });

  it('checks declared sizes and compression ratio', () => {
    expect(reasonOf(bombZip(200))).toBe('too-large'); // 200 MB entry
    expect(reasonOf(bombZip(100))).toBe('too-large'); // under the entry limit but ~200:1
    // Declared sizes decide, whatever the data would really inflate to.
    const claim = (mb: number) => makeZip([WB, { name: 'xl/worksheets/sheet1.xml', data: 'x'.repeat(1000), declaredSize: mb * MB }]);
    expect(reasonOf(claim(160))).toBe('too-large');
    // Under the limits, a claim that deflate could never produce from so few bytes is a lie.
    expect(reasonOf(claim(10))).toBe('corrupt');
    const entries = [1, 2, 3].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: Buffer.alloc(3 * MB, 65) }));
    expect(reasonOf(makeZip([WB, ...entries]), { limits: { maxTotalBytes: 8 * MB } })).toBe('too-large');
    expect(reasonOf(makeZip([WB, ...entries]), { limits: { maxEntryBytes: 2 * MB } })).toBe('too-large');
  });

  it('rejects inconsistent structures as corrupt', () => {
    const good = normalWorkbook('xlsx');
    expect(reasonOf(good.subarray(0, Math.floor(good.length / 2)))).toBe('corrupt');
    expect(reasonOf(good.subarray(0, good.length - 5))).toBe('corrupt');
    // local header says one size, central directory another
    expect(reasonOf(makeZip([WB, { name: 'xl/a.xml', data: 'abc', localDeclaredSize: 99 }]))).toBe('corrupt');
    // stored entry whose sizes differ
    expect(reasonOf(makeZip([WB, { name: 'xl/a.xml', data: 'abc', method: 'store', declaredSize: 10 }]))).toBe('corrupt');
    // end record counts more entries than the directory holds
    expect(reasonOf(makeZip([WB, { name: 'xl/a.xml', data: 'abc' }], { declaredCount: 3 }))).toBe('corrupt');
    // duplicate names
    expect(reasonOf(makeZip([WB, { name: 'XL/workbook.xml', data: 'x' }]))).toBe('corrupt');
    // an end-of-directory signature in the comment (the parser would take it for the real one)
    expect(reasonOf(makeZip([WB], { comment: 'xxPK\x05\x06abcdefgh' }))).toBe('corrupt');
  });

  it('rejects entries that share bytes (overlapping-file bombs)', () => {
    // Entry a.bin stores a complete local header + data of b.xml; b.xml's directory entry points there.
    const inner = makeZip([{ name: 'xl/b.xml', data: '<b/>', method: 'store' }]).subarray(0, 30 + 8 + 4);
    const zip = Buffer.from(
      makeZip([WB, { name: 'xl/a.bin', data: inner, method: 'store' }, { name: 'xl/b.xml', data: '<b/>', method: 'store' }]),
    );
    expect(reasonOf(zip)).toBe('ok');
    const cdB = zip.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
    zip.writeUInt32LE(zip.indexOf(inner), cdB + 42);
    expect(reasonOf(zip)).toBe('corrupt');
  });

  it('flags ZIP-level encryption', () => {
    expect(reasonOf(makeZip([WB, { name: 'xl/a.xml', data: 'abc', flags: 0x1 }]))).toBe('encrypted');
  });

  it('reads ZIP64 end records and extra fields', () => {
    const zip = makeZip([WB, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }], { zip64: true });
    const dir = readZipDirectory(zip);
    expect(dir.zip64).toBe(true);
    expect(dir.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['xl/workbook.xml', 11],
      ['xl/worksheets/sheet1.xml', 12],
    ]);
    expect(reasonOf(zip)).toBe('ok');
  });
});
