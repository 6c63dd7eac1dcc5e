import type { z } from 'zod';

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
      `Định nghĩa ${what} không hợp lệ / Invalid ${what} definition:\n` +
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

/** Parses with a schema, throwing a DefinitionError that names every bad field. */
export function parseDefinition<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new DefinitionError(what, problemsOf(r.error));
  return r.data;
}
