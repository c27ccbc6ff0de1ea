import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startTestServer } from '../server/rocketchat-test-server';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { secretToolItems } from '../support/secret-tool';

async function twoServers(t: TestContext) {
  const fixture = await engineFixture(t, { server: { rateLimit: false } });
  const second = await startTestServer({ rateLimit: false });
  t.after(async () => {
    await fixture.tokens.delete(second.url).catch(() => false);
    await second.close();
  });
  const { env } = fixture;
  const login = (url: string, user: string) =>
    runCli(['login', '--server', url, '--user', user, '--password-stdin'], { env, input: `${user}-password\n` });
  return { ...fixture, second, login };
}

test('status with no --server reports every saved server, one line each; exit 0 only when all are signed in', async (t) => {
  const { server, second, env, login } = await twoServers(t);
  assert.equal((await login(server.url, 'alice')).code, 0);
  assert.equal((await login(second.url, 'dave')).code, 0);

  const both = await runCli(['status'], { env });
  assert.equal(both.code, 0, both.stderr);
  const lines = both.stdout.trim().split('\n');
  assert.equal(lines.filter((line) => /Signed in to/.test(line)).length, 2, both.stdout);
  assert.match(both.stdout, /^ {2}Signed in to http:\/\/127\.0\.0\.1:\d+ as Alice Example/m);
  assert.match(both.stdout, /^\* Signed in to http:\/\/127\.0\.0\.1:\d+ as Dave Example/m, 'the default (used last) is marked');

  const json = await runCli(['status', '--json'], { env });
  assert.equal(json.code, 0);
  const objects = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { state: string; server: string });
  assert.deepEqual(objects.map((object) => [object.state, object.server]), [['signed-in', server.url], ['signed-in', second.url]]);

  server.revokeTokens('alice');
  const one = await runCli(['status'], { env });
  assert.equal(one.code, 3, 'the worst code when one is signed out');
  assert.match(one.stdout, /Dave Example/);
  assert.match(one.stderr, /Your session has expired/);
});

test('switch (or use) sets the default server; logout then --all signs out of each', async (t) => {
  const { server, second, env, login, keychainService } = await twoServers(t);
  await login(server.url, 'alice');
  await login(second.url, 'dave');

  const switched = await runCli(['switch', server.url], { env });
  assert.equal(switched.code, 0, switched.stderr);
  assert.match(switched.stdout, /now use http:\/\/127\.0\.0\.1:\d+/);
  const setStatus = await runCli(['set-status', 'away', '--json'], { env });
  assert.equal(setStatus.json().server, server.url, 'commands without --server use the switched-to server');

  const unknown = await runCli(['use', 'http://127.0.0.1:1'], { env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /not a saved server/);

  const out = await runCli(['logout'], { env });
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, new RegExp(`Signed out of ${server.url}`));
  const after = await runCli(['status', '--json'], { env });
  assert.equal(after.code, 0, 'the signed-out server is no longer listed; the other is still signed in');
  assert.equal(after.json().server, second.url);

  await login(server.url, 'alice');
  const all = await runCli(['logout', '--all'], { env });
  assert.equal(all.code, 0, all.stderr);
  assert.equal(all.stdout.trim().split('\n').length, 2);
  assert.equal(server.tokenCount('alice'), 0);
  assert.equal(second.tokenCount('dave'), 0);
  assert.deepEqual(await secretToolItems(keychainService), []);
  const none = await runCli(['status'], { env });
  assert.equal(none.code, 3);
  assert.match(none.stderr, /not signed in to any server\. Run: rc-tray login --server URL/);
});
