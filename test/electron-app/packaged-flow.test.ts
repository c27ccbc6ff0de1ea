import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { _electron, type ElectronApplication } from 'playwright-core';
import { KeytarTokenStore, loadKeytar } from '../../main/engine/keychain/keytar-token-store';
import { startTestServer } from '../server/rocketchat-test-server';
import { findElectronTarget } from './electron-binary';

const ROOT = path.resolve(__dirname, '../..');
// The real Electron: the dev binary with this source tree, or (RC_TRAY_E2E_TARGET=packaged) the
// packaged test build from `npm run dist:e2e`, which differs from the installer's app only in the
// inspect fuse Playwright needs. Skipped, with the reason, where no Electron can run (as here).
const target = findElectronTarget(ROOT);

/** Records every tooltip the app sets from now on (the tray has no other window onto its state). */
async function watchTray(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Tray }) => {
    const tooltips: string[] = [];
    (globalThis as { rcTrayTooltips?: string[] }).rcTrayTooltips = tooltips;
    const original = Tray.prototype.setToolTip;
    Tray.prototype.setToolTip = function setToolTip(this: Electron.Tray, text: string) {
      tooltips.push(text);
      return original.call(this, text);
    };
  });
}

const tooltips = (app: ElectronApplication) => app.evaluate(() => (globalThis as { rcTrayTooltips?: string[] }).rcTrayTooltips ?? []);
const windowCount = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

test(`the ${target.ok ? target.kind : 'built'} app: login window, sign in, then a restart resumes with no window`, { skip: target.ok ? false : target.reason, timeout: 120_000 }, async (t) => {
  if (!target.ok) return;
  const server = await startTestServer();
  const configFolder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-e2e-'));
  const keychainService = `rc-tray-e2e-${randomBytes(6).toString('hex')}`;
  const tokens = new KeytarTokenStore(loadKeytar, keychainService);
  const env = { ...process.env, RC_TRAY_CONFIG_DIR: configFolder, RC_TRAY_KEYCHAIN_SERVICE: keychainService, XDG_CONFIG_HOME: configFolder } as Record<string, string>;
  const launched: ElectronApplication[] = [];
  t.after(async () => {
    await Promise.all(launched.map((app) => app.close().catch(() => undefined)));
    await tokens.delete(server.url).catch(() => false);
    await server.close();
    await rm(configFolder, { recursive: true, force: true });
  });
  const launch = async () => {
    const app = await _electron.launch({ executablePath: target.executable, args: target.args, env, cwd: ROOT });
    launched.push(app);
    return app;
  };

  const first = await launch();
  await watchTray(first);
  const page = await first.firstWindow();
  // With an executablePath Playwright injects no loader, so the first window may exist before its
  // app:// page has committed (playwright PR #21577): wait for the page and its bridge.
  await page.waitForLoadState('domcontentloaded');
  await page.waitForFunction(() => typeof (window as unknown as { rcTray?: unknown }).rcTray === 'object');
  assert.equal(page.url(), 'app://rc-tray/login.html');
  const bridge = await page.evaluate(() => ({
    api: Object.keys((window as unknown as { rcTray: object }).rcTray).sort(),
    node: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  assert.deepEqual(bridge, { api: ['cancel', 'checkServer', 'getState', 'login', 'onStateChange', 'resendCode', 'submitCode'], node: 'undefined', process: 'undefined' });

  // The answer reaches the page before the window closes by itself (it shows "Signed in" first).
  const closed = page.waitForEvent('close', { timeout: 10_000 });
  const state = await page.evaluate(
    (server) => (window as unknown as { rcTray: { login(r: object): Promise<{ session: { kind: string } | null }> } }).rcTray.login({ server, user: 'alice', password: 'alice-password' }),
    server.url,
  );
  assert.equal(state.session?.kind, 'signed-in');
  await closed;
  assert.equal(await windowCount(first), 0, 'no window kept after sign-in');
  assert.ok((await tooltips(first)).some((tooltip) => tooltip.includes('@alice')), 'the tray names the user');
  assert.ok(await tokens.get(server.url), 'the session is in the keychain');
  await first.close();

  server.resetRequests();
  const second = await launch();
  const deadline = Date.now() + 15_000;
  while (!server.requests().some((request) => request.path === '/api/v1/me') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(server.requests().some((request) => request.path === '/api/v1/me'), 'the saved session was resumed (GET /api/v1/me)');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.equal(await windowCount(second), 0, 'a resumed rc-tray is a tray icon and nothing else');
});
