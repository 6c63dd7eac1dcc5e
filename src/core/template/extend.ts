/**
 * Adding a form or round definition that a person supplies (a JSON file chosen in the pane, a
 * --template/--round file on the command line) to a catalogue, checked by the same schemas as the
 * built-in ones. Hosts read the file; this decides what it is and whether it holds.
 */
import { Catalog, checkRounds, resolveTemplate, Template } from './catalog';
import { DefinitionError, parseDefinition } from './errors';
import { RoundDef, RoundSchema, TemplateSchema } from './schema';

export function withTemplate(catalog: Catalog, data: unknown, source: string): { template: Template; catalog: Catalog } {
  const def = parseDefinition(TemplateSchema, data, `mẫu / form (${source})`);
  const template = resolveTemplate(def, catalog.valueSets);
  return { template, catalog: { ...catalog, templates: [...catalog.templates.filter((t) => t.id !== template.id), template] } };
}

export function withRound(catalog: Catalog, data: unknown, source: string): { round: RoundDef; catalog: Catalog } {
  const round = parseDefinition(RoundSchema, data, `đợt báo cáo / round (${source})`);
  checkRounds([round], catalog.templates, catalog.registry);
  return { round, catalog: { ...catalog, rounds: [...catalog.rounds.filter((r) => r.id !== round.id), round] } };
}

export type AddedDefinition = { kind: 'template'; id: string; catalog: Catalog } | { kind: 'round'; id: string; catalog: Catalog };

/** A definition of either kind, told apart by shape: a round lists `forms`, a form lists `columns`. */
export function withDefinition(catalog: Catalog, data: unknown, source: string): AddedDefinition {
  const obj = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (obj && 'columns' in obj) {
    const r = withTemplate(catalog, data, source);
    return { kind: 'template', id: r.template.id, catalog: r.catalog };
  }
  if (obj && 'forms' in obj) {
    const r = withRound(catalog, data, source);
    return { kind: 'round', id: r.round.id, catalog: r.catalog };
  }
  throw new DefinitionError(`(${source})`, [
    {
      path: '',
      message:
        'không phải định nghĩa mẫu (cần "columns") hay đợt báo cáo (cần "forms") / neither a form definition (needs "columns") nor a round definition (needs "forms")',
    },
  ]);
}

/** Definition files as read (name and text), applied in order: a round may use a form loaded before it. */
export function withDefinitions(catalog: Catalog, files: readonly { source: string; text: string }[]): Catalog {
  let c = catalog;
  for (const f of files) c = withDefinition(c, parseJsonText(f.text, f.source), f.source).catalog;
  return c;
}

/** JSON text as a person's file holds it: a byte-order mark is tolerated, a syntax error is told readably. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DefinitionError(`(${source})`, [{ path: '', message: `không phải JSON hợp lệ / not valid JSON: ${(e as Error).message}` }]);
  }
}
