import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authHeaders, call, login, serverFor } from './test-helpers';

// users.setStatus has its own limit in develop: 5 per 60 s (apps/meteor/server/api/v1/users.ts@00e428ca
// rateLimiterOptions); the 7.x route has none, so the default 10 per 60 s applies (rate-limiter.ts).

async function statusCalls(t: Parameters<typeof serverFor>[0], version: string) {
  let time = 1_800_000_000_000;
  const server = await serverFor(t, { version, now: () => time });
  const session = await login(server, 'alice', 'alice-password');
  const setStatus = (status: string) => call(server, 'POST', '/api/v1/users.setStatus', { status }, authHeaders(session));
  return { server, setStatus, advance: (ms: number) => (time += ms), getStatus: () => call(server, 'GET', '/api/v1/users.getStatus', undefined, authHeaders(session)) };
}

test('8.6: five status changes a minute, the sixth waits for the window, its own bucket', async (t) => {
  const { server, setStatus, advance, getStatus } = await statusCalls(t, '8.6.0');
  for (let i = 1; i <= 5; i++) {
    const ok = await setStatus(i % 2 ? 'busy' : 'away');
    assert.equal(ok.status, 200, `call ${i}`);
    assert.equal(ok.headers.get('x-ratelimit-limit'), '5');
    assert.equal(ok.headers.get('x-ratelimit-remaining'), String(5 - i));
  }
  advance(20_000);
  const limited = await setStatus('online');
  assert.equal(limited.status, 429);
  assert.equal(limited.body.error, 'Error, too many requests. Please slow down. You must wait 40 seconds before trying this endpoint again. [error-too-many-requests]');
  assert.equal(server.user('alice').statusDefault, 'busy', 'a refused call changes nothing');
  assert.equal((await getStatus()).headers.get('x-ratelimit-limit'), '10', 'other routes keep the default');
  advance(40_000);
  assert.equal((await setStatus('online')).status, 200, 'a new window');
});

test('7.x: users.setStatus has no limit of its own (the default ten a minute)', async (t) => {
  const { setStatus } = await statusCalls(t, '7.10.1');
  for (let i = 1; i <= 10; i++) assert.equal((await setStatus('busy')).status, 200, `call ${i}`);
  assert.equal((await setStatus('busy')).status, 429);
});
