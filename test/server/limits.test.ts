import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { call, serverFor } from './test-helpers';

test('rate limit: 10/min per route+IP, headers on every response, then 429', async (t) => {
  const server = await serverFor(t);
  const before = Date.now();
  let last;
  for (let i = 1; i <= 10; i++) {
    last = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: i % 2 ? 'alice-password' : 'x' });
    assert.notEqual(last.status, 429);
    assert.equal(last.headers.get('x-ratelimit-limit'), '10');
    assert.equal(last.headers.get('x-ratelimit-remaining'), String(10 - i));
  }
  const reset = Number(last!.headers.get('x-ratelimit-reset'));
  assert.ok(reset >= before + 60000 && reset <= Date.now() + 60000);
  const limited = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
  assert.equal(limited.headers.get('content-type'), 'application/json');
  assert.match(
    limited.body.error,
    /^Error, too many requests\. Please slow down\. You must wait (59|60) seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
  );
  assert.deepEqual(Object.keys(limited.body), ['success', 'error']);

  // Other routes and other IPs have their own buckets.
  assert.equal((await call(server, 'GET', '/api/v1/me')).status, 401);
  const otherIp = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' }, { 'X-Real-IP': '10.0.0.2' });
  assert.equal(otherIp.status, 200);
  server.resetRateLimits();
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' })).status, 200);
});

test('rate window resets after windowMs', async (t) => {
  // The server's own clock, moved by the test: a loaded machine cannot stretch the window.
  let time = 1_700_000_000_000;
  const server = await serverFor(t, { rateLimit: { limit: 1, windowMs: 150 }, now: () => time });
  assert.equal((await call(server, 'GET', '/api/v1/me')).status, 401);
  const limited = await call(server, 'GET', '/api/v1/me');
  assert.equal(limited.status, 429);
  assert.match(limited.body.error, /wait 1 seconds/);
  time += 200;
  assert.equal((await call(server, 'GET', '/api/v1/me')).status, 401);
});

test('lockout: blocks the user after N failures, even with the right password, then unblocks', async (t) => {
  const server = await serverFor(t, { rateLimit: false, lockout: { userAttempts: 3, ipAttempts: 100, blockMs: 300 } });
  for (let i = 0; i < 3; i++) {
    assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'bad' })).body.error, 'Unauthorized');
  }
  const blocked = await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' });
  assert.equal(blocked.status, 401);
  assert.deepEqual(blocked.body, {
    success: false,
    error: 'error-login-blocked-for-user',
    status: 'error',
    details: { function: 'Accounts.validateLoginAttempt' },
    message: 'Login has been temporarily blocked For User',
  });
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password' })).body.error, 'totp-required');
  await sleep(350);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'alice', password: 'alice-password' })).status, 200);
});

test('lockout: success resets the user and IP counters; IP block covers every user', async (t) => {
  const server = await serverFor(t, { rateLimit: false, lockout: { userAttempts: 3, ipAttempts: 5, blockMs: 60000 } });
  const attempt = (user: string, password: string, ip = '10.1.1.1') =>
    call(server, 'POST', '/api/v1/login', { user, password }, { 'X-Real-IP': ip });
  await attempt('alice', 'bad');
  await attempt('alice', 'bad');
  assert.equal((await attempt('alice', 'alice-password')).status, 200);
  // Counted since the IP's last successful login (restrictLoginAttempts.ts@045982c8).
  for (let i = 0; i < 4; i++) await attempt('ghost', 'bad');
  assert.equal((await attempt('dave', 'dave-password')).status, 200);
  for (let i = 0; i < 5; i++) await attempt('ghost', 'bad');
  const ipBlocked = await attempt('dave', 'dave-password');
  assert.equal(ipBlocked.body.error, 'error-login-blocked-for-ip');
  assert.equal(ipBlocked.body.message, 'Login has been temporarily blocked For IP');
  assert.equal((await attempt('dave', 'dave-password', '10.9.9.9')).status, 200);
  server.resetLockouts();
  assert.equal((await attempt('dave', 'dave-password')).status, 200);
});
