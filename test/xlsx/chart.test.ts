/**
 * The completion chart of Tổng hợp in the written workbook (issue 15): exceljs draws none, so the
 * DrawingML parts are added; LibreOffice, an independent reader, must find a bar chart over the
 * sheet's own unit names and rates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildWorkbook } from '../fixtures/builder';
import { khCchcSubmission } from '../fixtures/content';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { consolidate } from '../../src/core/merge/consolidate';
import { writeConsolidatedBuffer, writeConsolidatedFile } from '../../src/xlsx/write-consolidated';
import { parseWorkbookBytes } from '../../src/xlsx/read-grid';
import { readZipDirectory } from '../../src/xlsx/zip/reader';

const catalog = builtinCatalog();
const round = catalog.rounds.find((r) => r.id === 'kh-cchc-2023')!;
const units = ['Sở Tư pháp', 'Sở Tài chính', 'Sở Thông tin và Truyền thông'];
const model = consolidate(
  units.map((u, i) => {
    const check = validateWorkbook(buildWorkbook({ sheets: khCchcSubmission(u, 40 + i) }), { catalog, fileName: `${u}.xlsx` });
    return { check, fileName: `${u}.xlsx`, receivedAt: '2022-11-14T03:00:00.000Z' };
  }),
  { catalog, round, generatedAt: '2022-11-20T00:00:00.000Z' },
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'phuluc-chart-'));
const file = path.join(dir, 'tong-hop.xlsx');

beforeAll(() => writeConsolidatedFile(model, file));

const text = (bytes: Uint8Array, name: string) => {
  const e = readZipDirectory(bytes).entries.find((x) => x.name === name)!;
  const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  return new TextDecoder().decode(e.method === 0 ? raw : inflateRawSync(raw));
};

test('the written workbook carries a bar chart of Tổng hợp’s completion column, anchored below the table', () => {
  const bytes = new Uint8Array(readFileSync(file));
  const names = readZipDirectory(bytes).entries.map((e) => e.name);
  expect(names).toEqual(
    expect.arrayContaining(['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']),
  );
  const summary = model.sheets[0];
  const rate = summary.chart!.valueColumn;
  expect(summary.columns[rate].kind).toBe('percent');
  const n = summary.rows.length;
  expect(text(bytes, 'xl/charts/chart1.xml')).toContain(`<c:f>'Tổng hợp'!$B$2:$B$${n + 1}</c:f>`);
  expect(text(bytes, 'xl/charts/chart1.xml')).toContain(
    `<c:f>'Tổng hợp'!$${String.fromCharCode(65 + rate)}$2:$${String.fromCharCode(65 + rate)}$${n + 1}</c:f>`,
  );
  expect(text(bytes, 'xl/worksheets/sheet1.xml')).toMatch(/<drawing r:id="rIdPhulucChart"\/>/);
  expect(text(bytes, '[Content_Types].xml')).toContain('/xl/charts/chart1.xml');
  // Every cell as it was: SheetJS reads the same summary as before the chart was added.
  const back = parseWorkbookBytes(bytes).sheets.find((s) => s.name === 'Tổng hợp')!;
  expect(back.values.length).toBe(n + 1);
});

test('the page’s writer adds the same chart when given an inflater', async () => {
  const bytes = await writeConsolidatedBuffer(model, { inflate: async (d) => new Uint8Array(inflateRawSync(d)) });
  expect(readZipDirectory(bytes).entries.map((e) => e.name)).toContain('xl/charts/chart1.xml');
});

test('LibreOffice opens the workbook and finds the chart over the sheet’s cells', () => {
  execFileSync('soffice', ['--headless', '--convert-to', 'ods', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  const ods = new Uint8Array(readFileSync(path.join(dir, 'tong-hop.ods')));
  const object = readZipDirectory(ods).entries.find((e) => /^Object \d+\/content\.xml$/.test(e.name));
  expect(object).toBeDefined();
  const chart = text(ods, object!.name);
  expect(chart).toContain('chart:class="chart:bar"');
  expect(chart).toContain('Tỷ lệ hoàn thành theo đơn vị');
  expect(chart).toMatch(new RegExp(`table:cell-range-address="[^"]*Tổng hợp[^"]*\\.B2:[^"]*\\.B${model.sheets[0].rows.length + 1}`));
}, 150_000);
