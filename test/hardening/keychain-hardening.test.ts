import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEngine } from '../../main/engine/create-engine';
import type { Credentials } from '../../main/engine/http/rocketchat-api';
import { KeytarTokenStore, loadKeytar, type KeytarApi } from '../../main/engine/keychain/keytar-token-store';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import { startTrap } from './support/trap-server';

test('F-01: a NUL in a saved address never reads the real server\'s token nor sends it to the host after the @', async (t) => {
  const fixture = await engineFixture(t);
  const signedIn = await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(signedIn.kind, 'signed-in');
  const trap = await startTrap();
  t.after(() => trap.close());
  const planted = `${fixture.server.url}\u0000@${trap.host}:${trap.port}`;
  const settingsFile = path.join(fixture.configFolder, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ version: 1, servers: [{ url: fixture.server.url, lastUsername: 'alice' }, { url: planted }], activeServer: planted }));

  const status = await runCli(['status', '--json'], { env: fixture.env });
  const resumed = fixture.restart({ live: false });
  await resumed.resumeAll();
  assert.deepEqual(trap.hits, [], 'nothing reached the other host');
  assert.match(status.stderr, /settings file held 1 server address rc-tray would not accept/);
  assert.doesNotMatch(status.stdout + status.stderr, /\bat (?:file|node):|\n\s+at /, 'no stack trace');
  // The real server's token is still there and still used for the real server.
  assert.ok(await fixture.tokens.get(fixture.server.url));
  assert.deepEqual(await resumed.savedServers(), [fixture.server.url]);
});

test('F-01: the keychain is never asked about an account name that is not a normalised address', async () => {
  const asked: string[] = [];
  const fake: KeytarApi = {
    getPassword: async (_service, account) => (asked.push(account), null),
    setPassword: async (_service, account) => void asked.push(account),
    deletePassword: async (_service, account) => (asked.push(account), false),
  };
  const engine = createEngine({ env: { RC_TRAY_CONFIG_DIR: '/nonexistent-rc-tray-test' }, tokens: new KeytarTokenStore(() => fake, 'svc') });
  for (const bad of ['http://127.0.0.1:3917\u0000@127.0.0.2:4101', 'https://a.example/\u001b[2J', 'https://a.example/', ' https://a.example', 'http://evil.example']) {
    const state = await engine.session(bad).resume();
    assert.equal(state.kind, 'signed-out', JSON.stringify(bad));
  }
  assert.deepEqual(asked, []);
  engine.dispose();
});

test('F-16: keychain calls within one process run one at a time', async () => {
  let inFlight = 0;
  let most = 0;
  const items = new Map<string, string>();
  const slow = async <T>(value: () => T): Promise<T> => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    return value();
  };
  const fake: KeytarApi = {
    getPassword: (_s, account) => slow(() => items.get(account) ?? null),
    setPassword: (_s, account, password) => slow(() => void items.set(account, password)),
    deletePassword: (_s, account) => slow(() => items.delete(account)),
  };
  const folder = `/tmp/rc-tray-f16-${process.pid}-${Date.now()}`;
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'settings.json'), JSON.stringify({ version: 1, servers: Array.from({ length: 6 }, (_, i) => ({ url: `https://s${i}.example` })) }));
  const engine = createEngine({ configFolder: folder, tokens: new KeytarTokenStore(() => fake, 'svc') });
  await engine.resumeAll();
  assert.equal(most, 1, `at most one keychain call at a time (saw ${most})`);
  engine.dispose();
});

test('F-16: many concurrent keychain calls against the real Secret Service all succeed', async (t) => {
  const fixture = await engineFixture(t);
  const store = new KeytarTokenStore(loadKeytar, fixture.keychainService);
  const engine = createEngine({ env: fixture.env, tokens: store });
  const servers = Array.from({ length: 8 }, (_, i) => `http://127.0.0.1:${40000 + i}`);
  const credentials = (i: number): Credentials => ({ userId: `u${i}`, authToken: `token-${i}-${'x'.repeat(30)}` });
  const errors: unknown[] = [];
  await Promise.all(servers.map((server, i) => engine.session(server).resume().catch((error: unknown) => errors.push(error))));
  const tokens = (engine as unknown as { deps: { tokens: KeytarTokenStore } }).deps.tokens;
  await Promise.all(servers.flatMap((server, i) => [tokens.set(server, credentials(i)), tokens.get(server), tokens.delete(server), tokens.set(server, credentials(i))].map((call) => call.catch((error: unknown) => errors.push(error)))));
  assert.deepEqual(errors, []);
  for (const [i, server] of servers.entries()) assert.deepEqual(await store.get(server), credentials(i));
  await Promise.all(servers.map((server) => store.delete(server)));
  engine.dispose();
});

test('F-07: a logout racing a login to the same server never deletes the token the login just stored', async (t) => {
  const fixture = await engineFixture(t);
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  const first = await fixture.tokens.get(fixture.server.url);
  // The server takes its time to revoke, as in the audit's e1c.sh (its /logout took 2 s).
  fixture.server.addFault({ path: '/api/v1/logout', delayMs: 1500, times: 1 });
  const logout = fixture.engine.session(fixture.server.url).logout();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const other = fixture.restart();
  const login = await other.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  await logout;
  assert.equal(login.kind, 'signed-in');
  const stored = await fixture.tokens.get(fixture.server.url);
  assert.ok(stored, 'the token the login stored is still there');
  assert.notEqual(stored.authToken, first?.authToken);
  assert.equal(fixture.server.tokenCount('alice'), 1, 'only the stored token is valid on the server');
  assert.equal((await fixture.restart().session(fixture.server.url).resume()).kind, 'signed-in');
});
