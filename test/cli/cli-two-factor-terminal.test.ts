import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture, loginRequests } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { converse } from '../support/pty';

test('codes as authenticator apps show them ("123 456", "123-456") are accepted; not 6 digits is refused locally', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const code = server.totpCode('bob');
  const spaced = await runCli(['login', '-s', server.url, '-u', 'bob', '--password-stdin', '--code', `${code.slice(0, 3)} ${code.slice(3)}`, '--json'], { env, input: 'bob-password\n' });
  assert.equal(spaced.code, 0, spaced.stdout);

  server.resetRequests();
  for (const wrong of ['12345', 'abc', '1234567']) {
    const refused = await runCli(['login', '-s', server.url, '-u', 'carol', '--password-stdin', '--code', wrong, '--json'], { env, input: 'carol-password\n' });
    assert.equal(refused.code, 5, refused.stdout);
    assert.equal((refused.json().error as { code: string }).code, 'code-malformed');
  }
  assert.equal(loginRequests(server), 0, 'none of the server\'s tries was used');
});

test('on a terminal: a wrong password can be typed again, up to 3 times', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const { code, screen } = await converse(['login', '-s', server.url, '-u', 'alice'], env, [
    { when: /Password for alice: /, type: () => 'nope' },
    { when: /Wrong username, e-?mail or password[\s\S]*Password for alice: /, type: () => 'alice-password' },
  ]);
  assert.equal(code, 0, screen);
  assert.match(screen, /Signed in to .* as Alice/);
  assert.doesNotMatch(screen, /alice-password|nope/);
});

test('on a terminal: a malformed code is refused locally and asked again; Ctrl-C at a prompt says "Cancelled." and exits 130', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  server.resetRequests();
  const { code, screen } = await converse(['login', '-s', server.url, '-u', 'bob'], env, [
    { when: /Password for bob: /, type: () => 'bob-password' },
    { when: /authenticator app.*: /, type: () => '12 34' },
    { when: /6 digits[\s\S]*authenticator app.*: /, type: () => '\u0003' },
  ]);
  assert.equal(code, 130, screen);
  assert.match(screen, /Cancelled\./);
  assert.equal(loginRequests(server), 1, 'only the password step reached the server');

  const atPassword = await converse(['login', '-s', server.url, '-u', 'alice'], env, [{ when: /Password for alice: /, type: () => '\u0003' }]);
  assert.equal(atPassword.code, 130, atPassword.screen);
  assert.match(atPassword.screen, /Cancelled\./);
  assert.doesNotMatch(atPassword.screen, /No password given/);
});

test('on a terminal: the e-mail step names the masked address, and Enter alone right after a code was sent waits instead of mailing another', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const { code, screen } = await converse(['login', '-s', server.url, '-u', 'carol@example.com'], env, [
    { when: /Password for carol@example.com: /, type: () => 'carol-password' },
    { when: /Code we just e-mailed you .*: /, type: () => '' },
    { when: /wait \d+ seconds?[\s\S]*Code .*: /, type: () => server.lastEmailCode('carol')! },
  ]);
  assert.equal(code, 0, screen);
  assert.match(screen, /c•••@example\.com/, 'the e-mail step names the masked address');
});
