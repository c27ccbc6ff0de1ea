import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DdpTestClient, login, serverFor } from './test-helpers';
import type { TestServer } from './rocketchat-test-server';

async function loggedInClient(t: { after(fn: () => void): void }, server: TestServer, user = 'alice', password = 'alice-password') {
  const { authToken, userId } = await login(server, user, password);
  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  const res = await ddp.method('login', { resume: authToken });
  return { ddp, res, authToken, userId };
}

test('handshake, ping/pong and resume login', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const ddp = await DdpTestClient.open(server, false);
  t.after(() => ddp.close());
  assert.deepEqual(await ddp.waitFor(() => true), { server_id: '0' });
  ddp.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
  const connected = await ddp.waitFor((m) => m.msg === 'connected');
  assert.match(connected.session, /^\w{17}$/);
  ddp.send({ msg: 'ping', id: 'p1' });
  assert.deepEqual(await ddp.waitFor((m) => m.msg === 'pong'), { msg: 'pong', id: 'p1' });

  const notYet = await ddp.method('UserPresence:online');
  assert.equal(notYet.error.error, 'not-authorized');
  const unknown = await ddp.method('nope');
  assert.deepEqual(unknown.error, {
    isClientSafe: true,
    error: 404,
    reason: "Method 'nope' not found",
    message: "Method 'nope' not found [404]",
    errorType: 'Meteor.Error',
  });
  const bad = await ddp.method('login', { resume: 'bad-token' });
  assert.deepEqual(bad, {
    msg: 'result',
    id: bad.id,
    error: { isClientSafe: true, error: 401, reason: 'User not found', message: 'User not found [401]', errorType: 'Meteor.Error' },
  });
  await ddp.waitFor((m) => m.msg === 'updated' && m.methods[0] === bad.id);

  const { authToken, userId } = await login(server, 'alice', 'alice-password');
  const ok = await ddp.method('login', { resume: authToken });
  assert.equal(ok.result.id, userId);
  assert.equal(ok.result.token, authToken);
  assert.equal(ok.result.type, 'resume');
  assert.ok(ok.result.tokenExpires.$date > Date.now() + 89 * 24 * 3600_000);
  assert.equal(server.realtimeConnections('alice'), 1);
  assert.equal(server.realtimeConnections(), 1);
  assert.deepEqual(server.requests().filter((r) => r.transport === 'ws').map((r) => [r.method, r.path]), [['GET', '/websocket']]);
});

test('presence follows DDP sessions; explicit status shows through', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { authToken, userId } = await login(server, 'alice', 'alice-password');
  const setStatus = (body: unknown) =>
    fetch(`${server.url}/api/v1/users.setStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-User-Id': userId, 'X-Auth-Token': authToken },
      body: JSON.stringify(body),
    });
  await setStatus({ status: 'busy' });
  assert.equal(server.user('alice').status, 'offline');

  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  await ddp.method('login', { resume: authToken });
  assert.deepEqual(
    { ...server.user('alice'), id: undefined },
    { id: undefined, username: 'alice', status: 'busy', statusDefault: 'busy', statusConnection: 'online', statusText: '' },
  );
  await setStatus({ status: 'online' });
  assert.equal(server.user('alice').status, 'online');
  await ddp.method('UserPresence:away');
  assert.equal(server.user('alice').status, 'away');
  assert.equal(server.user('alice').statusConnection, 'away');

  const second = await DdpTestClient.open(server);
  t.after(() => second.close());
  await second.method('login', { resume: authToken });
  assert.equal(server.user('alice').statusConnection, 'online', 'any online session wins');
  second.close();
  await second.waitClose();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.user('alice').statusConnection, 'away');
  ddp.close();
  await ddp.waitClose();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.user('alice').status, 'offline');
});

test('stream-notify-logged and stream-user-presence broadcasts', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { ddp } = await loggedInClient(t, server);
  const nosub = await (await DdpTestClient.open(server)).sub('stream-notify-logged', ['user-status', false]);
  assert.equal(nosub.msg, 'nosub');
  assert.equal(nosub.error.error, 'not-allowed');

  assert.equal((await ddp.sub('stream-notify-logged', ['user-status', { useCollection: false, args: [] }])).msg, 'ready');
  const bob = server.user('bob');
  assert.equal((await ddp.sub('stream-user-presence', ['', { added: [bob.id], removed: [] }])).msg, 'ready');

  const logged = ddp.next((m) => m.msg === 'changed' && m.collection === 'stream-notify-logged');
  const targeted = ddp.next((m) => m.msg === 'changed' && m.collection === 'stream-user-presence');
  server.setStatusFromOtherClient('bob', 'busy', 'In a meeting');
  assert.deepEqual(await logged, {
    msg: 'changed',
    collection: 'stream-notify-logged',
    id: 'id',
    fields: { eventName: 'user-status', args: [[bob.id, 'bob', 0, 'In a meeting', 'Bob Example', ['user']]] },
  });
  const presence = await targeted;
  assert.equal(presence.id, bob.id);
  assert.deepEqual(presence.fields, { uid: bob.id, eventName: bob.id, args: [['bob', 0, 'In a meeting']] });

  // Bob connects: he becomes busy (3) for everyone.
  const bobBusy = ddp.next((m) => m.collection === 'stream-notify-logged' && m.fields.args[0][0] === bob.id);
  const bobLogin = await (async () => {
    const res = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'bob', password: 'bob-password', code: server.totpCode('bob') }),
    });
    return ((await res.json()) as { data: { authToken: string } }).data.authToken;
  })();
  const bobDdp = await DdpTestClient.open(server);
  t.after(() => bobDdp.close());
  await bobDdp.method('login', { resume: bobLogin });
  assert.equal((await bobBusy).fields.args[0][2], 3);

  // Own changes through DDP methods are seen too.
  const own = ddp.next((m) => m.collection === 'stream-notify-logged' && m.fields.args[0][1] === 'alice');
  const res = await ddp.method('setUserStatus', 'away', 'brb');
  assert.equal(res.result, undefined);
  assert.deepEqual((await own).fields.args[0].slice(1, 4), ['alice', 2, 'brb']);
  const dflt = await ddp.method('UserPresence:setDefaultStatus', 'busy');
  assert.equal(dflt.result, true);
  assert.equal(server.user('alice').status, 'busy');

  const un = ddp.next((m) => m.msg === 'nosub');
  ddp.send({ msg: 'unsub', id: 's1' });
  assert.equal((await un).id, 's1');
  const unknown = await ddp.sub('no-such-publication', []);
  assert.equal(unknown.error.error, 404);
});

test('revokeTokens closes the socket; the old token then fails', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { ddp, authToken } = await loggedInClient(t, server);
  server.revokeTokens('alice');
  assert.equal(await ddp.waitClose(), 1000);
  assert.equal(server.tokenCount('alice'), 0);
  const again = await DdpTestClient.open(server);
  t.after(() => again.close());
  assert.equal((await again.method('login', { resume: authToken })).error.error, 401);
});

test('REST logout closes DDP sessions using that token; DDP logout keeps the socket', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { ddp, authToken, userId } = await loggedInClient(t, server);
  await fetch(`${server.url}/api/v1/logout`, { method: 'POST', headers: { 'X-User-Id': userId, 'X-Auth-Token': authToken } });
  await ddp.waitClose();

  const second = await loggedInClient(t, server);
  const out = await second.ddp.method('logout');
  assert.equal(out.error, undefined);
  assert.equal(server.realtimeConnections('alice'), 0);
  assert.equal(server.realtimeConnections(), 1);
  assert.equal(server.tokenCount('alice'), 0);
});

test('dropRealtimeConnections, disabled realtime, heartbeat timeout', async (t) => {
  const server = await serverFor(t, { rateLimit: false, heartbeatMs: 100 });
  const { ddp } = await loggedInClient(t, server);
  await ddp.waitFor((m) => m.msg === 'ping', 1000);
  server.dropRealtimeConnections('alice');
  assert.equal(await ddp.waitClose(), 1006);

  server.setRealtimeEnabled(false);
  await assert.rejects(DdpTestClient.open(server), /503/);
  server.setRealtimeEnabled(true);

  const silent = await DdpTestClient.open(server);
  silent.autoPong = false;
  await silent.waitClose(1000);
  const alive = await DdpTestClient.open(server);
  t.after(() => alive.close());
  await new Promise((r) => setTimeout(r, 350));
  assert.equal(alive.closed, undefined, 'answering pings keeps the socket open');
});

test('restart keeps users and tokens on the same port', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { ddp, authToken } = await loggedInClient(t, server);
  await server.restart();
  await ddp.waitClose();
  const res = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ resume: authToken }),
  });
  assert.equal(res.status, 200);
  const again = await DdpTestClient.open(server);
  t.after(() => again.close());
  assert.equal((await again.method('login', { resume: authToken })).result.token, authToken);
});

test('DDP password login with a digest, and 2FA errors as method errors', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const { createHash } = await import('node:crypto');
  const digest = (p: string) => ({ digest: createHash('sha256').update(p).digest('hex'), algorithm: 'sha-256' });
  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  const ok = await ddp.method('login', { user: { username: 'alice' }, password: digest('alice-password') });
  assert.equal(ok.result.type, 'password');
  assert.equal(server.tokenCount('alice'), 1);
  const twoFa = await ddp.method('login', { user: { username: 'bob' }, password: digest('bob-password') });
  assert.deepEqual(twoFa.error, {
    isClientSafe: true,
    error: 'totp-required',
    reason: 'TOTP Required',
    details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
    message: 'TOTP Required [totp-required]',
    errorType: 'Meteor.Error',
  });
  const withCode = await ddp.method('login', {
    totp: { login: { user: { username: 'bob' }, password: digest('bob-password') }, code: server.totpCode('bob') },
  });
  assert.equal(withCode.result.id, server.user('bob').id);
});
