/**
 * A small strict XML 1.0 reader for the manifest tests. The official manifest validator needs the
 * internet, and a lenient parser would accept what Office rejects, so this one refuses anything not
 * well-formed (with namespaces): mismatched or unclosed tags, unquoted or repeated attributes, unknown
 * entities, a raw "<" or "&", text outside the root, unbound prefixes, control characters. It keeps
 * elements, attributes and text; DOCTYPE is refused outright (a manifest has none).
 */

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlAttribute {
  name: string;
  local: string;
  ns: string | null;
  value: string;
}

export interface XmlElement {
  name: string;
  local: string;
  ns: string | null;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Character data directly inside this element, concatenated. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
  }
}

const NAME_START = String.raw`A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD`;
const NAME_CHAR = String.raw`${NAME_START}\-.0-9\u00B7\u0300-\u036F\u203F-\u2040`;
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`);
// XML 1.0 Char, minus the surrogate pairs that JavaScript strings keep as two units (checked as pairs).
const BAD_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

interface RawElement {
  name: string;
  rawAttributes: Array<{ name: string; value: string }>;
  children: RawElement[];
  text: string;
  line: number;
  column: number;
}

export function parseXml(source: string): XmlElement {
  return new Reader(source).document();
}

class Reader {
  private pos = 0;

  constructor(private readonly src: string) {}

  document(): XmlElement {
    const bad = BAD_CHAR.exec(this.src);
    if (bad) this.fail(`character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, bad.index);
    if (this.src.startsWith('\uFEFF')) this.pos = 1;
    if (this.src.startsWith('<?xml', this.pos) && /\s/.test(this.src[this.pos + 5] ?? '')) this.declaration();
    this.misc();
    if (!this.src.startsWith('<', this.pos) || this.pos >= this.src.length) this.fail('the document has no root element');
    const root = this.element();
    this.misc();
    if (this.pos < this.src.length) this.fail('content after the root element');
    return resolveNamespaces(root, new Map([['xml', XML_NS]]), null, this);
  }

  fail(message: string, at = this.pos): never {
    const before = this.src.slice(0, at).split('\n');
    throw new XmlError(message, before.length, before[before.length - 1].length + 1);
  }

  private declaration(): void {
    const end = this.src.indexOf('?>', this.pos);
    if (end < 0) this.fail('unterminated XML declaration');
    const body = this.src.slice(this.pos + 5, end);
    const m =
      /^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.exec(
        body,
      );
    if (!m) this.fail('malformed XML declaration');
    this.pos = end + 2;
  }

  /** Comments, processing instructions and white space between top-level items. */
  private misc(): void {
    for (;;) {
      const ws = /^\s*/.exec(this.src.slice(this.pos))![0];
      this.pos += ws.length;
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else if (this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('DOCTYPE is not accepted in a manifest');
      else return;
    }
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment');
    const body = this.src.slice(this.pos + 4, end);
    if (body.includes('--') || body.endsWith('-')) this.fail('"--" inside a comment');
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end < 0) this.fail('unterminated processing instruction');
    const target = /^[^\s?]+/.exec(this.src.slice(this.pos + 2, end))?.[0] ?? '';
    if (!NAME.test(target)) this.fail('processing instruction without a valid target');
    if (target.toLowerCase() === 'xml') this.fail('XML declaration not at the very start of the document');
    this.pos = end + 2;
  }

  private name(): string {
    const m = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*`).exec(this.src.slice(this.pos));
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && ' \t\r\n'.includes(this.src[this.pos])) this.pos++;
    return this.pos > start;
  }

  private element(): RawElement {
    const startAt = this.pos;
    this.pos++; // '<'
    const name = this.name();
    const before = this.src.slice(0, startAt).split('\n');
    const el: RawElement = {
      name,
      rawAttributes: [],
      children: [],
      text: '',
      line: before.length,
      column: before[before.length - 1].length + 1,
    };
    for (;;) {
      const spaced = this.skipSpace();
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        return el;
      }
      if (this.src[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (this.pos >= this.src.length) this.fail(`unterminated start tag <${name}>`);
      if (!spaced) this.fail(`expected white space before an attribute in <${name}>`);
      const attrAt = this.pos;
      const attrName = this.name();
      this.skipSpace();
      if (this.src[this.pos] !== '=') this.fail(`attribute ${attrName} has no value`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`the value of ${attrName} is not quoted`);
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail(`unterminated value of ${attrName}`);
      const raw = this.src.slice(this.pos + 1, end);
      if (raw.includes('<')) this.fail(`"<" in the value of ${attrName}`);
      if (el.rawAttributes.some((a) => a.name === attrName)) this.fail(`attribute ${attrName} repeated`, attrAt);
      // Attribute-value normalisation: literal white space becomes a space.
      el.rawAttributes.push({ name: attrName, value: this.references(raw, this.pos + 1).replace(/[\t\n\r]/g, ' ') });
      this.pos = end + 1;
    }
    // Content.
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`<${name}> is never closed`, startAt);
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        this.skipSpace();
        if (this.src[this.pos] !== '>') this.fail(`malformed end tag </${closing}>`);
        if (closing !== name) this.fail(`</${closing}> closes <${name}> (line ${el.line})`);
        this.pos++;
        return el;
      }
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end < 0) this.fail('unterminated CDATA section');
        el.text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else if (this.src.startsWith('<!', this.pos)) this.fail('markup declaration inside an element');
      else if (this.src[this.pos] === '<') el.children.push(this.element());
      else {
        let end = this.src.indexOf('<', this.pos);
        if (end < 0) end = this.src.length;
        const raw = this.src.slice(this.pos, end);
        const cdataEnd = raw.indexOf(']]>');
        if (cdataEnd >= 0) this.fail('"]]>" in text', this.pos + cdataEnd);
        el.text += this.references(raw, this.pos);
        this.pos = end;
      }
    }
  }

  /** Expands entity and character references; anything else after "&" is an error. */
  private references(raw: string, at: number): string {
    return raw.replace(/&([^;]*);?/g, (match, body: string, offset: number) => {
      if (!match.endsWith(';')) this.fail('"&" that does not start a reference', at + offset);
      if (body in PREDEFINED) return PREDEFINED[body];
      const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      if (num) {
        const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2], 10);
        const ok =
          code === 0x9 ||
          code === 0xa ||
          code === 0xd ||
          (code >= 0x20 && code <= 0xd7ff) ||
          (code >= 0xe000 && code <= 0xfffd) ||
          (code >= 0x10000 && code <= 0x10ffff);
        if (!ok) this.fail(`character reference &${body}; is not an XML character`, at + offset);
        return String.fromCodePoint(code);
      }
      return this.fail(`unknown entity &${body};`, at + offset);
    });
  }
}

function splitName(name: string, reader: Reader, line: number): [string | null, string] {
  const parts = name.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) reader.fail(`"${name}" is not a valid qualified name (line ${line})`, 0);
  return parts.length === 2 ? [parts[0], parts[1]] : [null, parts[0]];
}

function resolveNamespaces(raw: RawElement, outer: Map<string, string>, outerDefault: string | null, reader: Reader): XmlElement {
  const scope = new Map(outer);
  let defaultNs = outerDefault;
  for (const a of raw.rawAttributes) {
    if (a.name === 'xmlns') defaultNs = a.value === '' ? null : a.value;
    else if (a.name.startsWith('xmlns:')) {
      const prefix = a.name.slice(6);
      if (a.value === '') reader.fail(`namespace prefix ${prefix} bound to an empty name (line ${raw.line})`, 0);
      if (prefix === 'xmlns' || (prefix === 'xml' && a.value !== XML_NS))
        reader.fail(`prefix ${prefix} cannot be declared (line ${raw.line})`, 0);
      scope.set(prefix, a.value);
    }
  }
  const lookup = (prefix: string): string => {
    const ns = scope.get(prefix);
    if (ns === undefined) return reader.fail(`namespace prefix "${prefix}" is not declared (line ${raw.line})`, 0);
    return ns;
  };
  const [prefix, local] = splitName(raw.name, reader, raw.line);
  const attributes: XmlAttribute[] = raw.rawAttributes.map((a) => {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:'))
      return { name: a.name, local: a.name === 'xmlns' ? 'xmlns' : a.name.slice(6), ns: XMLNS_NS, value: a.value };
    const [p, l] = splitName(a.name, reader, raw.line);
    return { name: a.name, local: l, ns: p === null ? null : lookup(p), value: a.value };
  });
  const seen = new Set<string>();
  for (const a of attributes) {
    const key = `${a.ns ?? ''} ${a.local}`;
    if (seen.has(key)) reader.fail(`attribute {${a.ns ?? ''}}${a.local} repeated through namespace prefixes (line ${raw.line})`, 0);
    seen.add(key);
  }
  return {
    name: raw.name,
    local,
    ns: prefix === null ? defaultNs : lookup(prefix),
    attributes,
    children: raw.children.map((c) => resolveNamespaces(c, scope, defaultNs, reader)),
    text: raw.text,
    line: raw.line,
  };
}

/** The attribute by local name and namespace (none by default). */
export function attr(el: XmlElement, local: string, ns: string | null = null): string | undefined {
  return el.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

/** xsi:type without its prefix, as the manifest uses it. */
export function xsiType(el: XmlElement): string | undefined {
  return attr(el, 'type', XSI);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function child(el: XmlElement, local: string): XmlElement {
  const found = childrenNamed(el, local);
  if (found.length !== 1) throw new Error(`<${el.name}> (line ${el.line}) has ${found.length} <${local}>, expected exactly one`);
  return found[0];
}

/** Every element of the tree, depth first, the root included. */
export function descendants(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(descendants)];
}
