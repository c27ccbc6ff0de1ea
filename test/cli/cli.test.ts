import { execFile } from 'node:child_process';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { secretToolItems } from '../support/secret-tool';

test('login → status after a restart (one request) → logout → status signed out', async (t) => {
  const { server, env, keychainService } = await engineFixture(t);
  const login = await runCli(['login', '--server', server.url, '--user', 'alice', '--password-stdin', '--json'], { env, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stderr);
  const report = login.json();
  assert.equal(report.state, 'signed-in');
  assert.equal(report.server, server.url);
  const user = report.user as Record<string, string>;
  assert.deepEqual(Object.keys(user).sort(), ['avatarUrl', 'chosenStatus', 'id', 'name', 'status', 'statusText', 'username']);
  assert.equal(user.status, 'offline', 'what others see: no client is connected');
  assert.equal(user.username, 'alice');
  assert.equal((await secretToolItems(keychainService)).length, 1);

  server.resetRequests();
  const status = await runCli(['status', '--json'], { env });
  assert.equal(status.code, 0, status.stderr);
  assert.equal(status.json().state, 'signed-in');
  assert.equal(server.requests().length, 1);

  const human = await runCli(['status'], { env });
  assert.equal(human.code, 0);
  assert.match(human.stdout, /Signed in to http:\/\/127\.0\.0\.1:\d+ as Alice Example \(@alice\)/);
  // No live connection in a one-shot command: Rocket.Chat shows the user offline; say both.
  assert.match(human.stdout, /, online \(others see offline until a Rocket\.Chat client, such as the rc-tray app, is connected\)\./);
  assert.equal((status.json().user as { chosenStatus: string }).chosenStatus, 'online');

  const logout = await runCli(['logout', '--json'], { env });
  assert.equal(logout.code, 0, logout.stderr);
  assert.equal(logout.json().state, 'signed-out');
  assert.equal(server.tokenCount('alice'), 0);
  assert.deepEqual(await secretToolItems(keychainService), []);

  const after = await runCli(['status', '--json'], { env });
  assert.equal(after.code, 3);
  assert.equal(after.json().state, 'signed-out');
});

test('exit codes and JSON for each kind of failure', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: { limit: 3, windowMs: 60_000 } } });
  const login = (user: string, password: string, extra: string[] = []) =>
    runCli(['login', '--server', server.url, '--user', user, '--password-stdin', '--json', ...extra], { env, input: `${password}\n` });

  const wrong = await login('alice', 'wrong');
  assert.equal(wrong.code, 3);
  assert.deepEqual(wrong.json().error, { code: 'invalid-credentials', message: 'Wrong username, email or password.' });
  assert.equal(wrong.json().state, 'error');

  const totp = await login('bob', 'bob-password');
  assert.equal(totp.code, 5);
  assert.equal(totp.json().state, 'needs-2fa');
  assert.deepEqual(totp.json().twoFactor, { method: 'totp', codeSent: false });

  const limited = await login('alice', 'alice-password');
  const again = limited.code === 6 ? limited : await login('alice', 'alice-password');
  assert.equal(again.code, 6);
  assert.equal((again.json().error as { code: string }).code, 'rate-limited');
  assert.ok((again.json().error as { retryAfterSeconds: number }).retryAfterSeconds > 0);

  const unreachable = await runCli(['login', '--server', 'http://127.0.0.1:1', '--user', 'a', '--password-stdin', '--json'], { env, input: 'x\n' });
  assert.equal(unreachable.code, 4);
  assert.equal((unreachable.json().error as { code: string }).code, 'unreachable');

  const insecure = await runCli(['login', '--server', 'http://chat.example.com', '--user', 'a', '--password-stdin'], { env, input: 'x\n' });
  assert.equal(insecure.code, 2);
  assert.match(insecure.stderr, /Refusing to send a password over plain http/);
});

test('two-factor from a script: --code, and the e-mail flow across two runs', async (t) => {
  const { server, env } = await engineFixture(t);
  const bob = await runCli(['login', '--server', server.url, '--user', 'bob', '--password-stdin', '--code', server.totpCode('bob'), '--json'], { env, input: 'bob-password\n' });
  assert.equal(bob.code, 0, bob.stdout + bob.stderr);

  const first = await runCli(['login', '--server', server.url, '--user', 'carol', '--password-stdin', '--json'], { env, input: 'carol-password\n' });
  assert.equal(first.code, 5);
  assert.deepEqual(first.json().twoFactor, { method: 'email', codeSent: true });
  const wrongCode = await runCli(['login', '--server', server.url, '--user', 'carol', '--password-stdin', '--code', '000001', '--json'], { env, input: 'carol-password\n' });
  assert.equal(wrongCode.code, 5);
  assert.equal((wrongCode.json().error as { code: string }).code, 'totp-invalid');
  const second = await runCli(['login', '--server', server.url, '--user', 'carol', '--password-stdin', '--code', server.lastEmailCode('carol')!, '--json'], { env, input: 'carol-password\n' });
  assert.equal(second.code, 0, second.stdout);
});

test('status keeps the session when the server is down (exit 4), and drops it when revoked (exit 3)', async (t) => {
  const { server, env, tokens } = await engineFixture(t);
  await runCli(['login', '--server', server.url, '--user', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  server.addFault({ path: '/api/v1/me', status: 503, body: 'down' });
  const down = await runCli(['status'], { env });
  assert.equal(down.code, 4);
  assert.match(down.stderr, /Your session is kept/);
  assert.ok(await tokens.get(server.url));

  server.clearFaults();
  server.revokeTokens('alice');
  const expired = await runCli(['status', '--json'], { env });
  assert.equal(expired.code, 3);
  assert.equal((expired.json().error as { code: string }).code, 'session-expired');
  assert.equal(await tokens.get(server.url), undefined);
});

test('usage errors: never a password argument, never a stack trace', async (t) => {
  const { server, env } = await engineFixture(t);
  const withPassword = await runCli(['login', '--server', server.url, '--user', 'alice', '--password', 'alice-password'], { env });
  assert.equal(withPassword.code, 2);
  assert.match(withPassword.stderr, /never accepted as arguments/);
  const noTerminal = await runCli(['login', '--server', server.url, '--user', 'alice'], { env });
  assert.equal(noTerminal.code, 2);
  assert.match(noTerminal.stderr, /--password-stdin/);
  const unknown = await runCli(['frobnicate'], { env });
  assert.equal(unknown.code, 2);
  const badStatus = await runCli(['set-status', 'sleepy'], { env });
  assert.equal(badStatus.code, 2);
  const help = await runCli(['--help'], { env });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes/);

  const noBus = await runCli(['status', '--server', server.url, '--json'], { env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' } });
  assert.equal(noBus.code, 7, 'keychain unavailable has its own exit code, not 1 (unexpected)');
  assert.equal((noBus.json().error as { code: string }).code, 'keychain-unavailable');
  for (const output of [withPassword, noTerminal, unknown, noBus]) assert.doesNotMatch(output.stdout + output.stderr, /\n\s+at .+:\d+:\d+/);
});

test('after a build, `npx rc-tray` runs the package bin', async () => {
  const root = path.resolve(__dirname, '../..');
  const output = await new Promise<string>((resolve, reject) =>
    execFile('npx', ['--no-install', 'rc-tray', '--help'], { cwd: root, timeout: 30_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  assert.match(output, /^Usage: rc-tray <command>/m);
});
