// `npm run bench`: figures and ratios, printed, never asserted (shared machines are noisy).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../main/engine/create-engine';
import type { SessionState } from '../../main/common/session-state';
import { systemScheduler } from '../../main/engine/session/scheduler';
import { QuietHoursControl } from '../../main/engine/status/quiet-hours-control';
import { startTestServer } from '../server/rocketchat-test-server';
import { benchCliStartup } from './cli-startup';
import { fixed, median, percentile } from './measure';
import { benchQuietIdle } from './quiet-idle';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CHANGES = Number(process.env.BENCH_STATUS_CHANGES ?? 100);
/** A wall-clock idle window as well (0: none; the simulated day of quiet-idle.ts needs no waiting). */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 0);

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

  // 1. Resume at start-up: `rc-tray status` in a fresh process vs. two bare scripts (cli-startup.ts).
  await benchCliStartup({ server, env, service, rounds: RUNS, print });

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

  // 3. Idle cost with quiet hours on: a simulated idle day on a fake clock, requests counted at
  // the stand-in (quiet-idle.ts); 8.6 ends the window itself, 7.x gets the app's restore.
  for (const version of ['8.6.0', '7.10.1']) await benchQuietIdle({ env, version, print });
  if (IDLE_SECONDS > 0) {
    // The same on the wall clock, for whoever wants to watch a real idle window.
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
    print(`HTTP requests while idle for ${IDLE_SECONDS} s of wall time, quiet hours on (next boundary in 2 h): ${idleHttp} (must be 0)`);
    quietHours.dispose();
  }

  await engine.session(server.url).logout();
  engine.dispose();
  await server.close();
}

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
