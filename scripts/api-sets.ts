/**
 * `npm run api-sets`: writes test/fixtures/excel-api-sets.json, the ExcelApi requirement set of every
 * member of every class, interface and enum of the `Excel` namespace, read from the JSDoc
 * `[Api set: ExcelApi x.y]` tags of the pinned @types/office-js. Nothing in the table is typed by
 * hand: upgrading @types/office-js and running this script is the whole upgrade.
 *
 * A tag that gives reading and setting apart ("1.1 for reading visibility; 1.2 for setting it.",
 * "1.1 for get, 1.8 for set") becomes { read, write }. A tag that lists versions for kinds of
 * argument ("1.1 for String…; 1.7 for Array") keeps the first: the member exists from then on.
 * A member without a tag of its own (load, toJSON, track…) is available with its class, so it takes
 * the class's set; one whose class has no tag either (RequestContext) is part of the first set,
 * ExcelApi 1.1. Members only in ExcelApiOnline or ExcelApiDesktop are kept with that set's name.
 *
 * It also writes src/excel/api-versions.ts: the versions of the members that the add-in's
 * capabilities stand for (src/excel/capability-members.ts), so the add-in carries a few lines of
 * the table rather than all of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { compareVersions } from '../src/excel/capabilities';
import { CAPABILITY_MEMBERS } from '../src/excel/capability-members';

export type ApiVersion = string | { read: string; write: string } | { set: string; version: string };

export interface ApiSetTable {
  /** The @types/office-js version the table was read from. */
  source: string;
  /** Highest ExcelApi version any member needs. */
  highest: string;
  members: Record<string, ApiVersion>;
}

/** The first ExcelApi set: what every Excel with the JavaScript API has. */
const FIRST_SET = '1.1';
const TAG = /\[Api set: ([^\]]*)\]/g;

/** One tag's text ("ExcelApi 1.1 for get, 1.8 for set") as a version, or null when it is not ExcelApi*. */
export function parseApiSet(text: string): ApiVersion | null {
  const set = /^(ExcelApi(?:Online|Desktop)?) (\d+\.\d+)(.*)$/.exec(text.trim());
  if (!set) return null;
  const [, name, first] = set;
  if (name !== 'ExcelApi') return { set: name, version: first };
  const read = /(\d+\.\d+) for (?:get|read)/.exec(text);
  const write = /(\d+\.\d+) for set/.exec(text);
  if (read && write && read[1] !== write[1]) return { read: read[1], write: write[1] };
  // "1.1 for adding a single row; 1.4 allows adding of multiple rows": the member exists from 1.1.
  return first;
}

function tagsOf(node: ts.Node, text: string): ApiVersion[] {
  const out: ApiVersion[] = [];
  for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
    const comment = text.slice(range.pos, range.end).replace(/\n\s*\*/g, ' ');
    for (const m of comment.matchAll(TAG)) {
      const v = parseApiSet(m[1]);
      if (v) out.push(v);
    }
  }
  return out;
}

/** The lowest of several versions (overloads, or ExcelApi beside ExcelApiOnline): the member exists from it. */
function lowest(vs: ApiVersion[]): ApiVersion | undefined {
  const plain = vs.filter((v) => typeof v !== 'object' || 'read' in v);
  const pool = plain.length ? plain : vs;
  const start = (v: ApiVersion) => (typeof v === 'string' ? v : 'read' in v ? v.read : v.version);
  return [...pool].sort((a, b) => compareVersions(start(a), start(b)))[0];
}

function memberName(m: ts.ClassElement | ts.TypeElement | ts.EnumMember): string | undefined {
  const n = m.name;
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
  return undefined;
}

export function readApiSets(dtsText: string): Record<string, ApiVersion> {
  const file = ts.createSourceFile('index.d.ts', dtsText, ts.ScriptTarget.Latest, true);
  const members: Record<string, ApiVersion> = {};
  const found = new Map<string, ApiVersion[]>();
  const add = (key: string, vs: ApiVersion[]) => {
    const list = found.get(key) ?? [];
    list.push(...vs);
    found.set(key, list);
  };
  for (const stmt of file.statements) {
    // Only `declare namespace Excel { … }` itself: Excel.Interfaces repeats the members as load options.
    if (!ts.isModuleDeclaration(stmt) || stmt.name.text !== 'Excel' || !stmt.body || !ts.isModuleBlock(stmt.body)) continue;
    for (const decl of stmt.body.statements) {
      if (!(ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl) || ts.isEnumDeclaration(decl)) || !decl.name) continue;
      const owner = decl.name.text;
      const own = tagsOf(decl, dtsText);
      const ownVersion = lowest(own);
      const list: readonly (ts.ClassElement | ts.TypeElement | ts.EnumMember)[] = decl.members;
      for (const m of list) {
        const name = memberName(m);
        if (!name || ts.isConstructorDeclaration(m)) continue;
        const tags = ts.isEnumMember(m) ? [] : tagsOf(m, dtsText);
        add(`${owner}.${name}`, tags.length ? tags : [ownVersion ?? FIRST_SET]);
      }
    }
  }
  for (const key of [...found.keys()].sort()) members[key] = lowest(found.get(key)!)!;
  return members;
}

export function highestVersion(members: Record<string, ApiVersion>): string {
  let top = '1.1';
  for (const v of Object.values(members)) {
    for (const x of typeof v === 'string' ? [v] : 'read' in v ? [v.read, v.write] : []) if (compareVersions(x, top) > 0) top = x;
  }
  return top;
}

/** The ExcelApi version a capability member needs ("Class.member", or "Class.member:write" to set it). */
export function memberVersion(members: Record<string, ApiVersion>, member: string): string {
  const [name, mode] = member.split(':');
  const v = members[name];
  if (v === undefined) throw new Error(`${name} is not in @types/office-js's Excel namespace`);
  if (typeof v === 'string') return v;
  if ('read' in v) return mode === 'write' ? v.write : v.read;
  throw new Error(`${name} is only in ${v.set}, not in ExcelApi`);
}

/** The text of src/excel/api-versions.ts. */
export function capabilityVersionsModule(table: ApiSetTable): string {
  const lines = Object.values(CAPABILITY_MEMBERS)
    .flat()
    .map((m) => `  '${m}': '${memberVersion(table.members, m)}',`);
  return [
    '/**',
    ` * Generated by \`npm run api-sets\` from ${table.source}; do not edit. The ExcelApi version of`,
    ' * each member a capability stands for (src/excel/capability-members.ts).',
    ' */',
    'export const API_VERSIONS = {',
    ...lines,
    '} as const;',
    '',
  ].join('\n');
}

function main(): void {
  const root = path.resolve(__dirname, '../..');
  const pkgDir = path.join(root, 'node_modules/@types/office-js');
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const pinned = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
    .devDependencies['@types/office-js'];
  if (pinned !== version) {
    console.error(`@types/office-js ${version} is installed but package.json pins ${pinned}: run npm install first.`);
    process.exit(1);
  }
  const members = readApiSets(readFileSync(path.join(pkgDir, 'index.d.ts'), 'utf8'));
  const table: ApiSetTable = { source: `@types/office-js ${version}`, highest: highestVersion(members), members };
  const out = path.join(root, 'test/fixtures/excel-api-sets.json');
  writeFileSync(out, JSON.stringify(table, null, 1) + '\n');
  console.log(
    `${Object.keys(members).length} Excel members, ExcelApi 1.1–${table.highest}, from ${table.source} → ${path.relative(process.cwd(), out)}`,
  );
  const versions = path.join(root, 'src/excel/api-versions.ts');
  writeFileSync(versions, capabilityVersionsModule(table));
  console.log(`capability versions → ${path.relative(process.cwd(), versions)}`);
}

if (require.main === module) main();
