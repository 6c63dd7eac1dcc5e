/** --round / --template: a built-in id, or a JSON definition file checked by the same schemas. */
import { promises as fs } from 'node:fs';
import { Catalog, findRound, findTemplate, Template } from '../core/template/catalog';
import { parseDefinition } from '../core/template/errors';
import { withRound, withTemplate } from '../core/template/extend';
import { RegistryDef, RegistrySchema, RoundDef } from '../core/template/schema';

export class UsageError extends Error {}

export async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UsageError(`Không đọc được tệp ${file} / Cannot read ${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`Tệp ${file} không phải JSON hợp lệ / ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

const looksLikeFile = (s: string) => /\.json$/i.test(s) || s.includes('/') || s.includes('\\');

export async function loadTemplate(arg: string, catalog: Catalog): Promise<{ template: Template; catalog: Catalog }> {
  if (!looksLikeFile(arg)) {
    const t = findTemplate(catalog, arg);
    if (!t) throw new UsageError(`Không có mẫu "${arg}" / No form "${arg}" (${catalog.templates.map((x) => x.id).join(', ')})`);
    return { template: t, catalog };
  }
  return withTemplate(catalog, await readJson(arg), arg);
}

export async function loadRound(arg: string, catalog: Catalog): Promise<{ round: RoundDef; catalog: Catalog }> {
  if (!looksLikeFile(arg)) {
    const r = findRound(catalog, arg);
    if (!r) throw new UsageError(`Không có đợt báo cáo "${arg}" / No round "${arg}" (${catalog.rounds.map((x) => x.id).join(', ')})`);
    return { round: r, catalog };
  }
  return withRound(catalog, await readJson(arg), arg);
}

export async function loadRegistry(file: string): Promise<RegistryDef> {
  return parseDefinition(RegistrySchema, await readJson(file), `danh sách đơn vị / unit registry (${file})`);
}
