/**
 * The add-in manifest, checked offline: well-formed, in schema order, every reference resolved,
 * every string in Vietnamese with an English override, icons present at their sizes, and the
 * production manifest (ADDIN_URL) free of localhost. Each check is also shown failing on a broken copy.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { checkManifest, CheckOptions } from './check-manifest';
import { parseXml, XmlError } from './xml';
import type { ManifestInfo } from 'office-addin-manifest';
import { DEV_URL, manifestForEnv, parseAddinUrl, rewriteManifest } from '../../scripts/manifest-url';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const PAGES = ['taskpane.html', 'commands.html'];
const DEV: CheckOptions = { baseUrl: DEV_URL, assetsDir: path.join(ROOT, 'assets'), pages: PAGES };
const PROD_URL = 'https://phuluc.sonoivu.example.vn/addin/';

/** The source manifest with one exact piece of text replaced (and proof that it was there). */
function broken(find: string | RegExp, replace: string): string {
  const out = SOURCE.replace(find, replace);
  if (out === SOURCE) throw new Error(`the mutation ${String(find)} changed nothing`);
  return out;
}

function problemsOf(xml: string, options: CheckOptions = DEV): string {
  return checkManifest(xml, options).join('\n');
}

describe('strict XML reader', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a x=1/>', /not quoted/],
    ['<a x="1" x="2"/>', /repeated/],
    ['<a p:x="1" q:x="2" xmlns:p="u" xmlns:q="u"/>', /repeated through namespace/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>fish & chips</a>', /does not start a reference/],
    ['<a x="<"/>', /"<" in the value/],
    ['<a/><b/>', /after the root/],
    ['<a>', /never closed/],
    ['text<a/>', /no root|after the root/],
    ['<p:a/>', /not declared/],
    ['<a><!-- a -- b --></a>', /inside a comment/],
    ['<a/>\n<?xml version="1.0"?>', /not at the very start/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a>\u0001</a>', /not allowed/],
    ['<a x="1"y="2"/>', /white space/],
    ['<a>]]></a>', /"\]\]>" in text/],
    ['<a>&#0;</a>', /not an XML character/],
  ])('refuses %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('reads namespaces, entities and CDATA', () => {
    const el = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?><r xmlns="urn:a" xmlns:b="urn:b"><b:c d="&lt;&#x1EA1;&quot;">x &amp; y<![CDATA[<z>]]></b:c></r>',
    );
    expect(el.ns).toBe('urn:a');
    expect(el.children[0]).toMatchObject({ local: 'c', ns: 'urn:b', text: 'x & y<z>' });
    expect(el.children[0].attributes[0].value).toBe('<ạ"');
  });
});

describe('manifest.xml', () => {
  it('passes every check', () => {
    expect(checkManifest(SOURCE, DEV)).toEqual([]);
  });

  it('keeps the add-in on https://localhost:3000/ in the source', () => {
    const urls = SOURCE.replace(/<!--[\s\S]*?-->/g, '').match(/https?:\/\/[^"<\s]+/g) ?? [];
    const own = urls.filter((u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'));
    expect(own.length).toBeGreaterThan(5);
    expect(own.filter((u) => !u.startsWith(DEV_URL))).toEqual([]);
  });

  it('wires the Kiểm tra button to the function the commands code registers', () => {
    // The name lives in two files kept by different people; a rename on one side must fail here.
    const commands = fs.readFileSync(path.join(ROOT, 'src', 'commands', 'commands.ts'), 'utf8');
    expect(SOURCE).toContain('<FunctionName>phulucCheck</FunctionName>');
    expect(commands).toMatch(/Office\.actions\.associate\(\s*['"]phulucCheck['"]/);
  });

  describe('catches', () => {
    it.each<[string, string | RegExp, string, RegExp]>([
      ['a malformed tag', '<Version>1.0.0.0</Version>', '<Version>1.0.0.0</version>', /not well-formed/],
      ['elements out of schema order', /(<Version>.*<\/Version>)(\s*)(<ProviderName>.*<\/ProviderName>)/, '$3$2$1', /out of order/],
      ['SupportUrl after Hosts', /(\s*<SupportUrl[^>]*\/>)([\s\S]*?<\/Hosts>)/, '$2$1', /out of order/],
      ['a missing Permissions', /\s*<Permissions>ReadWriteDocument<\/Permissions>/, '', /lacks <Permissions>/],
      [
        'an element the schema does not know there',
        '<Hosts>\n    <Host Name="Workbook"/>',
        '<Hosts>\n    <Host Name="Workbook"/><Extra/>',
        /not a valid child/,
      ],
      [
        'a wrong xsi:type on a control',
        '<Control xsi:type="Button" id="Phuluc.Check">',
        '<Control xsi:type="Menu" id="Phuluc.Check">',
        /xsi:type "Menu"/,
      ],
      ['Supertip parts swapped', /(<Title resid="Check.Label"\/>)(\s*)(<Description resid="Check.Tooltip"\/>)/, '$3$2$1', /out of order/],
      [
        'more permission than needed',
        '<Permissions>ReadWriteDocument</Permissions>',
        '<Permissions>ReadAllDocument</Permissions>',
        /Permissions is "ReadAllDocument"/,
      ],
      [
        'a requirement set raised in the base manifest',
        '<Set Name="ExcelApi" MinVersion="1.1"/>',
        '<Set Name="ExcelApi" MinVersion="1.9"/>',
        /base Requirements: sets are \[ExcelApi 1.9\]/,
      ],
      [
        'SharedRuntime required for installing at all',
        '<Set Name="ExcelApi" MinVersion="1.1"/>',
        '<Set Name="ExcelApi" MinVersion="1.1"/><Set Name="SharedRuntime" MinVersion="1.1"/>',
        /base Requirements/,
      ],
      ['a second host', '<Host Name="Workbook"/>', '<Host Name="Workbook"/><Host Name="Document"/>', /Hosts are \[Workbook, Document\]/],
      [
        'an undefined resid',
        '<Label resid="Check.Label"/>',
        '<Label resid="Check.Labl"/>',
        /"Check.Labl", which Resources does not define/,
      ],
      [
        'a resid of the wrong kind',
        '<Description resid="Check.Tooltip"/>',
        '<Description resid="Check.Label"/>',
        /ShortString "Check.Label", expected a LongString/,
      ],
      [
        'an unused resource',
        /<bt:Url id="Help.Url"/,
        '<bt:Url id="Spare.Url" DefaultValue="https://localhost:3000/taskpane.html"/>\n        <bt:Url id="Help.Url"',
        /"Spare.Url" is defined but never used/,
      ],
      [
        'a string without its English override',
        /\s*<bt:Override Locale="en-US" Value="Check"\/>/,
        '',
        /ShortString Check.Label: 0 en-US overrides/,
      ],
      [
        'a description without its English override',
        /\s*<Override Locale="en-US" Value="Checks the administrative[^"]*"\/>/,
        '',
        /<Description>: 0 en-US overrides/,
      ],
      ['a ribbon label over 125 characters', 'DefaultValue="Kiểm tra"', `DefaultValue="${'Kiểm tra '.repeat(15)}"`, /allowed 1 to 125/],
      [
        'a renamed function',
        '<FunctionName>phulucCheck</FunctionName>',
        '<FunctionName>phulucValidate</FunctionName>',
        /ExecuteFunction phulucValidate/,
      ],
      ['the group moved off the Home tab', '<OfficeTab id="TabHome">', '<OfficeTab id="TabData">', /TabHome/],
      [
        'a function file apart from the runtime',
        '<FunctionFile resid="Taskpane.Url"/>',
        '<FunctionFile resid="Help.Url"/>',
        /shared runtime does not load/,
      ],
      ['a short-lived runtime', 'lifetime="long"', 'lifetime="short"', /lifetime must be "long"/],
      ['an icon with no file', 'assets/check-32.png', 'assets/check-33.png', /has no file/],
      ['an icon of the wrong size', 'assets/icon-80.png"', 'assets/icon-128.png"', /is 128x128, declared 80x80/],
      [
        'a page the build does not write',
        '/taskpane.html"/>\n        <bt:Url',
        '/pane.html"/>\n        <bt:Url',
        /not a page the build writes/,
      ],
      [
        'a URL elsewhere',
        'https://localhost:3000/assets/help.html"/>\n  <Hosts>',
        'https://example.org/help.html"/>\n  <Hosts>',
        /does not start with/,
      ],
      [
        'an AppDomains entry',
        '  <Hosts>\n    <Host Name="Workbook"/>',
        '  <AppDomains><AppDomain>https://example.org</AppDomain></AppDomains>\n  <Hosts>\n    <Host Name="Workbook"/>',
        /AppDomains is present/,
      ],
      ['a resource id over 32 characters', /"GetStarted\.Title"/g, '"GetStarted.Title.That.Is.Far.Too.Long"', /1 to 32 characters/],
    ])('%s', (_what, find, replace, message) => {
      expect(problemsOf(broken(find, replace))).toMatch(message);
    });
  });
});

describe('production manifest (ADDIN_URL)', () => {
  it('points everything at ADDIN_URL and nowhere at localhost', () => {
    const prod = manifestForEnv(SOURCE, { ADDIN_URL: PROD_URL });
    expect(prod).not.toMatch(/localhost/i);
    expect(checkManifest(prod, { ...DEV, baseUrl: PROD_URL })).toEqual([]);
    // The same manifest still fails the checks against the dev address: the URLs really moved.
    expect(problemsOf(prod)).toMatch(/does not start with https:\/\/localhost:3000\//);
  });

  it('keeps the dev manifest without ADDIN_URL', () => {
    expect(manifestForEnv(SOURCE, {})).toBe(SOURCE);
    expect(manifestForEnv(SOURCE, { ADDIN_URL: '  ' })).toBe(SOURCE);
  });

  it.each([
    ['http://phuluc.example.vn/addin/', /https/],
    ['https://phuluc.example.vn/addin', /"\/"/],
    ['https://phuluc.example.vn/addin/?v=2', /query/],
    ['https://phuluc.example.vn/addin/#x', /query or fragment/],
    ['https://user:secret@phuluc.example.vn/', /credentials/],
    ["https://phuluc.example.vn/a'b/", /not allowed/],
    ['https://phuluc.example.vn/a&b/', /not allowed/],
    ['phuluc.example.vn/addin/', /not a URL/],
  ])('refuses ADDIN_URL=%s', (value, message) => {
    expect(() => parseAddinUrl(value)).toThrow(message);
    expect(() => manifestForEnv(SOURCE, { ADDIN_URL: value })).toThrow(/ADDIN_URL/);
  });

  it('normalises the host and keeps the path', () => {
    expect(parseAddinUrl('https://PhuLuc.Example.VN/Add-In/')).toBe('https://phuluc.example.vn/Add-In/');
  });

  it('refuses to leave another spelling of localhost behind', () => {
    const stray = SOURCE.replace('<SupportUrl DefaultValue="https://localhost:3000/', '<SupportUrl DefaultValue="https://localhost:3001/');
    expect(() => rewriteManifest(stray, PROD_URL)).toThrow(/still mentions localhost/);
  });

  it('is what the webpack build writes to dist/manifest.xml', async () => {
    // The build's own transform, taken from webpack.config.js, without running a build.
    interface CopyPattern {
      from: string;
      to: string;
      transform?: (content: Buffer, absoluteFrom: string) => string;
    }
    type CopyPlugin = { patterns: CopyPattern[] };
    const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<{ plugins: object[] }>;
    const CopyPlugin = require('copy-webpack-plugin') as abstract new (...args: never[]) => CopyPlugin;
    const saved = process.env.ADDIN_URL;
    try {
      process.env.ADDIN_URL = PROD_URL;
      const config = await makeConfig({}, { mode: 'production' });
      const copy = config.plugins.find((p): p is CopyPlugin => p instanceof CopyPlugin);
      const pattern = copy?.patterns.find((p: CopyPattern) => p.from === 'manifest.xml');
      expect(pattern?.to).toBe('manifest.xml');
      const written = pattern!.transform!(Buffer.from(SOURCE), 'manifest.xml');
      expect(written).toBe(manifestForEnv(SOURCE, { ADDIN_URL: PROD_URL }));
      expect(written).not.toMatch(/localhost/i);

      process.env.ADDIN_URL = 'http://phuluc.example.vn/';
      await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow(/ADDIN_URL/);

      // Without ADDIN_URL no manifest for admins is written at all, and the build says why.
      delete process.env.ADDIN_URL;
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const plain = await makeConfig({}, { mode: 'production' });
        const plainCopy = plain.plugins.find((p): p is CopyPlugin => p instanceof CopyPlugin);
        expect(plainCopy?.patterns.filter((p: CopyPattern) => /manifest/.test(String(p.from)))).toEqual([]);
        expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
          /Không có ADDIN_URL: không ghi dist\/manifest\.xml[\s\S]*No ADDIN_URL: dist\/manifest\.xml is not written\. The root manifest\.xml is for development only/,
        );
      } finally {
        warn.mockRestore();
      }
    } finally {
      if (saved === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved;
    }
  });
});

/**
 * Microsoft's own reader (office-addin-manifest, what `npm run validate` and the Office tools use)
 * must see the same add-in as the checks above: offline, it parses the file into its fields.
 */
describe('read by office-addin-manifest', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-manifest-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * In a Node process of its own: the package requires an ES module (strip-bom) that Node loads and
   * jest's module system does not.
   */
  async function read(xml: string): Promise<ManifestInfo> {
    const file = path.join(dir, `m-${Math.random().toString(36).slice(2)}.xml`);
    fs.writeFileSync(file, xml);
    const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1]).then((i) => process.stdout.write(JSON.stringify(i)), (e) => { process.stderr.write(String(e)); process.exit(3); })`;
    const r = spawnSync(process.execPath, ['-e', script, file], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`office-addin-manifest: ${r.stderr}`);
    return JSON.parse(r.stdout) as ManifestInfo;
  }

  it('reads the source manifest: an Excel task pane add-in on the dev server, Vietnamese first', async () => {
    const info = await read(SOURCE);
    expect(info).toMatchObject({
      manifestType: 'xml',
      officeAppType: 'TaskPaneApp',
      hosts: ['Workbook'],
      permissions: 'ReadWriteDocument',
      defaultLocale: 'vi-VN',
      displayName: 'Phuluc',
      appDomains: [],
      defaultSettings: { sourceLocation: `${DEV_URL}taskpane.html` },
      iconUrl: `${DEV_URL}assets/icon-32.png`,
      highResolutionIconUrl: `${DEV_URL}assets/icon-64.png`,
    });
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('reads the production manifest with every address it knows at ADDIN_URL', async () => {
    const info = await read(manifestForEnv(SOURCE, { ADDIN_URL: PROD_URL }));
    const urls = [info.defaultSettings?.sourceLocation, info.iconUrl, info.highResolutionIconUrl, info.supportUrl];
    expect(urls.every((u) => typeof u === 'string' && u.startsWith(PROD_URL))).toBe(true);
    expect(info).toMatchObject({ hosts: ['Workbook'], permissions: 'ReadWriteDocument', id: (await read(SOURCE)).id });
  });

  it('fails on a manifest that is not well-formed, as our reader does', async () => {
    const bad = broken('<Version>1.0.0.0</Version>', '<Version>1.0.0.0</version>');
    await expect(read(bad)).rejects.toThrow();
    expect(problemsOf(bad)).toMatch(/not well-formed/);
  });
});
