/**
 * Looking up a unit by any of the ways people write it: its name, code, abbreviations, "UBND
 * huyện …" before a district, "TP"/"TX" before a city or town. A key that names two units
 * ("Kỳ Anh": huyện or thị xã) names neither.
 */
import type { RegistryDef, UnitDef } from '../template/schema';
import { textKey } from '../text/normalize';

const LOCALITY_PREFIXES: Record<string, string[]> = {
  'thanh pho': ['tp', 'thanh pho', 'tp.'],
  'thi xa': ['tx', 'thi xa', 'tx.'],
  huyen: ['h', 'huyen', 'h.'],
};
const ADMIN_PREFIXES = ['ubnd', 'uy ban nhan dan'];

export class UnitIndex {
  private readonly byKey = new Map<string, Set<UnitDef>>();
  readonly maxWords: number;

  /** " ha tinh", " tinh ha tinh": what a letterhead may add after a unit's name. */
  private readonly provinceSuffixes: string[];

  constructor(readonly registry: RegistryDef) {
    const province = registry.province ? textKey(registry.province) : '';
    this.provinceSuffixes = province ? [` tinh ${province}`, ` ${province}`] : [];
    for (const u of registry.units) {
      for (const k of keysOf(u)) {
        // A bare city name equal to the province's ("Hà Tĩnh") would match every letterhead.
        if (k === province) continue;
        this.add(k, u);
      }
    }
    this.maxWords = Math.max(...[...this.byKey.keys()].map((k) => k.split(' ').length));
  }

  private add(key: string, unit: UnitDef): void {
    if (!key) return;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(unit);
  }

  /**
   * The one unit this exact text names, or null (unknown or ambiguous). A letterhead often adds the
   * province ("SỞ Y TẾ HÀ TĨNH", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"): without a match, it is tried
   * without it.
   */
  exact(text: string): UnitDef | null {
    const key = textKey(text);
    const set = this.byKey.get(key) ?? this.withoutProvince(key);
    return set && set.size === 1 ? [...set][0] : null;
  }

  private withoutProvince(key: string): Set<UnitDef> | undefined {
    for (const suffix of this.provinceSuffixes) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        const found = this.byKey.get(key.slice(0, -suffix.length));
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Whether the text names more than one unit ("Kỳ Anh"). */
  ambiguous(text: string): boolean {
    return (this.byKey.get(textKey(text))?.size ?? 0) > 1;
  }

  /** The unit named by the longest run of words inside a text (file names, "Đơn vị: …" cells). */
  within(text: string): UnitDef | null {
    const words = textKey(text).split(' ').filter(Boolean);
    for (let len = Math.min(this.maxWords, words.length); len >= 1; len--) {
      const found = new Set<UnitDef>();
      let ambiguous = false;
      for (let i = 0; i + len <= words.length; i++) {
        const set = this.byKey.get(words.slice(i, i + len).join(' '));
        if (!set) continue;
        if (set.size > 1) ambiguous = true;
        else found.add([...set][0]);
      }
      if (found.size === 1 && !ambiguous) return [...found][0];
      if (found.size > 1 || ambiguous) return null;
    }
    return null;
  }

  byId(id: string): UnitDef | undefined {
    return this.registry.units.find((u) => u.id.toUpperCase() === id.toUpperCase());
  }
}

function keysOf(u: UnitDef): string[] {
  const base = [u.name, u.id, ...u.aliases].map(textKey);
  const out = new Set(base);
  const name = textKey(u.name);
  if (u.kind === 'locality') {
    for (const [kind, prefixes] of Object.entries(LOCALITY_PREFIXES)) {
      if (!name.startsWith(kind + ' ')) continue;
      const bare = name.slice(kind.length + 1);
      out.add(bare);
      for (const p of prefixes) out.add(textKey(`${p} ${bare}`));
    }
  }
  if (u.kind === 'department' && name.startsWith('so ')) out.add(name.slice(3)); // "Tư pháp" alone in a letter's list
  for (const k of [...out]) for (const p of ADMIN_PREFIXES) out.add(`${p} ${k}`);
  return [...out].filter(Boolean);
}
