import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authHeaders, call, login, serverFor } from './test-helpers';

// RC stores personal access tokens among the resume tokens and REST authenticates every kind by
// its hashed value (apps/meteor/imports/personal-access-tokens/server/api/methods/generateToken.ts;
// apps/meteor/server/api/v1/middlewares/authenticationHono.ts).

test('a personal access token authenticates GET /api/v1/me with its user id', async (t) => {
  const server = await serverFor(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  const me = await call(server, 'GET', '/api/v1/me', undefined, authHeaders({ userId, authToken: token }));
  assert.equal(me.status, 200);
  assert.equal(me.body.username, 'alice');
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);
});

test('a personal access token with another user id, or a wrong token, gets the 401 "must be logged in"', async (t) => {
  const server = await serverFor(t);
  const { token } = server.createPersonalAccessToken('alice');
  const bobId = server.user('bob').id;
  const other = await call(server, 'GET', '/api/v1/me', undefined, authHeaders({ userId: bobId, authToken: token }));
  assert.equal(other.status, 401);
  assert.equal(other.body.message, 'You must be logged in to do this.');
  const wrong = await call(server, 'GET', '/api/v1/me', undefined, authHeaders({ userId: server.user('alice').id, authToken: 'x'.repeat(43) }));
  assert.equal(wrong.status, 401);
});

test('POST /api/v1/logout with a personal access token deletes it for good; a password session logout keeps it', async (t) => {
  const server = await serverFor(t);
  const pat = server.createPersonalAccessToken('alice');
  const session = await login(server, 'alice', 'alice-password');
  assert.equal((await call(server, 'POST', '/api/v1/logout', undefined, authHeaders(session))).status, 200);
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);
  assert.equal((await call(server, 'POST', '/api/v1/logout', undefined, authHeaders({ userId: pat.userId, authToken: pat.token }))).status, 200);
  assert.deepEqual(server.personalAccessTokens('alice'), []);
  const after = await call(server, 'GET', '/api/v1/me', undefined, authHeaders({ userId: pat.userId, authToken: pat.token }));
  assert.equal(after.status, 401);
});

test('a second token of the same name is refused, as RC does', async (t) => {
  const server = await serverFor(t);
  server.createPersonalAccessToken('alice', 'laptop');
  assert.throws(() => server.createPersonalAccessToken('alice', 'laptop'), /error-token-already-exists/);
});
