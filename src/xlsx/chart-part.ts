/**
 * The completion chart of Tổng hợp, drawn into the written workbook. exceljs writes no charts, so
 * the DrawingML parts are added to its archive here: a bar chart part reading the unit names and
 * the completion rates from the sheet itself (Excel and LibreOffice redraw it from those cells), a
 * drawing that anchors it below the table, and their relationships and content types. Every other
 * entry of the archive is copied as it was.
 */
import { columnName } from '../core/grid/address';
import type { ConsolidatedModel } from '../core/merge/model';
import { crc32 } from './zip/crc32';
import { readZipDirectory, type Inflate, type ZipEntry } from './zip/reader';
import { rebuildZip } from './zip/writer';

const CHART = 'xl/charts/chart1.xml';
const DRAWING = 'xl/drawings/drawing1.xml';
const DRAWING_RELS = 'xl/drawings/_rels/drawing1.xml.rels';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const REL_ID = 'rIdPhulucChart';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const utf8 = (s: string) => new TextEncoder().encode(s);

/** `'Tổng hợp'!$B$2:$B$40` */
function ref(sheet: string, col: number, rows: number): string {
  const c = columnName(col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$2:$${c}$${rows + 1}`;
}

function chartXml(sheet: string, title: string, series: string, cat: number, val: number, rows: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${esc(series)}</c:v></c:tx>` +
    `<c:cat><c:strRef><c:f>${esc(ref(sheet, cat, rows))}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(ref(sheet, val, rows))}</c:f></c:numRef></c:val></c:ser>` +
    '<c:gapWidth val="60"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>' +
    // Units top to bottom in the sheet's order; rates from 0 to 100%.
    '<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    '<c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/></c:catAx>' +
    '<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/>' +
    '<c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/>' +
    '<c:crosses val="max"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

function drawingXml(fromRow: number, toRow: number, toCol: number): string {
  const at = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<xdr:twoCellAnchor>${at('from', 1, fromRow)}${at('to', toCol, toRow)}` +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Tỷ lệ hoàn thành"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
    '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  );
}

const RELS_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';

/** A worksheet's <drawing> sits after its page setup and before legacy drawings, tables and extensions. */
function withDrawing(sheetXml: string): string {
  const tag = `<drawing r:id="${REL_ID}"/>`;
  const before = [
    '<legacyDrawing',
    '<legacyDrawingHF',
    '<picture',
    '<oleObjects',
    '<controls',
    '<webPublishItems',
    '<tableParts',
    '<extLst',
    '</worksheet>',
  ];
  const at = Math.min(...before.map((t) => sheetXml.indexOf(t)).filter((i) => i >= 0));
  const xml = sheetXml.slice(0, at) + tag + sheetXml.slice(at);
  return /<worksheet[^>]*xmlns:r=/.test(xml)
    ? xml
    : xml.replace('<worksheet', '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
}

/**
 * The workbook with the summary's chart added, or as it was when the summary has no chart or no
 * row, or the archive is not laid out as exceljs writes it (then the table is still all there).
 */
export async function addSummaryChart(bytes: Uint8Array, model: ConsolidatedModel, inflate: Inflate): Promise<Uint8Array> {
  const summary = model.sheets[0];
  const chart = summary?.chart;
  if (!summary || !chart || !summary.rows.length) return bytes;
  const zip = readZipDirectory(bytes, {
    maxFileBytes: 2 ** 32,
    maxEntries: 100_000,
    maxEntryBytes: 2 ** 31,
    maxTotalBytes: 2 ** 32,
    maxCompressionRatio: Infinity,
  });
  const entries = new Map(zip.entries.map((e) => [e.name, e] as const));
  const read = async (name: string): Promise<string | null> => {
    const e = entries.get(name);
    if (!e) return null;
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return new TextDecoder().decode(e.method === 0 ? raw : await inflate(raw, e.uncompressedSize));
  };
  const sheetPart = 'xl/worksheets/sheet1.xml';
  const sheetRelsPart = 'xl/worksheets/_rels/sheet1.xml.rels';
  const [sheetXml, types, workbook] = await Promise.all([read(sheetPart), read('[Content_Types].xml'), read('xl/workbook.xml')]);
  const first = workbook && /<sheet\b[^>]*\bname="([^"]*)"/.exec(workbook);
  if (
    !sheetXml ||
    !types ||
    !first ||
    first[1] !== esc(summary.name) ||
    entries.has(CHART) ||
    entries.has(DRAWING) ||
    sheetXml.includes('<drawing ')
  )
    return bytes;
  const sheetRels = await read(sheetRelsPart);
  const drawingRel = `<Relationship Id="${REL_ID}" Type="${REL_DRAWING}" Target="../drawings/drawing1.xml"/>`;
  const n = summary.rows.length;
  const replace = new Map<string, Uint8Array>([
    [sheetPart, utf8(withDrawing(sheetXml))],
    [
      '[Content_Types].xml',
      utf8(
        types.replace(
          '</Types>',
          '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
            '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
        ),
      ),
    ],
  ]);
  const add = new Map<string, Uint8Array>([
    [
      CHART,
      utf8(
        chartXml(
          summary.name,
          chart.title,
          summary.columns[chart.valueColumn]?.header ?? chart.title,
          chart.categoryColumn,
          chart.valueColumn,
          n,
        ),
      ),
    ],
    // Below the table, a bar per unit: tall enough to read every name.
    [DRAWING, utf8(drawingXml(n + 2, n + 2 + Math.max(16, Math.ceil(n * 1.2)), Math.min(12, summary.columns.length)))],
    [DRAWING_RELS, utf8(`${RELS_HEAD}<Relationship Id="rId1" Type="${REL_CHART}" Target="../charts/chart1.xml"/></Relationships>`)],
  ]);
  if (sheetRels) replace.set(sheetRelsPart, utf8(sheetRels.replace('</Relationships>', `${drawingRel}</Relationships>`)));
  else add.set(sheetRelsPart, utf8(`${RELS_HEAD}${drawingRel}</Relationships>`));
  return rebuildZip(
    bytes,
    zip,
    replace,
    [...add].map(([name, data]) => newEntry(name, data)),
  );
}

/** A stored entry dated 1980-01-01, so that the same model always gives the same bytes. */
function newEntry(
  name: string,
  data: Uint8Array,
): {
  h: Pick<ZipEntry, 'nameBytes' | 'flags' | 'method' | 'dosTime' | 'dosDate' | 'crc32' | 'compressedSize' | 'uncompressedSize'>;
  data: Uint8Array;
} {
  return {
    h: {
      nameBytes: utf8(name),
      flags: 0,
      method: 0,
      dosTime: 0,
      dosDate: 33,
      crc32: crc32(data),
      compressedSize: data.length,
      uncompressedSize: data.length,
    },
    data,
  };
}
