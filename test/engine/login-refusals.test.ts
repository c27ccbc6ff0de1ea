// Issue 7 §5: the remaining validateLoginAttempt refusals get their own words, REST and 9.0/DDP alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';

for (const version of ['7.10.1', '9.0.0']) {
  test(`app users, unverified e-mail and no roles are told apart (server ${version})`, async (t) => {
    const { server, engine } = await engineFixture(t, { server: { version, rateLimit: false, emailVerification: true } });
    server.addUser({ username: 'botty', password: 'botty-password', type: 'app' });
    server.addUser({ username: 'newbie', password: 'newbie-password', email: 'newbie@example.com', emailVerified: false });
    server.addUser({ username: 'roleless', password: 'roleless-password', roles: [] });
    const cases = [
      ['botty', 'app-user-not-allowed', /app user/i],
      ['newbie', 'email-not-verified', /verif/i],
      ['roleless', 'user-has-no-roles', /no role/i],
    ] as const;
    for (const [user, code, words] of cases) {
      const state = await engine.login(server.url, { user, password: `${user}-password` });
      assert.ok(state.kind === 'signed-out' && state.error, `${user}: ${JSON.stringify(state)}`);
      assert.equal(state.error.code, code, user);
      assert.match(state.error.message, words);
      assert.doesNotMatch(state.error.message, /__\w+__/);
    }
  });
}

test("the license's user limit is said in words", async (t) => {
  const { server, engine } = await engineFixture(t, { server: { rateLimit: false } });
  // As 7.x sends a Meteor.Error from validateLoginAttempt (ApiClass `_initAuth` catch).
  server.addFault({
    path: '/api/v1/login',
    status: 401,
    body: JSON.stringify({ success: false, error: 'error-license-user-limit-reached', status: 'error', message: 'error-license-user-limit-reached' }),
  });
  const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'license-user-limit');
  assert.match(state.kind === 'signed-out' ? state.error?.message ?? '' : '', /licen[cs]e.*(limit|users)/i);
});
