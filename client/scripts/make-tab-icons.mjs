// Generates the tab bar icons (src/assets/tabbar/*.png): WeChat's tab bar takes only
// PNG/JPG files, and nothing may be fetched, so they are drawn here from simple shapes.
// Run: node client/scripts/make-tab-icons.mjs (the PNGs are committed; rerun after edits).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 81; // WeChat recommends 81×81 px
const SS = 4; // supersampling per axis, for smooth edges
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tabbar');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** Encodes an RGBA image whose coverage at (x, y) is given by `inside(x, y)` in [0, SIZE). */
function png(inside, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (inside(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
      const o = 1 + x * 4;
      row[o] = r;
      row[o + 1] = g;
      row[o + 2] = b;
      row[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dist = (x, y, cx, cy) => Math.hypot(x - cx, y - cy);
/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
const segDist = (x, y, ax, ay, bx, by) => {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};

// 找社工站: a magnifying glass.
const search = (x, y) => Math.abs(dist(x, y, 34, 34) - 20) <= 4 || segDist(x, y, 49, 49, 68, 68) <= 5.5;
// 我的: a person (head and shoulders).
const person = (x, y) =>
  dist(x, y, 40.5, 25) <= 14 || (y <= 72 && y >= 44 && ((x - 40.5) / 29) ** 2 + ((y - 74) / 30) ** 2 <= 1);

const GREY = [0x44, 0x44, 0x44];
const BLUE = [0x0b, 0x57, 0xa4];
fs.mkdirSync(OUT, { recursive: true });
for (const [name, shape] of [
  ['find', search],
  ['mine', person],
]) {
  fs.writeFileSync(path.join(OUT, `${name}.png`), png(shape, GREY));
  fs.writeFileSync(path.join(OUT, `${name}-active.png`), png(shape, BLUE));
}
console.log(`tab bar icons written to ${OUT}`);
