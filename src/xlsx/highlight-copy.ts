/**
 * Copies of a submitted .xlsx/.xlsm made on the web page, where there is no Excel to work in:
 *
 * - highlighted: the problem cells marked as the add-in marks them (src/excel/marks.ts: conditional
 *   formats whose formula carries Phuluc's token, so the cells' own formatting is never touched),
 *   and each problem cell given one note (comment) by the author "Phuluc" saying its problems;
 * - clean: those marks and notes removed, nothing else changed — what an officer without the
 *   add-in sends after fixing the highlighted copy;
 * - stamped: the "checked, passed" stamp the add-in writes (src/excel/stamp.ts), the custom document
 *   property `phuluc.stamp`, for a workbook with no error.
 *
 * Only the parts concerned are rewritten, by splicing text into them; every other entry is copied
 * byte for byte. Browser-safe: plain Uint8Array/TextDecoder, inflation supplied by the caller.
 */
import { MARK_FILL, MARK_FORMULA, markTargets, NOTE_AUTHOR, noteTargets, type MarkTarget, type NoteTarget } from '../core/report/marks';
import type { Finding } from '../core/report/issue';
import type { Lang } from '../core/report/catalogue';
import { parseA1 } from '../core/grid/address';
import { STAMP_PROPERTY, type Stamp } from '../core/stamp/stamp';
import { readCfbEntryNames } from './cfb';
import { errMessage } from './unreadable-error';
import { detectKind } from './zip-guard';
import { type Inflate, readZipDirectory, type ZipEntry } from './zip/reader';
import { rebuildZip, type Part } from './zip/writer';
import { crc32 } from './zip/crc32';

export type { Inflate } from './zip/reader';

/** MARK_FORMULA as the file format stores it: without the leading "=". */
const MARK_XML_FORMULA = MARK_FORMULA.slice(1);
const SEVERITIES = ['error', 'warning'] as const;
/** Transitional and Strict namespaces of relationship ids. */
const REL_NS = /\/officeDocument\/(?:2006\/)?relationships$/;
const REL_NS_URI = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SML_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const COMMENTS_TYPE = `${REL_NS_URI}/comments`;
const VML_TYPE = `${REL_NS_URI}/vmlDrawing`;
const CUSTOM_TYPE = `${REL_NS_URI}/custom-properties`;
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_CT = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const CUSTOM_CT = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
const VT_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
/** The format id every user-defined custom property carries. */
const CUSTOM_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/**
 * Worksheet children that the schema places after conditionalFormatting. AlternateContent is
 * listed because Excel wraps only late elements (controls, oleObjects) in it.
 */
const AFTER_CF = new Set(
  'dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF picture oleObjects controls webPublishItems tableParts extLst AlternateContent'.split(
    ' ',
  ),
);
/** Worksheet children the schema places after legacyDrawing. */
const AFTER_LEGACY = new Set(
  'legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts extLst AlternateContent'.split(' '),
);
const AFTER_DXFS = new Set(['tableStyles', 'colors', 'extLst']);

type DxfIds = Partial<Record<MarkTarget['severity'], number>>;

/** What a copy is made for: said in its error messages. */
type Purpose = 'highlight' | 'clean' | 'stamp';
const CANNOT: Record<Purpose, { vi: string; en: string }> = {
  highlight: { vi: 'không tô màu được', en: 'cannot be highlighted' },
  clean: { vi: 'không bỏ đánh dấu được', en: 'its marks cannot be removed' },
  stamp: { vi: 'không đóng dấu được', en: 'cannot be stamped' },
};

const ONLY: Record<Purpose, { vi: string; en: string }> = {
  highlight: { vi: 'Chỉ tô màu được tệp .xlsx/.xlsm', en: 'Only .xlsx/.xlsm files can be highlighted' },
  clean: { vi: 'Chỉ bỏ đánh dấu được ở tệp .xlsx/.xlsm', en: 'Marks can be removed from .xlsx/.xlsm files only' },
  stamp: { vi: 'Chỉ đóng dấu được tệp .xlsx/.xlsm', en: 'Only .xlsx/.xlsm files can be stamped' },
};

export interface CopyResult {
  bytes: Uint8Array;
  /** Cells marked (highlighted copy). */
  marked: number;
  /** Notes written (highlighted copy). */
  noted: number;
  /** Phuluc's marks and notes that were in the file and are gone (a clean copy's work). */
  removed: number;
}

/** The problem cells marked, each with a note of its problems in `lang` (earlier marks and notes replaced). */
export async function highlightCopy(
  bytes: Uint8Array,
  findings: Finding[],
  inflate: Inflate,
  opts: { lang?: Lang } = {},
): Promise<CopyResult> {
  return rewriteCopy(bytes, inflate, 'highlight', { marks: markTargets(findings), notes: noteTargets(findings, opts.lang ?? 'vi') });
}

/** Phuluc's marks and notes removed; every other byte of the workbook's content as it was. */
export async function cleanCopy(bytes: Uint8Array, inflate: Inflate): Promise<CopyResult> {
  return rewriteCopy(bytes, inflate, 'clean', { marks: [], notes: [] });
}

/** The stamp "checked, passed" written as the add-in writes it: the custom property `phuluc.stamp`. */
export async function stampedCopy(bytes: Uint8Array, stamp: Stamp, inflate: Inflate): Promise<CopyResult> {
  return rewriteCopy(bytes, inflate, 'stamp', { stamp });
}

interface Work {
  /** Absent: marks and notes left as they are. */
  marks?: MarkTarget[];
  notes?: NoteTarget[];
  stamp?: Stamp;
}

async function rewriteCopy(bytes: Uint8Array, inflate: Inflate, purpose: Purpose, work: Work): Promise<CopyResult> {
  try {
    return await rewrite(bytes, inflate, purpose, work);
  } catch (err) {
    if (!(err instanceof DamagedPart)) throw err;
    const no = CANNOT[purpose];
    throw new Error(`Phần ${err.part} của tệp bị hỏng nên ${no.vi}. / Part ${err.part} of the file is damaged, so it ${no.en}.`);
  }
}

async function rewrite(bytes: Uint8Array, inflate: Inflate, purpose: Purpose, work: Work): Promise<CopyResult> {
  const no = CANNOT[purpose];
  const notXlsx = () =>
    new Error(`Tệp này không phải bảng tính .xlsx/.xlsm nên ${no.vi}. / This file is not an .xlsx/.xlsm workbook, so it ${no.en}.`);
  const onlyXlsx = (ext: string) =>
    new Error(
      `${ONLY[purpose].vi}; hãy mở tệp ${ext} bằng Excel và lưu thành .xlsx. / ${ONLY[purpose].en}; open the ${ext} in Excel and save it as .xlsx.`,
    );
  const kind = detectKind(bytes);
  if (kind === 'cfb' && isEncryptedPackage(bytes)) {
    throw new Error(
      `Tệp được đặt mật khẩu nên ${no.vi}; hãy bỏ mật khẩu trong Excel rồi thử lại. / The file is password-protected, so it ${no.en}; remove the password in Excel and try again.`,
    );
  }
  if (kind === 'cfb' || kind === 'biff') throw onlyXlsx('.xls');
  if (kind !== 'zip') throw notXlsx();
  let zip;
  try {
    zip = readZipDirectory(bytes);
  } catch (err) {
    throw new Error(`Không đọc được tệp .xlsx này (${errMessage(err)}). / This .xlsx file cannot be read (${errMessage(err)}).`);
  }
  const entries = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e] as const));
  const replace = new Map<string, Uint8Array>();
  const added = new Map<string, string>();
  const removed = new Set<string>();
  const encoder = new TextEncoder();
  const read = async (part: string): Promise<string | null> => {
    const key = part.toLowerCase();
    if (added.has(key)) return added.get(key)!;
    if (removed.has(key)) return null;
    const e = entries.get(key);
    if (!e) return null;
    const data = replace.get(e.name) ?? (await inflateEntry(bytes, e, inflate));
    try {
      // The BOM, if any, stays in the text so that untouched bytes are written back as they were.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
    } catch {
      throw damaged(e.name);
    }
  };
  /** Writes a part: replaced in place, or added at the end of the archive. */
  const write = (part: string, text: string) => {
    const key = part.toLowerCase();
    const e = entries.get(key);
    if (e && !removed.has(key)) replace.set(e.name, encoder.encode(text));
    else {
      removed.delete(key);
      added.set(key, text);
      addedNames.set(key, part);
    }
  };
  const addedNames = new Map<string, string>();
  const drop = (part: string) => {
    const key = part.toLowerCase();
    if (added.delete(key)) return;
    if (entries.has(key)) removed.add(key);
  };
  const exists = (part: string) => {
    const key = part.toLowerCase();
    return added.has(key) || (entries.has(key) && !removed.has(key));
  };

  const rootRelsXml = (await read('_rels/.rels')) ?? '';
  const rootRels = relationships(rootRelsXml, '');
  const workbookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await read(workbookPart);
  if (workbookXml === null) {
    if (workbookPart.endsWith('.bin') || entries.has('xl/workbook.bin')) throw onlyXlsx('.xlsb');
    throw notXlsx();
  }
  let types = (await read('[Content_Types].xml')) ?? '';
  const originalTypes = types;
  const result: CopyResult = { bytes, marked: 0, noted: 0, removed: 0 };

  if (work.stamp) {
    const customRel = rootRels.find((r) => r.type === CUSTOM_TYPE || r.type.endsWith('/custom-properties'));
    const part = customRel?.target ?? 'docProps/custom.xml';
    const xml = customRel ? await read(part) : null;
    write(part, withStampProperty(xml, JSON.stringify(work.stamp)));
    if (!customRel) {
      write('_rels/.rels', addRelationship(rootRelsXml, CUSTOM_TYPE, part, '').xml);
      types = addOverride(types, part, CUSTOM_CT);
    }
  }

  if (work.marks && work.notes) {
    const slash = workbookPart.lastIndexOf('/');
    const dir = workbookPart.slice(0, Math.max(slash, 0));
    const wbRels = relationships((await read(`${workbookPart.slice(0, slash + 1)}_rels/${workbookPart.slice(slash + 1)}.rels`)) ?? '', dir);
    const relTarget = new Map(wbRels.map((r) => [r.id, r.target]));
    const bySheet = <T extends { sheet: string; cell: string }>(list: T[]) => {
      const out = new Map<string, T[]>();
      for (const t of list) if (parseA1(t.cell)) out.set(t.sheet, [...(out.get(t.sheet) ?? []), t]);
      return out;
    };
    const marksOf = bySheet(work.marks);
    const notesOf = bySheet(work.notes);
    let styles: { part: string; original: string; xml: string; ids: DxfIds } | null = null;
    let ordinal = 0;
    for (const sheet of sheetsOf(workbookXml)) {
      ordinal++;
      const part = relTarget.get(sheet.rid);
      if (!part || !exists(part)) continue;
      // Every sheet is opened, not only those with new marks: a fixed sheet must lose its old marks.
      const xml = await read(part);
      if (xml === null) continue;
      const targets = marksOf.get(sheet.name) ?? [];
      if (targets.length && !styles) {
        const stylesPart = wbRels.find((r) => r.type.endsWith('/styles'))?.target;
        const stylesXml = stylesPart ? await read(stylesPart) : null;
        if (!stylesPart || stylesXml === null) {
          throw new Error(
            `Tệp thiếu phần định dạng (styles.xml) nên ${no.vi}. / The file has no styles part (styles.xml), so it ${no.en}.`,
          );
        }
        styles = { part: stylesPart, original: stylesXml, xml: stylesXml, ids: {} };
      }
      const ids = styles ? styles.ids : {};
      for (const sev of SEVERITIES) {
        if (styles && ids[sev] === undefined && targets.some((t) => t.severity === sev)) {
          const add = addDxf(styles.xml, MARK_FILL[sev]);
          styles.xml = add.xml;
          ids[sev] = add.id;
        }
      }
      const marked = markSheet(xml, targets, ids);
      result.marked += marked.marked;
      result.removed += marked.removed;
      const noted = await noteSheet(part, marked.xml, notesOf.get(sheet.name) ?? [], ordinal, { read, write, drop, exists });
      result.noted += noted.noted;
      result.removed += noted.removed;
      types = noted.types(types);
      if (noted.xml !== xml) write(part, noted.xml);
    }
    if (styles && styles.xml !== styles.original) write(styles.part, styles.xml);
  }

  if (types !== originalTypes) write('[Content_Types].xml', types);
  const add: Part[] = [...added].map(([key, text]) => newPart(addedNames.get(key) ?? key, encoder.encode(text)));
  if (!replace.size && !add.length && !removed.size) return result;
  result.bytes = rebuildZip(bytes, zip, replace, add, new Set([...removed].map((k) => entries.get(k)!.name)));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Notes: a comments part and its VML drawing per sheet, Phuluc's known by their author.

interface PartAccess {
  read(part: string): Promise<string | null>;
  write(part: string, text: string): void;
  drop(part: string): void;
  exists(part: string): boolean;
}

interface Comment {
  start: number;
  end: number;
  ref: string;
  author: number;
}

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function dirOf(part: string): string {
  return part.slice(0, Math.max(part.lastIndexOf('/'), 0));
}

/** A part name that is not taken: xl/comments3.xml, xl/drawings/vmlDrawing3.vml. */
function freePart(stem: string, ext: string, from: number, exists: (p: string) => boolean): string {
  for (let i = from; ; i++) if (!exists(`${stem}${i}.${ext}`)) return `${stem}${i}.${ext}`;
}

/** "../comments1.xml" from xl/worksheets/ to xl/comments1.xml. */
function relativeTarget(fromDir: string, part: string): string {
  const a = fromDir ? fromDir.split('/') : [];
  const b = part.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/**
 * Phuluc's earlier notes on the sheet removed (with their drawings), and `notes` written: into the
 * sheet's comments part if it has one (a cell that already holds someone's note keeps it, and gets
 * none of ours), else into a new one. A comments part left with none but Phuluc's is removed whole.
 */
async function noteSheet(
  sheetPart: string,
  sheetXml: string,
  notes: NoteTarget[],
  ordinal: number,
  io: PartAccess,
): Promise<{ xml: string; noted: number; removed: number; types: (t: string) => string }> {
  const typeEdits: ((t: string) => string)[] = [];
  const out = { xml: sheetXml, noted: 0, removed: 0, types: (t: string) => typeEdits.reduce((x, f) => f(x), t) };
  const relsPart = relsPartOf(sheetPart);
  let relsXml = await io.read(relsPart);
  const sheetDir = dirOf(sheetPart);
  const rels = relationships(relsXml ?? '', sheetDir);
  const commentsRel = rels.find((r) => r.type.endsWith('/comments'));
  const root = rootElement(sheetXml);
  if (!root || root.local !== 'worksheet' || root.selfClosing) return out;
  const legacy = childrenOf(sheetXml, root.openEnd, root.qname).children.find((c) => c.local === 'legacyDrawing');
  const legacyId = legacy ? relId(sheetXml.slice(legacy.start, legacy.openEnd)) : undefined;
  const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
  if (!commentsRel && !notes.length) return out;

  let commentsXml = commentsRel ? await io.read(commentsRel.target) : null;
  let vmlXml = vmlRel ? await io.read(vmlRel.target) : null;
  const taken = new Set<string>();
  const gone: string[] = [];
  let others = 0;
  if (commentsXml !== null) {
    const { authors, comments } = readComments(commentsXml);
    const ours = authors.indexOf(NOTE_AUTHOR);
    const edits: { start: number; end: number; text: string }[] = [];
    for (const c of comments) {
      if (c.author === ours) {
        edits.push({ start: c.start, end: c.end, text: '' });
        gone.push(c.ref);
      } else {
        taken.add(c.ref.toUpperCase());
        others++;
      }
    }
    commentsXml = applyEdits(commentsXml, edits);
    out.removed += gone.length;
  }
  const adding = notes.filter((n) => !taken.has(n.cell.toUpperCase()));
  out.noted = adding.length;

  // The drawing: our notes' shapes out, the new ones in.
  if (vmlXml !== null && gone.length) vmlXml = removeNoteShapes(vmlXml, gone);
  if (adding.length) {
    vmlXml = addNoteShapes(vmlXml, adding, ordinal);
  }

  let relsChanged = false;
  const setRels = (xml: string) => {
    relsXml = xml;
    relsChanged = true;
    io.write(relsPart, xml);
  };
  // Comments part.
  if (commentsRel && commentsXml !== null) {
    if (!others && !adding.length) {
      io.drop(commentsRel.target);
      setRels(removeRelationship(relsXml!, commentsRel.id));
      typeEdits.push((t) => removeOverride(t, commentsRel.target));
    } else io.write(commentsRel.target, adding.length ? addComments(commentsXml, adding) : commentsXml);
  } else if (adding.length) {
    const part = freePart('xl/comments', 'xml', ordinal, io.exists);
    io.write(part, addComments(`${XML_DECL}<comments xmlns="${SML_NS}"><authors></authors><commentList></commentList></comments>`, adding));
    setRels(addRelationship(relsXml, COMMENTS_TYPE, relativeTarget(sheetDir, part), sheetDir).xml);
    typeEdits.push((t) => addOverride(t, part, COMMENTS_CT));
  }
  // Drawing part.
  if (vmlRel && vmlXml !== null) {
    if (!/<v:shape\b/.test(vmlXml)) {
      // Nothing left in it but what Phuluc put there: the drawing goes, and the sheet's link to it.
      io.drop(vmlRel.target);
      setRels(removeRelationship(relsXml!, vmlRel.id));
      out.xml = applyEdits(out.xml, [{ start: legacy!.start, end: legacy!.end, text: '' }]);
    } else io.write(vmlRel.target, vmlXml);
  } else if (adding.length && vmlXml !== null) {
    const part = freePart('xl/drawings/vmlDrawing', 'vml', ordinal, io.exists);
    io.write(part, vmlXml);
    const rel = addRelationship(relsXml, VML_TYPE, relativeTarget(sheetDir, part), sheetDir);
    setRels(rel.xml);
    out.xml = insertLegacyDrawing(out.xml, rel.id);
    typeEdits.push((t) => addDefault(t, 'vml', VML_CT));
  }
  // A relationships part emptied here goes (one the file had empty stays as it was).
  if (relsChanged && relsXml !== null && !/<(?:[\w.-]+:)?Relationship\b/.test(relsXml)) io.drop(relsPart);
  return out;
}

function readComments(xml: string): { authors: string[]; comments: Comment[] } {
  const authors = [...xml.matchAll(/<(?:[\w.-]+:)?author>([\s\S]*?)<\/(?:[\w.-]+:)?author>|<(?:[\w.-]+:)?author\s*\/>/g)].map((m) =>
    decodeXml(m[1] ?? ''),
  );
  const comments: Comment[] = [];
  for (const m of xml.matchAll(
    /<((?:[\w.-]+:)?)comment\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?:\/>|>[\s\S]*?<\/\1comment>)/g,
  )) {
    comments.push({
      start: m.index!,
      end: m.index! + m[0].length,
      ref: attr(m[2]!, 'ref') ?? '',
      author: Number(attr(m[2]!, 'authorId') ?? -1),
    });
  }
  return { authors, comments };
}

/** Notes appended to a comments part, by the author Phuluc (added to its authors if not there). */
function addComments(xml: string, notes: NoteTarget[]): string {
  const authorsClose = /<\/((?:[\w.-]+:)?)authors>|<((?:[\w.-]+:)?)authors\s*\/>/.exec(xml);
  const p = authorsClose?.[1] ?? authorsClose?.[2] ?? prefixOf(xml, 'comments');
  const { authors } = readComments(xml);
  let id = authors.indexOf(NOTE_AUTHOR);
  if (id < 0) {
    id = authors.length;
    const author = `<${p}author>${NOTE_AUTHOR}</${p}author>`;
    if (authorsClose?.[1] !== undefined) xml = xml.slice(0, authorsClose.index) + author + xml.slice(authorsClose.index);
    else if (authorsClose)
      xml =
        xml.slice(0, authorsClose.index) + `<${p}authors>${author}</${p}authors>` + xml.slice(authorsClose.index + authorsClose[0].length);
    else xml = xml.replace(/(<(?:[\w.-]+:)?comments\b[^>]*>)/, `$1<${p}authors>${author}</${p}authors>`);
  }
  const body = notes
    .map(
      (n) =>
        `<${p}comment ref="${n.cell}" authorId="${id}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(n.text)}</${p}t></${p}r></${p}text></${p}comment>`,
    )
    .join('');
  const listClose = /<\/(?:[\w.-]+:)?commentList>/.exec(xml);
  if (listClose) return xml.slice(0, listClose.index) + body + xml.slice(listClose.index);
  const selfClosed = /<(?:[\w.-]+:)?commentList\s*\/>/.exec(xml);
  if (selfClosed)
    return (
      xml.slice(0, selfClosed.index) + `<${p}commentList>${body}</${p}commentList>` + xml.slice(selfClosed.index + selfClosed[0].length)
    );
  const close = xml.lastIndexOf(`</${p}comments>`);
  return xml.slice(0, close) + `<${p}commentList>${body}</${p}commentList>` + xml.slice(close);
}

function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<((?:[\\w.-]+:)?)${local}\\b`).exec(xml);
  return m?.[1] ?? '';
}

const NOTE_SHAPE = /<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g;

/** The note shapes of the given cells taken out of a VML drawing (other shapes stay). */
function removeNoteShapes(vml: string, cells: string[]): string {
  const at = new Set(
    cells
      .map((c) => parseA1(c))
      .filter((p) => !!p)
      .map((p) => `${p!.row}:${p!.col}`),
  );
  return vml.replace(NOTE_SHAPE, (shape) => {
    if (!/ObjectType\s*=\s*["']Note["']/.test(shape)) return shape;
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    return row !== undefined && col !== undefined && at.has(`${row}:${col}`) ? '' : shape;
  });
}

/** The hidden yellow box Excel draws for a note, one per cell, anchored beside it. */
function addNoteShapes(vml: string | null, notes: NoteTarget[], ordinal: number): string {
  const shapeType =
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';
  let doc =
    vml ??
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${ordinal}"/></o:shapelayout></xml>`;
  if (!doc.includes('id="_x0000_t202"')) doc = doc.replace(/<\/xml>\s*$/, `${shapeType}</xml>`);
  const ids = [...doc.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
  let next = Math.max(ordinal * 1024, ...ids) + 1;
  const shapes = notes
    .map((n) => {
      const { row, col } = parseA1(n.cell)!;
      const lines = Math.min(12, 2 + n.text.split('\n').length * 2);
      return (
        `<v:shape id="_x0000_s${next++}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:260pt;height:${lines * 12}pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + lines}, 2</x:Anchor>` +
        `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
      );
    })
    .join('');
  return doc.replace(/<\/xml>\s*$/, `${shapes}</xml>`);
}

/** `<legacyDrawing r:id=…/>` at its place in the sheet, with the relationships namespace it needs. */
function insertLegacyDrawing(xml: string, id: string): string {
  const root = rootElement(xml)!;
  const p = root.qname.slice(0, root.qname.length - root.local.length);
  const { children, close } = childrenOf(xml, root.openEnd, root.qname);
  const at = children.find((c) => AFTER_LEGACY.has(c.local))?.start ?? close;
  const bound = [...xml.slice(0, root.openEnd).matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)].find((m) => REL_NS.test(m[2]!));
  const el = bound ? `<${p}legacyDrawing ${bound[1]}:id="${id}"/>` : `<${p}legacyDrawing xmlns:r="${REL_NS_URI}" r:id="${id}"/>`;
  return xml.slice(0, at) + el + xml.slice(at);
}

function relId(tag: string): string | undefined {
  const m = /\s([\w.-]+):id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  return m ? decodeXml(m[2] ?? m[3]!) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Relationships, content types, custom properties: small edits to small parts.

function addRelationship(xml: string | null, type: string, target: string, _dir: string): { xml: string; id: string } {
  const doc = xml ?? `${XML_DECL}<Relationships xmlns="${PKG_RELS_NS}"></Relationships>`;
  const used = new Set([...doc.matchAll(/\sId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const p = prefixOf(doc, 'Relationships');
  const rel = `<${p}Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  const close = doc.lastIndexOf(`</${p}Relationships>`);
  if (close >= 0) return { xml: doc.slice(0, close) + rel + doc.slice(close), id };
  return { xml: doc.replace(/<((?:[\w.-]+:)?)Relationships\b([^>]*?)\s*\/>/, `<$1Relationships$2>${rel}</$1Relationships>`), id };
}

function removeRelationship(xml: string, id: string): string {
  return xml.replace(
    /<(?:[\w.-]+:)?Relationship\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?:\/>|>\s*<\/(?:[\w.-]+:)?Relationship>)/g,
    (whole, attrs: string) => (attr(attrs, 'Id') === id ? '' : whole),
  );
}

function addOverride(types: string, part: string, contentType: string): string {
  const name = `/${part}`;
  if (new RegExp(`PartName\\s*=\\s*["']${escapeRe(name)}["']`, 'i').test(types)) return types;
  const close = types.lastIndexOf('</Types>');
  return close < 0 ? types : `${types.slice(0, close)}<Override PartName="${name}" ContentType="${contentType}"/>${types.slice(close)}`;
}

function removeOverride(types: string, part: string): string {
  const name = `/${part}`.toLowerCase();
  return types.replace(/<Override\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/>/g, (whole, attrs: string) =>
    (attr(attrs, 'PartName') ?? '').toLowerCase() === name ? '' : whole,
  );
}

function addDefault(types: string, ext: string, contentType: string): string {
  if (new RegExp(`Extension\\s*=\\s*["']${ext}["']`, 'i').test(types)) return types;
  const at = types.search(/<Default\b|<Override\b/);
  const el = `<Default Extension="${ext}" ContentType="${contentType}"/>`;
  return at < 0 ? types.replace('</Types>', `${el}</Types>`) : types.slice(0, at) + el + types.slice(at);
}

/** The custom properties part with `phuluc.stamp` set to `value` (an earlier one replaced). */
function withStampProperty(xml: string | null, value: string): string {
  const doc = xml ?? `${XML_DECL}<Properties xmlns="${CUSTOM_NS}" xmlns:vt="${VT_NS}"></Properties>`;
  const root = rootElement(doc);
  if (!root || root.local !== 'Properties') throw damaged('docProps/custom.xml');
  const p = root.qname.slice(0, root.qname.length - root.local.length);
  const props = root.selfClosing ? [] : childrenOf(doc, root.openEnd, root.qname).children.filter((c) => c.local === 'property');
  const edits: { start: number; end: number; text: string }[] = [];
  let pid = 1;
  for (const c of props) {
    const tag = doc.slice(c.start, c.openEnd);
    pid = Math.max(pid, Number(attr(tag.slice(tag.indexOf(' ')), 'pid') ?? 0) || 0);
    if (attr(tag.slice(tag.indexOf(' ')), 'name') === STAMP_PROPERTY) edits.push({ start: c.start, end: c.end, text: '' });
  }
  const vt = [...doc.slice(0, root.openEnd).matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)].find((m) => m[2] === VT_NS)?.[1];
  const lp = vt ? `${vt}:lpwstr` : 'vt:lpwstr';
  const decl = vt ? '' : ` xmlns:vt="${VT_NS}"`;
  const prop = `<${p}property fmtid="${CUSTOM_FMTID}" pid="${pid + 1}" name="${STAMP_PROPERTY}"${decl}><${lp}>${escapeXml(value)}</${lp}></${p}property>`;
  if (root.selfClosing) {
    const open = doc.slice(root.start, root.openEnd).replace(/\s*\/>$/, '>');
    return doc.slice(0, root.start) + open + prop + `</${root.qname}>` + doc.slice(root.end);
  }
  const { close } = childrenOf(doc, root.openEnd, root.qname);
  edits.push({ start: close, end: close, text: prop });
  return applyEdits(doc, edits);
}

function newPart(name: string, data: Uint8Array): Part {
  const now = new Date();
  const dosTime = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
  const dosDate = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  const nameBytes = new TextEncoder().encode(name);
  return {
    h: {
      nameBytes,
      flags: 0x800,
      method: 0,
      dosTime,
      dosDate,
      crc32: crc32(data),
      compressedSize: data.length,
      uncompressedSize: data.length,
    },
    data,
  };
}

/** Text as XML character data: markup escaped, characters XML cannot hold dropped. */
function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------

export function isEncryptedPackage(bytes: Uint8Array): boolean {
  try {
    return readCfbEntryNames(bytes).some((n) => n.toLowerCase() === 'encryptedpackage');
  } catch {
    return false;
  }
}

export async function inflateEntry(bytes: Uint8Array, e: ZipEntry, inflate: Inflate): Promise<Uint8Array> {
  const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) return raw;
  const data = await inflate(raw, e.uncompressedSize);
  if (data.length !== e.uncompressedSize) throw damaged(e.name);
  return data;
}

/** Remove earlier Phuluc marks from a worksheet and add the new ones. Other text is left as it was. */
function markSheet(xml: string, targets: MarkTarget[], dxfIds: DxfIds): { xml: string; marked: number; removed: number } {
  const root = rootElement(xml);
  // Chart sheets and dialog sheets have no cells to mark.
  if (!root || root.local !== 'worksheet' || root.selfClosing) return { xml, marked: 0, removed: 0 };
  const prefix = root.qname.slice(0, root.qname.length - root.local.length);
  const { children, close } = childrenOf(xml, root.openEnd, root.qname);
  const edits: { start: number; end: number; text: string }[] = [];
  let removed = 0;
  for (const cf of children.filter((c) => c.local === 'conditionalFormatting' && !c.selfClosing)) {
    const rules = childrenOf(xml, cf.openEnd, cf.qname).children.filter((c) => c.local === 'cfRule');
    const ours = rules.filter((r) => isMark(xml.slice(r.start, r.end)));
    removed += ours.length;
    if (ours.length && ours.length === rules.length) edits.push({ start: cf.start, end: cf.end, text: '' });
    else for (const r of ours) edits.push({ start: r.start, end: r.end, text: '' });
  }
  // Priorities are unique across the sheet, including x14 rules in extLst, all of which come after sheetData.
  let maxPriority = 0;
  const rule = /<(?:[\w.-]+:)?cfRule\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)/g;
  rule.lastIndex = children.find((c) => c.local === 'sheetData')?.end ?? root.openEnd;
  for (let m = rule.exec(xml); m; m = rule.exec(xml)) {
    const at = m.index;
    if (edits.some((e) => e.start <= at && at < e.end)) continue;
    maxPriority = Math.max(maxPriority, Number(attr(m[1]!, 'priority') ?? 0) || 0);
  }

  let marked = 0;
  let block = '';
  for (const sev of SEVERITIES) {
    const cells = targets.filter((t) => t.severity === sev).map((t) => t.cell);
    const dxfId = dxfIds[sev];
    if (!cells.length || dxfId === undefined) continue;
    marked += cells.length;
    block +=
      `<${prefix}conditionalFormatting sqref="${sortCells(cells).join(' ')}">` +
      `<${prefix}cfRule type="expression" dxfId="${dxfId}" priority="${++maxPriority}">` +
      `<${prefix}formula>${MARK_XML_FORMULA}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`;
  }
  if (block) {
    const at = children.find((c) => AFTER_CF.has(c.local))?.start ?? close;
    edits.push({ start: at, end: at, text: block });
  }
  return { xml: applyEdits(xml, edits), marked, removed };
}

function isMark(rule: string): boolean {
  const formulas = [...rule.matchAll(/<(?:[\w.-]+:)?formula>([\s\S]*?)<\/(?:[\w.-]+:)?formula>/g)].map((m) => decodeXml(m[1]!).trim());
  return formulas.length === 1 && formulas[0]!.replace(/^=/, '') === MARK_XML_FORMULA;
}

/** Index of a dxf that fills with `color`, reusing an identical one so re-marking adds nothing. */
function addDxf(xml: string, color: string): { xml: string; id: number } {
  const root = rootElement(xml);
  if (!root || root.local !== 'styleSheet' || root.selfClosing) throw damaged('styles.xml');
  const p = root.qname.slice(0, root.qname.length - root.local.length);
  const dxf = `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="FF${color.replace('#', '').toUpperCase()}"/></${p}patternFill></${p}fill></${p}dxf>`;
  const { children, close } = childrenOf(xml, root.openEnd, root.qname);
  const dxfs = children.find((c) => c.local === 'dxfs');
  if (!dxfs) {
    const at = children.find((c) => AFTER_DXFS.has(c.local))?.start ?? close;
    return { xml: applyEdits(xml, [{ start: at, end: at, text: `<${p}dxfs count="1">${dxf}</${p}dxfs>` }]), id: 0 };
  }
  const list = dxfs.selfClosing ? [] : childrenOf(xml, dxfs.openEnd, dxfs.qname).children.filter((c) => c.local === 'dxf');
  const same = list.findIndex((c) => xml.slice(c.start, c.end) === dxf);
  if (same >= 0) return { xml, id: same };
  const openTag = xml.slice(dxfs.start, dxfs.openEnd);
  const count = `count="${list.length + 1}"`;
  let newOpen = /\scount\s*=\s*("[^"]*"|'[^']*')/.test(openTag)
    ? openTag.replace(/(\s)count\s*=\s*("[^"]*"|'[^']*')/, `$1${count}`)
    : openTag.replace(/\s*\/?>$/, ` ${count}>`);
  if (dxfs.selfClosing) {
    newOpen = newOpen.replace(/\s*\/>$/, '>');
    return { xml: applyEdits(xml, [{ start: dxfs.start, end: dxfs.end, text: `${newOpen}${dxf}</${dxfs.qname}>` }]), id: 0 };
  }
  return {
    xml: applyEdits(xml, [
      { start: dxfs.start, end: dxfs.openEnd, text: newOpen },
      { start: dxfs.closeStart, end: dxfs.closeStart, text: dxf },
    ]),
    id: list.length,
  };
}

function sortCells(cells: string[]): string[] {
  const key = (c: string) => parseA1(c)!;
  return [...cells].sort((a, b) => key(a).row - key(b).row || key(a).col - key(b).col);
}

export function applyEdits(xml: string, edits: { start: number; end: number; text: string }[]): string {
  let out = xml;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Just enough XML (exported for the fixed copy, src/xlsx/fixed-copy.ts): element boundaries, so text can be spliced in at the schema's place. Values and
// text are never rewritten.

export interface El {
  qname: string;
  local: string;
  start: number;
  /** After the start tag. */
  openEnd: number;
  /** Where the end tag begins (openEnd when self-closing). */
  closeStart: number;
  end: number;
  selfClosing: boolean;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([\w.:-]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

/** A part that is no well-formed XML: said to the reader with what the copy was for. */
export class DamagedPart extends Error {
  constructor(readonly part: string) {
    super(`damaged part ${part}`);
  }
}

export function damaged(part: string): Error {
  return new DamagedPart(part);
}

/** The next tag at or after `pos`, skipping comments, processing instructions and the doctype. */
function nextTag(xml: string, pos: number): { m: RegExpExecArray; at: number; end: number } | null {
  for (;;) {
    const at = xml.indexOf('<', pos);
    if (at < 0) return null;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(xml);
    if (!m) throw damaged('XML');
    if (m[2] !== undefined) return { m, at, end: TOKEN.lastIndex };
    pos = TOKEN.lastIndex;
  }
}

export function rootElement(xml: string): El | undefined {
  const t = nextTag(xml, 0);
  if (!t || t.m[1]) return undefined;
  const qname = t.m[2]!;
  return { qname, local: localName(qname), start: t.at, openEnd: t.end, closeStart: t.end, end: t.end, selfClosing: !!t.m[4] };
}

/** The child elements of the element `parent` whose content starts at `from`, and where its end tag starts. */
export function childrenOf(xml: string, from: number, parent: string): { children: El[]; close: number } {
  const children: El[] = [];
  const stack: El[] = [];
  let pos = from;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) throw damaged('XML');
    const { m, at } = t;
    const qname = m[2]!;
    pos = t.end;
    if (m[1]) {
      const open = stack.pop();
      if (!open) {
        if (qname !== parent) throw damaged('XML');
        return { children, close: at };
      }
      if (open.qname !== qname) throw damaged('XML');
      open.closeStart = at;
      open.end = pos;
      continue;
    }
    const el: El = { qname, local: localName(qname), start: at, openEnd: pos, closeStart: pos, end: pos, selfClosing: !!m[4] };
    if (!stack.length) children.push(el);
    if (el.selfClosing) continue;
    if (el.local === 'sheetData') {
      // Nearly all of a sheet's bytes, and nothing inside matters here: jump to its end tag.
      const endTag = `</${qname}>`;
      const close = xml.indexOf(endTag, pos);
      if (close < 0) throw damaged('XML');
      el.closeStart = close;
      pos = el.end = close + endTag.length;
      continue;
    }
    stack.push(el);
  }
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

export function relationships(xml: string, dir: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    const a = m[1]!;
    const id = attr(a, 'Id');
    const target = attr(a, 'Target');
    if (id === undefined || target === undefined || attr(a, 'TargetMode') === 'External') continue;
    out.push({ id, type: attr(a, 'Type') ?? '', target: resolvePart(dir, target) });
  }
  return out;
}

function resolvePart(dir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dir ? `${dir}/${target}` : target;
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Sheets in workbook order: name as Excel shows it, and the relationship id of its part. */
export function sheetsOf(workbookXml: string): { name: string; rid: string }[] {
  // The relationship attribute's prefix is whatever the file bound to the relationships namespace.
  const prefixes = [...workbookXml.matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)]
    .filter((m) => REL_NS.test(m[2]!))
    .map((m) => m[1]!);
  const out: { name: string; rid: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    const a = m[1]!;
    const name = attr(a, 'name');
    const rid = (prefixes.length ? prefixes : ['r']).map((p) => attr(a, `${p}:id`)).find((v) => v !== undefined);
    if (name !== undefined && rid !== undefined) out.push({ name, rid });
  }
  return out;
}

export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.]/g, '\\.')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXml(m[1] ?? m[2]!) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}
