/**
 * Every member of the `Excel` namespace that src/ uses, found with the TypeScript compiler's type
 * checker (so `ws.getRangeByIndexes(…)` is known to be Excel.Worksheet's, whatever the variable is
 * called), with whether it is read, written or called.
 */
import path from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import ts from 'typescript';

export interface MemberUse {
  /** "Class.member", as in test/fixtures/excel-api-sets.json. */
  member: string;
  /** Setting a property (left of `=`) rather than reading it or calling it. */
  write: boolean;
  /** "src/excel/marks.ts:42", for the failure message. */
  at: string;
}

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The top-level `Excel` class, interface or enum a declaration is a member of, if any. */
function excelOwner(decl: ts.Declaration): string | undefined {
  if (!decl.getSourceFile().fileName.includes('@types/office-js')) return undefined;
  const owner = decl.parent;
  if (!(ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner) || ts.isEnumDeclaration(owner)) || !owner.name) return undefined;
  const block = owner.parent;
  const ns = block?.parent;
  if (!block || !ts.isModuleBlock(block) || !ns || !ts.isModuleDeclaration(ns) || ns.name.text !== 'Excel' || !ts.isSourceFile(ns.parent))
    return undefined;
  return owner.name.text;
}

function isWrite(node: ts.PropertyAccessExpression): boolean {
  const p = node.parent;
  return ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

export function excelMembersUsed(srcDir = path.join(ROOT, 'src')): MemberUse[] {
  const files = sourceFiles(srcDir);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    types: ['office-js', 'node'],
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          const owner = excelOwner(decl);
          if (!owner) continue;
          const { line } = sf.getLineAndCharacterOfPosition(node.name.getStart(sf));
          // A union (Range | RangeAreas) gives one declaration per type: each is a use.
          uses.push({ member: `${owner}.${node.name.text}`, write: isWrite(node), at: `${path.relative(ROOT, file)}:${line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}
