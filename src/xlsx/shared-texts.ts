/**
 * Long texts sent once between threads. Structured cloning copies a string at every place it
 * occurs: one 32,767-character text down 9,000 cells (one shared string in the workbook, one string
 * in the worker) became 590 MB on the way to the command line. Each distinct long text travels once
 * in a table and every place that held it gets a reference, resolved on arrival.
 */

/** Shorter texts are cheaper copied than looked up. */
const SHARED_MIN_CHARS = 1_000;

/** Stands for `texts[i]` in a value sent across; no cell value or check field is an object of this shape. */
interface TextRef {
  phulucText: number;
}

/** A copy of `value` with every long string replaced by a reference into `texts`. */
export function shareTexts<T>(value: T, texts: string[]): T {
  const index = new Map<string, number>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length < SHARED_MIN_CHARS) return v;
      let i = index.get(v);
      if (i === undefined) index.set(v, (i = texts.push(v) - 1));
      return { phulucText: i } satisfies TextRef;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** `shareTexts` undone in place: every reference is the one string it stands for. */
export function resolveTexts<T>(value: T, texts: readonly string[]): T {
  if (!texts.length) return value;
  const walk = (v: unknown): unknown => {
    if (isRef(v)) return texts[v.phulucText];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
    }
    return v;
  };
  return walk(value) as T;
}

function isRef(v: unknown): v is TextRef {
  return typeof v === 'object' && v !== null && typeof (v as TextRef).phulucText === 'number' && Object.keys(v).length === 1;
}
