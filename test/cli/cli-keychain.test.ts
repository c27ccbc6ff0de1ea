import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { LOCK_KEYRING, inPrivateSession } from '../support/private-keyring';

const json = (output: string) => JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, any>;

test('no Secret Service: login says so before the password is sent, with both ways out (exit 7)', async (t) => {
  const { server, env } = await engineFixture(t);
  for (const [name, extra] of [
    ['no bus', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' }],
  ] as const) {
    const result = await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env: { ...env, ...extra }, input: 'alice-password\n' });
    assert.equal(result.code, 7, `${name}: ${result.stderr}`);
    assert.match(result.stderr, /dbus-run-session/, name);
    assert.match(result.stderr, /gnome-keyring-daemon --unlock/, name);
    assert.match(result.stderr, /--insecure-storage/, name);
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one sentence');
  }
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0, 'the password never left');

  const steps = await inPrivateSession(`echo alice-password | step login login -s "${server.url}" -u alice --password-stdin --json`, env, { keyring: false });
  assert.equal(steps.login!.code, 7, steps.login!.output);
  assert.equal(json(steps.login!.output).error.code, 'keychain-unavailable');
  assert.match(json(steps.login!.output).error.message, /--insecure-storage/);
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0, 'the password never left');
});

test('a locked keychain is not "signed out": status and logout say it is locked (exit 8); logout keeps the token', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const steps = await inPrivateSession(
    [
      `echo alice-password | step login login -s "${server.url}" -u alice --password-stdin --json`,
      LOCK_KEYRING,
      'step status status --json',
      'step statusHuman status',
      'step logout logout --json',
      'step logoutHuman logout',
      `echo alice-password | step relogin login -s "${server.url}" -u alice --password-stdin --json`,
    ].join('\n'),
    env,
  );
  assert.equal(steps.login!.code, 0, steps.login!.output);
  assert.equal(steps.status!.code, 8, steps.status!.output);
  assert.equal(json(steps.status!.output).error.code, 'keychain-locked');
  assert.match(steps.statusHuman!.output, /keychain is locked/);
  assert.match(steps.statusHuman!.output, /unlock/i);
  assert.equal(steps.logout!.code, 8, steps.logout!.output);
  assert.doesNotMatch(steps.logoutHuman!.output, /Signed out/);
  assert.equal(server.tokenCount('alice'), 1, 'the session was not ended behind the person\'s back, nor claimed to be');
  assert.equal(steps.relogin!.code, 8, 'a locked keychain is found before the password is sent');
});

test('a token the server issued but rc-tray could not keep is revoked at once', async (t) => {
  const { server, env, configFolder } = await engineFixture(t);
  const { writeFile } = await import('node:fs/promises');
  // A settings folder that cannot be made (a file in its place): the sign-in cannot be kept.
  await writeFile(`${configFolder}/not-a-folder`, '');
  const result = await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin', '--json'], {
    env: { ...env, RC_TRAY_CONFIG_DIR: `${configFolder}/not-a-folder` },
    input: 'alice-password\n',
  });
  assert.notEqual(result.code, 0, result.stdout);
  assert.ok(server.requests().some((request) => request.path === '/api/v1/login'), 'the server did issue a token');
  assert.equal(server.tokenCount('alice'), 0, 'no valid session is left behind on the server');
});
