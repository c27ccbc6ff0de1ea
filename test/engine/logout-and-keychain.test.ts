import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesContaining } from '../support/files';
import { engineFixture } from '../support/engine-fixture';
import { secretToolItems } from '../support/secret-tool';
import { KeytarTokenStore } from '../../main/engine/keychain/keytar-token-store';

test('the token is in the Secret Service (seen by secret-tool) and in no file; the password nowhere', async (t) => {
  const { server, engine, keychainService, configFolder } = await engineFixture(t);
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.ok(state.kind === 'signed-in');
  const items = await secretToolItems(keychainService);
  assert.equal(items.length, 1);
  assert.equal(items[0]!.account, server.url);
  const { userId, authToken } = JSON.parse(items[0]!.secret) as { userId: string; authToken: string };
  assert.equal(userId, state.user.id);
  assert.ok(authToken.length > 20);
  assert.deepEqual(await filesContaining(configFolder, authToken), []);
  assert.deepEqual(await filesContaining(configFolder, 'alice-password'), []);
  assert.ok(!items[0]!.secret.includes('alice-password'));
  // The settings file does exist and holds only non-secret facts.
  assert.deepEqual((await filesContaining(configFolder, server.url)).length, 1);
});

test('two servers are signed in at once, one keychain item each', async (t) => {
  const first = await engineFixture(t);
  const second = await engineFixture(t);
  const engine = first.engine;
  await engine.login(first.server.url, { user: 'alice', password: 'alice-password' });
  await engine.login(second.server.url, { user: 'dave', password: 'dave-password' });
  const accounts = (await secretToolItems(first.keychainService)).map((item) => item.account).sort();
  assert.deepEqual(accounts, [first.server.url, second.server.url].sort());
  assert.deepEqual((await engine.savedServers()).sort(), [first.server.url, second.server.url].sort());
  await first.tokens.delete(second.server.url);
});

test('logout revokes the token on the server (empty 200 body) and deletes the keychain item', async (t) => {
  const { server, engine, keychainService } = await engineFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(server.tokenCount('alice'), 1);
  const result = await engine.session(server.url).logout();
  assert.equal(result.revokedOnServer, true);
  assert.equal(server.tokenCount('alice'), 0);
  assert.deepEqual(await secretToolItems(keychainService), []);
  assert.equal(engine.session(server.url).state.kind, 'signed-out');
});

test('logout when the server already forgot the token (401) is fine', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  server.revokeTokens('alice');
  const result = await engine.session(server.url).logout();
  assert.equal(result.revokedOnServer, true);
  assert.equal(await tokens.get(server.url), undefined);
});

test('logout while the server is unreachable still forgets the token here, and says so', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  server.addFault({ path: '/api/v1/logout', hangUp: true });
  const result = await engine.session(server.url).logout();
  assert.equal(result.revokedOnServer, false);
  assert.match(result.message, /Signed out on this computer\. The server could not be told: Cannot reach/);
  assert.equal(await tokens.get(server.url), undefined);
});

test('a keychain that cannot be reached is a clear error, and the session is not lost', async (t) => {
  const { server, engine } = await engineFixture(t);
  const broken = new KeytarTokenStore(() => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }, 'rc-tray-test');
  await assert.rejects(broken.get(server.url), (error: Error) => {
    assert.match(error.message, /system keychain is not available \(no desktop session bus\)/);
    return true;
  });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind, 'signed-in');
});
