// The stand-in's brute-force lockout, 9.0 bodies, rate buckets and force_logout, checked against
// what Rocket.Chat's source does (see the citations in login-lockout.ts, login.ts, error-bodies.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authHeaders, call, DdpTestClient, login, serverFor } from './test-helpers';

const MINUTE = 60_000;

function clock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

const lockout = { userAttempts: 3, ipAttempts: 50, blockMs: 5 * MINUTE };

test('every failed login counts: totp-required challenges block the user', async (t) => {
  const server = await serverFor(t, { rateLimit: false, lockout });
  for (let i = 0; i < 3; i++) {
    assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password' })).body.error, 'totp-required');
  }
  const blocked = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password', code: server.totpCode('bob') });
  assert.equal(blocked.body.error, 'error-login-blocked-for-user');
});

test('failed resumes count for the IP, and a valid resume is refused while the IP or the user is blocked', async (t) => {
  const server = await serverFor(t, { rateLimit: false, lockout: { userAttempts: 3, ipAttempts: 4, blockMs: 5 * MINUTE } });
  const ip = { 'X-Real-IP': '10.2.2.2' };
  const alice = await login(server, 'alice', 'alice-password');
  for (let i = 0; i < 4; i++) {
    assert.equal((await call(server, 'POST', '/api/v1/login', { resume: `not-a-token-${i}` }, ip)).status, 401);
  }
  const resume = await call(server, 'POST', '/api/v1/login', { resume: alice.authToken }, ip);
  assert.equal(resume.body.error, 'error-login-blocked-for-ip');

  // The user check runs for resume logins too (startup/index.js: before `login.allowed`).
  for (let i = 0; i < 3; i++) await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'bad' });
  const userBlocked = await call(server, 'POST', '/api/v1/login', { resume: alice.authToken });
  assert.equal(userBlocked.body.error, 'error-login-blocked-for-user');
  // A token check is not a login: /me still answers.
  assert.equal((await call(server, 'GET', '/api/v1/me', undefined, authHeaders(alice))).status, 200);
});

test('the block slides: every refused attempt during it renews it until last failure + unblock time', async (t) => {
  const time = clock();
  const server = await serverFor(t, { rateLimit: false, lockout, now: time.now });
  for (let i = 0; i < 3; i++) await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'bad' });
  const right = () => call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' });
  time.advance(4 * MINUTE);
  assert.equal((await right()).body.error, 'error-login-blocked-for-user');
  time.advance(4 * MINUTE); // 8 minutes after the last wrong password, but 4 after the refused try
  assert.equal((await right()).body.error, 'error-login-blocked-for-user');
  time.advance(5 * MINUTE - 1);
  assert.equal((await right()).body.error, 'error-login-blocked-for-user');
  time.advance(5 * MINUTE);
  assert.equal((await right()).status, 200);
});

test('DDP login runs the same checks, counts its failures, and keeps error ids and details on 9.0', async (t) => {
  const server = await serverFor(t, { version: '9.0.0', rateLimit: false, lockout });
  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  const challenge = await ddp.method('login', { user: { username: 'bob' }, password: { digest: 'x'.repeat(64), algorithm: 'sha-256' } });
  assert.equal(challenge.error.error, 401);
  for (let i = 0; i < 2; i++) await ddp.method('login', { user: { username: 'alice' }, password: { digest: 'y'.repeat(64), algorithm: 'sha-256' } });
  const alice = await ddp.method('login', { user: { username: 'alice' }, password: { digest: 'z'.repeat(64), algorithm: 'sha-256' } });
  assert.equal(alice.error.error, 401);
  const blocked = await ddp.method('login', { user: { username: 'alice' }, password: { digest: 'z'.repeat(64), algorithm: 'sha-256' } });
  assert.equal(blocked.error.error, 'error-login-blocked-for-user');
  assert.deepEqual(blocked.error.details, { function: 'Accounts.validateLoginAttempt' });
  // REST on the same 9.0 server says only "unauthorized".
  const rest = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' });
  assert.deepEqual(rest.body, { success: false, error: 'unauthorized' });
});

test('rate limits: /api/v1/login and /api/v1/me have a bucket each per IP; the reset header is server time', async (t) => {
  const time = clock(1_800_000_000_000);
  const server = await serverFor(t, { lockout: false, now: time.now });
  const alice = await login(server, 'alice', 'alice-password');
  for (let i = 0; i < 9; i++) assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'x' })).status, 401);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'x' })).status, 429);
  for (let i = 0; i < 10; i++) assert.equal((await call(server, 'GET', '/api/v1/me', undefined, authHeaders(alice))).status, 200);
  const limited = await call(server, 'GET', '/api/v1/me', undefined, authHeaders(alice));
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('x-ratelimit-reset'), String(1_800_000_000_000 + MINUTE));
  assert.match(limited.body.error, /You must wait 60 seconds/);
});

test('force_logout arrives on stream-notify-user before the socket closes when the tokens are removed', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const alice = await login(server, 'alice', 'alice-password');
  const ddp = await DdpTestClient.open(server);
  t.after(() => ddp.close());
  assert.equal((await ddp.method('login', { resume: alice.authToken })).result.id, alice.userId);
  assert.equal((await ddp.sub('stream-notify-user', [`${server.user('bob').id}/force_logout`, false])).msg, 'nosub');
  assert.equal((await ddp.sub('stream-notify-user', [`${alice.userId}/force_logout`, false])).msg, 'ready');
  const frame = ddp.next((m) => m.msg === 'changed' && m.collection === 'stream-notify-user');
  server.revokeTokens('alice');
  assert.deepEqual(await frame, {
    msg: 'changed',
    collection: 'stream-notify-user',
    id: 'id',
    fields: { eventName: `${alice.userId}/force_logout`, args: [] },
  });
  await ddp.waitClose();
});
