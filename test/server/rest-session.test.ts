import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authHeaders, call, login, serverFor } from './test-helpers';

test('logout answers 200 with an empty body and kills only that token', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const a = await login(server, 'alice', 'alice-password');
  const b = await login(server, 'alice', 'alice-password');
  const me = await call(server, 'GET', '/api/v1/me', undefined, authHeaders(a));
  assert.equal(me.status, 200);
  assert.equal(me.body.success, true);
  assert.equal(me.body.username, 'alice');
  assert.equal(me.body._id, a.userId);

  const out = await call(server, 'POST', '/api/v1/logout', undefined, authHeaders(a));
  assert.equal(out.status, 200);
  assert.equal(out.text, '');
  assert.equal((await call(server, 'GET', '/api/v1/me', undefined, authHeaders(a))).status, 401);
  assert.equal((await call(server, 'POST', '/api/v1/login', { resume: a.authToken })).status, 401);
  assert.equal((await call(server, 'GET', '/api/v1/me', undefined, authHeaders(b))).status, 200);
  assert.equal((await call(server, 'POST', '/api/v1/logout', undefined, authHeaders(a))).status, 401);
  assert.equal((await call(server, 'GET', '/api/v1/me', undefined, { 'X-Auth-Token': b.authToken })).status, 401);
});

test('setStatus errors use the generic 400 envelope', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const h = authHeaders(await login(server, 'alice', 'alice-password'));
  const set = (body: unknown) => call(server, 'POST', '/api/v1/users.setStatus', body, h);

  const invalid = await set({ status: 'sleeping' });
  assert.equal(invalid.status, 400);
  assert.deepEqual(invalid.body, {
    success: false,
    error: 'Valid status types include online, away, offline, and busy. [error-invalid-status]',
    errorType: 'error-invalid-status',
    details: { method: 'users.setStatus' },
  });
  const empty = await set({});
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error, 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');

  server.setOption('allowInvisibleStatus', false);
  const invisible = await set({ status: 'offline' });
  assert.equal(invisible.body.error, 'Invisible status is disabled [error-status-not-allowed]');
  assert.equal(invisible.body.errorType, 'error-status-not-allowed');

  server.setOption('allowStatusMessageChange', false);
  const noChange = await set({ status: 'busy', message: 'x' });
  assert.equal(noChange.body.error, 'Change status is not allowed [error-not-allowed]');
  server.setOption('allowStatusMessageChange', true);

  const ok = await set({ status: 'busy', message: 'In a meeting' });
  assert.deepEqual([ok.status, ok.body], [200, { success: true }]);
  const view = server.user('alice');
  assert.equal(view.statusDefault, 'busy');
  assert.equal(view.statusText, 'In a meeting');
  assert.equal(view.status, 'offline', 'a REST-only client has no presence session');
});

test('getStatus and getPresence for self and others', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const h = authHeaders(await login(server, 'alice', 'alice-password'));
  const self = await call(server, 'GET', '/api/v1/users.getStatus', undefined, h);
  assert.deepEqual(self.body, { _id: server.user('alice').id, connectionStatus: 'offline', status: 'offline', success: true });
  const other = await call(server, 'GET', '/api/v1/users.getStatus?username=bob', undefined, h);
  assert.deepEqual(other.body, { _id: server.user('bob').id, status: 'offline', success: true });
  const ghost = await call(server, 'GET', '/api/v1/users.getStatus?username=ghost', undefined, h);
  assert.equal(ghost.status, 400);
  assert.equal(ghost.body.errorType, 'error-invalid-user');

  const presence = await call(server, 'GET', '/api/v1/users.getPresence', undefined, h);
  assert.equal(presence.body.presence, 'offline');
  assert.equal(presence.body.connectionStatus, 'offline');
  assert.match(presence.body.lastLogin, /^\d{4}-\d\d-\d\dT/);
  const otherPresence = await call(server, 'GET', `/api/v1/users.getPresence?userId=${server.user('bob').id}`, undefined, h);
  assert.deepEqual(otherPresence.body, { presence: 'offline', success: true });
});

test('requests() records HTTP calls without the query string', async (t) => {
  const server = await serverFor(t);
  await call(server, 'GET', '/api/info?x=1');
  await call(server, 'POST', '/api/v1/login', {});
  assert.deepEqual(
    server.requests().map((r) => [r.method, r.path, r.transport]),
    [
      ['GET', '/api/info', 'http'],
      ['POST', '/api/v1/login', 'http'],
    ],
  );
  server.resetRequests();
  assert.deepEqual(server.requests(), []);
});
