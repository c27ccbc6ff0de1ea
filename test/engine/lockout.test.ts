// Issue 7 §3: rc-tray never renews a failed-login lockout, and says when it tries again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { clockTime } from '../../main/common/sign-in-messages';
import { humanReport, reportFor } from '../../main/cli/report';
import { stateLine } from '../../main/desktop/tray-view';
import { call } from '../server/test-helpers';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';

const MINUTE = 60_000;

async function waitFor(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('an hour against a blocked IP: no attempt renews the block, the block ends and the session comes back', async (t) => {
  const scheduler = new FakeScheduler(0.5);
  const fixture = await engineFixture(t, {
    server: { rateLimit: false, now: () => scheduler.now(), lockout: { userAttempts: 10, ipAttempts: 5, blockMs: 5 * MINUTE } },
  });
  const { server } = fixture;
  assert.equal((await fixture.engine.login(server.url, { user: 'alice', password: 'alice-password' })).kind, 'signed-in');
  fixture.engine.dispose();
  // Someone behind the same IP guesses passwords: the IP is blocked, and keeps guessing for 15 minutes.
  const guess = () => call(server, 'POST', '/api/v1/login', { user: 'mallory', password: 'guess' });
  for (let i = 0; i < 5; i += 1) await guess();

  server.resetRequests();
  const engine = fixture.restart({ scheduler, live: true });
  const session = engine.session(server.url);
  const settled = (state: SessionState) =>
    state.kind === 'signed-in' && (state.live === 'live' || (state.nextLiveRetryAt !== undefined && state.nextLiveRetryAt > scheduler.now()));
  assert.equal((await session.resume()).kind, 'signed-in');
  await waitFor(() => settled(session.state), 'the first realtime sign-in');
  const blocked = session.state;
  assert.ok(blocked.kind === 'signed-in' && blocked.liveError);
  assert.equal(blocked.liveError.code, 'login-blocked-ip');
  assert.equal(blocked.nextLiveRetryAt, scheduler.now() + 6 * MINUTE);
  // Tray, CLI (`status --watch`, --json) say why and when the next try is.
  const nextTry = clockTime(scheduler.now() + 6 * MINUTE);
  assert.equal(stateLine({ session: blocked, resuming: false, startAtLogin: false, startAtLoginAvailable: false }), `Sign-in blocked by the server, next try at ${nextTry}`);
  assert.match(humanReport(blocked), new RegExp(`temporarily blocked .*rc-tray tries again at ${nextTry} \\(trying sooner would extend the block\\)`));
  assert.equal(reportFor(blocked).nextTryAt, new Date(scheduler.now() + 6 * MINUTE).toISOString());
  assert.equal(reportFor(blocked).error?.code, 'login-blocked-ip');
  engine.retryNow(); // network back / system woke up: still no attempt before the time
  await new Promise((resolve) => setTimeout(resolve, 50));

  const start = scheduler.now();
  for (let minute = 1; minute <= 60; minute += 1) {
    scheduler.advance(MINUTE);
    if (minute <= 15) await guess();
    await waitFor(() => settled(session.state), `minute ${minute}`);
  }
  const state = session.state;
  assert.ok(state.kind === 'signed-in' && state.live === 'live', JSON.stringify(state));
  assert.equal(state.liveError, undefined);
  const attempts = server.requests().filter((request) => request.transport === 'ws').map((request) => (request.at - start) / MINUTE);
  // 0 (blocked), 6 (blocked: the guesser renewed it), 18 (blocked: last guess at 15 + 5), 48: the block is over.
  assert.deepEqual(attempts, [0, 6, 18, 48]);
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 15, 'only the guesser logs in over REST');
});

test('a password sign-in refused by a block says to wait, and that trying sooner extends the block', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false, lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 5 * MINUTE } } });
  await engine.login(server.url, { user: 'alice', password: 'x' });
  await engine.login(server.url, { user: 'alice', password: 'y' });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.ok(state.kind === 'signed-out' && state.error);
  assert.equal(state.error.code, 'login-blocked-user');
  assert.equal(state.error.retryAfterSeconds, 360);
  assert.equal(
    state.error.message,
    'Sign-in for this account is temporarily blocked after too many failed attempts. Wait 6 minutes before trying again: every attempt during the block extends it.',
  );
});
