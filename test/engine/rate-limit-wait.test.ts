// Issue 7 §5: a rate limit's wait comes from the body's "wait N seconds" (X-RateLimit-Reset is on
// the server's clock), and nothing automatic goes before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';

test("a server clock 5 minutes ahead does not inflate the wait: the body's seconds win", async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: { limit: 1, windowMs: 42_000 }, now: () => Date.now() + 5 * 60_000 } });
  await engine.login(server.url, { user: 'alice', password: 'x' });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.ok(state.kind === 'signed-out' && state.error?.code === 'rate-limited');
  assert.ok(state.error.retryAfterSeconds! >= 40 && state.error.retryAfterSeconds! <= 42, `wait ${state.error.retryAfterSeconds}`);
});

test('a rate-limited resume waits the named time, and "network back" does not go sooner', async (t) => {
  const scheduler = new FakeScheduler(0.5);
  const fixture = await engineFixture(t, { server: { rateLimit: false } });
  await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
  fixture.server.addFault({
    path: '/api/v1/me',
    times: 1,
    status: 429,
    body: '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 50 seconds before trying this endpoint again. [error-too-many-requests]"}',
  });
  const engine = fixture.restart({ scheduler, backoff: { initialMs: 1_000, maxMs: 4_000, jitter: 0 } });
  const session = engine.session(fixture.server.url);
  const offline = await session.resume();
  assert.ok(offline.kind === 'offline');
  assert.equal(offline.nextRetryAt, scheduler.now() + 50_000);
  fixture.server.resetRequests();
  assert.equal((await session.retryNow()).kind, 'offline');
  assert.equal(fixture.server.requests().length, 0);
  scheduler.advance(50_000);
  const until = Date.now() + 3_000;
  while (session.state.kind !== 'signed-in' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(session.state.kind, 'signed-in');
});
