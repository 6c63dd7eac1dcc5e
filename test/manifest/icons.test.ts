/**
 * The committed icons are exactly what scripts/make-icons.js draws (pixel for pixel, whatever zlib
 * version compressed them), and the encoder writes PNGs that a separate reader decodes back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRgbaPng } from './png';

interface Icons {
  ICONS: Array<{ kind: string; size: number }>;
  render(kind: string, size: number): Buffer;
  encodePng(width: number, height: number, rgba: Buffer): Buffer;
  fileName(icon: { kind: string; size: number }): string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const icons = require(path.join(ROOT, 'scripts', 'make-icons.js')) as Icons;

describe('icons', () => {
  it('covers the sizes Office asks for', () => {
    const names = icons.ICONS.map(icons.fileName);
    for (const size of [16, 32, 64, 80, 128]) expect(names).toContain(`icon-${size}.png`);
  });

  it.each(icons.ICONS.map((i) => [icons.fileName(i), i] as const))('assets/%s matches the drawing', (name, icon) => {
    const png = decodeRgbaPng(fs.readFileSync(path.join(ROOT, 'assets', name)));
    expect([png.width, png.height]).toEqual([icon.size, icon.size]);
    // Buffer equality first: a mismatch should not print thousands of bytes.
    expect(png.rgba.equals(icons.render(icon.kind, icon.size))).toBe(true);
  });

  it('draws something opaque and something transparent', () => {
    const rgba = icons.render('icon', 32);
    const alphas = new Set(Array.from({ length: 32 * 32 }, (_, i) => rgba[i * 4 + 3]));
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it('encodes what it is given', () => {
    const rgba = Buffer.from(Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256));
    const back = decodeRgbaPng(icons.encodePng(3, 2, rgba));
    expect([back.width, back.height]).toEqual([3, 2]);
    expect(back.rgba).toEqual(rgba);
    expect(() => icons.encodePng(3, 3, rgba)).toThrow(/expected 36 bytes/);
  });
});
