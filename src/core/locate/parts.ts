/**
 * Parts of a form that holds several ("Phụ lục 03": mục I, then mục II, the proposals). A part
 * heading is a Roman numeral with the words the form gives that part ("II. Đề xuất nhiệm vụ CCHC
 * năm 2023"), or "Phần II" / "Mục II"; a numbered area ("II. Cải cách thể chế") is a section, not
 * a part, because it carries none of the part's words.
 */
import type { Template } from '../template/catalog';
import { textKey } from '../text/normalize';

const PART_PREFIX = /^\s*(?:(?:phần|phan|mục|muc)\s+)?([IVX]{1,4})\s*[.):\-–]?(?:\s+|$)/i;
const NAMED_PART = /^\s*(?:phần|phan|mục|muc)\s+[IVX]{1,4}\b/i;

const hintKeys = new WeakMap<Template, Map<string, string[]>>();

function hintsOf(template: Template): Map<string, string[]> {
  let m = hintKeys.get(template);
  if (!m) {
    m = new Map((template.parts ?? []).map((p) => [p.id, p.hints.map(textKey).filter(Boolean)]));
    hintKeys.set(template, m);
  }
  return m;
}

/**
 * The part a heading opens, if the form has parts. `numeral` is the index cell's text when the
 * numeral stands in its own column.
 */
export function partOfHeading(text: string, template: Template, numeral = ''): string | null {
  if (!template.parts?.length || text.length > 200) return null;
  const joined = numeral ? `${numeral.trim().replace(/[.):\-–]+$/, '')}. ${text}` : text;
  const m = PART_PREFIX.exec(joined);
  if (!m) return null;
  const id = m[1].toUpperCase();
  const hints = hintsOf(template).get(id);
  if (!hints) return null;
  if (NAMED_PART.test(joined)) return id;
  const key = ` ${textKey(joined.slice(m[0].length))} `;
  return hints.some((h) => key.includes(` ${h} `)) ? id : null;
}
