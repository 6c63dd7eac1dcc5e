/**
 * A short stand-in for a long text where texts are only compared (a row's signature for the
 * duplicate-row rule): a row of three 32,767-character cells made a 98,000-character key, and
 * thousands of such rows filled a worker's memory.
 */

/** Texts up to this length are their own key. */
const KEY_CHARS = 256;

const recent = new Map<string, string>();

/** `s` itself when short; else its start, its length and a 64-bit hash of the whole (computed once per text). */
export function compareKey(s: string): string {
  if (s.length <= KEY_CHARS) return s;
  let key = recent.get(s);
  if (key === undefined) {
    if (recent.size >= 256) recent.clear();
    key = `${s.slice(0, KEY_CHARS)}\u0000${s.length}\u0000${hash52(s)}`;
    recent.set(s, key);
  }
  return key;
}

/** Two 32-bit lanes (FNV-1a and a multiply-xorshift) with different offsets: a collision needs both to collide. */
function hash52(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}
