// Issue 8 §4: N CLI processes (login, status, set-status, logout) at once against the stand-in,
// repeated. Afterwards: every server signed in last is still reachable (in settings, with a
// working token in the keychain), no token is valid on a server that rc-tray no longer knows,
// and the settings file is intact. The figures go to test-results/ for the README.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { KeytarTokenStore, loadKeytar } from '../../main/engine/keychain/keytar-token-store';
import { isCanonicalServerAddress } from '../../main/common/server-address';
import { record } from '../fuzz/fuzz-config';
import { runCli, type CliResult } from '../support/cli-runner';
import { startTestServer, type TestServer } from '../server/rocketchat-test-server';

const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 4);
const SERVERS = 4;
const STACK = /\n\s+at |Something unexpected went wrong/;

test(`concurrency: ${ROUNDS} rounds of logins, status, set-status and a racing logout, all at once`, async (t) => {
  const servers: TestServer[] = await Promise.all(Array.from({ length: SERVERS }, () => startTestServer({ rateLimit: false })));
  const configFolder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-concurrency-'));
  const service = `rc-tray-concurrency-${randomBytes(6).toString('hex')}`;
  const env = { ...process.env, RC_TRAY_CONFIG_DIR: configFolder, RC_TRAY_KEYCHAIN_SERVICE: service };
  const tokens = new KeytarTokenStore(loadKeytar, service);
  t.after(async () => {
    await Promise.all(servers.map((server) => tokens.delete(server.url).catch(() => false)));
    await Promise.all(servers.map((server) => server.close()));
    await rm(configFolder, { recursive: true, force: true });
  });

  const figures = { processes: 0, crashes: 0, tokensLost: 0, lostSettingsUpdates: 0, orphanTokens: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    const racing = round % SERVERS;
    const login = (server: TestServer) => runCli(['login', '--server', server.url, '--user', 'alice', '--password-stdin', '--json'], { env, input: 'alice-password\n', timeoutMs: 60_000 });
    const runs: Array<Promise<CliResult>> = [
      ...servers.map(login),
      runCli(['logout', '--server', servers[racing]!.url, '--json'], { env, timeoutMs: 60_000 }),
      runCli(['status', '--json'], { env, timeoutMs: 60_000 }),
      runCli(['status', '--server', servers[(racing + 1) % SERVERS]!.url, '--json'], { env, timeoutMs: 60_000 }),
      runCli(['set-status', 'busy', '--server', servers[(racing + 2) % SERVERS]!.url, '--json'], { env, timeoutMs: 60_000 }),
    ];
    const results = await Promise.all(runs);
    figures.processes += results.length;
    for (const result of results) {
      if (result.code === null || result.code === 1 || STACK.test(result.stdout + result.stderr)) figures.crashes += 1;
    }
    assert.equal(figures.crashes, 0, `round ${round}: ${results.map((r) => `${r.code} ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`).join(' | ')}`);

    const settings = JSON.parse(await readFile(path.join(configFolder, 'settings.json'), 'utf8')) as { version: number; servers: Array<{ url: string }>; activeServer?: string };
    assert.equal(settings.version, 1, 'settings intact');
    for (const saved of settings.servers) assert.ok(isCanonicalServerAddress(saved.url));
    const listed = new Set(settings.servers.map((saved) => saved.url));

    for (const [index, server] of servers.entries()) {
      const loggedIn = (results[index]!.json() as { state?: string }).state === 'signed-in';
      const stored = await tokens.get(server.url);
      if (stored && !listed.has(server.url)) figures.lostSettingsUpdates += 1;
      if (index === racing) continue;
      // Signed in last and never signed out: reachable.
      if (loggedIn && !listed.has(server.url)) figures.lostSettingsUpdates += 1;
      if (loggedIn && !stored) figures.tokensLost += 1;
    }
    const leftovers = (await readdir(configFolder)).filter((name) => name.endsWith('.tmp') || name.includes('.lock'));
    assert.deepEqual(leftovers, [], 'no temporary or lock file left');
  }
  // Afterwards no token may stay valid on a server beyond the one rc-tray holds (none after a logout).
  for (const server of servers) {
    const stored = await tokens.get(server.url);
    figures.orphanTokens += Math.max(0, server.tokenCount('alice') - (stored ? 1 : 0));
  }
  // Each stored token still works: a plain status on every server signs in with one request.
  for (const server of servers) {
    if (!(await tokens.get(server.url))) continue;
    const status = await runCli(['status', '--server', server.url, '--json'], { env });
    assert.equal(status.json().state, 'signed-in', server.url);
  }
  record('concurrency (CLI processes)', figures.processes, figures.crashes, { rounds: ROUNDS, tokensLost: figures.tokensLost, lostSettingsUpdates: figures.lostSettingsUpdates, orphanTokens: figures.orphanTokens });
  assert.deepEqual({ tokensLost: figures.tokensLost, lostSettingsUpdates: figures.lostSettingsUpdates, orphanTokens: figures.orphanTokens }, { tokensLost: 0, lostSettingsUpdates: 0, orphanTokens: 0 });
});
