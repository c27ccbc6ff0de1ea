import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import { converse } from '../support/pty';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('on a terminal, login with no flags asks for the server and the user, offering the saved ones (Enter takes them)', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const first = await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  assert.equal(first.code, 0, first.stderr);

  const { code, screen } = await converse(['login'], env, [
    { when: new RegExp(`Server \\[${escaped(server.url)}\\]: `), type: () => '' },
    { when: /Username or e-mail \[alice\]: /, type: () => '' },
    { when: /Password for alice: /, type: () => 'alice-password' },
  ]);
  assert.equal(code, 0, screen);
  assert.match(screen, /Signed in to .* as Alice Example \(@alice\)/);
  assert.doesNotMatch(screen, /alice-password/);
});

test('on a terminal: what is typed at the prompts wins over the saved values; with nothing saved, nothing is offered', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const fresh = await converse(['login'], env, [
    { when: /Server: /, type: () => server.url },
    { when: /Username or e-mail: /, type: () => 'alice' },
    { when: /Password for alice: /, type: () => 'alice-password' },
  ]);
  assert.equal(fresh.code, 0, fresh.screen);
  assert.doesNotMatch(fresh.screen, /Server \[/, 'no default server yet');

  // --server given: only the user is asked, offering the one saved for that server.
  const typed = await converse(['login', '-s', server.url], env, [
    { when: /Username or e-mail \[alice\]: /, type: () => 'dave' },
    { when: /Password for dave: /, type: () => 'dave-password' },
  ]);
  assert.equal(typed.code, 0, typed.screen);
  assert.doesNotMatch(typed.screen, /Server/, 'the server was given: not asked');
  assert.match(typed.screen, /as Dave Example \(@dave; replaced @alice\)/);
});

test('Ctrl-C at the server or user prompt says "Cancelled." and exits 130, sending nothing', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  server.resetRequests();
  const atServer = await converse(['login'], env, [{ when: /Server: /, type: () => '\u0003' }]);
  assert.equal(atServer.code, 130, atServer.screen);
  assert.match(atServer.screen, /Cancelled\./);
  const atUser = await converse(['login', '-s', server.url], env, [{ when: /Username or e-mail: /, type: () => '\u0003' }]);
  assert.equal(atUser.code, 130, atUser.screen);
  assert.match(atUser.screen, /Cancelled\./);
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0);
});

test('off a terminal a missing server or user is a usage error naming the flag (nothing is asked)', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });

  const noServer = await runCli(['login', '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  assert.equal(noServer.code, 2);
  assert.match(noServer.stderr, /login needs --server URL\./);
  assert.doesNotMatch(noServer.stderr, /Server \[/);

  const noUser = await runCli(['login', '-s', server.url], { env });
  assert.equal(noUser.code, 2);
  assert.match(noUser.stderr, /login needs --user NAME/);

  const json = await runCli(['login', '--json'], { env });
  assert.equal(json.code, 2);
  assert.deepEqual(json.json().error, { code: 'usage', message: 'login needs --server URL.' });
});
