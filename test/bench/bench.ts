// `npm run bench`: figures and ratios, printed, never asserted (shared machines are noisy).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../main/engine/create-engine';
import type { SessionState } from '../../main/common/session-state';
import { systemScheduler } from '../../main/engine/session/scheduler';
import { QuietHoursControl } from '../../main/engine/status/quiet-hours-control';
import { startTestServer } from '../server/rocketchat-test-server';
import { CLI } from '../support/cli-runner';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CHANGES = Number(process.env.BENCH_STATUS_CHANGES ?? 100);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);

interface Measured {
  ms: number;
  maxRssKb: number;
  code: number | null;
}

function measure(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'print-max-rss.cjs'), ...args], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, maxRssKb: Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) });
    });
    child.stdin.end(input);
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function waitFor(engine: ReturnType<typeof createEngine>, server: string, predicate: (state: SessionState) => boolean): Promise<void> {
  const session = engine.session(server);
  if (predicate(session.state)) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = session.onChange((state) => {
      if (predicate(state)) {
        stop();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  const server = await startTestServer({ rateLimit: false });
  const configFolder = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-bench-'));
  const service = `rc-tray-bench-${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, RC_TRAY_CONFIG_DIR: configFolder, RC_TRAY_KEYCHAIN_SERVICE: service };
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  // 1. Resume at start-up: `rc-tray status` in a fresh process vs. a bare one-request Node script.
  const login = await measure([CLI, 'login', '--server', server.url, '--user', 'alice', '--password-stdin'], env, 'alice-password\n');
  if (login.code !== 0) throw new Error('bench: login failed');
  const bareScript = `require('node:http').get(${JSON.stringify(`${server.url}/api/info`)}, (r) => { r.resume(); r.on('end', () => {}); })`;
  const status: Measured[] = [];
  const bare: Measured[] = [];
  const requestsPerResume: number[] = [];
  const loginAttemptsPerResume: number[] = [];
  await measure([CLI, 'status'], env);
  await measure(['-e', bareScript], env);
  for (let run = 0; run < RUNS; run += 1) {
    server.resetRequests();
    const result = await measure([CLI, 'status'], env);
    if (result.code !== 0) throw new Error(`bench: status failed (exit ${result.code})`);
    requestsPerResume.push(server.requests().length);
    loginAttemptsPerResume.push(server.requests().filter((request) => request.path === '/api/v1/login').length);
    status.push(result);
    bare.push(await measure(['-e', bareScript], env));
  }
  const statusMs = median(status.map((r) => r.ms));
  const bareMs = median(bare.map((r) => r.ms));
  print(`resume (rc-tray status, fresh process): median ${fixed(statusMs)} ms over ${RUNS} runs; bare Node one-request script: ${fixed(bareMs)} ms; ratio ${fixed(statusMs / bareMs, 2)}x`);
  print(`peak memory: rc-tray status ${fixed(median(status.map((r) => r.maxRssKb)) / 1024)} MiB; bare script ${fixed(median(bare.map((r) => r.maxRssKb)) / 1024)} MiB; ratio ${fixed(median(status.map((r) => r.maxRssKb)) / median(bare.map((r) => r.maxRssKb)), 2)}x`);
  print(`requests per resume: ${[...new Set(requestsPerResume)].join(', ')} (must be 1)`);
  print(`login attempts per resume: ${[...new Set(loginAttemptsPerResume)].join(', ')} (must be 0: resume is GET /api/v1/me)`);
  print(`CLI bundle: ${fixed(statSync(CLI).size / 1024, 0)} KiB`);

  // 2. Live presence: a status change on the server → the engine's state.
  const engine = createEngine({ env, live: true });
  await engine.session(server.url).resume();
  await waitFor(engine, server.url, (s) => s.kind === 'signed-in' && s.live === 'live');
  const latencies: number[] = [];
  for (let change = 0; change < CHANGES; change += 1) {
    const target = change % 2 === 0 ? 'busy' : 'away';
    const reached = waitFor(engine, server.url, (s) => s.kind === 'signed-in' && s.user.status === target);
    const started = process.hrtime.bigint();
    server.setStatusFromOtherClient('alice', target);
    await reached;
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  print(`status change → engine state: median ${fixed(median(latencies), 2)} ms, p95 ${fixed(percentile(latencies, 0.95), 2)} ms over ${CHANGES} changes (goal: under 1000 ms)`);

  // 3. Idle cost: no HTTP polling while signed in and live, with quiet hours on (their boundaries are timers).
  const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
  const start = inTwoHours.getHours() * 60 + inTwoHours.getMinutes();
  await engine.settings.update((settings) => ({
    ...settings,
    quietHours: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], start, end: (start + 60) % 1440, status: 'busy', message: 'Quiet', followDesktop: false },
  }));
  const quietHours = new QuietHoursControl({ sessions: () => engine.allSessions(), settings: engine.settings, scheduler: systemScheduler });
  await quietHours.reload();
  server.resetRequests();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const idleHttp = server.requests().filter((request) => request.transport === 'http').length;
  print(`HTTP requests while idle for ${IDLE_SECONDS} s, quiet hours on (next boundary in 2 h): ${idleHttp} (must be 0)`);
  quietHours.dispose();

  await engine.session(server.url).logout();
  engine.dispose();
  await server.close();
}

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
