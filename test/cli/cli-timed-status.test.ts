import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPIRY_REFUSED } from '../../main/cli/commands/set-status';
import { untilPhrase } from '../../main/common/status-timing';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import type { TestServerOptions } from '../server/rocketchat-test-server';

async function cliSignedIn(t: Parameters<typeof engineFixture>[0], server: TestServerOptions = {}) {
  const fixture = await engineFixture(t, { server: { rateLimit: false, ...server } });
  const login = await runCli(['login', '--server', fixture.server.url, '--user', 'alice', '--password-stdin'], { env: fixture.env, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stderr);
  fixture.server.resetRequests();
  return fixture;
}

const HOUR = 3_600_000;
const setStatusCalls = (server: { requests(): Array<{ path: string }> }) => server.requests().filter((r) => r.path === '/api/v1/users.setStatus').length;

test('8.6: set-status busy --for 1h sends expiresAt; status says "busy until 15:30 (then online)"; --json has statusExpiresAt and statusSource', async (t) => {
  const { server, env } = await cliSignedIn(t, { version: '8.6.0' });
  const before = Date.now();
  const set = await runCli(['set-status', 'busy', '--for', '1h', '--json'], { env });
  const after = Date.now();
  assert.equal(set.code, 0, set.stderr);
  const expiresAt = server.user('alice').statusExpiresAt!;
  assert.ok(expiresAt >= before + HOUR && expiresAt <= after + HOUR, 'an hour from when it ran');
  assert.equal(server.user('alice').statusSource, 'manual');
  const setJson = set.json() as { user: { statusExpiresAt: string; statusSource: string; statusAfter: string } };
  assert.equal(setJson.user.statusExpiresAt, new Date(expiresAt).toISOString());
  assert.equal(setJson.user.statusSource, 'manual');
  assert.equal(setJson.user.statusAfter, 'online');

  const human = await runCli(['status'], { env });
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`, busy ${untilPhrase(expiresAt, Date.now())} \\(then online\\)`));
  const json = (await runCli(['status', '--json'], { env })).json() as { user: { statusExpiresAt: string; statusSource: string } };
  assert.equal(json.user.statusExpiresAt, new Date(expiresAt).toISOString());
  assert.equal(json.user.statusSource, 'manual');
});

test('7.x: --for/--until are refused with the reason, and nothing is sent', async (t) => {
  const { server, env } = await cliSignedIn(t, { version: '7.10.1' });
  for (const flags of [['--for', '30m'], ['--until', 'tomorrow']]) {
    const result = await runCli(['set-status', 'busy', ...flags], { env });
    assert.equal(result.code, 1, flags.join(' '));
    assert.equal(result.stderr.trim(), EXPIRY_REFUSED);
  }
  assert.equal(setStatusCalls(server), 0);
  assert.equal(server.user('alice').statusDefault, 'online');
});

test('a duration or time rc-tray cannot read is a usage error before any request', async (t) => {
  const { server, env } = await cliSignedIn(t, { version: '8.6.0' });
  for (const [flag, value, words] of [['--for', '10x', /not a duration/], ['--until', '25:00', /not a time/], ['--for', '0m', /at least one minute/]] as const) {
    const result = await runCli(['set-status', 'busy', flag, value], { env });
    assert.equal(result.code, 2, `${flag} ${value}`);
    assert.match(result.stderr, words);
  }
  const both = await runCli(['set-status', 'busy', '--for', '1h', '--until', '17:30'], { env });
  assert.equal(both.code, 2);
  assert.equal(server.requests().length, 0);
});

test('the server presets: rc-tray statuses lists them, set-status --preset NAME sets one', async (t) => {
  const customStatuses = [{ name: 'In a meeting', statusType: 'busy' as const }, { name: 'Lunch', statusType: 'away' as const }];
  const { server, env } = await cliSignedIn(t, { version: '8.6.0', customStatuses });
  const listed = await runCli(['statuses'], { env });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^Statuses: online, away, busy, invisible\.\nThis server's statuses \(rc-tray set-status --preset NAME\):\n {2}In a meeting \(busy\)\n {2}Lunch \(away\)\n/);
  const json = (await runCli(['statuses', '--json'], { env })).json() as { presets: unknown };
  assert.deepEqual(json.presets, [{ name: 'In a meeting', status: 'busy' }, { name: 'Lunch', status: 'away' }]);

  const set = await runCli(['set-status', '--preset', 'lunch', '--for', '30m'], { env });
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /^Status set to away until .+ \(then online\) — “Lunch”\.$/m);
  assert.equal(server.user('alice').statusDefault, 'away');
  assert.equal(server.user('alice').statusText, 'Lunch');

  const unknown = await runCli(['set-status', '--preset', 'Gym'], { env });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no status called "Gym" \(its statuses: "In a meeting", "Lunch"\)/);
});

test('rc-tray quiet-hours: shown, turned on with days and hours, turned off', async (t) => {
  const { env, engine } = await cliSignedIn(t);
  assert.equal((await runCli(['quiet-hours'], { env })).stdout.trim(), 'Quiet hours are off (when on: weekdays 18:00–09:00, busy with “Outside working hours”).');
  const on = await runCli(['quiet-hours', 'on', '--days', 'mon-thu', '--from', '19:30', '--to', '08:00', '--as', 'invisible', '--message', 'Off work'], { env });
  assert.equal(on.code, 0, on.stderr);
  assert.equal(on.stdout.trim(), 'Quiet hours: Mon, Tue, Wed, Thu 19:30–08:00, invisible with “Off work”. The rc-tray app switches your status at both ends.');
  assert.deepEqual((await engine.settings.read()).quietHours, { enabled: true, days: [1, 2, 3, 4], start: 1170, end: 480, status: 'offline', message: 'Off work', followDesktop: false });
  const bad = await runCli(['quiet-hours', 'on', '--from', '7pm'], { env });
  assert.equal(bad.code, 2);
  const off = await runCli(['quiet-hours', 'off', '--json'], { env });
  assert.equal((off.json() as { quietHours: { enabled: boolean } }).quietHours.enabled, false);
});
