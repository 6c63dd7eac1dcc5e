import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Finding } from '../../src/core/report/issue';
import { highlightCopy, type Inflate } from '../../src/xlsx/highlight-copy';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { crc32 as ourCrc32 } from '../../src/xlsx/zip/crc32';
import { buildWorkbook, gridToBytes } from '../fixtures/builder';
import { pl01Rows, pl03Rows } from '../fixtures/content';
import { crc32, makeZip, unzip } from '../fixtures/zip';

const inflate: Inflate = (data, expectedSize) => Promise.resolve(zlib.inflateRawSync(data, { maxOutputLength: expectedSize + 1 }));

const KH = 'PL01 & "KH" <2023>';

function submission(): Uint8Array {
  return gridToBytes(
    buildWorkbook({
      sheets: [
        { form: 'pl01', sheetName: KH, rows: pl01Rows({ seed: 1, rows: 6 }) },
        { form: 'pl03', sheetName: 'PL03', rows: pl03Rows({ seed: 2, rows: 4 }) },
      ],
    }),
  );
}

function at(severity: 'error' | 'warning', sheet: string | undefined, row?: number, col?: number): Finding {
  return { code: 'value-required', severity, sheet, row, col, params: {} };
}

const FINDINGS: Finding[] = [
  at('error', KH, 5, 6), // G6
  at('error', KH, 7, 6), // G8
  at('warning', KH, 6, 3), // D7
  at('warning', KH, 5, 6), // G6 again: the error wins
  at('error', KH), // no cell: ignored
  at('error', 'Không có sheet này', 1, 1), // no such sheet: ignored
];

function rules(sheetXml: string): { sqref: string; dxfId: number; priority: number; formula: string }[] {
  return [...sheetXml.matchAll(/<(?:x:)?conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/(?:x:)?conditionalFormatting>/g)].flatMap((cf) =>
    [...cf[2]!.matchAll(/<(?:x:)?cfRule ([^>]*)><(?:x:)?formula>([^<]*)</g)].map((r) => ({
      sqref: cf[1]!,
      dxfId: Number(/dxfId="(\d+)"/.exec(r[1]!)?.[1]),
      priority: Number(/priority="(\d+)"/.exec(r[1]!)?.[1]),
      formula: r[2]!,
    })),
  );
}

function dxfColors(stylesXml: string): string[] {
  const dxfs = /<(?:x:)?dxfs\b[^>]*>([\s\S]*?)<\/(?:x:)?dxfs>/.exec(stylesXml)?.[1] ?? '';
  return [...dxfs.matchAll(/<(?:x:)?dxf>([\s\S]*?)<\/(?:x:)?dxf>/g)].map((d) => /bgColor rgb="([0-9A-F]{8})"/.exec(d[1]!)?.[1] ?? '?');
}

describe('highlightCopy', () => {
  it('marks errors and warnings with the add-in’s conditional formats and changes nothing else', async () => {
    const original = submission();
    const { bytes, marked } = await highlightCopy(original, FINDINGS, inflate);
    expect(marked).toBe(3);

    // Every value reads back the same.
    const before = parseWorkbookBytes(original);
    const after = parseWorkbookBytes(bytes);
    expect(after.sheets.map((s) => s.name)).toEqual([KH, 'PL03']);
    expect(after.sheets.map((s) => s.values)).toEqual(before.sheets.map((s) => s.values));
    expect(after.sheets.map((s) => s.merges)).toEqual(before.sheets.map((s) => s.merges));

    const a = unzip(original);
    const b = unzip(bytes);
    const sheet = b.text('xl/worksheets/sheet1.xml');
    const dxfs = dxfColors(b.text('xl/styles.xml'));
    expect(rules(sheet).map((r) => ({ sqref: r.sqref, color: dxfs[r.dxfId], formula: r.formula }))).toEqual([
      { sqref: 'G6 G8', color: 'FFFFC7CE', formula: 'N("phuluc")=0' },
      { sqref: 'D7', color: 'FFFFEB9C', formula: 'N("phuluc")=0' },
    ]);
    expect(b.text('xl/styles.xml')).toMatch(/<dxfs count="2"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"\/>/);
    expect(b.text('xl/worksheets/sheet2.xml')).not.toContain('conditionalFormatting');
    // Where the schema wants it: after mergeCells, before ignoredErrors.
    expect(sheet.indexOf('</mergeCells><conditionalFormatting')).toBeGreaterThan(0);
    expect(sheet.indexOf('</conditionalFormatting><ignoredErrors')).toBeGreaterThan(0);
    // The sheet is the original with the rules and the link to its notes spliced in, byte for byte.
    expect(sheet.replace(/<conditionalFormatting[\s\S]*<\/conditionalFormatting>/, '').replace(/<legacyDrawing [^>]*\/>/, '')).toBe(
      a.text('xl/worksheets/sheet1.xml'),
    );

    // Only the marked sheet, the styles, the content types and the sheet's relationships were
    // rewritten (stored), and its notes added; every other entry is the same bytes.
    const added = [...b.entries.keys()].filter((n) => !a.entries.has(n));
    expect([...b.entries.keys()].filter((n) => a.entries.has(n))).toEqual([...a.entries.keys()]);
    expect(added.filter((n) => /comments|vmlDrawing/.test(n)).sort()).toEqual(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
    const changed = [...b.entries.values()].filter(
      (e) =>
        a.entries.has(e.name) &&
        (!Buffer.from(b.raw(e.name)).equals(Buffer.from(a.raw(e.name))) || e.method !== a.entries.get(e.name)!.method),
    );
    expect(
      changed
        .map((e) => e.name)
        .filter((n) => !/_rels|Content_Types/.test(n))
        .sort(),
    ).toEqual(['xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    for (const e of b.entries.values()) {
      const data = e.method === 0 ? b.raw(e.name) : zlib.inflateRawSync(b.raw(e.name));
      expect([e.name, e.crc32]).toEqual([e.name, crc32(data)]);
      expect(e.uncompressedSize).toBe(data.length);
    }
  });

  it('marks once however often it is run, and a run without findings takes the marks away', async () => {
    const original = submission();
    const once = (await highlightCopy(original, FINDINGS, inflate)).bytes;
    const twice = await highlightCopy(once, FINDINGS, inflate);
    expect(twice.marked).toBe(3);
    const u1 = unzip(once);
    const u2 = unzip(twice.bytes);
    expect(rules(u2.text('xl/worksheets/sheet1.xml'))).toEqual(rules(u1.text('xl/worksheets/sheet1.xml')));
    // The dxfs of the first run are reused, not appended again.
    expect(u2.text('xl/styles.xml')).toBe(u1.text('xl/styles.xml'));

    // The problems were fixed: no marks remain, the sheet is exactly what was submitted.
    const cleared = await highlightCopy(twice.bytes, [], inflate);
    expect(cleared.marked).toBe(0);
    expect(unzip(cleared.bytes).text('xl/worksheets/sheet1.xml')).toBe(unzip(original).text('xl/worksheets/sheet1.xml'));
  });

  it('keeps other conditional formats, numbers above their priorities, and finds its place among later elements', async () => {
    const sheet = handmadeSheet('', {
      cf:
        '<conditionalFormatting sqref="A1:A9"><cfRule type="cellIs" dxfId="0" priority="7" operator="greaterThan"><formula>5</formula></cfRule></conditionalFormatting>' +
        // A mark Phuluc made in Excel, sharing a block with a rule of the user's.
        '<conditionalFormatting sqref="B2"><cfRule type="expression" dxfId="1" priority="2"><formula>N(&quot;phuluc&quot;)=0</formula></cfRule>' +
        '<cfRule type="containsText" dxfId="0" priority="3" operator="containsText" text="a&gt;b"><formula>NOT(ISERROR(SEARCH("a&gt;b",B2)))</formula></cfRule></conditionalFormatting>',
      after:
        '<dataValidations count="1"><dataValidation type="list" sqref="C2"><formula1>"Đạt,Không đạt"</formula1></dataValidation></dataValidations>' +
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    });
    const file = handmadePackage(
      '',
      sheet,
      '<dxfs count="2"><dxf><font><b/></font></dxf><dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>',
    );
    const { bytes, marked } = await highlightCopy(file, [at('error', 'Kế hoạch', 1, 2), at('warning', 'Kế hoạch', 2, 0)], inflate);
    expect(marked).toBe(2);
    const u = unzip(bytes);
    const xml = u.text('xl/worksheets/sheet1.xml');
    expect(rules(xml)).toEqual([
      { sqref: 'A1:A9', dxfId: 0, priority: 7, formula: '5' },
      { sqref: 'B2', dxfId: 0, priority: 3, formula: 'NOT(ISERROR(SEARCH("a&gt;b",B2)))' },
      { sqref: 'C2', dxfId: 2, priority: 8, formula: 'N("phuluc")=0' },
      { sqref: 'A3', dxfId: 3, priority: 9, formula: 'N("phuluc")=0' },
    ]);
    expect(xml).toMatch(/<\/conditionalFormatting><dataValidations /);
    expect(dxfColors(u.text('xl/styles.xml'))).toEqual(['?', 'FFFFC7CE', 'FFFFC7CE', 'FFFFEB9C']);
    expect(u.text('xl/styles.xml')).toContain('<dxfs count="4">');
    expect(parseWorkbookBytes(bytes).sheets[0]!.values).toEqual(parseWorkbookBytes(file).sheets[0]!.values);
    expect(parseWorkbookBytes(bytes).sheets[0]!.values[1]).toEqual([1, 'a>b & <extLst>', 'Không đạt']);
  });

  it('writes with the sheet’s namespace prefix and creates dxfs where the schema puts them', async () => {
    const file = handmadePackage(
      'x:',
      handmadeSheet('x:', { after: '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' }),
      null,
    );
    const { bytes, marked } = await highlightCopy(file, [at('error', 'Kế hoạch', 1, 1)], inflate);
    expect(marked).toBe(1);
    const u = unzip(bytes);
    expect(u.text('xl/worksheets/sheet1.xml')).toContain(
      '</x:mergeCells><x:conditionalFormatting sqref="B2"><x:cfRule type="expression" dxfId="0" priority="1"><x:formula>N("phuluc")=0</x:formula></x:cfRule></x:conditionalFormatting><x:pageMargins ',
    );
    expect(u.text('xl/styles.xml')).toContain(
      '</x:cellStyles><x:dxfs count="1"><x:dxf><x:fill><x:patternFill patternType="solid"><x:bgColor rgb="FFFFC7CE"/></x:patternFill></x:fill></x:dxf></x:dxfs><x:tableStyles ',
    );
    expect(parseWorkbookBytes(bytes).sheets[0]!.values).toEqual(parseWorkbookBytes(file).sheets[0]!.values);
    expect(parseWorkbookBytes(bytes).sheets[0]!.values[1]).toEqual([1, 'a>b & <extLst>', 'Không đạt']);
  });

  it('returns the file unchanged when there is nothing to mark', async () => {
    const original = submission();
    const { bytes, marked } = await highlightCopy(original, [at('error', KH), at('warning', 'Nowhere', 0, 0)], inflate);
    expect(marked).toBe(0);
    const a = unzip(original);
    const b = unzip(bytes);
    for (const name of a.entries.keys()) expect(Buffer.from(b.raw(name)).equals(Buffer.from(a.raw(name)))).toBe(true);
  });

  it('refuses .xls and files that are not workbooks with a message in both languages', async () => {
    const xls = gridToBytes(buildWorkbook({ sheets: [{ form: 'pl01', rows: pl01Rows({ seed: 1, rows: 2 }) }] }), 'biff8');
    await expect(highlightCopy(xls, FINDINGS, inflate)).rejects.toThrow(
      'Chỉ tô màu được tệp .xlsx/.xlsm; hãy mở tệp .xls bằng Excel và lưu thành .xlsx. / Only .xlsx/.xlsm files can be highlighted; open the .xls in Excel and save it as .xlsx.',
    );
    await expect(highlightCopy(new TextEncoder().encode('STT,Nhiệm vụ\n1,Rà soát\n'), FINDINGS, inflate)).rejects.toThrow(
      /^Tệp này không phải .* \/ This file is not an \.xlsx\/\.xlsm workbook/,
    );
    const docx = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    await expect(highlightCopy(docx, FINDINGS, inflate)).rejects.toThrow(/This file is not an \.xlsx\/\.xlsm workbook/);
  });

  it('computes the CRC-32 that ZIP readers check', () => {
    for (const s of ['', 'a', 'Phụ lục 01 — Kế hoạch CCHC', 'x'.repeat(100_000)]) {
      const data = new TextEncoder().encode(s);
      expect(ourCrc32(data)).toBe(crc32(data));
    }
  });

  // One conversion (it takes seconds): LibreOffice opens the copy, reads the same values, and shows
  // the marks — its own .xlsx export still has both rules with their colours.
  it('opens in LibreOffice with the values and the marks (needs libreoffice: apt-get install libreoffice-calc-nogui)', async () => {
    const original = submission();
    const { bytes } = await highlightCopy(original, FINDINGS, inflate);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-hl-'));
    try {
      fs.writeFileSync(path.join(work, 'copy.xlsx'), bytes);
      execFileSync(
        'libreoffice',
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${work}/profile`,
          '--convert-to',
          'xlsx',
          '--outdir',
          path.join(work, 'lo'),
          path.join(work, 'copy.xlsx'),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const lo = fs.readFileSync(path.join(work, 'lo', 'copy.xlsx'));
      expect(parseWorkbookBytes(lo).sheets.map((s) => s.values)).toEqual(parseWorkbookBytes(original).sheets.map((s) => s.values));
      const u = unzip(lo);
      const dxfs = dxfColors(u.text('xl/styles.xml'));
      const marks = rules(u.text('xl/worksheets/sheet1.xml')).map((r) => ({
        sqref: r.sqref,
        color: dxfs[r.dxfId],
        formula: r.formula.replace(/&quot;/g, '"'),
      }));
      expect(marks).toEqual([
        { sqref: 'G6 G8', color: 'FFFFC7CE', formula: 'N("phuluc")=0' },
        { sqref: 'D7', color: 'FFFFEB9C', formula: 'N("phuluc")=0' },
      ]);
      // LibreOffice writes the quotes as entities; the marks are still recognised and removed.
      const cleared = unzip((await highlightCopy(lo, [], inflate)).bytes);
      expect(cleared.text('xl/worksheets/sheet1.xml')).not.toContain('phuluc');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------

function handmadeSheet(p: string, parts: { cf?: string; after?: string }): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<${p}dimension ref="A1:C3"/><${p}sheetData>` +
    `<${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>TT</${p}t></${p}is></${p}c><${p}c r="B1" t="inlineStr"><${p}is><${p}t>Nhiệm vụ</${p}t></${p}is></${p}c></${p}row>` +
    `<${p}row r="2"><${p}c r="A2"><${p}v>1</${p}v></${p}c><${p}c r="B2" t="inlineStr"><${p}is><${p}t>a&gt;b &amp; &lt;extLst&gt;</${p}t></${p}is></${p}c><${p}c r="C2" t="inlineStr"><${p}is><${p}t>Không đạt</${p}t></${p}is></${p}c></${p}row>` +
    `<${p}row r="3"><${p}c r="A3"><${p}v>2</${p}v></${p}c></${p}row>` +
    `</${p}sheetData><${p}mergeCells count="1"><${p}mergeCell ref="B3:C3"/></${p}mergeCells>` +
    (parts.cf ?? '') +
    (parts.after ?? '') +
    `</${p}worksheet>`
  );
}

/** A package as other tools write it: optional namespace prefix, styles with or without dxfs. */
function handmadePackage(p: string, sheet: string, dxfs: string | null): Buffer {
  const ns = `xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet ${ns}>` +
    `<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
    `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>` +
    `<${p}borders count="1"><${p}border/></${p}borders><${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
    `<${p}cellXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></${p}cellXfs>` +
    `<${p}cellStyles count="1"><${p}cellStyle name="Normal" xfId="0" builtinId="0"/></${p}cellStyles>` +
    (dxfs ?? '') +
    `<${p}tableStyles count="0"/></${p}styleSheet>`;
  return makeZip([
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}workbook ${ns} xmlns:rel="${R}"><${p}sheets><${p}sheet name="K&#7871; ho&#7841;ch" sheetId="1" rel:id="rIdS"/></${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rIdS" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdT" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    { name: 'xl/styles.xml', data: styles, method: 'store' },
  ]);
}
