import { decodeTcvn3, decodeVni, detectLegacy, encodeTcvn3, encodeVni, legacyFontEncoding } from '../../src/core/text/legacy';

/** A TCVN3 capital that has no code of its own: the lower-case code, shown by an H font (.VnTimeH). */
interface HFont {
  hfont: string;
}
const H = (code: string): HFont => ({ hfont: code });

/**
 * Every Vietnamese letter with a diacritic, written out from the encodings' code charts (TCVN 5712:1993
 * VN3; VNI-Windows), not from the code under test. Columns: lower case, its TCVN3 form, its VNI form,
 * capital, its TCVN3 form, its VNI form. \xHH is the byte as Excel shows it (Latin-1 / cp1252).
 */
const GOLDEN: ReadonlyArray<readonly [string, string, string, string, string | HFont, string]> = [
  ['à', '\xb5', 'a\xf8', 'À', H('\xb5'), 'A\xd8'],
  ['á', '\xb8', 'a\xf9', 'Á', H('\xb8'), 'A\xd9'],
  ['ả', '\xb6', 'a\xfb', 'Ả', H('\xb6'), 'A\xdb'],
  ['ã', '\xb7', 'a\xf5', 'Ã', H('\xb7'), 'A\xd5'],
  ['ạ', '\xb9', 'a\xef', 'Ạ', H('\xb9'), 'A\xcf'],
  ['â', '\xa9', 'a\xe2', 'Â', '\xa2', 'A\xc2'],
  ['ầ', '\xc7', 'a\xe0', 'Ầ', H('\xc7'), 'A\xc0'],
  ['ấ', '\xca', 'a\xe1', 'Ấ', H('\xca'), 'A\xc1'],
  ['ẩ', '\xc8', 'a\xe5', 'Ẩ', H('\xc8'), 'A\xc5'],
  ['ẫ', '\xc9', 'a\xe3', 'Ẫ', H('\xc9'), 'A\xc3'],
  ['ậ', '\xcb', 'a\xe4', 'Ậ', H('\xcb'), 'A\xc4'],
  ['ă', '\xa8', 'a\xea', 'Ă', '\xa1', 'A\xca'],
  ['ằ', '\xbb', 'a\xe8', 'Ằ', H('\xbb'), 'A\xc8'],
  ['ắ', '\xbe', 'a\xe9', 'Ắ', H('\xbe'), 'A\xc9'],
  ['ẳ', '\xbc', 'a\xfa', 'Ẳ', H('\xbc'), 'A\xda'],
  ['ẵ', '\xbd', 'a\xfc', 'Ẵ', H('\xbd'), 'A\xdc'],
  ['ặ', '\xc6', 'a\xeb', 'Ặ', H('\xc6'), 'A\xcb'],
  ['đ', '\xae', '\xf1', 'Đ', '\xa7', '\xd1'],
  ['è', '\xcc', 'e\xf8', 'È', H('\xcc'), 'E\xd8'],
  ['é', '\xd0', 'e\xf9', 'É', H('\xd0'), 'E\xd9'],
  ['ẻ', '\xce', 'e\xfb', 'Ẻ', H('\xce'), 'E\xdb'],
  ['ẽ', '\xcf', 'e\xf5', 'Ẽ', H('\xcf'), 'E\xd5'],
  ['ẹ', '\xd1', 'e\xef', 'Ẹ', H('\xd1'), 'E\xcf'],
  ['ê', '\xaa', 'e\xe2', 'Ê', '\xa3', 'E\xc2'],
  ['ề', '\xd2', 'e\xe0', 'Ề', H('\xd2'), 'E\xc0'],
  ['ế', '\xd5', 'e\xe1', 'Ế', H('\xd5'), 'E\xc1'],
  ['ể', '\xd3', 'e\xe5', 'Ể', H('\xd3'), 'E\xc5'],
  ['ễ', '\xd4', 'e\xe3', 'Ễ', H('\xd4'), 'E\xc3'],
  ['ệ', '\xd6', 'e\xe4', 'Ệ', H('\xd6'), 'E\xc4'],
  ['ì', '\xd7', '\xec', 'Ì', H('\xd7'), '\xcc'],
  ['í', '\xdd', '\xed', 'Í', H('\xdd'), '\xcd'],
  ['ỉ', '\xd8', '\xe6', 'Ỉ', H('\xd8'), '\xc6'],
  ['ĩ', '\xdc', '\xf3', 'Ĩ', H('\xdc'), '\xd3'],
  ['ị', '\xde', '\xf2', 'Ị', H('\xde'), '\xd2'],
  ['ò', '\xdf', 'o\xf8', 'Ò', H('\xdf'), 'O\xd8'],
  ['ó', '\xe3', 'o\xf9', 'Ó', H('\xe3'), 'O\xd9'],
  ['ỏ', '\xe1', 'o\xfb', 'Ỏ', H('\xe1'), 'O\xdb'],
  ['õ', '\xe2', 'o\xf5', 'Õ', H('\xe2'), 'O\xd5'],
  ['ọ', '\xe4', 'o\xef', 'Ọ', H('\xe4'), 'O\xcf'],
  ['ô', '\xab', 'o\xe2', 'Ô', '\xa4', 'O\xc2'],
  ['ồ', '\xe5', 'o\xe0', 'Ồ', H('\xe5'), 'O\xc0'],
  ['ố', '\xe8', 'o\xe1', 'Ố', H('\xe8'), 'O\xc1'],
  ['ổ', '\xe6', 'o\xe5', 'Ổ', H('\xe6'), 'O\xc5'],
  ['ỗ', '\xe7', 'o\xe3', 'Ỗ', H('\xe7'), 'O\xc3'],
  ['ộ', '\xe9', 'o\xe4', 'Ộ', H('\xe9'), 'O\xc4'],
  ['ơ', '\xac', '\xf4', 'Ơ', '\xa5', '\xd4'],
  ['ờ', '\xea', '\xf4\xf8', 'Ờ', H('\xea'), '\xd4\xd8'],
  ['ớ', '\xed', '\xf4\xf9', 'Ớ', H('\xed'), '\xd4\xd9'],
  ['ở', '\xeb', '\xf4\xfb', 'Ở', H('\xeb'), '\xd4\xdb'],
  ['ỡ', '\xec', '\xf4\xf5', 'Ỡ', H('\xec'), '\xd4\xd5'],
  ['ợ', '\xee', '\xf4\xef', 'Ợ', H('\xee'), '\xd4\xcf'],
  ['ù', '\xef', 'u\xf8', 'Ù', H('\xef'), 'U\xd8'],
  ['ú', '\xf3', 'u\xf9', 'Ú', H('\xf3'), 'U\xd9'],
  ['ủ', '\xf1', 'u\xfb', 'Ủ', H('\xf1'), 'U\xdb'],
  ['ũ', '\xf2', 'u\xf5', 'Ũ', H('\xf2'), 'U\xd5'],
  ['ụ', '\xf4', 'u\xef', 'Ụ', H('\xf4'), 'U\xcf'],
  ['ư', '\xad', '\xf6', 'Ư', '\xa6', '\xd6'],
  ['ừ', '\xf5', '\xf6\xf8', 'Ừ', H('\xf5'), '\xd6\xd8'],
  ['ứ', '\xf8', '\xf6\xf9', 'Ứ', H('\xf8'), '\xd6\xd9'],
  ['ử', '\xf6', '\xf6\xfb', 'Ử', H('\xf6'), '\xd6\xdb'],
  ['ữ', '\xf7', '\xf6\xf5', 'Ữ', H('\xf7'), '\xd6\xd5'],
  ['ự', '\xf9', '\xf6\xef', 'Ự', H('\xf9'), '\xd6\xcf'],
  ['ỳ', '\xfa', 'y\xf8', 'Ỳ', H('\xfa'), 'Y\xd8'],
  ['ý', '\xfd', 'y\xf9', 'Ý', H('\xfd'), 'Y\xd9'],
  ['ỷ', '\xfb', 'y\xfb', 'Ỷ', H('\xfb'), 'Y\xdb'],
  ['ỹ', '\xfc', 'y\xf5', 'Ỹ', H('\xfc'), 'Y\xd5'],
  ['ỵ', '\xfe', '\xee', 'Ỵ', H('\xfe'), '\xce'],
];

const LETTERS = GOLDEN.flatMap(([lower, tcvnLower, vniLower, upper, tcvnUpper, vniUpper]) => [
  { letter: lower, tcvn3: tcvnLower, hfont: false, vni: vniLower },
  typeof tcvnUpper === 'string'
    ? { letter: upper, tcvn3: tcvnUpper, hfont: false, vni: vniUpper }
    : { letter: upper, tcvn3: tcvnUpper.hfont, hfont: true, vni: vniUpper },
]);

describe('golden table', () => {
  test('covers the 134 letters with diacritics, 67 lower-case and their 67 capitals', () => {
    expect(new Set(LETTERS.map((l) => l.letter)).size).toBe(134);
    for (const [lower, , , upper] of GOLDEN) {
      expect(upper).toBe(lower.toUpperCase());
      expect(lower).toBe(lower.normalize('NFC'));
    }
    // TCVN3 has own codes only for the capitals Ă Â Ê Ô Ơ Ư Đ.
    expect(
      LETTERS.filter((l) => l.letter === l.letter.toUpperCase() && !l.hfont)
        .map((l) => l.letter)
        .sort(),
    ).toEqual(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'].sort());
  });

  test.each(LETTERS)('TCVN3 $letter', ({ letter, tcvn3, hfont }) => {
    expect(decodeTcvn3(tcvn3, { upper: hfont })).toBe(letter);
    expect(encodeTcvn3(letter)).toBe(tcvn3);
    if (hfont) expect(decodeTcvn3(tcvn3)).toBe(letter.toLowerCase());
  });

  test.each(LETTERS)('VNI $letter', ({ letter, vni }) => {
    expect(decodeVni(vni)).toBe(letter);
    expect(encodeVni(letter)).toBe(vni);
  });

  test('TCVN3 capitals with their own code also read right under an H font', () => {
    expect(decodeTcvn3('\xa1\xa2\xa3\xa4\xa5\xa6\xa7', { upper: true })).toBe('ĂÂÊÔƠƯĐ');
    expect(decodeTcvn3('\xa8\xa9\xaa\xab\xac\xad\xae', { upper: true })).toBe('ĂÂÊÔƠƯĐ');
  });

  test('decomposed (NFD) input encodes like precomposed', () => {
    expect(encodeVni('Việt'.normalize('NFD'))).toBe('Vieät');
    expect(encodeTcvn3('Việt'.normalize('NFD'))).toBe('Vi\xd6t');
  });
});

/** [TCVN3 as Excel holds it, Unicode] — typed in a normal TCVN3 font (.VnTime). */
const TCVN3_SENTENCES: ReadonlyArray<readonly [string, string]> = [
  ['C¶i c¸ch thñ tôc hµnh chÝnh', 'Cải cách thủ tục hành chính'],
  ['Ch\u00ada hoµn thµnh', 'Chưa hoàn thành'],
  ['§ang thùc hiÖn', 'Đang thực hiện'],
  ['Lý do ch\u00ada hoµn thµnh', 'Lý do chưa hoàn thành'],
  ['Së Néi vô tØnh Hµ TÜnh', 'Sở Nội vụ tỉnh Hà Tĩnh'],
  ['Së KÕ ho¹ch vµ §Çu t\u00ad', 'Sở Kế hoạch và Đầu tư'],
  ['Së Tµi nguyªn vµ M«i tr\u00adêng', 'Sở Tài nguyên và Môi trường'],
  ['Së Lao ®éng - Th\u00ad¬ng binh vµ X· héi', 'Sở Lao động - Thương binh và Xã hội'],
  ['HuyÖn H\u00ad¬ng Khª, thÞ x· Kú Anh, thµnh phè Hµ TÜnh', 'Huyện Hương Khê, thị xã Kỳ Anh, thành phố Hà Tĩnh'],
  ['QuyÕt ®Þnh sè 3504/Q§-UBND ngµy 22/10/2021 cña UBND tØnh', 'Quyết định số 3504/QĐ-UBND ngày 22/10/2021 của UBND tỉnh'],
  ['Tû lÖ hå s¬ gi¶i quyÕt ®óng h¹n ®¹t 98,5%', 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%'],
  ['Ng\u00adêi ®øng ®Çu c¬ quan, ®¬n vÞ chÞu tr¸ch nhiÖm', 'Người đứng đầu cơ quan, đơn vị chịu trách nhiệm'],
  ['Tr\u00adêng hîp chËm muén, nªu râ lý do', 'Trường hợp chậm muộn, nêu rõ lý do'],
  ['Sè thñ tôc hµnh chÝnh ®\u00adîc ®¬n gi¶n hãa', 'Số thủ tục hành chính được đơn giản hóa'],
  ['Hµ TÜnh', 'Hà Tĩnh'],
  ['Q§ sè 3504/Q§-UBND ngµy 22/10/2021', 'QĐ số 3504/QĐ-UBND ngày 22/10/2021'],
];

/** [VNI as Excel holds it, Unicode] — typed in a VNI font (VNI-Times). */
const VNI_SENTENCES: ReadonlyArray<readonly [string, string]> = [
  ['Caûi caùch thuû tuïc haønh chính', 'Cải cách thủ tục hành chính'],
  ['Chöa hoaøn thaønh', 'Chưa hoàn thành'],
  ['Ñang thöïc hieän', 'Đang thực hiện'],
  ['Lyù do chöa hoaøn thaønh', 'Lý do chưa hoàn thành'],
  ['Sôû Noäi vuï tænh Haø Tónh', 'Sở Nội vụ tỉnh Hà Tĩnh'],
  ['Sôû Keá hoaïch vaø Ñaàu tö', 'Sở Kế hoạch và Đầu tư'],
  ['Sôû Taøi nguyeân vaø Moâi tröôøng', 'Sở Tài nguyên và Môi trường'],
  ['Sôû Lao ñoäng - Thöông binh vaø Xaõ hoäi', 'Sở Lao động - Thương binh và Xã hội'],
  ['Huyeän Höông Kheâ, thò xaõ Kyø Anh, thaønh phoá Haø Tónh', 'Huyện Hương Khê, thị xã Kỳ Anh, thành phố Hà Tĩnh'],
  ['Quyeát ñònh soá 3504/QÑ-UBND ngaøy 22/10/2021 cuûa UBND tænh', 'Quyết định số 3504/QĐ-UBND ngày 22/10/2021 của UBND tỉnh'],
  ['Tyû leä hoà sô giaûi quyeát ñuùng haïn ñaït 98,5%', 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%'],
  ['Ngöôøi ñöùng ñaàu cô quan, ñôn vò chòu traùch nhieäm', 'Người đứng đầu cơ quan, đơn vị chịu trách nhiệm'],
  ['Tröôøng hôïp chaäm muoän, neâu roõ lyù do', 'Trường hợp chậm muộn, nêu rõ lý do'],
  ['Soá thuû tuïc haønh chính ñöôïc ñôn giaûn hoùa', 'Số thủ tục hành chính được đơn giản hóa'],
  ['UÛy ban nhaân daân huyeän Can Loäc', 'Ủy ban nhân dân huyện Can Lộc'],
  ['UÛY BAN NHAÂN DAÂN HUYEÄN CAN LOÄC', 'ỦY BAN NHÂN DÂN HUYỆN CAN LỘC'],
  ['Vaên phoøng UÛy ban nhaân daân tænh', 'Văn phòng Ủy ban nhân dân tỉnh'],
  ['Haø Tónh', 'Hà Tĩnh'],
];

/** [TCVN3 typed under an H font, as Excel holds it, Unicode as displayed]. */
const TCVN3_H_SENTENCES: ReadonlyArray<readonly [string, string]> = [
  ['ñy ban nh©n d©n huyÖn can léc', 'ỦY BAN NHÂN DÂN HUYỆN CAN LỘC'],
  ['céng hßa x· héi chñ nghÜa viÖt nam', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['§éc lËp - tù do - h¹nh phóc', 'ĐỘC LẬP - TỰ DO - HẠNH PHÚC'],
];

describe('sentences from administrative forms', () => {
  test.each(TCVN3_SENTENCES)('TCVN3 %s', (legacy, unicode) => {
    expect(decodeTcvn3(legacy)).toBe(unicode);
    expect(encodeTcvn3(unicode)).toBe(legacy);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'tcvn3', converted: unicode });
  });

  test.each(VNI_SENTENCES)('VNI %s', (legacy, unicode) => {
    expect(decodeVni(legacy)).toBe(unicode);
    expect(encodeVni(unicode)).toBe(legacy);
    expect(detectLegacy(legacy)).toEqual({ encoding: 'vni', converted: unicode });
  });

  test.each(TCVN3_H_SENTENCES)('TCVN3 H font %s', (legacy, unicode) => {
    expect(decodeTcvn3(legacy, { upper: true })).toBe(unicode);
    expect(detectLegacy(legacy, '.VnTimeH')).toEqual({ encoding: 'tcvn3', converted: unicode });
    expect(detectLegacy(legacy, '.VnArialH')).toEqual({ encoding: 'tcvn3', converted: unicode });
    // Without the font the case cannot be known; the letters still are.
    expect(detectLegacy(legacy)?.converted.toUpperCase()).toBe(unicode);
  });

  test('H-font text typed with capital ASCII around lower-case codes is upper-cased', () => {
    expect(detectLegacy('\xf1Y BAN NH\xa2N D\xa2N HUY\xd6N CAN L\xe9C')).toEqual({
      encoding: 'tcvn3',
      converted: 'ỦY BAN NHÂN DÂN HUYỆN CAN LỘC',
    });
  });

  test('soft hyphen is TCVN3 ư and survives to detection', () => {
    expect(decodeTcvn3('t\u00ad')).toBe('tư');
    expect(detectLegacy('Tr\u00ad\xeang h\xeep')).toEqual({ encoding: 'tcvn3', converted: 'Trường hợp' });
  });

  test('cp1252 punctuation (0x80–0x9F) passes through both decoders', () => {
    expect(detectLegacy('§éc lËp – Tù do – H¹nh phóc')).toEqual({ encoding: 'tcvn3', converted: 'Độc lập – Tự do – Hạnh phúc' });
    expect(detectLegacy('“Ñaït” hoaëc “Khoâng ñaït”…')).toEqual({ encoding: 'vni', converted: '“Đạt” hoặc “Không đạt”…' });
    expect(decodeTcvn3('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')).toBe('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
    expect(decodeVni('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')).toBe('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
  });

  test('multi-line cells and NFC output', () => {
    const r = detectLegacy('Lý do ch\u00ada hoµn thµnh:\nCh\u00ada bè trÝ ®\u00ad\u00eec kinh phÝ');
    expect(r).toEqual({ encoding: 'tcvn3', converted: 'Lý do chưa hoàn thành:\nChưa bố trí được kinh phí' });
    expect(r?.converted).toBe(r?.converted.normalize('NFC'));
    expect(decodeVni('Nguyeãn')).toHaveLength('Nguyễn'.normalize('NFC').length);
  });

  test('short cells', () => {
    expect(detectLegacy('§¹t')).toEqual({ encoding: 'tcvn3', converted: 'Đạt' });
    expect(detectLegacy('Kh«ng ®¹t')).toEqual({ encoding: 'tcvn3', converted: 'Không đạt' });
    expect(detectLegacy('Ñaït')).toEqual({ encoding: 'vni', converted: 'Đạt' });
    expect(detectLegacy('Khaù')).toEqual({ encoding: 'vni', converted: 'Khá' });
    expect(detectLegacy('Tèt')).toEqual({ encoding: 'tcvn3', converted: 'Tốt' });
  });
});

describe('detectLegacy', () => {
  const ORDINARY = [
    'Hà Tĩnh',
    'Cà phê',
    'Tôi',
    'Bé',
    'Đạt',
    '≥ 90%',
    '15°C',
    'Nguyễn Văn A',
    'Không',
    'Có',
    'Khá',
    'Chè',
    'Tò mò',
    'Ông bà',
    'Ô tô',
    'Á Âu',
    'Hoà / Hòa / Thuý / Thúy',
    'Ủy ban nhân dân tỉnh Hà Tĩnh',
    'Cải cách thủ tục hành chính',
    'Đã hoàn thành',
    'Hello world',
    'Report for Q3, 2024',
    '12.345,67',
    '98,5%',
    '2021-10-22',
    '3504/QĐ-UBND',
    'UBND',
    'Café',
    'Müller & Söhne GmbH',
    'naïve',
    'São Paulo',
    'Peña',
    'Zürich',
    'Société Générale',
    'Crème brûlée',
    '© 2024 Công ty',
    'Giá: 1.000 €',
    '1.000 ®',
    '® Cô Tô 2024',
    '«Tôi»',
    '5 µm',
    'Nº 5',
    '½ kg',
    'x² + y³ ± 5',
    'Ø 20mm',
    'Vietnam\u00adese',
    '',
  ];

  test.each(ORDINARY)('no false positive on %p', (text) => {
    expect(detectLegacy(text)).toBeNull();
  });

  test('ordinary text stays null even with a Unicode font named', () => {
    expect(detectLegacy('Cà phê', 'Times New Roman')).toBeNull();
    expect(detectLegacy('Hµ TÜnh', 'Times New Roman')).toEqual({ encoding: 'tcvn3', converted: 'Hà Tĩnh' });
  });

  test('text outside Latin-1/cp1252 is never legacy, whatever the font', () => {
    expect(detectLegacy('Hµ TÜnh – Hà Tĩnh')).toBeNull();
    expect(detectLegacy('Hµ TÜnh ≥', '.VnTime')).toBeNull();
  });

  test('a legacy font name decides the encoding', () => {
    // Ambiguous without a font: "Toát" and "Cã" are possible Unicode spellings.
    expect(detectLegacy('Toát')).toBeNull();
    expect(detectLegacy('Toát', 'VNI-Times')).toEqual({ encoding: 'vni', converted: 'Tốt' });
    expect(detectLegacy('Cã')).toBeNull();
    expect(detectLegacy('Cã', '.VnTime')).toEqual({ encoding: 'tcvn3', converted: 'Có' });
    // The font overrides what the content suggests.
    expect(detectLegacy('Haø', '.VnTime')).toEqual({ encoding: 'tcvn3', converted: decodeTcvn3('Haø') });
    expect(detectLegacy('Hµ TÜnh', 'VNI-Helve')).toBeNull();
    // H fonts show lower-case ASCII as capitals.
    expect(detectLegacy('ubnd tØnh', '.VnTimeH')).toEqual({ encoding: 'tcvn3', converted: 'UBND TỈNH' });
  });

  test('nothing to convert under a legacy font gives null', () => {
    expect(detectLegacy('UBND 2021', '.VnTime')).toBeNull();
    expect(detectLegacy('UBND 2021', 'VNI-Times')).toBeNull();
  });
});

describe('legacyFontEncoding', () => {
  test.each([
    ['.VnTime', { encoding: 'tcvn3', upper: false }],
    ['.VnTimeH', { encoding: 'tcvn3', upper: true }],
    ['.VnArial', { encoding: 'tcvn3', upper: false }],
    ['.VnArialH', { encoding: 'tcvn3', upper: true }],
    ['.VnArial NarrowH', { encoding: 'tcvn3', upper: true }],
    ['.VnBook-Antiqua', { encoding: 'tcvn3', upper: false }],
    [' .VnTimeH ', { encoding: 'tcvn3', upper: true }],
    ['VNI-Times', { encoding: 'vni', upper: false }],
    ['VNI-Helve', { encoding: 'vni', upper: false }],
    ['vni-helve-condense', { encoding: 'vni', upper: false }],
  ] as const)('%p', (name, expected) => {
    expect(legacyFontEncoding(name)).toEqual(expected);
  });

  test.each(['Times New Roman', 'Arial', 'Calibri', 'Vni', 'VNtime', 'Helvetica'])('%p is not legacy', (name) => {
    expect(legacyFontEncoding(name)).toBeNull();
  });
});

describe('decoders leave what they cannot read', () => {
  test('VNI mark glyphs without a vowel before them stay as they are', () => {
    expect(decodeVni('ø 5ù')).toBe('ø 5ù');
    expect(decodeVni('eê')).toBe('eê');
  });

  test('encoders keep characters outside Vietnamese', () => {
    expect(encodeTcvn3('Straße 15°C ≥ 90%')).toBe('Straße 15°C ≥ 90%');
    expect(encodeVni('Straße 15°C ≥ 90%')).toBe('Straße 15°C ≥ 90%');
  });
});
