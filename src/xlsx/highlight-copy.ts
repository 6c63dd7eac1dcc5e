/**
 * A copy of a submitted .xlsx/.xlsm with the problem cells highlighted, for the web page where there
 * is no Excel to mark them in. The marks are the add-in's (src/excel/marks.ts): conditional formats
 * whose formula carries Phuluc's token, so Phuluc in Excel finds and removes them later and the
 * cells' own formatting is never touched.
 *
 * Only worksheet parts and the styles part are rewritten, by splicing text into them; every other
 * entry is copied byte for byte. Browser-safe: plain Uint8Array/TextDecoder, inflation supplied by
 * the caller.
 */
import { MARK_FILL, MARK_FORMULA, markTargets, type MarkTarget } from '../core/report/marks';
import type { Finding } from '../core/report/issue';
import { parseA1 } from '../core/grid/address';
import { readCfbEntryNames } from './cfb';
import { errMessage } from './unreadable-error';
import { detectKind } from './zip-guard';
import { type Inflate, readZipDirectory, type ZipEntry } from './zip/reader';
import { rebuildZip } from './zip/writer';

export type { Inflate } from './zip/reader';

/** MARK_FORMULA as the file format stores it: without the leading "=". */
const MARK_XML_FORMULA = MARK_FORMULA.slice(1);
const SEVERITIES = ['error', 'warning'] as const;
/** Transitional and Strict namespaces of relationship ids. */
const REL_NS = /\/officeDocument\/(?:2006\/)?relationships$/;

/**
 * Worksheet children that the schema places after conditionalFormatting. AlternateContent is
 * listed because Excel wraps only late elements (controls, oleObjects) in it.
 */
const AFTER_CF = new Set(
  'dataValidations hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF picture oleObjects controls webPublishItems tableParts extLst AlternateContent'.split(
    ' ',
  ),
);
const AFTER_DXFS = new Set(['tableStyles', 'colors', 'extLst']);

type DxfIds = Partial<Record<MarkTarget['severity'], number>>;

export async function highlightCopy(
  bytes: Uint8Array,
  findings: Finding[],
  inflate: Inflate,
): Promise<{ bytes: Uint8Array; marked: number }> {
  const kind = detectKind(bytes);
  if (kind === 'cfb' && isEncryptedPackage(bytes)) {
    throw new Error(
      'Tệp được đặt mật khẩu nên không tô màu được; hãy bỏ mật khẩu trong Excel rồi thử lại. / The file is password-protected and cannot be highlighted; remove the password in Excel and try again.',
    );
  }
  if (kind === 'cfb' || kind === 'biff') {
    throw new Error(
      'Chỉ tô màu được tệp .xlsx/.xlsm; hãy mở tệp .xls bằng Excel và lưu thành .xlsx. / Only .xlsx/.xlsm files can be highlighted; open the .xls in Excel and save it as .xlsx.',
    );
  }
  if (kind !== 'zip') {
    throw new Error(
      'Tệp này không phải bảng tính .xlsx/.xlsm nên không tô màu được. / This file is not an .xlsx/.xlsm workbook, so it cannot be highlighted.',
    );
  }
  let zip;
  try {
    zip = readZipDirectory(bytes);
  } catch (err) {
    throw new Error(`Không đọc được tệp .xlsx này (${errMessage(err)}). / This .xlsx file cannot be read (${errMessage(err)}).`);
  }
  const entries = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e] as const));
  const read = async (part: string): Promise<string | null> => {
    const e = entries.get(part.toLowerCase());
    if (!e) return null;
    const data = await inflateEntry(bytes, e, inflate);
    try {
      // The BOM, if any, stays in the text so that untouched bytes are written back as they were.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
    } catch {
      throw damaged(e.name);
    }
  };

  const rootRels = relationships((await read('_rels/.rels')) ?? '', '');
  const workbookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await read(workbookPart);
  if (workbookXml === null) {
    if (workbookPart.endsWith('.bin') || entries.has('xl/workbook.bin')) {
      throw new Error(
        'Chỉ tô màu được tệp .xlsx/.xlsm; hãy mở tệp .xlsb bằng Excel và lưu thành .xlsx. / Only .xlsx/.xlsm files can be highlighted; open the .xlsb in Excel and save it as .xlsx.',
      );
    }
    throw new Error(
      'Tệp này không phải bảng tính .xlsx/.xlsm nên không tô màu được. / This file is not an .xlsx/.xlsm workbook, so it cannot be highlighted.',
    );
  }
  const slash = workbookPart.lastIndexOf('/');
  const dir = workbookPart.slice(0, Math.max(slash, 0));
  const wbRels = relationships((await read(`${workbookPart.slice(0, slash + 1)}_rels/${workbookPart.slice(slash + 1)}.rels`)) ?? '', dir);
  const relTarget = new Map(wbRels.map((r) => [r.id, r.target]));

  const byName = new Map<string, MarkTarget[]>();
  for (const t of markTargets(findings)) {
    if (!parseA1(t.cell)) continue;
    const list = byName.get(t.sheet) ?? [];
    list.push(t);
    byName.set(t.sheet, list);
  }

  const replace = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  let styles: { part: string; original: string; xml: string; ids: DxfIds } | null = null;
  let marked = 0;
  for (const sheet of sheetsOf(workbookXml)) {
    const part = relTarget.get(sheet.rid);
    const entry = part === undefined ? undefined : entries.get(part.toLowerCase());
    if (!part || !entry) continue;
    // Every sheet is opened, not only those with new marks: a fixed sheet must lose its old marks.
    const xml = await read(part);
    if (xml === null) continue;
    const targets = byName.get(sheet.name) ?? [];
    if (targets.length && !styles) {
      const stylesPart = wbRels.find((r) => r.type.endsWith('/styles'))?.target;
      const stylesXml = stylesPart ? await read(stylesPart) : null;
      if (!stylesPart || stylesXml === null) {
        throw new Error(
          'Tệp thiếu phần định dạng (styles.xml) nên không tô màu được. / The file has no styles part (styles.xml), so it cannot be highlighted.',
        );
      }
      styles = { part: stylesPart, original: stylesXml, xml: stylesXml, ids: {} };
    }
    const ids = styles ? styles.ids : {};
    for (const sev of SEVERITIES) {
      if (styles && ids[sev] === undefined && targets.some((t) => t.severity === sev)) {
        const added = addDxf(styles.xml, MARK_FILL[sev]);
        styles.xml = added.xml;
        ids[sev] = added.id;
      }
    }
    const out = markSheet(xml, targets, ids);
    if (out.xml !== xml) replace.set(entry.name, encoder.encode(out.xml));
    marked += out.marked;
  }
  if (styles && styles.xml !== styles.original) replace.set(entries.get(styles.part.toLowerCase())!.name, encoder.encode(styles.xml));
  return { bytes: rebuildZip(bytes, zip, replace), marked };
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
function markSheet(xml: string, targets: MarkTarget[], dxfIds: DxfIds): { xml: string; marked: number } {
  const root = rootElement(xml);
  // Chart sheets and dialog sheets have no cells to mark.
  if (!root || root.local !== 'worksheet' || root.selfClosing) return { xml, marked: 0 };
  const prefix = root.qname.slice(0, root.qname.length - root.local.length);
  const { children, close } = childrenOf(xml, root.openEnd, root.qname);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const cf of children.filter((c) => c.local === 'conditionalFormatting' && !c.selfClosing)) {
    const rules = childrenOf(xml, cf.openEnd, cf.qname).children.filter((c) => c.local === 'cfRule');
    const ours = rules.filter((r) => isMark(xml.slice(r.start, r.end)));
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
  return { xml: applyEdits(xml, edits), marked };
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

export function damaged(part: string): Error {
  return new Error(
    `Phần ${part} của tệp bị hỏng nên không tô màu được. / Part ${part} of the file is damaged, so it cannot be highlighted.`,
  );
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
