#!/usr/bin/env node
'use strict';
/**
 * Draws Phuluc's icons — a sheet with a green check — and writes them as PNG files with nothing but
 * node:zlib, so `npm run icons` needs no image library. The drawing is a function of the size only:
 * test/manifest/icons.test.ts renders it again and compares the pixels with the committed files.
 *
 *   assets/icon-{16,32,64,80,128}.png   the add-in's mark (manifest IconUrl, ribbon group, "Mở Phuluc")
 *   assets/check-{16,32,80}.png         the "Kiểm tra" button: a check in a green disc
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ICONS = [...[16, 32, 64, 80, 128].map((size) => ({ kind: 'icon', size })), ...[16, 32, 80].map((size) => ({ kind: 'check', size }))];

const GREEN = [16, 124, 65]; // Excel's green, so the mark reads as "belongs to the spreadsheet"
const DARK = [11, 90, 47];
const WHITE = [255, 255, 255];
const GRID = [176, 194, 183];

// Eight by eight samples per pixel: enough anti-aliasing for 16 px, still instant at 128 px.
const SUPERSAMPLE = 8;

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function disc(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function rect(x0, y0, x1, y1) {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function and(a, b) {
  return (x, y) => a(x, y) && b(x, y);
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A polyline stroked with round joins and caps. */
function stroke(points, width) {
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      if (distanceToSegment(x, y, points[i - 1], points[i]) <= width / 2) return true;
    }
    return false;
  };
}

/** Layers painted bottom to top, in a unit square. */
function layers(kind) {
  if (kind === 'check') {
    return [
      [disc(0.5, 0.5, 0.47), GREEN],
      [
        stroke(
          [
            [0.27, 0.52],
            [0.43, 0.68],
            [0.74, 0.35],
          ],
          0.13,
        ),
        WHITE,
      ],
    ];
  }
  const inner = roundedRect(0.12, 0.08, 0.76, 0.88, 0.05);
  return [
    [roundedRect(0.08, 0.04, 0.8, 0.92, 0.08), DARK],
    [inner, WHITE],
    [and(inner, rect(0, 0, 1, 0.27)), GREEN],
    [and(inner, rect(0, 0.43, 1, 0.47)), GRID],
    [and(inner, rect(0, 0.59, 1, 0.63)), GRID],
    [and(inner, rect(0, 0.75, 1, 0.79)), GRID],
    [and(inner, rect(0.32, 0.27, 0.36, 1)), GRID],
    [disc(0.68, 0.7, 0.31), WHITE],
    [disc(0.68, 0.7, 0.255), GREEN],
    [
      stroke(
        [
          [0.555, 0.705],
          [0.645, 0.795],
          [0.805, 0.6],
        ],
        0.08,
      ),
      WHITE,
    ],
  ];
}

/** RGBA pixels, row by row, straight (not premultiplied) alpha. */
function render(kind, size) {
  const paint = layers(kind);
  const out = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          // Every layer is opaque, so the top-most hit is the sample's colour.
          for (let i = paint.length - 1; i >= 0; i--) {
            if (paint[i][0](x, y)) {
              const c = paint[i][1];
              r += c[0];
              g += c[1];
              b += c[2];
              a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / samples);
      }
    }
  }
  return out;
}

// zlib.crc32 (Node ≥ 20.15) is the CRC-32 that PNG chunks use.
const crc32 = (bytes) => zlib.crc32(bytes) >>> 0;

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, no interlace, filter type 0 on every row. */
function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function fileName({ kind, size }) {
  return `${kind}-${size}.png`;
}

function writeIcons(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return ICONS.map((icon) => {
    const file = path.join(dir, fileName(icon));
    fs.writeFileSync(file, encodePng(icon.size, icon.size, render(icon.kind, icon.size)));
    return file;
  });
}

module.exports = { ICONS, render, encodePng, fileName, writeIcons };

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'assets');
  for (const file of writeIcons(dir)) console.log(path.relative(process.cwd(), file));
}
