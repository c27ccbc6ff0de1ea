// Issue 7 §4: a 9.0 server answers every failed REST password login with the bare
// {"success":false,"error":"unauthorized"}; rc-tray then signs in over DDP `login` so that
// 2FA (app and e-mail), lockout and deactivation are still told apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';

const NINE = { version: '9.0.0', rateLimit: false as const };

const wsRequests = (server: { requests(): { transport: string }[] }) => server.requests().filter((request) => request.transport === 'ws').length;

test('9.0, app 2FA: the challenge comes over DDP, the code is sent with the password digest, and the session works', async (t) => {
  const { server, engine, tokens } = await engineFixture(t, { server: NINE });
  const asked = await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  assert.ok(asked.kind === 'needs-2fa', JSON.stringify(asked));
  assert.equal(asked.twoFactor.method, 'totp');
  const wrong = await engine.session(server.url).submitCode('000000');
  assert.equal(wrong.kind === 'needs-2fa' && wrong.error?.code, 'totp-invalid');
  const done = await engine.session(server.url).submitCode(server.totpCode('bob'));
  assert.equal(done.kind === 'signed-in' && done.user.username, 'bob');
  const saved = await tokens.get(server.url);
  assert.equal(saved?.userId, server.user('bob').id);
  assert.equal(server.tokenCount('bob'), 1);
});

test('9.0, e-mail 2FA: the mailed code signs in', async (t) => {
  const { server, engine } = await engineFixture(t, { server: NINE });
  const asked = await engine.login(server.url, { user: 'carol', password: 'carol-password' });
  assert.ok(asked.kind === 'needs-2fa' && asked.twoFactor.method === 'email', JSON.stringify(asked));
  // The REST attempt already made the server mail a code; the DDP one finds it still valid.
  assert.equal(server.emailCount('carol'), 1);
  const done = await engine.session(server.url).submitCode(server.lastEmailCode('carol')!);
  assert.equal(done.kind === 'signed-in' && done.user.username, 'carol');
});

test('9.0: deactivated, locked out and wrong password are told apart', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { ...NINE, lockout: { userAttempts: 3, ipAttempts: 50, blockMs: 60_000 } } });
  const erin = await engine.login(server.url, { user: 'erin', password: 'erin-password' });
  assert.equal(erin.kind === 'signed-out' && erin.error?.code, 'user-deactivated');
  const wrong = await engine.login(server.url, { user: 'alice', password: 'nope' });
  assert.equal(wrong.kind === 'signed-out' && wrong.error?.code, 'invalid-credentials');
  await engine.login(server.url, { user: 'alice', password: 'nope' });
  await engine.login(server.url, { user: 'alice', password: 'nope' });
  const blocked = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(blocked.kind === 'signed-out' && blocked.error?.code, 'login-blocked-user');
});

test('9.0: a plain password sign-in still takes one REST request and no socket', async (t) => {
  const { server, engine } = await engineFixture(t, { server: NINE });
  server.resetRequests();
  assert.equal((await engine.login(server.url, { user: 'alice', password: 'alice-password' })).kind, 'signed-in');
  assert.equal(wsRequests(server), 0);
});

test('below 9.0 the REST login stays as it is: no DDP sign-in, even for a wrong password', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false } });
  server.resetRequests();
  assert.equal((await engine.login(server.url, { user: 'bob', password: 'bob-password' })).kind, 'needs-2fa');
  assert.equal((await engine.login(server.url, { user: 'alice', password: 'nope' })).kind, 'signed-out');
  assert.equal(wsRequests(server), 0);
});

test('e-mail code resend goes to details.emailOrUsername, not to what was typed', async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false } });
  // Meteor's login finds "Carol" case-insensitively; the resend endpoint's username lookup is exact.
  const asked = await engine.login(server.url, { user: 'Carol', password: 'carol-password' });
  assert.equal(asked.kind, 'needs-2fa');
  const before = server.emailCount('carol');
  const resent = await engine.session(server.url).resendCode();
  assert.ok(resent.kind === 'needs-2fa' && resent.twoFactor.codeSent);
  assert.equal(server.emailCount('carol'), before + 1);
});
