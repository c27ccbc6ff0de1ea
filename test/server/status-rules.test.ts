import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authHeaders, call, DdpTestClient, login, serverFor } from './test-helpers';
import type { TestServer, TestServerOptions } from './rocketchat-test-server';

async function signedIn(t: Parameters<typeof serverFor>[0], options: TestServerOptions) {
  const server = await serverFor(t, { rateLimit: false, ...options });
  const session = await login(server, 'alice', 'alice-password');
  const setStatus = (body: unknown) => call(server, 'POST', '/api/v1/users.setStatus', body, authHeaders(session));
  return { server, session, setStatus };
}

const LONG = `  ${'x'.repeat(130)}  `;

test('before 8.6: message changes disabled refuses the whole call, a status-only change included', async (t) => {
  const { server, setStatus } = await signedIn(t, { version: '7.10.1', allowStatusMessageChange: false });
  const refused = await setStatus({ status: 'busy' });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.errorType, 'error-not-allowed');
  assert.equal(refused.body.error, 'Change status is not allowed [error-not-allowed]');
  assert.equal(server.user('alice').statusDefault, 'online');
  // Before anything else: even an invalid status gets error-not-allowed.
  assert.equal((await setStatus({ status: 'nonsense' })).body.errorType, 'error-not-allowed');
});

test('before 8.6: the message is trimmed and cut to 120 characters; expiresAt is not read', async (t) => {
  const { server, setStatus } = await signedIn(t, { version: '8.5.0' });
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  assert.equal((await setStatus({ status: 'busy', message: LONG, expiresAt })).status, 200);
  const alice = server.user('alice');
  assert.equal(alice.statusText, 'x'.repeat(120));
  assert.equal(alice.statusDefault, 'busy');
  assert.equal(alice.statusExpiresAt, undefined);
  assert.equal(alice.statusSource, undefined);
  // online keeps the text on older servers
  assert.equal((await setStatus({ status: 'online' })).status, 200);
  assert.equal(server.user('alice').statusText, 'x'.repeat(120));
});

test('8.6: message changes disabled refuses only a message; a status-only change goes through', async (t) => {
  const { server, setStatus } = await signedIn(t, { version: '8.6.0', allowStatusMessageChange: false });
  assert.equal((await setStatus({ status: 'busy' })).status, 200);
  assert.equal(server.user('alice').statusDefault, 'busy');
  const refused = await setStatus({ status: 'away', message: 'Lunch' });
  assert.equal(refused.body.errorType, 'error-not-allowed');
  assert.equal(server.user('alice').statusDefault, 'busy');
});

test('8.6: expiresAt sets a manual claim until then; past or invalid dates are refused', async (t) => {
  let now = Date.parse('2026-12-01T10:00:00Z');
  const { server, session, setStatus } = await signedIn(t, { version: '8.6.0', now: () => now });
  for (const bad of ['2026-12-01T09:59:59Z', 'not a date', 12345]) {
    const refused = await setStatus({ status: 'busy', expiresAt: bad });
    assert.equal(refused.status, 400, String(bad));
    assert.equal(refused.body.errorType, 'error-invalid-date');
  }
  assert.equal(server.user('alice').statusDefault, 'online');

  assert.equal((await setStatus({ status: 'away', message: 'Back at 11' })).status, 200);
  const until = '2026-12-01T11:00:00.000Z';
  assert.equal((await setStatus({ status: 'busy', message: `  ${'y'.repeat(125)}`, expiresAt: until })).status, 200);
  let alice = server.user('alice');
  assert.equal(alice.statusText, 'y'.repeat(120));
  assert.equal(alice.statusSource, 'manual');
  assert.equal(alice.statusExpiresAt, Date.parse(until));
  const me = await call(server, 'GET', '/api/v1/me', undefined, authHeaders(session));
  assert.equal(me.body.statusSource, 'manual');
  assert.equal(me.body.statusExpiresAt, until);
  const own = await call(server, 'GET', '/api/v1/users.getStatus', undefined, authHeaders(session));
  assert.equal(own.body.statusExpiresAt, until);

  now = Date.parse(until) - 1;
  assert.deepEqual(server.expireDueStatuses(), []);
  now = Date.parse(until);
  assert.deepEqual(server.expireDueStatuses(), ['alice']);
  alice = server.user('alice');
  assert.equal(alice.statusDefault, 'away', 'the previous status comes back');
  assert.equal(alice.statusText, 'Back at 11');
  assert.equal(alice.statusExpiresAt, undefined);
});

test('8.6: a change made elsewhere replaces the claim, so nothing is restored later', async (t) => {
  let now = Date.parse('2026-12-01T10:00:00Z');
  const { server, setStatus } = await signedIn(t, { version: '8.6.0', now: () => now });
  await setStatus({ status: 'busy', expiresAt: '2026-12-01T10:30:00Z' });
  server.setStatusFromOtherClient('alice', 'away', 'On the phone');
  now += 3_600_000;
  assert.deepEqual(server.expireDueStatuses(), []);
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.user('alice').statusSource, 'manual');
});

test('8.6: online with no message clears the message; invisible disabled is checked on the effective status', async (t) => {
  const { server, setStatus } = await signedIn(t, { version: '8.6.0', allowInvisibleStatus: false });
  await setStatus({ status: 'busy', message: 'Focus' });
  assert.equal((await setStatus({ status: 'online' })).status, 200);
  assert.equal(server.user('alice').statusText, '');
  assert.equal(server.user('alice').statusSource, undefined);
  assert.equal((await setStatus({ status: 'offline' })).body.errorType, 'error-status-not-allowed');
});

test('settings.public answers without a session, filtered by _id', async (t) => {
  const server = await serverFor(t, { allowInvisibleStatus: false, presenceBroadcastDisabled: true });
  const ids = 'Accounts_AllowInvisibleStatusOption,Accounts_AllowUserStatusMessageChange,Presence_broadcast_disabled';
  const res = await call(server, 'GET', `/api/v1/settings.public?_id=${ids}`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    settings: [
      { _id: 'Accounts_AllowInvisibleStatusOption', value: false },
      { _id: 'Accounts_AllowUserStatusMessageChange', value: true },
      { _id: 'Presence_broadcast_disabled', value: true },
    ],
    count: 3,
    offset: 0,
    total: 3,
    success: true,
  });
  // Every public setting the stand-in has: the five above plus the login screen's three (routes-settings.ts).
  assert.equal((await call(server, 'GET', '/api/v1/settings.public')).body.total, 8);
});

test('custom-user-status.list: the admin presets, signed in only', async (t) => {
  const server = await serverFor(t, { customStatuses: [{ name: 'In a meeting', statusType: 'busy' }, { name: 'Lunch', statusType: 'away' }] });
  assert.equal((await call(server, 'GET', '/api/v1/custom-user-status.list')).status, 401);
  const session = await login(server, 'alice', 'alice-password');
  const res = await call(server, 'GET', '/api/v1/custom-user-status.list', undefined, authHeaders(session));
  assert.deepEqual(
    res.body.statuses.map((s: { name: string; statusType: string }) => [s.name, s.statusType]),
    [['In a meeting', 'busy'], ['Lunch', 'away']],
  );
  assert.equal(res.body.total, 2);
});

async function presenceFrames(t: Parameters<typeof serverFor>[0], server: TestServer) {
  const { authToken } = await login(server, 'alice', 'alice-password');
  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  await ddp.method('login', { resume: authToken });
  const alice = server.user('alice');
  await ddp.sub('stream-user-presence', ['', { added: [alice.id], removed: [] }]);
  await ddp.sub('stream-notify-logged', ['user-status', false]);
  return { ddp, alice, authToken };
}

test('8.6 presence frames carry statusSource and statusExpiresAt; older ones do not', async (t) => {
  for (const version of ['8.6.0', '7.10.1']) {
    const server = await serverFor(t, { rateLimit: false, version });
    const { ddp, alice, authToken } = await presenceFrames(t, server);
    const targeted = ddp.next((m) => m.collection === 'stream-user-presence');
    const logged = ddp.next((m) => m.collection === 'stream-notify-logged');
    const until = Date.now() + 3_600_000;
    await call(server, 'POST', '/api/v1/users.setStatus', { status: 'busy', expiresAt: new Date(until).toISOString() }, { 'X-User-Id': alice.id, 'X-Auth-Token': authToken });
    if (version === '8.6.0') {
      assert.deepEqual((await targeted).fields.args, [['alice', 3, '', 'manual', { $date: until }]]);
      assert.deepEqual((await logged).fields.args[0].slice(6), ['manual', { $date: until }]);
    } else {
      assert.deepEqual((await targeted).fields.args, [['alice', 3, '']]);
      assert.equal((await logged).fields.args[0].length, 6);
    }
  }
});

test('Presence_broadcast_disabled: no presence events at all', async (t) => {
  const server = await serverFor(t, { rateLimit: false, presenceBroadcastDisabled: true });
  const { ddp } = await presenceFrames(t, server);
  server.setStatusFromOtherClient('alice', 'busy', 'Hidden');
  server.setStatusFromOtherClient('bob', 'away');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(ddp.messages.filter((m) => m.msg === 'changed').length, 0);
  assert.equal(server.user('alice').statusDefault, 'busy', 'the change itself is stored');
});
