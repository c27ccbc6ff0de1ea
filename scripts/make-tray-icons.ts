// Draws rc-tray's tray icons with plain geometry (supersampled for antialiasing) and writes them
// as PNGs, so the icons are reproducible from this file alone:
//   node --import tsx scripts/make-tray-icons.ts
// Each state differs by shape, not colour alone: a chat bubble plus a badge or a mark.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { TRAY_LOOKS, type TrayLook } from '../main/desktop/tray-view';

type Rgb = readonly [number, number, number];
type Shape = (x: number, y: number) => boolean;
type Layer = { paint: Rgb; shape: Shape } | { clear: Shape };

const BUBBLE: Rgb = [29, 116, 245];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const BADGE_COLOURS = { online: [45, 184, 110], away: [240, 160, 20], busy: [230, 50, 70], invisible: [120, 126, 136] } as const satisfies Record<string, Rgb>;

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

/** A band of the given width along the line from (x0,y0) to (x1,y1). */
function segment(x0: number, y0: number, x1: number, y1: number, width: number): Shape {
  const length = Math.hypot(x1 - x0, y1 - y0);
  return (x, y) => {
    const t = ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / (length * length);
    if (t < 0 || t > 1) return false;
    return Math.abs((x - x0) * (y1 - y0) - (y - y0) * (x1 - x0)) / length <= width / 2;
  };
}

const bubble = union(roundedRect(0.04, 0.08, 0.96, 0.72, 0.17), triangle([0.2, 0.66], [0.44, 0.66], [0.12, 0.94]));
const bubbleInside = union(roundedRect(0.145, 0.185, 0.855, 0.615, 0.08), triangle([0.28, 0.6], [0.4, 0.6], [0.22, 0.76]));
const BADGE = { x: 0.74, y: 0.74, r: 0.25, gap: 0.34 };
const badgeDisc = circle(BADGE.x, BADGE.y, BADGE.r);

/** What each look is made of; `cut` is white on colour icons and transparent on templates. */
function layers(look: TrayLook, template: boolean): Layer[] {
  const ink = (colour: Rgb): Rgb => (template ? BLACK : colour);
  const cut = (shape: Shape): Layer => (template ? { clear: shape } : { paint: WHITE, shape });
  const withBadge = (badge: Layer[]): Layer[] => [{ paint: ink(BUBBLE), shape: bubble }, { clear: circle(BADGE.x, BADGE.y, BADGE.gap) }, ...badge];
  switch (look) {
    case 'online':
      return withBadge([{ paint: ink(BADGE_COLOURS.online), shape: badgeDisc }]);
    case 'away':
      // A crescent moon.
      return withBadge([{ paint: ink(BADGE_COLOURS.away), shape: minus(badgeDisc, circle(BADGE.x + 0.12, BADGE.y - 0.11, 0.19)) }]);
    case 'busy':
      // A disc with a bar across it, as on a "do not disturb" sign.
      return withBadge([{ paint: ink(BADGE_COLOURS.busy), shape: badgeDisc }, cut(rect(BADGE.x - 0.16, BADGE.y - 0.05, BADGE.x + 0.16, BADGE.y + 0.05))]);
    case 'invisible':
      return withBadge([{ paint: ink(BADGE_COLOURS.invisible), shape: minus(badgeDisc, circle(BADGE.x, BADGE.y, 0.14)) }]);
    case 'connecting':
      // An ellipsis in the bubble: something is on its way.
      return [{ paint: ink(BUBBLE), shape: bubble }, cut(union(circle(0.28, 0.4, 0.075), circle(0.5, 0.4, 0.075), circle(0.72, 0.4, 0.075)))];
    case 'unreachable':
      // The bubble struck through.
      return [
        { paint: ink(BUBBLE), shape: bubble },
        { clear: segment(0.06, 0.06, 0.94, 0.94, 0.24) },
        { paint: ink(BADGE_COLOURS.busy), shape: segment(0.06, 0.06, 0.94, 0.94, 0.1) },
      ];
    case 'signed-out':
      // Only the outline: nobody is in it.
      return [{ paint: ink(BUBBLE), shape: minus(bubble, bubbleInside) }];
  }
}

const SUBSAMPLES = 8;

/** Renders layers into straight-alpha RGBA, averaging an 8×8 grid of samples per pixel. */
export function render(stack: Layer[], size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          let colour: Rgb | null = null;
          for (const layer of stack) {
            if ('clear' in layer) {
              if (layer.clear(x, y)) colour = null;
            } else if (layer.shape(x, y)) colour = layer.paint;
          }
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
        pixels[offset + 3] = Math.round((a / (SUBSAMPLES * SUBSAMPLES)) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A minimal PNG: 8-bit RGBA, no filtering, one IDAT. */
export function encodePng(rgba: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Every icon file: 16 px (+@2x) for Windows, 32 px (+@2x) for Linux, 16 px templates (+@2x) for macOS. */
export function trayIconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const look of TRAY_LOOKS) {
    const colour = layers(look, false);
    const template = layers(look, true);
    files.set(`${look}.png`, encodePng(render(colour, 16), 16));
    files.set(`${look}@2x.png`, encodePng(render(colour, 32), 32));
    files.set(`${look}-32.png`, encodePng(render(colour, 32), 32));
    files.set(`${look}-32@2x.png`, encodePng(render(colour, 64), 64));
    files.set(`${look}Template.png`, encodePng(render(template, 16), 16));
    files.set(`${look}Template@2x.png`, encodePng(render(template, 32), 32));
  }
  return files;
}

/** The app's own icon (desktop entry, installers): the online bubble, large. */
export function appIcon(): Buffer {
  return encodePng(render(layers('online', false), 512), 512);
}

if (require.main === module) {
  const folder = path.join(__dirname, '..', 'main', 'electron-main', 'assets');
  mkdirSync(path.join(folder, 'tray'), { recursive: true });
  for (const [name, png] of trayIconFiles()) writeFileSync(path.join(folder, 'tray', name), png);
  writeFileSync(path.join(folder, 'app-icon.png'), appIcon());
  console.log(`wrote ${trayIconFiles().size} tray icons and app-icon.png to ${folder}`);
}
