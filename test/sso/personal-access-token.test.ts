import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture, loginRequests } from '../support/engine-fixture';
import { secretToolItems } from '../support/secret-tool';

test('a personal access token signs in with one GET /api/v1/me and is kept in the keychain, marked as such', async (t) => {
  const { server, engine, keychainService } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  server.resetRequests();
  const state = await engine.loginWithToken(server.url, { userId, token: `  ${token}\n` });
  assert.equal(state.kind, 'signed-in');
  assert.ok(state.kind === 'signed-in' && state.user.username === 'alice');
  assert.equal(loginRequests(server), 0, 'a token is checked, never exchanged through /login');
  assert.ok(server.requests().some((request) => request.path === '/api/v1/me'));
  const items = await secretToolItems(keychainService);
  assert.equal(items.length, 1);
  assert.deepEqual(JSON.parse(items[0]!.secret), { userId, authToken: token, kind: 'personal-access-token' });
});

test('a token session resumes at the next start with no window and no password', async (t) => {
  const { server, engine, restart } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await engine.loginWithToken(server.url, { userId, token });
  engine.dispose();
  const next = restart();
  const [state] = await next.resumeAll();
  assert.equal(state?.kind, 'signed-in');
});

test('a refused token is reported as a token refusal, never as a wrong password, and nothing is kept', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const { userId } = server.createPersonalAccessToken('alice');
  const state = await engine.loginWithToken(server.url, { userId, token: 'not-the-token-'.padEnd(43, 'x') });
  assert.equal(state.kind, 'signed-out');
  assert.ok(state.kind === 'signed-out' && state.error);
  assert.equal(state.error.code, 'token-refused');
  assert.doesNotMatch(state.error.message, /password/i);
  assert.match(state.error.message, /personal access token/i);
  assert.equal(await tokens.get(server.url), undefined);
});

test('a token of another user id is refused the same way', async (t) => {
  const { server, engine } = await engineFixture(t);
  const { token } = server.createPersonalAccessToken('alice');
  const state = await engine.loginWithToken(server.url, { userId: server.user('bob').id, token });
  assert.ok(state.kind === 'signed-out' && state.error?.code === 'token-refused');
});

test('an unreachable server keeps nothing and says the server is unreachable, not that the token is bad', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  server.addFault({ path: '/api/v1/me', hangUp: true });
  const state = await engine.loginWithToken(server.url, { userId, token });
  assert.ok(state.kind === 'signed-out' && state.error);
  assert.notEqual(state.error.code, 'token-refused');
  assert.equal(await tokens.get(server.url), undefined);
});

test('signing out of a token session forgets it here, keeps it on the server, and says so', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await engine.loginWithToken(server.url, { userId, token });
  server.resetRequests();
  const result = await engine.session(server.url).logout();
  assert.equal(result.tokenKept, true);
  assert.match(result.message, /still exists/i);
  assert.match(result.message, /profile/i);
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);
  assert.ok(!server.requests().some((request) => request.path === '/api/v1/logout'));
  assert.equal(await tokens.get(server.url), undefined);
});

test('logout with revoke deletes the personal access token on the server', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await engine.loginWithToken(server.url, { userId, token });
  const result = await engine.session(server.url).logout({ revoke: true });
  assert.equal(result.revokedOnServer, true);
  assert.notEqual(result.tokenKept, true);
  assert.deepEqual(server.personalAccessTokens('alice'), []);
  assert.equal(await tokens.get(server.url), undefined);
});

test('a password sign-in over a token session replaces it here but never revokes the person\'s token', async (t) => {
  const { server, engine } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await engine.loginWithToken(server.url, { userId, token });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind, 'signed-in');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);
});

test('a token sign-in over a password session revokes the replaced login token (it was rc-tray\'s own)', async (t) => {
  const { server, engine } = await engineFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(server.tokenCount('alice'), 1);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await engine.loginWithToken(server.url, { userId, token });
  for (let i = 0; i < 50 && server.tokenCount('alice') !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(server.tokenCount('alice'), 1);
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);
});
