/**
 * What a mark on a problem cell is, wherever it is laid (in Excel by src/excel/marks, in a
 * downloaded copy by src/xlsx/highlight-copy): one per cell, errors over warnings, our fills, and
 * a formula that is always true and carries our name so that the marks can be found and removed.
 */
import { a1 } from '../grid/address';
import type { Finding } from './issue';
import { describe, Lang, Severity } from './catalogue';

/** The formula of every Phuluc mark, as Excel's API takes it. */
export const MARK_FORMULA = '=N("phuluc")=0';
export const MARK_TOKEN = 'phuluc';
export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

export interface MarkTarget {
  sheet: string;
  cell: string;
  severity: 'error' | 'warning';
}

/** One mark per cell, errors winning over warnings on the same cell. */
export function markTargets(findings: Finding[]): MarkTarget[] {
  const byCell = new Map<string, MarkTarget>();
  for (const f of findings) {
    if (f.sheet === undefined || f.row === undefined || f.col === undefined) continue;
    const cell = a1(f.row, f.col);
    const key = `${f.sheet}\u0000${cell}`;
    const prev = byCell.get(key);
    if (!prev || (prev.severity === 'warning' && f.severity === 'error')) byCell.set(key, { sheet: f.sheet, cell, severity: f.severity });
  }
  return [...byCell.values()];
}

/**
 * The author of every note Phuluc writes in a cell: how a later copy finds its notes again to
 * replace or remove them (Excel keeps a note's author when it saves the workbook).
 */
export const NOTE_AUTHOR = 'Phuluc';

export interface NoteTarget {
  sheet: string;
  cell: string;
  /** The cell's problems, errors first, each with what to do: text only, never a formula. */
  text: string;
}

const SEVERITY_WORD: Record<Lang, Record<Severity, string>> = {
  vi: { error: 'Lỗi', warning: 'Cảnh báo' },
  en: { error: 'Error', warning: 'Warning' },
};

/** One note per problem cell, combining that cell's problems in the reader's language. */
export function noteTargets(findings: Finding[], lang: Lang): NoteTarget[] {
  const byCell = new Map<string, { sheet: string; cell: string; items: Finding[] }>();
  for (const f of findings) {
    if (f.sheet === undefined || f.row === undefined || f.col === undefined) continue;
    const cell = a1(f.row, f.col);
    const key = `${f.sheet}\u0000${cell}`;
    const e = byCell.get(key) ?? { sheet: f.sheet, cell, items: [] };
    e.items.push(f);
    byCell.set(key, e);
  }
  return [...byCell.values()].map(({ sheet, cell, items }) => {
    const ordered = [...items.filter((f) => f.severity === 'error'), ...items.filter((f) => f.severity !== 'error')];
    const lines = ordered.map((f) => {
      const { message, hint } = describe(f.code, f.params, lang);
      return `${SEVERITY_WORD[lang][f.severity]}: ${message}${hint ? `\n→ ${hint}` : ''}`;
    });
    // Said once per message even when two codes word it alike.
    return { sheet, cell, text: [...new Set(lines)].join('\n') };
  });
}
