/**
 * Offline checks of the add-in manifest: what Microsoft's validator would refuse (element order,
 * lengths, references) and what this project decided (hosts, requirement sets, permission, strings in
 * Vietnamese with an English override, the ribbon's names, icons present at their declared sizes).
 * Every check returns problems instead of throwing, so the tests can show each one catching a fault.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attr, child, childrenNamed, descendants, parseXml, XmlElement, xsiType } from './xml';
import { pngSize } from './png';

export const OFFICE_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
export const OVERRIDES = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
export const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

interface Particle {
  local: string;
  ns: string;
  min: number;
  max: number;
  /** Type of the child; "X@" picks "X@<xsi:type>". None: the child must have no child elements. */
  type?: string;
}

const one = (local: string, ns: string, type?: string): Particle => ({ local, ns, min: 1, max: 1, type });
const opt = (local: string, ns: string, type?: string): Particle => ({ local, ns, min: 0, max: 1, type });
const many = (local: string, ns: string, min: number, type?: string): Particle => ({ local, ns, min, max: Infinity, type });

/**
 * The sequences of the OfficeApp 1.1, TaskPaneAppVersionOverrides 1.0 and OfficeAppBasicTypes 1.0
 * schemas, for the elements this add-in uses. Where the schema makes an element optional but this
 * project wants it (icons, support URL, requirements, the overrides), it is required here.
 */
const TYPES: Record<string, Particle[]> = {
  TaskPaneApp: [
    one('Id', OFFICE_APP),
    opt('AlternateId', OFFICE_APP),
    one('Version', OFFICE_APP),
    one('ProviderName', OFFICE_APP),
    one('DefaultLocale', OFFICE_APP),
    one('DisplayName', OFFICE_APP, 'LocaleAware'),
    one('Description', OFFICE_APP, 'LocaleAware'),
    one('IconUrl', OFFICE_APP, 'LocaleAware'),
    one('HighResolutionIconUrl', OFFICE_APP, 'LocaleAware'),
    one('SupportUrl', OFFICE_APP, 'LocaleAware'),
    opt('AppDomains', OFFICE_APP, 'AppDomains'),
    one('Hosts', OFFICE_APP, 'BaseHosts'),
    one('Requirements', OFFICE_APP, 'BaseRequirements'),
    one('DefaultSettings', OFFICE_APP, 'DefaultSettings'),
    one('Permissions', OFFICE_APP),
    opt('Dictionary', OFFICE_APP, 'Opaque'),
    one('VersionOverrides', OVERRIDES, 'VersionOverrides'),
  ],
  LocaleAware: [many('Override', OFFICE_APP, 0)],
  AppDomains: [many('AppDomain', OFFICE_APP, 1)],
  BaseHosts: [many('Host', OFFICE_APP, 1)],
  BaseRequirements: [opt('Sets', OFFICE_APP, 'BaseSets'), opt('Methods', OFFICE_APP, 'BaseMethods')],
  BaseSets: [many('Set', OFFICE_APP, 1)],
  BaseMethods: [many('Method', OFFICE_APP, 1)],
  DefaultSettings: [one('SourceLocation', OFFICE_APP, 'LocaleAware')],
  VersionOverrides: [
    opt('Description', OVERRIDES),
    one('Requirements', OVERRIDES, 'BtRequirements'),
    one('Hosts', OVERRIDES, 'Hosts'),
    one('Resources', OVERRIDES, 'Resources'),
    opt('WebApplicationInfo', OVERRIDES, 'Opaque'),
    opt('EquivalentAddins', OVERRIDES, 'Opaque'),
  ],
  BtRequirements: [one('Sets', BT, 'BtSets')],
  BtSets: [many('Set', BT, 1)],
  Hosts: [many('Host', OVERRIDES, 1, 'Host@')],
  'Host@Workbook': [
    opt('Runtimes', OVERRIDES, 'Runtimes'),
    opt('AllFormFactors', OVERRIDES, 'Opaque'),
    one('DesktopFormFactor', OVERRIDES, 'FormFactor'),
  ],
  Runtimes: [one('Runtime', OVERRIDES)],
  FormFactor: [
    opt('GetStarted', OVERRIDES, 'GetStarted'),
    opt('FunctionFile', OVERRIDES),
    many('ExtensionPoint', OVERRIDES, 1, 'ExtensionPoint@'),
  ],
  GetStarted: [one('Title', OVERRIDES), one('Description', OVERRIDES), one('LearnMoreUrl', OVERRIDES)],
  'ExtensionPoint@PrimaryCommandSurface': [many('OfficeTab', OVERRIDES, 0, 'Tab'), many('CustomTab', OVERRIDES, 0, 'CustomTab')],
  Tab: [many('Group', OVERRIDES, 1, 'Group')],
  CustomTab: [many('Group', OVERRIDES, 1, 'Group'), one('Label', OVERRIDES)],
  Group: [one('Label', OVERRIDES), one('Icon', OVERRIDES, 'Icon'), many('Control', OVERRIDES, 1, 'Control@')],
  'Control@Button': [
    one('Label', OVERRIDES),
    one('Supertip', OVERRIDES, 'Supertip'),
    one('Icon', OVERRIDES, 'Icon'),
    one('Action', OVERRIDES, 'Action@'),
  ],
  Supertip: [one('Title', OVERRIDES), one('Description', OVERRIDES)],
  Icon: [many('Image', BT, 1)],
  'Action@ExecuteFunction': [one('FunctionName', OVERRIDES)],
  'Action@ShowTaskpane': [opt('TaskpaneId', OVERRIDES), one('SourceLocation', OVERRIDES), opt('Title', OVERRIDES)],
  Resources: [opt('Images', BT, 'Images'), opt('Urls', BT, 'Urls'), opt('ShortStrings', BT, 'Strings'), opt('LongStrings', BT, 'Strings')],
  Images: [many('Image', BT, 0, 'Overridable')],
  Urls: [many('Url', BT, 0, 'Overridable')],
  Strings: [many('String', BT, 0, 'Overridable')],
  Overridable: [many('Override', BT, 0)],
};

function describe(el: XmlElement): string {
  return `<${el.name}> (line ${el.line})`;
}

/** Children of el against the sequence of its type, then each child against its own type. */
export function checkOrder(el: XmlElement, typeName: string): string[] {
  if (typeName === 'Opaque') return [];
  const problems: string[] = [];
  const key = typeName.endsWith('@') ? `${typeName}${xsiType(el) ?? ''}` : typeName;
  const sequence = TYPES[key];
  if (!sequence) return [`${describe(el)}: xsi:type "${xsiType(el) ?? ''}" is not one this manifest knows (${key})`];
  const counts = sequence.map(() => 0);
  let at = 0;
  let previous: XmlElement | undefined;
  for (const c of el.children) {
    const matches = (p: Particle) => p.local === c.local && p.ns === c.ns;
    const index = sequence.findIndex((p, i) => i >= at && matches(p));
    if (index < 0) {
      if (sequence.some(matches))
        problems.push(
          `${describe(c)} is out of order: it must come before ${previous ? describe(previous) : 'its siblings'} in <${el.name}>`,
        );
      else problems.push(`${describe(c)} {${c.ns ?? ''}} is not a valid child of ${describe(el)}`);
      continue;
    }
    at = index;
    counts[index]++;
    if (counts[index] > sequence[index].max)
      problems.push(`${describe(c)} appears more than ${sequence[index].max} time(s) in ${describe(el)}`);
    const type = sequence[index].type;
    if (type) problems.push(...checkOrder(c, type));
    else if (c.children.length) problems.push(`${describe(c)} must not contain elements`);
    previous = c;
  }
  sequence.forEach((p, i) => {
    if (counts[i] < p.min) problems.push(`${describe(el)} lacks <${p.local}>`);
  });
  return problems;
}

export interface CheckOptions {
  /** The address every URL must start with. */
  baseUrl: string;
  /** Where the icons and other static files are (the repository's assets/). */
  assetsDir: string;
  /** Pages the build produces at the root of dist/. */
  pages: string[];
}

type ResourceKind = 'Image' | 'Url' | 'ShortString' | 'LongString';

interface Resource {
  kind: ResourceKind;
  id: string;
  el: XmlElement;
}

const LIMITS: Record<'ShortString' | 'LongString', number> = { ShortString: 125, LongString: 250 };

export function checkManifest(xml: string, options: CheckOptions): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  if (root.local !== 'OfficeApp' || root.ns !== OFFICE_APP)
    return [`the root is <${root.name}> in ${root.ns}, expected OfficeApp in ${OFFICE_APP}`];
  if (xsiType(root) !== 'TaskPaneApp') return [`OfficeApp xsi:type is "${xsiType(root) ?? ''}", expected TaskPaneApp`];

  const order = checkOrder(root, 'TaskPaneApp');
  // The checks below read elements by position in the schema; they make sense only in a valid tree.
  if (order.length) return order;

  const problems: string[] = [];
  const text = (local: string) => child(root, local).text.trim();

  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text('Id')))
    problems.push(`Id "${text('Id')}" is not a GUID`);
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(text('Version'))) problems.push(`Version "${text('Version')}" is not of the form 1.0.0.0`);
  if (text('ProviderName') !== 'Sở Nội vụ tỉnh Hà Tĩnh') problems.push(`ProviderName is "${text('ProviderName')}"`);
  if (text('DefaultLocale') !== 'vi-VN') problems.push(`DefaultLocale is "${text('DefaultLocale')}", expected vi-VN`);
  if (childrenNamed(root, 'AppDomains').length) problems.push('AppDomains is present, but the add-in loads pages only from its own origin');

  // Locale-aware settings of the base manifest: Vietnamese by default, one English override.
  for (const [local, limit] of [
    ['DisplayName', 125],
    ['Description', 250],
  ] as const) {
    const el = child(root, local);
    problems.push(...localeProblems(el, 'DefaultValue', 'Value', limit, `<${local}>`));
  }

  const hosts = childrenNamed(child(root, 'Hosts'), 'Host').map((h) => attr(h, 'Name'));
  if (hosts.join() !== 'Workbook') problems.push(`Hosts are [${hosts.join(', ')}], expected Workbook only`);

  const baseSets = child(root, 'Requirements');
  if (childrenNamed(baseSets, 'Methods').length) problems.push('base Requirements name Methods; the add-in needs ExcelApi 1.1 only');
  problems.push(...setsProblems(childrenNamed(baseSets, 'Sets')[0], [['ExcelApi', '1.1']], 'base Requirements'));

  const permissions = text('Permissions');
  if (permissions !== 'ReadWriteDocument') problems.push(`Permissions is "${permissions}", expected exactly ReadWriteDocument`);

  const vo = child(root, 'VersionOverrides');
  if (xsiType(vo) !== 'VersionOverridesV1_0')
    problems.push(`VersionOverrides xsi:type is "${xsiType(vo) ?? ''}", expected VersionOverridesV1_0`);
  problems.push(...setsProblems(child(child(vo, 'Requirements'), 'Sets'), [['SharedRuntime', '1.1']], 'VersionOverrides Requirements'));

  // Resources: unique ids of at most 32 characters, strings within the schema's lengths, en-US override on each string.
  const resources = new Map<string, Resource>();
  const res = child(vo, 'Resources');
  const groups: Array<[string, string, ResourceKind]> = [
    ['Images', 'Image', 'Image'],
    ['Urls', 'Url', 'Url'],
    ['ShortStrings', 'String', 'ShortString'],
    ['LongStrings', 'String', 'LongString'],
  ];
  for (const [group, item, kind] of groups) {
    for (const g of childrenNamed(res, group)) {
      for (const el of childrenNamed(g, item)) {
        const id = attr(el, 'id') ?? '';
        if (!id || id.length > 32) problems.push(`resource id "${id}" (line ${el.line}) must have 1 to 32 characters`);
        if (resources.has(id)) problems.push(`resource id "${id}" is defined twice`);
        resources.set(id, { kind, id, el });
        if (kind === 'ShortString' || kind === 'LongString')
          problems.push(...localeProblems(el, 'DefaultValue', 'Value', LIMITS[kind], `${kind} ${id}`));
      }
    }
  }

  // Every resid refers to a resource of the kind its element expects; every resource is used.
  const used = new Set<string>();
  for (const el of descendants(vo)) {
    const resid = attr(el, 'resid');
    if (resid === undefined) continue;
    used.add(resid);
    const expected = residKind(el);
    const found = resources.get(resid);
    if (!found) problems.push(`${describe(el)} refers to resid "${resid}", which Resources does not define`);
    else if (expected && found.kind !== expected)
      problems.push(`${describe(el)} refers to ${found.kind} "${resid}", expected a ${expected}`);
    if (resid.length > 32) problems.push(`resid "${resid}" is longer than 32 characters`);
  }
  for (const id of resources.keys()) if (!used.has(id)) problems.push(`resource "${id}" is defined but never used`);

  // Shared runtime: the runtime, the function file and the pane are the same page, the one the base manifest opens.
  const host = child(child(vo, 'Hosts'), 'Host');
  const runtime = child(child(host, 'Runtimes'), 'Runtime');
  const desktop = child(host, 'DesktopFormFactor');
  const functionFile = childrenNamed(desktop, 'FunctionFile')[0];
  if (attr(runtime, 'lifetime') !== 'long') problems.push('Runtime lifetime must be "long" for a shared runtime in Excel');
  if (!functionFile || attr(functionFile, 'resid') !== attr(runtime, 'resid')) {
    problems.push("FunctionFile must use the Runtime's resid, or the shared runtime does not load");
  }
  const paneUrl = child(child(root, 'DefaultSettings'), 'SourceLocation');
  const runtimeUrl = resources.get(attr(runtime, 'resid') ?? '');
  if (!runtimeUrl || attr(runtimeUrl.el, 'DefaultValue') !== attr(paneUrl, 'DefaultValue')) {
    problems.push('the Runtime page must be the task pane page of DefaultSettings');
  }

  problems.push(...ribbonProblems(desktop, resources, attr(runtime, 'resid')));
  problems.push(...urlProblems(root, resources, options));
  return problems;
}

function localeProblems(el: XmlElement, defaultAttr: string, valueAttr: string, limit: number, what: string): string[] {
  const problems: string[] = [];
  const value = attr(el, defaultAttr) ?? '';
  if (value.length < 1 || value.length > limit)
    problems.push(`${what}: default value has ${value.length} characters, allowed 1 to ${limit}`);
  const overrides = childrenNamed(el, 'Override');
  const english = overrides.filter((o) => attr(o, 'Locale') === 'en-US');
  if (english.length !== 1) problems.push(`${what}: ${english.length} en-US overrides, expected one`);
  for (const o of overrides) {
    const v = attr(o, valueAttr) ?? '';
    if (v.length < 1 || v.length > limit)
      problems.push(`${what}: ${attr(o, 'Locale')} override has ${v.length} characters, allowed 1 to ${limit}`);
  }
  if (new Set(overrides.map((o) => attr(o, 'Locale'))).size !== overrides.length) problems.push(`${what}: a locale is overridden twice`);
  return problems;
}

function setsProblems(sets: XmlElement | undefined, expected: Array<[string, string]>, what: string): string[] {
  if (!sets) return [`${what}: no Sets`];
  const fallback = attr(sets, 'DefaultMinVersion') ?? '1.1';
  const actual = childrenNamed(sets, 'Set').map((s) => `${attr(s, 'Name')} ${attr(s, 'MinVersion') ?? fallback}`);
  const wanted = expected.map(([name, version]) => `${name} ${version}`);
  return actual.join(', ') === wanted.join(', ') ? [] : [`${what}: sets are [${actual.join(', ')}], expected [${wanted.join(', ')}]`];
}

/** The kind of resource an element with a resid points at, from the element's place in the schema. */
function residKind(el: XmlElement): ResourceKind | undefined {
  if (el.ns === BT && el.local === 'Image') return 'Image';
  switch (el.local) {
    case 'SourceLocation':
    case 'FunctionFile':
    case 'LearnMoreUrl':
    case 'Runtime':
      return 'Url';
    case 'Label':
    case 'Title':
      return 'ShortString';
    case 'Description':
      return 'LongString';
    default:
      return undefined;
  }
}

function stringPair(resources: Map<string, Resource>, resid: string | undefined): string {
  const r = resources.get(resid ?? '');
  if (!r) return '?';
  const en = childrenNamed(r.el, 'Override').find((o) => attr(o, 'Locale') === 'en-US');
  return `${attr(r.el, 'DefaultValue')} / ${en ? attr(en, 'Value') : '?'}`;
}

function ribbonProblems(desktop: XmlElement, resources: Map<string, Resource>, paneResid: string | undefined): string[] {
  const problems: string[] = [];
  const points = childrenNamed(desktop, 'ExtensionPoint');
  const tabs = points.flatMap((p) => childrenNamed(p, 'OfficeTab'));
  if (points.length !== 1 || xsiType(points[0]) !== 'PrimaryCommandSurface' || tabs.length !== 1 || attr(tabs[0], 'id') !== 'TabHome') {
    return ['the ribbon must be one PrimaryCommandSurface with the Home tab (TabHome)'];
  }
  const groups = childrenNamed(tabs[0], 'Group');
  if (groups.length !== 1) return [`the Home tab has ${groups.length} Phuluc groups, expected one`];
  const group = groups[0];
  const label = (el: XmlElement) => stringPair(resources, attr(child(el, 'Label'), 'resid'));
  if (label(group) !== 'Phụ lục / Forms') problems.push(`the group is labelled "${label(group)}", expected "Phụ lục / Forms"`);

  const iconSizes = (el: XmlElement) =>
    childrenNamed(child(el, 'Icon'), 'Image')
      .map((i) => attr(i, 'size'))
      .join(',');
  if (iconSizes(group) !== '16,32,80') problems.push(`the group's icons are [${iconSizes(group)}], expected 16,32,80`);

  const controls = childrenNamed(group, 'Control');
  const summary = controls.map((c) => {
    const action = child(c, 'Action');
    const what =
      xsiType(action) === 'ExecuteFunction'
        ? `ExecuteFunction ${child(action, 'FunctionName').text.trim()}`
        : `${xsiType(action)} ${attr(child(action, 'SourceLocation'), 'resid')}`;
    return `${label(c)}: ${what}`;
  });
  const expected = ['Kiểm tra / Check: ExecuteFunction phulucCheck', `Mở Phuluc / Open Phuluc: ShowTaskpane ${paneResid}`];
  if (summary.join(' | ') !== expected.join(' | '))
    problems.push(`the buttons are [${summary.join(' | ')}], expected [${expected.join(' | ')}]`);
  for (const c of controls) {
    if (iconSizes(c) !== '16,32,80') problems.push(`${describe(c)} icons are [${iconSizes(c)}], expected 16,32,80`);
    const tip = child(c, 'Supertip');
    const title = stringPair(resources, attr(child(tip, 'Title'), 'resid'));
    const description = stringPair(resources, attr(child(tip, 'Description'), 'resid'));
    if (title.includes('?') || description.includes('?')) problems.push(`${describe(c)} supertip lacks a Vietnamese or English text`);
  }
  return problems;
}

/**
 * Every URL starts with the base address; an image is a PNG in assets/ whose size is the one declared;
 * a page is one the build writes.
 */
function urlProblems(root: XmlElement, resources: Map<string, Resource>, options: CheckOptions): string[] {
  const problems: string[] = [];
  const urls: Array<{ url: string; where: string; size?: number; image: boolean }> = [];
  const add = (el: XmlElement, attribute: string, image: boolean, size?: number) => {
    urls.push({ url: attr(el, attribute) ?? '', where: describe(el), image, size });
    for (const o of childrenNamed(el, 'Override')) urls.push({ url: attr(o, 'Value') ?? '', where: describe(o), image, size });
  };
  add(child(root, 'IconUrl'), 'DefaultValue', true, 32);
  add(child(root, 'HighResolutionIconUrl'), 'DefaultValue', true, 64);
  add(child(root, 'SupportUrl'), 'DefaultValue', false);
  add(child(child(root, 'DefaultSettings'), 'SourceLocation'), 'DefaultValue', false);

  // Sizes come from the Icon elements that use each image.
  const sizes = new Map<string, Set<number>>();
  for (const el of descendants(child(root, 'VersionOverrides'))) {
    if (el.ns === BT && el.local === 'Image' && attr(el, 'size') !== undefined) {
      const id = attr(el, 'resid') ?? '';
      sizes.set(id, (sizes.get(id) ?? new Set()).add(Number(attr(el, 'size'))));
    }
  }
  for (const r of resources.values()) {
    if (r.kind === 'Image') {
      const declared = [...(sizes.get(r.id) ?? [])];
      if (declared.length > 1) problems.push(`image ${r.id} is used at several sizes (${declared.join(', ')})`);
      add(r.el, 'DefaultValue', true, declared[0]);
    } else if (r.kind === 'Url') add(r.el, 'DefaultValue', false);
  }

  for (const { url, where, image, size } of urls) {
    if (!url.startsWith(options.baseUrl)) {
      problems.push(`${where}: ${url} does not start with ${options.baseUrl}`);
      continue;
    }
    const rel = url.slice(options.baseUrl.length);
    if (!rel.startsWith('assets/')) {
      if (image || !options.pages.includes(rel))
        problems.push(`${where}: ${url} is not a page the build writes (${options.pages.join(', ')})`);
      continue;
    }
    const file = path.join(options.assetsDir, ...rel.slice('assets/'.length).split('/'));
    if (!fs.existsSync(file)) {
      problems.push(`${where}: ${url} has no file ${path.relative(process.cwd(), file)}`);
      continue;
    }
    if (image) {
      try {
        const { width, height } = pngSize(fs.readFileSync(file));
        if (size !== undefined && (width !== size || height !== size))
          problems.push(`${where}: ${rel} is ${width}x${height}, declared ${size}x${size}`);
      } catch (e) {
        problems.push(`${where}: ${rel}: ${(e as Error).message}`);
      }
    }
  }
  if (!options.baseUrl.includes('localhost') && /localhost/i.test(JSON.stringify(urls))) problems.push('a URL still points at localhost');
  return problems;
}
