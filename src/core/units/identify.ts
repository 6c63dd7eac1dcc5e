/**
 * Who sent a workbook, first found wins: the validation stamp, a cell such as "Đơn vị: Sở Tư
 * pháp", the letterhead's second line ("SỞ TƯ PHÁP" under "UBND TỈNH HÀ TĨNH"), the file name.
 */
import { a1 } from '../grid/address';
import type { UnitDef } from '../template/schema';
import { cleanText, textKey } from '../text/normalize';
import type { SheetView } from '../locate/sheet-view';
import type { UnitIndex } from './registry-index';

export type UnitSource = 'stamp' | 'cell' | 'filename' | 'none';

export interface UnitMatch {
  unit: UnitDef | null;
  from: UnitSource;
  /** Where the name was read (sheet!cell) or the text tried, for the report and the pane. */
  evidence?: string;
}

const LABEL = /^(?:ten )?(?:don vi|co quan)(?: (?:bao cao|gui|gui bao cao|thuc hien|nop))?$/;
/** Rows scanned above a header (letterhead and titles) and on sheets without a table. */
const TOP_ROWS = 15;

function labelledCell(text: string): string | null {
  const t = cleanText(text);
  const idx = t.indexOf(':');
  if (idx < 0 || !LABEL.test(textKey(t.slice(0, idx)))) return null;
  return t.slice(idx + 1).trim() || null;
}

export function identifyFromSheets(views: SheetView[], headerTops: Map<SheetView, number>, index: UnitIndex): UnitMatch | null {
  // Labelled cells anywhere near the top of any sheet beat letterheads.
  for (const view of views) {
    const limit = Math.min(view.rows, (headerTops.get(view) ?? TOP_ROWS) + 3);
    for (let r = 0; r < limit; r++) {
      for (let c = 0; c < Math.min(view.cols, 20); c++) {
        const t = view.matchText(r, c);
        if (!t || t.length > 200) continue;
        const named = labelledCell(t);
        if (!named) continue;
        const unit = index.exact(named) ?? index.within(named);
        if (unit) return { unit, from: 'cell', evidence: `${view.name}!${a1(r, c)}` };
      }
    }
  }
  for (const view of views) {
    const limit = Math.min(view.rows, headerTops.get(view) ?? TOP_ROWS);
    for (let r = 0; r < limit; r++) {
      for (let c = 0; c < Math.min(view.cols, 20); c++) {
        const t = view.matchText(r, c);
        if (!t || t.length > 200) continue;
        // A letterhead cell may hold both lines: "UBND TỈNH HÀ TĨNH\nSỞ TƯ PHÁP" — split before
        // cleaning folds the break, and decoded when it was typed in a TCVN3 or VNI font.
        const raw = view.legacy(r, c)?.converted ?? view.value(r, c);
        const lines = typeof raw === 'string' ? raw.split(/\r?\n/).map(cleanText).filter(Boolean) : [t];
        for (const line of lines) {
          const unit = index.exact(line);
          if (unit) return { unit, from: 'cell', evidence: `${view.name}!${a1(r, c)}` };
        }
      }
    }
  }
  return null;
}

export function identifyFromFileName(fileName: string, index: UnitIndex): UnitMatch | null {
  // Words run together are split where a capital follows a small letter: "SoNoiVu" is "So Noi Vu".
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  const unit = index.exact(base) ?? index.within(base.replace(/[_.]+/g, ' '));
  return unit ? { unit, from: 'filename', evidence: base } : null;
}
