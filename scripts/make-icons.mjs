#!/usr/bin/env node
// Writes the add-in icons (assets/icon-16/32/64/80.png) with nothing but Node: the PNG is
// assembled by hand (signature, IHDR, zlib-deflated IDAT, IEND, each chunk with its CRC-32)
// so the icons are reproducible byte for byte and need no image library.
// Motif: a rounded square cut by a diagonal "slice" into two colours, with a thin white gap.
// Usage: node scripts/make-icons.mjs [outDir]   (default: assets/)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 64, 80];
const DEEP = [0x10, 0x5e, 0x3b]; // Excel-like green: the "Enterprise" half
const LIGHT = [0x4c, 0xb0, 0x7a]; // lighter green: the "Mid-Market" half
const GAP = [0xff, 0xff, 0xff];

/** CRC-32 (ISO-HDLC, as PNG requires) over the given bytes. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** RGBA pixel of the icon at (x, y) for a size×size canvas. */
function pixel(x, y, size) {
  const radius = Math.max(2, Math.round(size / 6));
  // Transparent outside the rounded corners.
  const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
  const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
  if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius * radius) return [0, 0, 0, 0];
  // The slice: a diagonal line from bottom-left to top-right, slightly off-centre.
  const d = (x + 0.5) + (y + 0.5) - size * 1.05;
  const gapHalf = Math.max(0.6, size / 32);
  if (Math.abs(d) <= gapHalf) return [...GAP, 255];
  return d < 0 ? [...DEEP, 255] : [...LIGHT, 255];
}

/** A complete PNG file (8-bit RGBA, no interlace) for one icon size. */
export function makeIconPng(size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4 + 1;
  const raw = Buffer.alloc(stride * size);
  // Each scanline: filter byte 0 (None), then RGBA pixels.
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y, size);
      const o = y * stride + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = resolve(process.argv[2] ?? join(root, 'assets'));
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    const png = makeIconPng(size);
    writeFileSync(file, png);
    console.log(`${file} (${png.length} bytes)`);
  }
}
