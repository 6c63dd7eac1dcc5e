import { z } from 'zod';

export interface DefinitionProblem {
  /** Where in the definition, as `columns[3].type`. */
  path: string;
  message: string;
}

/** A form, round or registry definition that does not hold. Carries every problem, not just the first. */
export class DefinitionError extends Error {
  constructor(
    readonly what: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(
      `Định nghĩa không hợp lệ / Invalid definition: ${what}\n` +
        problems.map((p) => `  - ${p.path || '(gốc / root)'}: ${p.message}`).join('\n'),
    );
    this.name = 'DefinitionError';
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function problemsOf(error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

let viErrors: z.core.$ZodErrorMap | undefined;

/**
 * Parses with a schema, throwing a DefinitionError that names every bad field — in Vietnamese and
 * English. Zod's own messages come from its Vietnamese locale on a second parse (only when the
 * first failed); messages the schemas write themselves are already in both languages.
 */
export function parseDefinition<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const en = problemsOf(r.error);
  const again = schema.safeParse(data, { error: (viErrors ??= z.locales.vi().localeError) });
  const vis = again.success ? [] : problemsOf(again.error);
  throw new DefinitionError(
    what,
    en.map((p, i) => {
      const v = vis[i];
      return v && v.path === p.path && v.message !== p.message ? { path: p.path, message: `${v.message} / ${p.message}` } : p;
    }),
  );
}
