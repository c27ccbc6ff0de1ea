import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';

const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
const noStack = (text: string) => assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+/);

test('--version, -V and `version` print the version and exit 0', async () => {
  for (const args of [['--version'], ['-V'], ['version']]) {
    const result = await runCli(args, { env: process.env });
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout.trim(), `rc-tray ${VERSION}`);
  }
});

test('each command has its own help: its flags, each described, and examples', async () => {
  const login = await runCli(['login', '--help'], { env: process.env });
  assert.equal(login.code, 0);
  assert.match(login.stdout, /^Usage: rc-tray login/m);
  for (const flag of ['-s, --server URL', '-u, --user NAME', '--password-stdin', '--code CODE', '--insecure-storage', '--json', '-h, --help']) {
    const line = login.stdout.split("\n").find((each) => each.trimStart().startsWith(flag));
    assert.ok(line, `login --help lists ${flag}:\n${login.stdout}`);
    assert.match(line, new RegExp(`${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s{2,}\\S`), `${flag} has a description`);
  }
  assert.match(login.stdout, /Examples:\n {2}rc-tray login /);
  assert.doesNotMatch(login.stdout, /--watch/, 'only its own flags');

  const status = await runCli(['status', '-h'], { env: process.env });
  assert.equal(status.code, 0);
  assert.match(status.stdout, /^Usage: rc-tray status/m);
  assert.match(status.stdout, /--watch\s{2,}\S/);
  assert.match(status.stdout, /Examples:/);

  const viaHelp = await runCli(['help', 'logout'], { env: process.env });
  assert.equal(viaHelp.code, 0);
  assert.match(viaHelp.stdout, /^Usage: rc-tray logout/m);
  assert.match(viaHelp.stdout, /--all\s{2,}\S/);

  const global = await runCli(['--help'], { env: process.env });
  assert.equal(global.code, 0);
  for (const command of ['login', 'status', 'set-status', 'logout', 'switch']) assert.match(global.stdout, new RegExp(`^ {2}${command}\\s`, 'm'));
  assert.match(global.stdout, /Exit codes/);
  assert.match(global.stdout, /RC_TRAY_CONFIG_DIR/);
});

test('a mistyped command gets "did you mean", in rc-tray\'s own words', async () => {
  const typo = await runCli(['stauts'], { env: process.env });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /Unknown command "stauts"\. Did you mean "rc-tray status"\?/);
  assert.match(typo.stderr, /rc-tray --help/);
  const far = await runCli(['frobnicate'], { env: process.env });
  assert.equal(far.code, 2);
  assert.doesNotMatch(far.stderr, /Did you mean/);
  noStack(typo.stderr + far.stderr);
});

test('unknown and incomplete flags are said plainly, with a suggestion; never Node\'s parser text', async () => {
  const bogus = await runCli(['status', '--bogus'], { env: process.env });
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /^"rc-tray status" has no flag --bogus\./m);
  assert.match(bogus.stderr, /rc-tray status --help/);
  assert.doesNotMatch(bogus.stderr, /positional argument|place it at the end/);

  const near = await runCli(['status', '--wacth'], { env: process.env });
  assert.match(near.stderr, /Did you mean --watch\?/);

  const other = await runCli(['status', '--user', 'x'], { env: process.env });
  assert.equal(other.code, 2);
  assert.match(other.stderr, /"rc-tray status" has no flag --user/);

  const missing = await runCli(['status', '--server'], { env: process.env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^--server needs a value: --server URL\./m);

  const flagAsValue = await runCli(['status', '--server', '--json'], { env: process.env });
  assert.equal(flagAsValue.code, 2);
  assert.match(flagAsValue.stdout + flagAsValue.stderr, /--server needs a value/);

  const extra = await runCli(['status', 'hunter2'], { env: process.env });
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /"rc-tray status" takes no arguments/);
  assert.doesNotMatch(extra.stderr, /hunter2/, 'a stray argument may be a mistyped password: never echoed');
  noStack(bogus.stderr + missing.stderr + extra.stderr);
});

test('usage errors are JSON under --json', async () => {
  const result = await runCli(['stauts', '--json'], { env: process.env });
  assert.equal(result.code, 2);
  const report = result.json();
  assert.equal(report.state, 'error');
  assert.deepEqual(Object.keys(report.error as object).sort(), ['code', 'message']);
  assert.equal((report.error as { code: string }).code, 'usage');
  assert.match((report.error as { message: string }).message, /Did you mean "rc-tray status"/);
  assert.equal(result.stderr, '');

  const flag = await runCli(['status', '--bogus', '--json'], { env: process.env });
  assert.equal(flag.code, 2);
  assert.equal((flag.json().error as { code: string }).code, 'usage');
});

test('short flags -s and -u work as --server and --user; --flag=value too', async (t) => {
  const { server, env } = await engineFixture(t);
  const login = await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin', '--json'], { env, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stdout + login.stderr);
  assert.equal(login.json().state, 'signed-in');
  const status = await runCli(['status', `--server=${server.url}`, '--json'], { env });
  assert.equal(status.code, 0, status.stderr);
  assert.equal(status.json().state, 'signed-in');
  const short = await runCli(['status', '-s', server.url, '--json'], { env });
  assert.equal(short.code, 0, short.stderr);
});
