/**
 * Vietnamese typed before Unicode. Forms are still filled in old workbooks whose cells use 8-bit
 * Vietnamese fonts: TCVN3/ABC (.VnTime, .VnArial…) and VNI-Windows (VNI-Times, VNI-Helve…). Excel
 * keeps the font's bytes as the cp1252 characters that occupy the same positions, so "Hà Tĩnh"
 * arrives as "Hµ TÜnh" (TCVN3) or "Haø Tónh" (VNI). This module recognises such text and turns it
 * into Unicode NFC.
 *
 * Neither table uses 0x80–0x9F: TCVN3 as implemented by the ABC fonts is the VN3 subset of
 * TCVN 5712 (lower case plus Ă Â Ê Ô Ơ Ư Đ, all at 0xA1 and above), and VNI-Windows places every
 * letter and mark at 0xC0 and above. The cp1252 characters of that range (€ – — “ ” …) are therefore
 * ordinary punctuation in legacy text and pass through untouched; mapping TCVN 5712's VN1 capitals
 * there would turn Word's smart dashes and quotes into letters.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface LegacyDetection {
  encoding: LegacyEncoding;
  converted: string;
}

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const TILDE = '\u0303';
const HOOK = '\u0309';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';
const TONES = [GRAVE, ACUTE, TILDE, HOOK, DOT];

const nfc = (s: string): string => s.normalize('NFC');
const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isAscii = (c: string): boolean => c.charCodeAt(0) < 0x80;

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993, VN3 — the ABC fonts)
// ---------------------------------------------------------------------------------------------

/** Letters without a tone mark that have their own code, capitals included. */
const TCVN3_PLAIN: ReadonlyArray<readonly [string, number]> = [
  ['Ă', 0xa1],
  ['Â', 0xa2],
  ['Ê', 0xa3],
  ['Ô', 0xa4],
  ['Ơ', 0xa5],
  ['Ư', 0xa6],
  ['Đ', 0xa7],
  ['ă', 0xa8],
  ['â', 0xa9],
  ['ê', 0xaa],
  ['ô', 0xab],
  ['ơ', 0xac],
  ['ư', 0xad],
  ['đ', 0xae],
];

/** The standard's column order for toned vowels: huyền, hỏi, ngã, sắc, nặng. */
const TCVN3_TONE_ORDER = [GRAVE, HOOK, TILDE, ACUTE, DOT];

/** Lower-case toned vowels only: VN3 has no codes for toned capitals. */
const TCVN3_TONED: ReadonlyArray<readonly [string, number, number, number, number, number]> = [
  ['a', 0xb5, 0xb6, 0xb7, 0xb8, 0xb9],
  ['ă', 0xbb, 0xbc, 0xbd, 0xbe, 0xc6],
  ['â', 0xc7, 0xc8, 0xc9, 0xca, 0xcb],
  ['e', 0xcc, 0xce, 0xcf, 0xd0, 0xd1],
  ['ê', 0xd2, 0xd3, 0xd4, 0xd5, 0xd6],
  ['i', 0xd7, 0xd8, 0xdc, 0xdd, 0xde],
  ['o', 0xdf, 0xe1, 0xe2, 0xe3, 0xe4],
  ['ô', 0xe5, 0xe6, 0xe7, 0xe8, 0xe9],
  ['ơ', 0xea, 0xeb, 0xec, 0xed, 0xee],
  ['u', 0xef, 0xf1, 0xf2, 0xf3, 0xf4],
  ['ư', 0xf5, 0xf6, 0xf7, 0xf8, 0xf9],
  ['y', 0xfa, 0xfb, 0xfc, 0xfd, 0xfe],
];

const TCVN3_DECODE = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
{
  const add = (code: number, letter: string): void => {
    const ch = String.fromCharCode(code);
    TCVN3_DECODE.set(ch, letter);
    TCVN3_ENCODE.set(letter, ch);
  };
  for (const [letter, code] of TCVN3_PLAIN) add(code, letter);
  for (const [base, ...codes] of TCVN3_TONED) {
    codes.forEach((code, i) => add(code, nfc(base + TCVN3_TONE_ORDER[i])));
  }
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows
// ---------------------------------------------------------------------------------------------

// VNI draws a diacritic as a separate zero-width glyph after the base vowel; these are the mark
// glyphs' lower-case positions. Capitals use the same characters shifted by 0x20 (ø → Ø).
const VNI_TONE_MARKS: Readonly<Record<string, string>> = { ø: GRAVE, ù: ACUTE, õ: TILDE, û: HOOK, ï: DOT };
const VNI_CIRCUMFLEX_MARKS: Readonly<Record<string, string>> = { â: '', à: GRAVE, á: ACUTE, ã: TILDE, å: HOOK, ä: DOT };
const VNI_BREVE_MARKS: Readonly<Record<string, string>> = { ê: '', è: GRAVE, é: ACUTE, ü: TILDE, ú: HOOK, ë: DOT };
// Letters VNI keeps as one precomposed glyph (the i family is too narrow to carry a mark glyph).
const VNI_I_FORMS: Readonly<Record<string, string>> = { ì: GRAVE, í: ACUTE, ó: TILDE, æ: HOOK, ò: DOT };
const VNI_SINGLE_LETTERS: Readonly<Record<string, string>> = { î: 'ỵ', ô: 'ơ', ö: 'ư', ñ: 'đ' };

interface VniMark {
  shape: string;
  tone: string;
}

const VNI_MARKS = new Map<string, VniMark>();
const VNI_LETTERS = new Map<string, string>();
{
  const addMarks = (table: Readonly<Record<string, string>>, shape: string): void => {
    for (const [ch, tone] of Object.entries(table)) {
      VNI_MARKS.set(ch, { shape, tone });
      VNI_MARKS.set(ch.toUpperCase(), { shape, tone });
    }
  };
  addMarks(VNI_TONE_MARKS, '');
  addMarks(VNI_CIRCUMFLEX_MARKS, CIRCUMFLEX);
  addMarks(VNI_BREVE_MARKS, BREVE);
  const addLetter = (ch: string, letter: string): void => {
    VNI_LETTERS.set(ch, letter);
    VNI_LETTERS.set(ch.toUpperCase(), letter.toUpperCase());
  };
  for (const [ch, tone] of Object.entries(VNI_I_FORMS)) addLetter(ch, nfc('i' + tone));
  for (const [ch, letter] of Object.entries(VNI_SINGLE_LETTERS)) addLetter(ch, letter);
}

const invert = (table: Readonly<Record<string, string>>): Map<string, string> =>
  new Map(Object.entries(table).map(([ch, mark]) => [mark, ch]));
const VNI_TONE_OUT = invert(VNI_TONE_MARKS);
const VNI_CIRCUMFLEX_OUT = invert(VNI_CIRCUMFLEX_MARKS);
const VNI_BREVE_OUT = invert(VNI_BREVE_MARKS);
const VNI_I_OUT = invert(VNI_I_FORMS);

// ---------------------------------------------------------------------------------------------
// Decoding, piece by piece so that detection can see what was converted and what was left over
// ---------------------------------------------------------------------------------------------

interface Piece {
  text: string;
  /** converted: produced from legacy codes; stray: a letter the encoding cannot have produced. */
  kind: 'plain' | 'converted' | 'stray';
}

function tcvn3Pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const ch of text) {
    const letter = TCVN3_DECODE.get(ch);
    if (letter) out.push({ text: letter, kind: 'converted' });
    // Every Latin-1 letter in TCVN3 text is a code; one the table lacks is a glyph no ABC font draws.
    else out.push({ text: ch, kind: !isAscii(ch) && isLetter(ch) ? 'stray' : 'plain' });
  }
  return out;
}

function vniComposable(base: string, mark: VniMark): boolean {
  const b = base.toLowerCase();
  if (mark.shape === CIRCUMFLEX) return 'aeo'.includes(b);
  if (mark.shape === BREVE) return b === 'a';
  return 'aeiouyơư'.includes(b);
}

function vniPieces(text: string): Piece[] {
  const out: Piece[] = [];
  // The piece a following mark glyph may sit on: a bare vowel, or ơ/ư which take a tone glyph.
  let carrier: string | null = null;
  for (const ch of text) {
    const mark = VNI_MARKS.get(ch);
    if (mark && carrier !== null && vniComposable(carrier, mark)) {
      out[out.length - 1] = { text: nfc(carrier + mark.shape + mark.tone), kind: 'converted' };
      carrier = null;
      continue;
    }
    carrier = null;
    const letter = VNI_LETTERS.get(ch);
    if (letter) {
      out.push({ text: letter, kind: 'converted' });
      if ('ơưƠƯ'.includes(letter)) carrier = letter;
    } else if (/[aeiouy]/i.test(ch)) {
      out.push({ text: ch, kind: 'plain' });
      carrier = ch;
    } else {
      // A mark glyph with nothing to sit on, or a Latin-1 letter VNI never uses.
      out.push({ text: ch, kind: !isAscii(ch) && isLetter(ch) ? 'stray' : 'plain' });
    }
  }
  return out;
}

const joinPieces = (pieces: Piece[]): string => nfc(pieces.map((p) => p.text).join(''));

/**
 * TCVN3 look-alike text to Unicode NFC. `upper` is for the ".VnTimeH"-style fonts, which draw capitals
 * at the lower-case positions — the only way TCVN3 could show a toned capital.
 */
export function decodeTcvn3(text: string, opts?: { upper?: boolean }): string {
  const s = joinPieces(tcvn3Pieces(text));
  return opts?.upper ? nfc(s.toUpperCase()) : s;
}

/** VNI-Windows look-alike text to Unicode NFC. */
export function decodeVni(text: string): string {
  return joinPieces(vniPieces(text));
}

/**
 * Unicode to the TCVN3 look-alike string Excel would hold. Toned capitals have no code, so they become
 * the lower-case code, as typed under an H font: decode the result with `{ upper: true }`.
 * Characters outside Vietnamese are kept as they are.
 */
export function encodeTcvn3(text: string): string {
  let out = '';
  for (const ch of nfc(text)) out += TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase()) ?? ch;
  return out;
}

function encodeVniChar(ch: string): string {
  if (ch === 'đ') return 'ñ';
  if (ch === 'Đ') return 'Ñ';
  const d = ch.normalize('NFD');
  const base = d[0];
  const marks = d.slice(1);
  if (!marks || !/[aeiouy]/i.test(base)) return ch;
  let shape = '';
  let tone = '';
  for (const m of marks) {
    if (m === CIRCUMFLEX || m === BREVE || m === HORN) {
      if (shape) return ch;
      shape = m;
    } else if (TONES.includes(m)) {
      if (tone) return ch;
      tone = m;
    } else return ch;
  }
  const b = base.toLowerCase();
  const toneGlyph = tone ? VNI_TONE_OUT.get(tone) : '';
  let out: string | undefined;
  if (shape === HORN) out = b === 'o' ? 'ô' + toneGlyph : b === 'u' ? 'ö' + toneGlyph : undefined;
  else if (shape === CIRCUMFLEX) out = 'aeo'.includes(b) ? b + VNI_CIRCUMFLEX_OUT.get(tone) : undefined;
  else if (shape === BREVE) out = b === 'a' ? b + VNI_BREVE_OUT.get(tone) : undefined;
  else if (b === 'i') out = VNI_I_OUT.get(tone);
  else if (b === 'y' && tone === DOT) out = 'î';
  else out = b + toneGlyph;
  if (out === undefined) return ch;
  return base === b ? out : out.toUpperCase();
}

/** Unicode to the VNI-Windows look-alike string Excel would hold. */
export function encodeVni(text: string): string {
  let out = '';
  for (const ch of nfc(text)) out += encodeVniChar(ch);
  return out;
}

/**
 * The encoding a font name implies. TCVN3 fonts are the ABC set, all named ".Vn…"; a trailing "H"
 * marks the capitals-only variant (.VnTimeH, .VnArial NarrowH). VNI fonts are named "VNI-…".
 */
export function legacyFontEncoding(fontName: string): { encoding: LegacyEncoding; upper: boolean } | null {
  const name = fontName.trim().replace(/\s+(?:bold|italic|regular|bold italic)$/i, '');
  if (/^\.vn/i.test(name)) return { encoding: 'tcvn3', upper: /H$/.test(name) };
  if (/^vni[-_ ]/i.test(name)) return { encoding: 'vni', upper: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllable shape, used to judge whether a decoding makes sense
// ---------------------------------------------------------------------------------------------

interface Rhyme {
  open?: readonly number[];
  closed?: readonly number[];
}

// Vowel clusters and the positions that may carry the tone mark, open (no final consonant) and
// closed. Both the old and the new placement are accepted (hoà/hòa, thuý/thúy).
const RHYMES: Readonly<Record<string, Rhyme>> = {
  a: { open: [0], closed: [0] },
  e: { open: [0], closed: [0] },
  ê: { open: [0], closed: [0] },
  i: { open: [0], closed: [0] },
  o: { open: [0], closed: [0] },
  ô: { open: [0], closed: [0] },
  ơ: { open: [0], closed: [0] },
  u: { open: [0], closed: [0] },
  ư: { open: [0], closed: [0] },
  y: { open: [0], closed: [0] },
  ă: { closed: [0] },
  â: { closed: [0] },
  ai: { open: [0] },
  ao: { open: [0] },
  au: { open: [0] },
  ay: { open: [0] },
  âu: { open: [0] },
  ây: { open: [0] },
  eo: { open: [0] },
  êu: { open: [0] },
  ia: { open: [0] },
  iu: { open: [0] },
  oi: { open: [0] },
  ôi: { open: [0] },
  ơi: { open: [0] },
  ua: { open: [0] },
  ui: { open: [0] },
  ưa: { open: [0] },
  ưi: { open: [0] },
  ưu: { open: [0] },
  uơ: { open: [1] },
  oa: { open: [0, 1], closed: [1] },
  oe: { open: [0, 1], closed: [1] },
  uy: { open: [0, 1], closed: [1] },
  uê: { open: [1], closed: [1] },
  oo: { closed: [0, 1] },
  oă: { closed: [1] },
  uâ: { closed: [1] },
  iê: { closed: [1] },
  yê: { closed: [1] },
  uô: { closed: [1] },
  ươ: { closed: [1] },
  iêu: { open: [1] },
  yêu: { open: [1] },
  oai: { open: [1] },
  oao: { open: [1] },
  oay: { open: [1] },
  oeo: { open: [1] },
  uây: { open: [1] },
  uôi: { open: [1] },
  ươi: { open: [1] },
  ươu: { open: [1] },
  uya: { open: [1] },
  uyu: { open: [1] },
  uyê: { closed: [2] },
};

const ONSETS = [
  'ngh',
  'ng',
  'nh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
];
// "k" only for highland place names (Đắk Lắk).
const CODAS = ['ch', 'nh', 'ng', 'c', 'k', 'm', 'n', 'p', 't', ''];
const PALATAL_RHYMES = new Set(['a', 'ê', 'i', 'y', 'oa', 'uê', 'uy']);
const FRONT_RHYMES = new Set(['ê', 'i', 'y', 'uy', 'uê']);
const K_RHYMES = new Set(['a', 'ă', 'â', 'o', 'ô', 'ơ', 'e', 'u', 'ư']);
const VOWELS = /^[aăâeêioôơuưy]+$/;

function rhymeFits(onset: string, vowels: string, coda: string, tonePos: number, tone: string): boolean {
  let cluster = vowels;
  let pos = tonePos;
  // "giếng" is gi + iêng with the i written once.
  if (onset === 'gi' && cluster.startsWith('ê')) {
    cluster = 'i' + cluster;
    if (pos >= 0) pos += 1;
  }
  const rhyme = RHYMES[cluster];
  const places = coda ? rhyme?.closed : rhyme?.open;
  if (!places) return false;
  if (pos >= 0 && !places.includes(pos)) return false;
  if ((coda === 'ch' || coda === 'nh') && !PALATAL_RHYMES.has(cluster)) return false;
  if ((coda === 'c' || coda === 'ng') && FRONT_RHYMES.has(cluster)) return false;
  if (coda === 'k' && !K_RHYMES.has(cluster)) return false;
  // Syllables closed by a stop take only the rising or the heavy tone.
  if (['c', 'ch', 'p', 't'].includes(coda) && tone !== ACUTE && tone !== DOT) return false;
  return true;
}

/** One word (letters only) as a Vietnamese syllable: at most one tone mark, a legal spelling. */
function isSyllable(word: string): boolean {
  let bare = '';
  let tone = '';
  let tonePos = -1;
  for (const ch of nfc(word.toLowerCase())) {
    let rest = '';
    for (const part of ch.normalize('NFD')) {
      if (TONES.includes(part)) {
        if (tone) return false;
        tone = part;
        tonePos = bare.length;
      } else rest += part;
    }
    bare += nfc(rest);
  }
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    const rest = bare.slice(onset.length);
    for (const coda of CODAS) {
      if (!rest.endsWith(coda)) continue;
      const vowels = rest.slice(0, rest.length - coda.length);
      if (!vowels || !VOWELS.test(vowels)) continue;
      if (tone && (tonePos < onset.length || tonePos >= onset.length + vowels.length)) continue;
      if (rhymeFits(onset, vowels, coda, tone ? tonePos - onset.length : -1, tone)) return true;
    }
  }
  return false;
}

type Verdict = 'syllable' | 'abbreviation' | 'bad';

function wordVerdict(word: string): Verdict {
  const lower = word.toLowerCase();
  // Consonant-only words are abbreviations: QĐ, HĐND, KH-ĐT.
  if (!/[aăâeêioôơuưy]/.test(stripTones(lower))) return /^[a-zđ]+$/.test(lower) ? 'abbreviation' : 'bad';
  return isSyllable(word) ? 'syllable' : 'bad';
}

const stripTones = (s: string): string => nfc(s.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, ''));

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/** The Latin-1 letters genuine Unicode Vietnamese uses; seeing them proves nothing. */
const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ');

/** cp1252's printable characters in 0x80–0x9F, as Excel stores those bytes. */
const CP1252_HIGH = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const TCVN3_CODES = new Set(TCVN3_DECODE.keys());
const VNI_CODES = new Set([...VNI_MARKS.keys(), ...VNI_LETTERS.keys()]);
const codesOf = (enc: LegacyEncoding): Set<string> => (enc === 'tcvn3' ? TCVN3_CODES : VNI_CODES);
const piecesOf = (enc: LegacyEncoding, text: string): Piece[] => (enc === 'tcvn3' ? tcvn3Pieces(text) : vniPieces(text));

// Zero-width characters come from pasting, not from the font, and say nothing about the encoding.
const INVISIBLE = new Set('\u200B\u200C\u200D\u2060\uFEFF');

/** Code units above U+00FF that a single byte can still show (cp1252's upper half) or that hide. */
const SINGLE_BYTE_WIDE = new Set([...CP1252_HIGH, ...INVISIBLE].map((ch) => ch.charCodeAt(0)));

/**
 * Could a legacy font have produced this text at all: single bytes, read as Latin-1 or cp1252.
 * Unicode Vietnamese says no within its first few letters (ư, ạ, đ are above U+00FF), so every cell
 * is asked this before anything is looked up by its whole text.
 */
export function inLegacyRepertoire(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff && !SINGLE_BYTE_WIDE.has(c)) return false;
  }
  return true;
}

const WORD = /[\p{L}\p{M}]+/gu;
/** Any character outside ASCII: pure ASCII text cannot be legacy-encoded Vietnamese. */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Does the text, read as Unicode, show something only this encoding explains: a letter Vietnamese
 * never uses, a code symbol glued to a word ("t¹o", "Q§"), or a word Unicode Vietnamese cannot spell.
 * A lone symbol ("© 2024", "1.000 ®") is not enough: those are common in genuine text.
 */
function hasEvidence(text: string, enc: LegacyEncoding): boolean {
  const codes = codesOf(enc);
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!codes.has(c) || VIETNAMESE_LATIN1.has(c)) continue;
    if (isLetter(c)) return true;
    const glued = [chars[i - 1], chars[i + 1]].some((n) => n !== undefined && (isLetter(n) || codes.has(n)));
    if (glued) return true;
  }
  for (const [word] of text.matchAll(WORD)) {
    if (NON_ASCII.test(word) && Array.from(word).some((c) => codes.has(c)) && wordVerdict(word) === 'bad') return true;
  }
  return false;
}

interface Reading {
  encoding: LegacyEncoding;
  converted: string;
  stray: number;
  /** Converted words that are Vietnamese syllables, and their total length. */
  good: number;
  goodLetters: number;
  bad: number;
  /** Lower-case legacy letters inside otherwise capital words: text typed under an H font. */
  hFontHint: boolean;
}

function read(text: string, encoding: LegacyEncoding): Reading {
  const pieces = piecesOf(encoding, text);
  let out = '';
  const converted: boolean[] = [];
  let stray = 0;
  for (const p of pieces) {
    out += p.text;
    for (let i = 0; i < p.text.length; i++) converted.push(p.kind === 'converted');
    if (p.kind === 'stray') stray++;
  }
  let good = 0;
  let goodLetters = 0;
  let bad = 0;
  let mixedCase = false;
  for (const m of out.matchAll(WORD)) {
    const word = m[0];
    const start = m.index ?? 0;
    const touched = converted.slice(start, start + word.length);
    if (!touched.some(Boolean)) continue;
    const verdict = wordVerdict(word);
    if (verdict === 'syllable') {
      good++;
      goodLetters += Array.from(word).length;
    } else if (verdict === 'bad') bad++;
    const lowerLegacy = Array.from(word).some((c, i) => touched[i] && c !== c.toUpperCase());
    if (lowerLegacy && /[A-Z]/.test(word)) mixedCase = true;
  }
  return {
    encoding,
    converted: nfc(out),
    stray,
    good,
    goodLetters,
    bad,
    hFontHint: mixedCase && !/[a-z]/.test(text),
  };
}

function convincing(r: Reading): boolean {
  // Allow one misspelt word in eight in long texts; demand three letters of real syllables so that
  // a lone unit such as "µm" (→ "àm") is not taken for Vietnamese.
  return r.stray === 0 && r.goodLetters >= 3 && r.bad * 8 <= r.good;
}

/**
 * The text read in a given legacy encoding, as a font of that encoding would show it; null when
 * that changes nothing or the text could not have been typed so. For cells too short to judge alone
 * ("Ghi chó", "§VT", "Sè TT") on a sheet whose other cells are plainly in that encoding.
 */
export function decodeAs(text: string, encoding: LegacyEncoding): LegacyDetection | null {
  if (!text || !NON_ASCII.test(text) || !inLegacyRepertoire(text)) return null;
  const converted = encoding === 'tcvn3' ? decodeTcvn3(text) : decodeVni(text);
  return converted === nfc(text) ? null : { encoding, converted };
}

/** Letters only Unicode has (ă ơ ư đ, the precomposed tone marks): text that is surely not legacy. */
const UNICODE_ONLY_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/;

export function isUnicodeVietnamese(text: string): boolean {
  return UNICODE_ONLY_VIETNAMESE.test(text);
}

/**
 * Is this text (probably) typed in a legacy encoding? Returns the encoding and the converted NFC text,
 * or null. fontName, when the host knows the cell's font, decides the encoding (and upper case for
 * TCVN3 H fonts) when it names a legacy font.
 *
 * Without a font: the text must consist of single-byte characters only, show evidence that Unicode
 * cannot explain, and decode under exactly one encoding into Vietnamese syllables with no letter left
 * over. A decoded text typed under a TCVN3 H font (capital ASCII around lower-case legacy letters,
 * "HUYÖN" → "HUYệN") is upper-cased.
 */
export function detectLegacy(text: string, fontName?: string | null): LegacyDetection | null {
  if (text.length < LONG_TEXT) return detect(text, fontName);
  // A long text repeated down a column (one shared string) is decoded once: each decoding is a new
  // string as long as the text, and thousands of them filled a worker's memory.
  const font = fontName ?? '';
  let byText = recentLong.get(font);
  if (!byText || byText.size > 64) recentLong.set(font, (byText = new Map()));
  let found = byText.get(text);
  if (found === undefined) byText.set(text, (found = detect(text, fontName)));
  return found;
}

const LONG_TEXT = 1_000;
const recentLong = new Map<string, Map<string, LegacyDetection | null>>();

function detect(text: string, fontName?: string | null): LegacyDetection | null {
  if (!text || !inLegacyRepertoire(text)) return null;
  const font = fontName ? legacyFontEncoding(fontName) : null;
  if (font) {
    const converted = font.encoding === 'tcvn3' ? decodeTcvn3(text, { upper: font.upper }) : decodeVni(text);
    return converted === nfc(text) ? null : { encoding: font.encoding, converted };
  }
  if (!NON_ASCII.test(text)) return null;
  const readings = (['tcvn3', 'vni'] as const)
    .filter((enc) => hasEvidence(text, enc))
    .map((enc) => read(text, enc))
    .filter(convincing)
    .sort((a, b) => b.good - b.bad - (a.good - a.bad));
  if (readings.length === 0) return null;
  const [best, second] = readings;
  if (second && second.good - second.bad === best.good - best.bad) return null;
  const converted = best.encoding === 'tcvn3' && best.hFontHint ? nfc(best.converted.toUpperCase()) : best.converted;
  return { encoding: best.encoding, converted };
}
