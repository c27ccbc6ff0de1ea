// `npm run bench`, idle cost with quiet hours on: a whole idle day on a fake clock, so a minute
// (and 1,440 of them) is measured without waiting for it. The engine and the quiet-hours control
// run on the fake clock (every timer runs when it falls due, as it would in a real day); the
// stand-in server's clock is the same one, and it records every HTTP request it receives over
// real loopback sockets, stamped with that clock. So a poll of any period up to a day shows up
// as requests in idle minutes; the boundaries' own requests are counted apart.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SessionState } from '../../main/common/session-state';
import type { QuietHours } from '../../main/common/quiet-hours';
import { createEngine } from '../../main/engine/create-engine';
import { QuietHoursControl } from '../../main/engine/status/quiet-hours-control';
import { startTestServer } from '../server/rocketchat-test-server';
import { FakeScheduler } from '../support/fake-scheduler';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** Counts the timers that ran, so a minute in which something woke up gets time for its I/O. */
class CountingScheduler extends FakeScheduler {
  fired = 0;
  override setTimeout(callback: () => void, ms: number): unknown {
    return super.setTimeout(() => {
      this.fired += 1;
      callback();
    }, ms);
  }
}

/**
 * Lets what a timer started (a settings write, then a request over loopback and its answer)
 * finish before the clock moves on, so a request is stamped with the minute that caused it.
 * Minutes in which no timer ran get only a few turns of the event loop.
 */
async function settle(woke: boolean): Promise<void> {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  if (woke) await new Promise((resolve) => setTimeout(resolve, 300));
}

export interface QuietIdleOptions {
  env: NodeJS.ProcessEnv;
  version: string;
  print(line: string): void;
}

export async function benchQuietIdle({ env, version, print }: QuietIdleOptions): Promise<void> {
  const startedAt = Date.now();
  const clock = new CountingScheduler(0.5, Math.floor(Date.now() / MINUTE) * MINUTE);
  const server = await startTestServer({ rateLimit: false, version, now: () => clock.now() });
  const configFolder = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-bench-quiet-'));
  const engine = createEngine({ env: { ...env, RC_TRAY_CONFIG_DIR: configFolder }, live: true, scheduler: clock });
  try {
    await engine.login(server.url, { user: 'alice', password: 'alice-password' });
    await new Promise<void>((resolve) => {
      const session = engine.session(server.url);
      const live = (state: SessionState) => state.kind === 'signed-in' && state.live === 'live' && state.features !== undefined;
      if (live(session.state)) return resolve();
      const stop = session.onChange((state) => live(state) && (stop(), resolve()));
    });
    // Every day, an hour starting two hours from now: one start and one end in the simulated day.
    const local = new Date(clock.now() + 2 * 60 * MINUTE);
    const start = local.getHours() * 60 + local.getMinutes();
    const hours: QuietHours = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], start, end: (start + 60) % DAY_MINUTES, status: 'busy', message: 'Quiet', followDesktop: false };
    await engine.settings.update((settings) => ({ ...settings, quietHours: hours }));
    const quietHours = new QuietHoursControl({ sessions: () => engine.allSessions(), settings: engine.settings, scheduler: clock });
    await quietHours.reload();
    await settle(true);
    const from = clock.now();
    const boundaries = [from + 2 * 60 * MINUTE, from + 3 * 60 * MINUTE];
    server.resetRequests();
    let wakeMinutes = 0;
    for (let minute = 0; minute < DAY_MINUTES; minute += 1) {
      const fired = clock.fired;
      clock.advance(MINUTE);
      const woke = clock.fired > fired;
      if (woke) wakeMinutes += 1;
      await settle(woke);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last answers in flight
    const http = server.requests().filter((request) => request.transport === 'http');
    const minuteOf = (at: number) => Math.floor((at - from) / MINUTE);
    // A timer due at a boundary runs in the advance that ends on it: its request is stamped that minute.
    const boundaryMinutes = new Set(boundaries.flatMap((at) => [minuteOf(at) - 1, minuteOf(at)]));
    const atBoundaries = http.filter((request) => boundaryMinutes.has(minuteOf(request.at)));
    const idle = http.filter((request) => !boundaryMinutes.has(minuteOf(request.at)));
    const perIdleMinute = new Map<number, number>();
    for (const request of idle) perIdleMinute.set(minuteOf(request.at), (perIdleMinute.get(minuteOf(request.at)) ?? 0) + 1);
    const worst = Math.max(0, ...perIdleMinute.values());
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const named = (requests: typeof http) => [...new Set(requests.map((request) => `${request.method} ${request.path}`))].join(', ') || 'none';
    print(
      `quiet hours on, ${version} server, a simulated idle day (${DAY_MINUTES} minutes on a fake clock, ${seconds} s of wall time): ` +
        `${idle.length} HTTP requests in ${DAY_MINUTES - boundaryMinutes.size} idle minutes (at most ${worst} in any minute; must be 0${idle.length ? `: ${named(idle)}` : ''}); ` +
        `${atBoundaries.length} at the 2 boundaries (${named(atBoundaries)}); timers ran in ${wakeMinutes} minutes`,
    );
    quietHours.dispose();
    await engine.session(server.url).logout();
  } finally {
    engine.dispose();
    await server.close();
    rmSync(configFolder, { recursive: true, force: true });
  }
}
