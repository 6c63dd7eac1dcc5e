/**
 * **Tải bản đã sửa** (issue 16): a copy of a submitted .xlsx/.xlsm with the certain fixes made and
 * Excel's drop-downs on the status columns (and input messages on the reason columns), for the web
 * page where there is no Excel to do it in. Built as the highlighted copy is (highlight-copy.ts,
 * whose XML helpers it uses): only the worksheet parts concerned and, for dates, the styles part are
 * rewritten by splicing; every other entry is copied byte for byte.
 *
 * A fixed text is written as an inline string (never a formula, whatever it starts with); a date as
 * its serial number with the cell's own style given the format dd/mm/yyyy. A drop-down is a
 * <dataValidation> added beside the sheet's own; a range that overlaps one of the clerk's rules is
 * left to the clerk's rule.
 */
import type { DropdownRange } from '../core/fixes/dropdowns';
import type { CellFix } from '../core/fixes/propose';
import { a1, parseA1 } from '../core/grid/address';
import {
  applyEdits,
  attr,
  childrenOf,
  damaged,
  DamagedPart,
  inflateEntry,
  isEncryptedPackage,
  relationships,
  rootElement,
  sheetsOf,
  type Inflate,
} from './highlight-copy';
import { detectKind } from './zip-guard';
import { readZipDirectory } from './zip/reader';
import { rebuildZip } from './zip/writer';

/** Worksheet children the schema places after dataValidations. */
const AFTER_DV = new Set(
  'hyperlinks printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF picture oleObjects controls webPublishItems tableParts extLst AlternateContent'.split(
    ' ',
  ),
);
const AFTER_NUMFMTS = 'fonts fills borders cellStyleXfs cellXfs cellStyles dxfs tableStyles colors extLst'.split(' ');

const esc = (s: string) =>
  s
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(/[\r\n\t]/g, (c) => `&#${c.charCodeAt(0)};`);
/** Text content: line breaks kept as they are; characters XML 1.0 cannot hold dropped. */
const escText = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

interface Range {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function sqrefRanges(sqref: string): Range[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((ref) => {
      const [p, q] = ref.split(':');
      const s = parseA1(p);
      const e = parseA1(q ?? p);
      return s && e ? { r0: s.row, c0: s.col, r1: e.row, c1: e.col } : null;
    })
    .filter((r): r is Range => r !== null);
}

export async function fixedCopy(
  bytes: Uint8Array,
  fixes: readonly CellFix[],
  dropdowns: readonly DropdownRange[],
  inflate: Inflate,
): Promise<{ bytes: Uint8Array; fixed: number; dropdowns: number }> {
  try {
    return await writeFixed(bytes, fixes, dropdowns, inflate);
  } catch (err) {
    if (!(err instanceof DamagedPart)) throw err;
    throw new Error(
      `Phần ${err.part} của tệp bị hỏng nên không sửa được. / Part ${err.part} of the file is damaged, so it cannot be fixed.`,
    );
  }
}

async function writeFixed(
  bytes: Uint8Array,
  fixes: readonly CellFix[],
  dropdowns: readonly DropdownRange[],
  inflate: Inflate,
): Promise<{ bytes: Uint8Array; fixed: number; dropdowns: number }> {
  const kind = detectKind(bytes);
  if (kind !== 'zip') {
    throw new Error(
      kind === 'cfb' && isEncryptedPackage(bytes)
        ? 'Tệp được đặt mật khẩu nên không sửa được; hãy bỏ mật khẩu trong Excel rồi thử lại. / The file is password-protected and cannot be fixed; remove the password in Excel and try again.'
        : 'Chỉ sửa được tệp .xlsx/.xlsm; hãy mở tệp bằng Excel và lưu thành .xlsx. / Only .xlsx/.xlsm files can be fixed; open the file in Excel and save it as .xlsx.',
    );
  }
  const zip = readZipDirectory(bytes);
  const entries = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e] as const));
  const read = async (part: string): Promise<string | null> => {
    const e = entries.get(part.toLowerCase());
    if (!e) return null;
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await inflateEntry(bytes, e, inflate));
    } catch {
      throw damaged(e.name);
    }
  };
  const workbookPart =
    relationships((await read('_rels/.rels')) ?? '', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await read(workbookPart);
  if (workbookXml === null) throw new Error('Chỉ sửa được tệp .xlsx/.xlsm. / Only .xlsx/.xlsm files can be fixed.');
  const slash = workbookPart.lastIndexOf('/');
  const dir = workbookPart.slice(0, Math.max(slash, 0));
  const wbRels = relationships((await read(`${workbookPart.slice(0, slash + 1)}_rels/${workbookPart.slice(slash + 1)}.rels`)) ?? '', dir);
  const relTarget = new Map(wbRels.map((r) => [r.id, r.target]));

  const stylesPart = wbRels.find((r) => r.type.endsWith('/styles'))?.target;
  const styles = stylesPart && fixes.some((f) => f.format) ? await read(stylesPart) : null;
  const dates = styles !== null ? new DateStyles(styles) : null;

  const replace = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  let fixed = 0;
  let added = 0;
  for (const sheet of sheetsOf(workbookXml)) {
    const mine = fixes.filter((f) => f.sheet === sheet.name);
    const lists = dropdowns.filter((d) => d.sheet === sheet.name);
    if (!mine.length && !lists.length) continue;
    const part = relTarget.get(sheet.rid);
    const entry = part === undefined ? undefined : entries.get(part.toLowerCase());
    const xml = part && entry ? await read(part) : null;
    if (!entry || xml === null) continue;
    const out = fixSheet(xml, mine, lists, dates);
    fixed += out.fixed;
    added += out.dropdowns;
    if (out.xml !== xml) replace.set(entry.name, encoder.encode(out.xml));
  }
  if (dates && stylesPart && dates.changed) replace.set(entries.get(stylesPart.toLowerCase())!.name, encoder.encode(dates.xml()));
  return { bytes: rebuildZip(bytes, zip, replace), fixed, dropdowns: added };
}

function fixSheet(
  xml: string,
  fixes: readonly CellFix[],
  lists: readonly DropdownRange[],
  dates: DateStyles | null,
): { xml: string; fixed: number; dropdowns: number } {
  const root = rootElement(xml);
  if (!root || root.local !== 'worksheet' || root.selfClosing) return { xml, fixed: 0, dropdowns: 0 };
  const prefix = root.qname.slice(0, root.qname.length - root.local.length);
  const { children, close } = childrenOf(xml, root.openEnd, root.qname);
  const edits: { start: number; end: number; text: string }[] = [];
  let fixed = 0;

  // The cells: each fixed cell's element replaced whole, its style kept (or given a date format).
  const data = children.find((c) => c.local === 'sheetData' && !c.selfClosing);
  const byCell = new Map(fixes.map((f) => [a1(f.row, f.col), f]));
  if (data && byCell.size) {
    const cell = /<([\w.-]+:)?c\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?:\/>|>[\s\S]*?<\/\1?c>)/g;
    cell.lastIndex = data.openEnd;
    for (let m = cell.exec(xml); m && m.index < data.closeStart; m = cell.exec(xml)) {
      const ref = attr(m[2]!, 'r');
      const fix = ref ? byCell.get(ref) : undefined;
      if (!fix || fix.to === null) continue;
      const p = m[1] ?? '';
      // A formula's result is the formula's business: the cell keeps it.
      if (new RegExp(`<${p}f[\\s>/]`).test(m[0])) continue;
      const s = attr(m[2]!, 's');
      let text: string;
      if (typeof fix.to === 'number') {
        const style = fix.format && dates ? dates.dateStyleFor(Number(s ?? 0), fix.format) : s;
        text = `<${p}c r="${ref}"${style !== undefined ? ` s="${style}"` : ''}><${p}v>${fix.to}</${p}v></${p}c>`;
      } else {
        // Inline text: written as a string whatever it starts with ("=", "+"), never a formula.
        const v = String(fix.to);
        text = `<${p}c r="${ref}"${s !== undefined ? ` s="${s}"` : ''} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escText(v)}</${p}t></${p}is></${p}c>`;
      }
      edits.push({ start: m.index, end: m.index + m[0].length, text });
      fixed++;
    }
  }

  // The drop-downs: beside the sheet's own validations, never over them.
  const existing = children.find((c) => c.local === 'dataValidations');
  const taken: Range[] = [];
  if (existing && !existing.selfClosing) {
    for (const m of xml.slice(existing.openEnd, existing.closeStart).matchAll(/<(?:[\w.-]+:)?dataValidation\b([^>]*)>/g))
      taken.push(...sqrefRanges(attr(m[1]!, 'sqref') ?? ''));
  }
  const free = lists.filter((d) => !taken.some((t) => t.r0 <= d.r1 && t.r1 >= d.r0 && t.c0 <= d.col && t.c1 >= d.col));
  let block = '';
  for (const d of free) {
    const common = `allowBlank="1" showInputMessage="1" promptTitle="${esc(d.title)}" prompt="${esc(d.message)}" sqref="${d.address}"`;
    block +=
      d.list !== undefined
        ? `<${prefix}dataValidation type="list" errorStyle="warning" ${common} showErrorMessage="1" errorTitle="${esc(d.title)}" error="${esc('Giá trị này không có trong danh sách của mẫu. / This value is not in the form’s list.')}"><${prefix}formula1>${esc(`"${d.list.replace(/"/g, '""')}"`)}</${prefix}formula1></${prefix}dataValidation>`
        : `<${prefix}dataValidation ${common}/>`;
  }
  if (block) {
    if (existing && !existing.selfClosing) {
      const count = (xml.slice(existing.openEnd, existing.closeStart).match(/<(?:[\w.-]+:)?dataValidation\b/g) ?? []).length + free.length;
      const open = xml.slice(existing.start, existing.openEnd).replace(/\scount\s*=\s*(?:"[^"]*"|'[^']*')/, '');
      edits.push({ start: existing.start, end: existing.openEnd, text: open.replace(/\s*>$/, ` count="${count}">`) });
      edits.push({ start: existing.closeStart, end: existing.closeStart, text: block });
    } else {
      const at = children.find((c) => AFTER_DV.has(c.local))?.start ?? close;
      edits.push({ start: at, end: at, text: `<${prefix}dataValidations count="${free.length}">${block}</${prefix}dataValidations>` });
    }
  }
  return { xml: applyEdits(xml, edits), fixed, dropdowns: free.length };
}

/** The styles part, given one date style per original cell style as the fixes need them. */
class DateStyles {
  changed = false;
  private text: string;
  private readonly made = new Map<string, number>();
  constructor(xml: string) {
    this.text = xml;
  }
  xml(): string {
    return this.text;
  }

  /** A cell style like `from` but showing `format`: its index in cellXfs. */
  dateStyleFor(from: number, format: string): number {
    const key = `${from}\u0000${format}`;
    const hit = this.made.get(key);
    if (hit !== undefined) return hit;
    const root = rootElement(this.text);
    if (!root) throw damaged('styles.xml');
    const prefix = root.qname.slice(0, root.qname.length - root.local.length);
    const numFmtId = this.numFmt(format, prefix);
    const kids = childrenOf(this.text, rootElement(this.text)!.openEnd, root.qname).children;
    const xfs = kids.find((c) => c.local === 'cellXfs' && !c.selfClosing);
    if (!xfs) throw damaged('styles.xml');
    const items = [
      ...this.text.slice(xfs.openEnd, xfs.closeStart).matchAll(/<(?:[\w.-]+:)?xf\b((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g),
    ];
    const base = items[from]?.[1] ?? ' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"';
    const attrs = base
      .replace(/\s(numFmtId|applyNumberFormat)\s*=\s*(?:"[^"]*"|'[^']*')/g, '')
      .concat(` numFmtId="${numFmtId}" applyNumberFormat="1"`);
    const id = items.length;
    const open = this.text
      .slice(xfs.start, xfs.openEnd)
      .replace(/\scount\s*=\s*(?:"[^"]*"|'[^']*')/, '')
      .replace(/\s*>$/, ` count="${id + 1}">`);
    this.text =
      this.text.slice(0, xfs.start) +
      open +
      this.text.slice(xfs.openEnd, xfs.closeStart) +
      `<${prefix}xf${attrs}/>` +
      this.text.slice(xfs.closeStart);
    this.made.set(key, id);
    this.changed = true;
    return id;
  }

  /** The id of a custom number format `code`, added when the file has none like it. */
  private numFmt(code: string, prefix: string): number {
    const root = rootElement(this.text)!;
    const kids = childrenOf(this.text, root.openEnd, root.qname).children;
    const fmts = kids.find((c) => c.local === 'numFmts');
    const list =
      fmts && !fmts.selfClosing ? [...this.text.slice(fmts.openEnd, fmts.closeStart).matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*?)\/?>/g)] : [];
    for (const m of list) if (attr(m[1]!, 'formatCode') === code) return Number(attr(m[1]!, 'numFmtId'));
    const id = Math.max(163, ...list.map((m) => Number(attr(m[1]!, 'numFmtId')) || 0)) + 1;
    const el = `<${prefix}numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`;
    if (fmts && !fmts.selfClosing) {
      const open = this.text
        .slice(fmts.start, fmts.openEnd)
        .replace(/\scount\s*=\s*(?:"[^"]*"|'[^']*')/, '')
        .replace(/\s*>$/, ` count="${list.length + 1}">`);
      this.text =
        this.text.slice(0, fmts.start) + open + this.text.slice(fmts.openEnd, fmts.closeStart) + el + this.text.slice(fmts.closeStart);
    } else {
      const at = kids.find((c) => AFTER_NUMFMTS.includes(c.local))?.start ?? root.openEnd;
      const end = fmts ? fmts.end : at;
      this.text =
        this.text.slice(0, fmts ? fmts.start : at) + `<${prefix}numFmts count="1">${el}</${prefix}numFmts>` + this.text.slice(end);
    }
    return id;
  }
}
