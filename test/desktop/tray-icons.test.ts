import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { test } from 'node:test';
import { trayIconFile } from '../../main/desktop/tray-icons';
import { TRAY_LOOKS } from '../../main/desktop/tray-view';
import { trayIconFiles } from '../../scripts/make-tray-icons';

const ASSETS = path.resolve(__dirname, '../../main/electron-main/assets');

function pngSize(file: string): number {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG', file);
  const width = bytes.readUInt32BE(16);
  assert.equal(bytes.readUInt32BE(20), width, `${file} is square`);
  return width;
}

test('each platform gets its own icon file per look', () => {
  assert.equal(trayIconFile('busy', 'darwin'), 'tray/busyTemplate.png');
  assert.equal(trayIconFile('busy', 'win32'), 'tray/busy.png');
  assert.equal(trayIconFile('busy', 'linux'), 'tray/busy-32.png');
  assert.equal(trayIconFile('signed-out', 'freebsd'), 'tray/signed-out-32.png');
});

test('every icon the app can ask for exists at 1x and @2x with the right pixel size', () => {
  const expected: Record<string, number> = { darwin: 16, win32: 16, linux: 32 };
  for (const look of TRAY_LOOKS) {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const file = path.join(ASSETS, trayIconFile(look, platform));
      const hiDpi = file.replace(/\.png$/, '@2x.png');
      assert.ok(existsSync(file) && existsSync(hiDpi), file);
      assert.equal(pngSize(file), expected[platform]);
      assert.equal(pngSize(hiDpi), expected[platform]! * 2);
    }
  }
});

test('the committed icons are exactly what scripts/make-tray-icons.ts draws', () => {
  const drawn = trayIconFiles();
  assert.equal(drawn.size, TRAY_LOOKS.length * 6);
  for (const [name, png] of drawn) assert.ok(png.equals(readFileSync(path.join(ASSETS, 'tray', name))), `${name} is stale: rerun the script`);
});

/** RGBA pixels of a PNG written by the icon script (8-bit RGBA, filter 0 on every row). */
function pixels(png: Buffer): Buffer {
  const width = png.readUInt32BE(16);
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') data.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const stride = width * 4 + 1;
  return Buffer.concat(Array.from({ length: width }, (_, y) => rows.subarray(y * stride + 1, (y + 1) * stride)));
}

test('template icons are black plus alpha only, as macOS requires; colour icons are not', () => {
  for (const [name, png] of trayIconFiles()) {
    const rgba = pixels(png);
    let coloured = 0;
    let opaque = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3]! > 0) opaque += 1;
      if (rgba[i + 3]! > 0 && rgba[i]! + rgba[i + 1]! + rgba[i + 2]! > 0) coloured += 1;
    }
    assert.ok(opaque > 0, `${name} is not empty`);
    if (name.includes('Template')) assert.equal(coloured, 0, name);
    else assert.ok(coloured > 0, name);
  }
});
