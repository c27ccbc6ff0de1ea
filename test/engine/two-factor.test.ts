import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { loginRequests } from '../support/engine-fixture';
import { PASSWORD_HOLD_MS } from '../../main/engine/session/two-factor-step';

test('TOTP: the engine asks for an authenticator code, then signs in with it', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  const asked = await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  assert.ok(asked.kind === 'needs-2fa');
  assert.deepEqual(asked.twoFactor, { method: 'totp', codeSent: false });
  assert.equal(await tokens.get(server.url), undefined);

  const wrong = await engine.session(server.url).submitCode('000000' === server.totpCode('bob') ? '111111' : '000000');
  assert.ok(wrong.kind === 'needs-2fa' && wrong.error);
  assert.equal(wrong.error.code, 'totp-invalid');

  const state = await engine.session(server.url).submitCode(server.totpCode('bob'));
  assert.equal(state.kind, 'signed-in');
  assert.ok(await tokens.get(server.url));
});

test('TOTP code given up front: one request signs in', async (t) => {
  const { server, engine } = await engineFixture(t);
  server.resetRequests();
  const state = await engine.login(server.url, { user: 'bob', password: 'bob-password', code: server.totpCode('bob') });
  assert.equal(state.kind, 'signed-in');
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 1);
});

test('e-mail code: reports that a code was sent, resends on request, accepts "123-456"', async (t) => {
  const { server, engine } = await engineFixture(t);
  const asked = await engine.login(server.url, { user: 'carol', password: 'carol-password' });
  assert.ok(asked.kind === 'needs-2fa');
  assert.deepEqual(asked.twoFactor, { method: 'email', codeSent: true });
  assert.equal(server.emailCount('carol'), 1);

  const resent = await engine.session(server.url).resendCode();
  assert.ok(resent.kind === 'needs-2fa' && resent.twoFactor.codeSent);
  assert.equal(server.emailCount('carol'), 2);

  const code = server.lastEmailCode('carol')!;
  const state = await engine.session(server.url).submitCode(`${code.slice(0, 3)}-${code.slice(3)}`);
  assert.equal(state.kind, 'signed-in');
});

test('e-mail code: too many wrong codes asks for a fresh one and says so', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false } });
  await engine.login(server.url, { user: 'carol', password: 'carol-password' });
  let state = engine.session(server.url).state;
  for (let attempt = 0; attempt < 6 && !(state.kind === 'needs-2fa' && state.error?.code === 'totp-max-attempts'); attempt += 1) {
    state = await engine.session(server.url).submitCode('999999' === server.lastEmailCode('carol') ? '888888' : '999999');
  }
  assert.ok(state.kind === 'needs-2fa' && state.error);
  assert.equal(state.error.code, 'totp-max-attempts');
  assert.ok(state.twoFactor.codeSent);
  const fresh = server.lastEmailCode('carol')!;
  assert.equal((await engine.session(server.url).submitCode(fresh)).kind, 'signed-in');
});

test('cancel at the 2FA step forgets the password and stores nothing', async (t) => {
  const { server, engine, tokens } = await engineFixture(t);
  await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  const session = engine.session(server.url);
  assert.equal(session.cancel().kind, 'signed-out');
  // With the password gone, a code alone cannot sign in.
  assert.equal((await session.submitCode(server.totpCode('bob'))).kind, 'signed-out');
  assert.equal(await tokens.get(server.url), undefined);
});

test('a network fault during the code step keeps the step', async (t) => {
  const { server, engine } = await engineFixture(t);
  await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  server.addFault({ path: '/api/v1/login', hangUp: true, times: 1 });
  const state = await engine.session(server.url).submitCode(server.totpCode('bob'));
  assert.ok(state.kind === 'needs-2fa' && state.error);
  assert.equal(state.error.code, 'unreachable');
  assert.equal((await engine.session(server.url).submitCode(server.totpCode('bob'))).kind, 'signed-in');
});

test('audit F-12: the password waits at most 10 minutes for the code, then the step is given up', async (t) => {
  const scheduler = new FakeScheduler();
  const { server, engine } = await engineFixture(t, { engine: { scheduler } });
  const asked = await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  assert.equal(asked.kind, 'needs-2fa');
  scheduler.advance(PASSWORD_HOLD_MS - 1);
  assert.equal(engine.session(server.url).state.kind, 'needs-2fa');
  scheduler.advance(1);
  const given = engine.session(server.url).state;
  assert.ok(given.kind === 'signed-out' && given.error);
  assert.equal(given.error.code, 'cancelled');
  assert.match(given.error.message, /waited too long for the code/);
  // The right code now signs nobody in: the password is gone.
  server.resetRequests();
  assert.equal((await engine.session(server.url).submitCode(server.totpCode('bob'))).kind, 'signed-out');
  assert.equal(loginRequests(server), 0);
});

test('a new 2FA step starts a new hold: an older step\'s timer does not end it', async (t) => {
  const scheduler = new FakeScheduler();
  const { server, engine } = await engineFixture(t, { engine: { scheduler } });
  await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  scheduler.advance(PASSWORD_HOLD_MS / 2);
  engine.session(server.url).cancel();
  await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  assert.deepEqual(scheduler.pending().filter((ms) => ms > PASSWORD_HOLD_MS / 2), [PASSWORD_HOLD_MS]);
  scheduler.advance(PASSWORD_HOLD_MS / 2);
  assert.equal(engine.session(server.url).state.kind, 'needs-2fa');
  assert.equal((await engine.session(server.url).submitCode(server.totpCode('bob'))).kind, 'signed-in');
});
