// Draws the PWA's PNG icons from web/src/app/icon.svg (the one brand mark), into web/public/icons/. The outputs are
// committed, with app/apple-icon.png; run this again after changing the SVG:   node --import tsx scripts/pwa/icons.ts
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "../..");
const svg = readFileSync(path.join(root, "web/src/app/icon.svg"));
const out = path.join(root, "web/public/icons");
// ember-50, the signed-out pages' background: maskable and Apple icons must be opaque squares.
const background = "#fff7ed";

/** The mark alone on transparency, edge to edge ("any" purpose). */
async function plain(size: number, file: string) {
  await sharp(svg, { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(out, file));
}

/** The mark inside the safe zone (a centred circle of 80% of the width) on an opaque square. */
async function padded(size: number, markShare: number, file: string) {
  const mark = Math.round(size * markShare);
  const inner = await sharp(svg, { density: (72 * mark) / 64 })
    .resize(mark, mark)
    .png()
    .toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background } })
    .composite([{ input: inner, gravity: "centre" }])
    .png({ compressionLevel: 9 })
    .toFile(path.join(out, file));
}

mkdirSync(out, { recursive: true });
await plain(192, "icon-192.png");
await plain(512, "icon-512.png");
await padded(192, 0.6, "maskable-192.png");
await padded(512, 0.6, "maskable-512.png");
// Next serves app/apple-icon.png as the apple-touch-icon link.
await padded(180, 0.75, "../../src/app/apple-icon.png");
console.log(`icons written to ${path.relative(root, out)}`);
