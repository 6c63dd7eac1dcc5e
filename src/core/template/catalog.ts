/**
 * The catalogue a check runs against: forms with their value sets resolved, rounds, reform areas and
 * the unit registry. Built from the built-in data or from files a person loads; cross-references
 * (a round naming a form, a column naming a value set) are checked here with readable errors.
 */
import { z } from 'zod';
import { DefinitionError, DefinitionProblem, parseDefinition } from './errors';
import {
  Area,
  ColumnDef,
  ColumnRole,
  RegistryDef,
  RegistrySchema,
  RoundDef,
  RoundSchema,
  TemplateDef,
  TemplateSchema,
  ValueOption,
  ValueSet,
  VocabularySchema,
} from './schema';
import { headerKey } from '../locate/header-key';
import vocabularyJson from './builtin/vocabulary.json';
import pl01 from './builtin/pl01.json';
import pl02 from './builtin/pl02.json';
import pl03 from './builtin/pl03.json';
import pl04 from './builtin/pl04.json';
import moHinh from './builtin/mo-hinh.json';
import roundsJson from './builtin/rounds.json';
import unitsJson from './builtin/units-ha-tinh.json';

export interface Column extends ColumnDef {
  /** The role as written, or derived from the type and reasonFor. */
  role?: ColumnRole;
  /** Allowed options of a status column, resolved from its value set. */
  options?: ValueOption[];
  /** Header keys that name this column: the canonical header first, then the synonyms. */
  headerKeys: string[];
}

export interface Template extends Omit<TemplateDef, 'columns'> {
  columns: Column[];
  /** The column key holding each single-column role (the item's number, its name, the remark). */
  roles: { index?: string; item?: string; note?: string };
}

/** The column that plays a role in a form, if any. */
export function columnWithRole(template: Template, role: 'index' | 'item' | 'note'): Column | undefined {
  const key = template.roles[role];
  return key === undefined ? undefined : template.columns.find((c) => c.key === key);
}

function derivedRole(c: ColumnDef): ColumnRole | undefined {
  if (c.role) return c.role;
  if (c.type === 'index') return 'index';
  if (c.type === 'status') return 'status';
  if (c.reasonFor !== undefined) return 'reason';
  return undefined;
}

export interface Catalog {
  templates: Template[];
  rounds: RoundDef[];
  areas: Area[];
  registry: RegistryDef;
  valueSets: ValueSet[];
}

export function resolveTemplate(def: TemplateDef, valueSets: ValueSet[]): Template {
  const problems: DefinitionProblem[] = [];
  const columns = def.columns.map((c, i): Column => {
    let options: ValueOption[] | undefined;
    if (typeof c.values === 'string') {
      const set = valueSets.find((s) => s.id === c.values);
      if (!set) {
        problems.push({
          path: `columns[${i}].values`,
          message: `không có bộ giá trị "${c.values}" / unknown value set "${c.values}" (${valueSets.map((s) => s.id).join(', ') || '—'})`,
        });
      }
      options = set?.options;
    } else if (Array.isArray(c.values)) {
      options = c.values;
    }
    const headerKeys = [...new Set([c.header, ...c.synonyms].map(headerKey).filter(Boolean))];
    return { ...c, role: derivedRole(c), options, headerKeys };
  });
  if (problems.length) throw new DefinitionError(`mẫu / form "${def.id}"`, problems);
  const roles: Template['roles'] = {};
  for (const c of columns) if (c.role === 'index' || c.role === 'item' || c.role === 'note') roles[c.role] ??= c.key;
  return { ...def, columns, roles };
}

export function checkRounds(rounds: RoundDef[], templates: Template[], registry: RegistryDef): void {
  const problems: DefinitionProblem[] = [];
  const ids = new Set(registry.units.map((u) => u.id.toUpperCase()));
  rounds.forEach((r, i) => {
    r.forms.forEach((f, j) => {
      if (!templates.some((t) => t.id === f)) {
        problems.push({ path: `rounds[${i}].forms[${j}]`, message: `unknown form "${f}"` });
      }
    });
    r.expected.units.forEach((u, j) => {
      if (!ids.has(u.toUpperCase())) {
        problems.push({
          path: `rounds[${i}].expected.units[${j}]`,
          message: `đơn vị "${u}" không có trong danh sách đơn vị / unit "${u}" is not in the registry`,
        });
      }
    });
  });
  if (problems.length) throw new DefinitionError('đợt báo cáo / round', problems);
}

const RoundsFileSchema = z.object({ rounds: z.array(RoundSchema) });

let builtin: Catalog | undefined;

/** The forms, rounds and units that ship with Phuluc (Hà Tĩnh, 2022–2023 letters). */
export function builtinCatalog(): Catalog {
  if (builtin) return builtin;
  const vocabulary = parseDefinition(VocabularySchema, vocabularyJson, 'từ vựng / vocabulary');
  const templates = [pl01, pl02, pl03, pl04, moHinh].map((t) =>
    resolveTemplate(parseDefinition(TemplateSchema, t, `mẫu / form "${t.id}"`), vocabulary.valueSets),
  );
  const registry = parseDefinition(RegistrySchema, unitsJson, 'danh sách đơn vị / unit registry');
  const rounds = parseDefinition(RoundsFileSchema, roundsJson, 'đợt báo cáo / round').rounds;
  checkRounds(rounds, templates, registry);
  builtin = { templates, rounds, areas: vocabulary.areas, registry, valueSets: vocabulary.valueSets };
  return builtin;
}

/** Form titles by id, for hosts that show which forms a workbook holds. */
export function formTitles(catalog: Catalog): Record<string, string> {
  return Object.fromEntries(catalog.templates.map((t) => [t.id, t.title]));
}

/** By id, whatever its case: the forms are shown as "PL02", their ids are "pl02". */
export function findTemplate(catalog: Catalog, id: string): Template | undefined {
  const key = id.toLowerCase();
  return catalog.templates.find((t) => t.id.toLowerCase() === key);
}

export function findRound(catalog: Catalog, id: string): RoundDef | undefined {
  const key = id.toLowerCase();
  return catalog.rounds.find((r) => r.id.toLowerCase() === key);
}
