import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function imports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  return found;
}

// The layering rule: only main/electron-main and preload may touch Electron; the engine, the CLI
// and the desktop decisions run in plain Node; common code runs anywhere (even the renderer).
test('nothing outside main/electron-main and preload imports electron', async () => {
  const offenders: string[] = [];
  for (const folder of ['main/common', 'main/engine', 'main/cli', 'main/desktop', 'renderer']) {
    for (const file of await sources(folder).catch(() => [])) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      if (imports(text).some((name) => name === 'electron' || name.startsWith('electron/'))) offenders.push(file);
    }
  }
  assert.deepEqual(offenders, []);
});

test('main/common uses no Node built-ins and no engine code, so any layer can import it', async () => {
  const offenders: string[] = [];
  for (const file of await sources('main/common')) {
    const text = await readFile(path.join(ROOT, file), 'utf8');
    if (imports(text).some((name) => name.startsWith('node:') || name.includes('/engine/') || name === 'axios' || name === 'keytar')) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});

test('the renderer reaches the app only through main/common types', async () => {
  const offenders: string[] = [];
  for (const file of await sources('renderer').catch(() => [])) {
    const text = await readFile(path.join(ROOT, file), 'utf8');
    for (const name of imports(text)) {
      if (name.startsWith('.') && /\.\.\/(main\/(?!common)|preload)/.test(name)) offenders.push(`${file} → ${name}`);
      if (!name.startsWith('.')) offenders.push(`${file} → ${name}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the detector itself sees an electron import', () => {
  assert.deepEqual(imports("import { app } from 'electron';\nconst x = require('electron');"), ['electron', 'electron']);
});
