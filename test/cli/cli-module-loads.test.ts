// Issue 9 §4: a command loads only what it uses. The built CLI runs in a child process with a
// recorder preloaded (test/support/record-module-loads.cjs), and the test reads what it loaded:
// one-shot commands never load `ws` (no live connection) nor undici (Node's fetch, which axios's
// fetch adapter and FormData probe would pull in); `status --watch` and a DDP sign-in do load
// `ws`. Wall time is `npm run bench`'s job, never asserted here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { CLI } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';

const RECORDER = path.resolve(__dirname, '../support/record-module-loads.cjs');
const UNDICI = 'internal/deps/undici/undici';

interface Loads {
  code: number | null;
  stdout: string;
  builtins: Set<string>;
  /** Packages whose files came from node_modules, by name. */
  packages: Set<string>;
}

function packagesOf(files: string[]): Set<string> {
  const names = files.map((file) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]).filter((name): name is string => name !== undefined);
  return new Set(names.map((name) => name.replace(/\\/g, '/')));
}

/** Runs `node --require recorder ARGS`; `until` may stop a long-running command (SIGINT) once its output says so. */
async function runRecorded(t: TestContext, args: string[], env: NodeJS.ProcessEnv, options: { input?: string; until?: (stdout: string) => boolean } = {}): Promise<Loads> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-loads-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const record = path.join(folder, 'loads.json');
  const child = spawn(process.execPath, ['--require', RECORDER, ...args], { env: { ...env, RC_TRAY_TEST_MODULE_LOADS: record }, stdio: ['pipe', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.until?.(stdout)) child.kill('SIGINT');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  const recorded = JSON.parse(await readFile(record, 'utf8').catch(() => `{"error": ${JSON.stringify(`no record; stderr: ${stderr}`)}}`)) as { builtins?: string[]; files?: string[]; error?: string };
  assert.ok(recorded.builtins && recorded.files, recorded.error);
  return { code, stdout, builtins: new Set(recorded.builtins), packages: packagesOf(recorded.files) };
}

const signIn = (server: string) => [CLI, 'login', '--server', server, '--user', 'alice', '--password-stdin'];

test('the recorder sees undici when a process reads FormData, and a package when one is required (so the other tests can fail)', async (t) => {
  // What axios's FormData probe did at load (axios lib/utils.js): reading the global is enough.
  const fetchTouched = await runRecorded(t, ['-e', 'typeof FormData'], process.env);
  assert.ok(fetchTouched.builtins.has(UNDICI), `Node ${process.version} loads FormData and fetch from ${UNDICI}`);
  const nothing = await runRecorded(t, ['-e', '0'], process.env);
  assert.ok(!nothing.builtins.has(UNDICI), 'a bare Node does not load undici');
  const ws = await runRecorded(t, ['-e', `require(${JSON.stringify(require.resolve('ws'))})`], process.env);
  assert.ok(ws.packages.has('ws'));
});

test('one-shot commands load neither ws nor undici; status --watch loads ws for its live connection', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });

  const login = await runRecorded(t, signIn(server.url), env, { input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stdout);
  const status = await runRecorded(t, [CLI, 'status'], env);
  assert.equal(status.code, 0);
  assert.match(status.stdout, /Signed in to .* as Alice Example/);
  const setStatus = await runRecorded(t, [CLI, 'set-status', 'busy', '--message', 'Deep work'], env);
  assert.equal(setStatus.code, 0);
  for (const [name, run] of Object.entries({ login, status, 'set-status': setStatus })) {
    assert.ok(run.packages.has('keytar'), `${name} reads the keychain (the recorder sees packages)`);
    assert.ok(!run.packages.has('ws'), `${name} holds no live connection, so it does not load ws`);
    assert.ok(!run.builtins.has(UNDICI), `${name} sends through Node's http, so it does not load undici`);
    assert.ok(!run.builtins.has('http2'), `${name} speaks HTTP/1.1, so it does not load http2`);
  }
  // login asks the Secret Service whether a token can be kept before sending the password (dbus-send);
  // a command that finds its token asks nothing more.
  for (const [name, run] of Object.entries({ status, 'set-status': setStatus })) assert.ok(!run.builtins.has('child_process'), `${name} runs no dbus-send`);

  const watch = await runRecorded(t, [CLI, 'status', '--watch', '--json'], env, { until: (stdout) => /"connection":"live"/.test(stdout) });
  assert.equal(watch.code, 0);
  assert.match(watch.stdout, /"connection":"live"/);
  assert.ok(watch.packages.has('ws'), 'status --watch holds a live connection over ws');
  assert.ok(!watch.builtins.has(UNDICI));
});

test('--help, --version and a mistyped command load no engine: no axios (no http), no keychain, no ws', async (t) => {
  for (const args of [['--help'], ['--version'], ['status', '--help'], ['statsu']]) {
    const run = await runRecorded(t, [CLI, ...args], process.env);
    assert.ok(run.code === 0 || args[0] === 'statsu', `${args.join(' ')} exits ${run.code}`);
    for (const name of ['keytar', 'ws']) assert.ok(!run.packages.has(name), `${args.join(' ')} does not load ${name}`);
    for (const name of ['http', 'https', UNDICI]) assert.ok(!run.builtins.has(name), `${args.join(' ')} does not load ${name}`);
  }
});

test('a password sign-in that needs DDP (a refusal from Rocket.Chat 9.0) loads ws, from node_modules', async (t) => {
  const { server, env } = await engineFixture(t, { server: { version: '9.0.0', rateLimit: false } });
  // 9.0's REST login refuses without a reason, so rc-tray asks again over DDP, which keeps it.
  const login = await runRecorded(t, [...signIn(server.url), '--json'], env, { input: 'not-her-password\n' });
  assert.match(login.stdout, /"code":"invalid-credentials"/);
  assert.ok(login.packages.has('ws'));
  assert.ok(!login.builtins.has(UNDICI));
});
