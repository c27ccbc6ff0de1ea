import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { secretToolItems } from '../support/secret-tool';
import { ssoFixture } from '../support/sso-fixture';

test('login --with-token --user-id reads the token from standard input, keeps it, and status resumes from it', async (t) => {
  const { server, env, keychainService } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  const login = await runCli(['login', '--server', server.url, '--with-token', '--user-id', userId, '--json'], { env, input: `${token}\n` });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.json().state, 'signed-in');
  const [item] = await secretToolItems(keychainService);
  assert.equal(JSON.parse(item!.secret).kind, 'personal-access-token');
  const status = await runCli(['status', '--json'], { env });
  assert.equal(status.json().state, 'signed-in');
  assert.ok(!login.stdout.includes(token) && !login.stderr.includes(token), 'the token is never printed');
});

test('a refused token says so (exit 3), never "wrong password", and keeps nothing', async (t) => {
  const { server, env, keychainService } = await engineFixture(t);
  const { userId } = server.createPersonalAccessToken('alice');
  const login = await runCli(['login', '--server', server.url, '--with-token', '--user-id', userId], { env, input: 'wrong-token\n' });
  assert.equal(login.code, 3);
  assert.match(login.stderr, /personal access token/i);
  assert.doesNotMatch(login.stderr, /password/i);
  assert.deepEqual(await secretToolItems(keychainService), []);
});

test('a token is never accepted as an argument, and --with-token needs --user-id', async (t) => {
  const { server, env } = await engineFixture(t);
  const asArgument = await runCli(['login', '--server', server.url, '--with-token', 'secret-token-value', '--user-id', 'abc'], { env });
  assert.equal(asArgument.code, 2);
  assert.ok(!asArgument.stderr.includes('secret-token-value'));
  const asFlag = await runCli(['login', '--server', server.url, '--token=secret-token-value'], { env });
  assert.equal(asFlag.code, 2);
  assert.ok(!asFlag.stderr.includes('secret-token-value'));
  assert.match(asFlag.stderr, /--with-token/);
  const noId = await runCli(['login', '--server', server.url, '--with-token'], { env, input: 'x\n' });
  assert.equal(noId.code, 2);
  assert.match(noId.stderr, /--user-id/);
});

test('logout of a token session keeps the token on the server and says it still exists; --revoke deletes it', async (t) => {
  const { server, env } = await engineFixture(t);
  const { token, userId } = server.createPersonalAccessToken('alice');
  await runCli(['login', '--server', server.url, '--with-token', '--user-id', userId], { env, input: token });
  const kept = await runCli(['logout'], { env });
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout + kept.stderr, /still exists/);
  assert.match(kept.stdout + kept.stderr, /--revoke/);
  assert.deepEqual(server.personalAccessTokens('alice'), ['rc-tray']);

  await runCli(['login', '--server', server.url, '--with-token', '--user-id', userId], { env, input: token });
  const revoked = await runCli(['logout', '--revoke', '--json'], { env });
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.deepEqual(server.personalAccessTokens('alice'), []);
});

test('on a server that offers only single sign-on, login explains how to use a personal access token', async (t) => {
  const { server, env } = await ssoFixture(t, { showFormLogin: false });
  const login = await runCli(['login', '--server', server.url], { env });
  assert.equal(login.code, 3, login.stderr);
  assert.match(login.stderr, /single sign-on/i);
  assert.match(login.stderr, /Fake IdP/);
  assert.match(login.stderr, /Personal Access Tokens/);
  assert.ok(login.stderr.includes(`rc-tray login --server ${server.url} --with-token --user-id`));
});

test('on an SSO-only server a refused password is followed by the same advice', async (t) => {
  const { server, env } = await ssoFixture(t, { showFormLogin: false });
  const login = await runCli(['login', '--server', server.url, '--user', 'sam', '--password-stdin'], { env, input: 'guess\n' });
  assert.equal(login.code, 3);
  assert.match(login.stderr, /Wrong username/);
  assert.match(login.stderr, /--with-token/);
});
