/**
 * The forms and rounds in use, for the Mẫu view and the round chooser: the built-in catalogue plus
 * definitions the person loaded. Loaded on demand (it brings the schemas), never at start-up.
 */
import { expectedUnits } from '../core/merge/consolidate';
import { builtinCatalog, Catalog } from '../core/template/catalog';
import { DefinitionError, DefinitionProblem } from '../core/template/errors';
import { parseJsonText, withDefinition, withDefinitions } from '../core/template/extend';
import type { DefinitionText } from '../engine/engine-protocol';

export interface RoundInfo {
  id: string;
  title: string;
  deadline: string;
  forms: string[];
  expected: number;
  loaded: boolean;
}

export interface TemplateInfo {
  id: string;
  title: string;
  sheetName: string;
  columns: number;
  loaded: boolean;
}

export interface CatalogInfo {
  rounds: RoundInfo[];
  templates: TemplateInfo[];
}

let catalog: Catalog = builtinCatalog();
let loaded: DefinitionText[] = [];

/** What the pane checks against in Excel: the built-in catalogue and whatever the person loaded. */
export function currentCatalog(): Catalog {
  return catalog;
}

export function info(): CatalogInfo {
  const builtin = builtinCatalog();
  return {
    rounds: catalog.rounds.map((r) => ({
      id: r.id,
      title: r.title,
      deadline: r.deadline,
      forms: r.forms,
      expected: expectedUnits(r, catalog.registry).length,
      loaded: !builtin.rounds.includes(r),
    })),
    templates: catalog.templates.map((t) => ({
      id: t.id,
      title: t.title,
      sheetName: t.sheetName,
      columns: t.columns.length,
      loaded: !builtin.templates.includes(t),
    })),
  };
}

export type LoadOutcome =
  /** `commit` makes it the pane's catalogue, once the workers have taken the same definitions. */
  | { ok: true; kind: 'round' | 'template'; id: string; definitions: DefinitionText[]; commit: () => void }
  | { ok: false; what: string; problems: DefinitionProblem[] };

/** Checks a definition file's text against the catalogue with it; nothing changes until `commit`. */
export function load(source: string, text: string): LoadOutcome {
  try {
    const data = parseJsonText(text, source);
    // A file loaded again keeps its place: a round loaded after it may use the form it defines.
    const i = loaded.findIndex((d) => d.source === source);
    const next = i >= 0 ? loaded.map((d, j) => (j === i ? { source, text } : d)) : [...loaded, { source, text }];
    // The same fold the workers make (engine-worker `setup`), so both hold the same catalogue.
    const folded = withDefinitions(builtinCatalog(), next);
    const added = withDefinition(folded, data, source);
    return { ok: true, kind: added.kind, id: added.id, definitions: next, commit: () => ((catalog = folded), (loaded = next)) };
  } catch (e) {
    if (e instanceof DefinitionError) return { ok: false, what: e.what, problems: e.problems };
    return { ok: false, what: source, problems: [{ path: '', message: (e as Error).message }] };
  }
}
