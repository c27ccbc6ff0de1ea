import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';

const signIn = (env: NodeJS.ProcessEnv, url: string, user: string, password: string, ...extra: string[]) =>
  runCli(['login', '-s', url, '-u', user, '--password-stdin', ...extra], { env, input: `${password}\n` });

test('signing in as another user over a saved session says whom it replaced, and signs that session out on the server', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  assert.equal((await signIn(env, server.url, 'alice', 'alice-password')).code, 0);
  assert.equal(server.tokenCount('alice'), 1);

  const dave = await signIn(env, server.url, 'dave', 'dave-password');
  assert.equal(dave.code, 0, dave.stderr);
  assert.match(dave.stdout, /^Signed in to .* as Dave Example \(@dave; replaced @alice\), /);
  assert.equal(server.tokenCount('alice'), 0, "alice's token is revoked: one session per server, none left valid unseen");
  const status = await runCli(['status', '-s', server.url, '--json'], { env });
  assert.equal((status.json().user as { username: string }).username, 'dave');

  const json = await signIn(env, server.url, 'alice@example.com', 'alice-password', '--json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(json.json().replaced, { id: server.user('dave').id, signedInAs: 'dave' });

  const again = await signIn(env, server.url, 'alice', 'alice-password', '--json');
  assert.equal(again.json().replaced, undefined, 'the same user again replaces nobody');
  const human = await signIn(env, server.url, 'dave', 'dave-password');
  assert.match(human.stdout, /\(@dave; replaced @alice\)/);
  assert.match((await signIn(env, server.url, 'alice', 'alice-password')).stdout, /\(@alice; replaced @dave\)/);
  const byMail = await signIn(env, server.url, 'alice@example.com', 'alice-password');
  assert.equal(byMail.code, 0);
  assert.doesNotMatch(byMail.stdout, /replaced/, 'the same account by its e-mail address replaces nobody');
});

test('an e-mail it was signed in with is named as such; a network fault while signing the old session out keeps the new one', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  assert.equal((await signIn(env, server.url, 'alice@example.com', 'alice-password')).code, 0);
  server.addFault({ path: '/api/v1/logout', method: 'POST', hangUp: true });
  const dave = await signIn(env, server.url, 'dave', 'dave-password');
  assert.equal(dave.code, 0, dave.stderr);
  assert.match(dave.stdout, /\(@dave; replaced alice@example\.com\)/);
  const status = await runCli(['status', '-s', server.url, '--json'], { env });
  assert.equal(status.code, 0, status.stdout);
  assert.equal((status.json().user as { username: string }).username, 'dave', 'the new token is kept');
});
