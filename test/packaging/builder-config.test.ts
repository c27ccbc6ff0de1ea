// What electron-builder.yml promises for the targets that cannot be built here (macOS, Windows).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './stub-electron';

interface BuilderConfig {
  electronFuses: Record<string, boolean>;
  deb?: { depends?: string[]; recommends?: string[] };
  mac: { extendInfo?: Record<string, unknown>; identity?: string | null };
  linux: { target: string[] };
}

async function config(): Promise<BuilderConfig> {
  const yaml = (await import(path.join(ROOT, 'node_modules/js-yaml/index.js'))) as { load(text: string): unknown; default?: { load(text: string): unknown } };
  const load = yaml.load ?? yaml.default!.load;
  return load(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

test('macOS: an arm64 build made without a Developer ID still launches after the fuses are flipped', async () => {
  const { electronFuses, mac } = await config();
  // @electron/fuses README ("Apple Silicon"): needed "if you are not immediately codesigning your app after flipping the fuses".
  assert.equal(electronFuses.resetAdHocDarwinSignature, true);
  assert.equal(mac.extendInfo?.LSUIElement, true, 'a menu-bar app: no Dock icon');
});

test('the fuses: no RunAsNode, NODE_OPTIONS, --inspect or file:// privileges; cookie encryption and asar integrity on', async () => {
  const { electronFuses } = await config();
  assert.deepEqual(
    { ...electronFuses, resetAdHocDarwinSignature: undefined },
    {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: undefined,
    },
  );
});

test("the deb keeps electron-builder's default dependencies (no depends override)", async () => {
  const { deb } = await config();
  assert.equal(deb?.depends, undefined);
});
