import { DEFAULT_QUIET_HOURS, nextBoundary, quietWindowAt, type QuietHours } from '../../common/quiet-hours';
import type { DoNotDisturbSource } from '../presence/do-not-disturb';
import type { Scheduler } from '../session/scheduler';
import type { ServerSession } from '../session/server-session';
import type { SettingsStore } from '../settings/settings-store';

export interface QuietHoursDeps {
  sessions(): Iterable<ServerSession>;
  settings: SettingsStore;
  scheduler: Scheduler;
  doNotDisturb?: DoNotDisturbSource;
  /** The setting changed (the tray shows it). */
  onChange?: (hours: QuietHours) => void;
}

/**
 * Quiet hours in the app: at each boundary (one timer to the next, never a poll) every signed-in
 * session gets the quiet status until the window's end (8.6+: `expiresAt`, so the server restores
 * it even if the computer sleeps; older servers: the app's own restore). A window is applied once
 * per server, so a status set by hand meanwhile wins until the next boundary. Optionally the
 * desktop's do-not-disturb does the same while it is on.
 */
export class QuietHoursControl {
  private hours: QuietHours = DEFAULT_QUIET_HOURS;
  private timer?: unknown;
  private desktopQuiet = false;
  private stopWatching?: () => void;
  private readonly applying = new Map<string, Promise<void>>();
  private disposed = false;

  constructor(private readonly deps: QuietHoursDeps) {}

  get current(): QuietHours {
    return this.hours;
  }

  /** Reads the setting (at start, and whenever the settings file changed: the tray or `rc-tray quiet-hours`). */
  async reload(): Promise<void> {
    const saved = (await this.deps.settings.read()).quietHours ?? DEFAULT_QUIET_HOURS;
    if (this.disposed) return;
    const before = this.hours;
    this.hours = saved;
    if (JSON.stringify(before) !== JSON.stringify(saved)) {
      if (before.enabled && !saved.enabled) await this.forEachSession((session) => session.endTimedStatus('quiet-hours'));
      this.followDesktop(saved.followDesktop);
      this.deps.onChange?.(saved);
    }
    await this.evaluate();
  }

  /** A session signed in, or the computer woke up: apply what the clock says now. */
  async evaluate(): Promise<void> {
    if (this.disposed) return;
    this.schedule();
    const now = this.deps.scheduler.now();
    const window = quietWindowAt(this.hours, now);
    const applied = (await this.deps.settings.read()).quietHoursApplied ?? {};
    await this.forEachSession(async (session) => {
      const server = session.server;
      if (this.applying.has(server)) return;
      if (window && applied[server] !== window.end) {
        await this.apply(session, () => session.setStatus({ status: this.hours.status, message: this.hours.message, expiresAt: window.end, reason: 'quiet-hours' }), window.end);
      } else if (!window && this.desktopQuiet && !session.timedStatus) {
        await this.apply(session, () => session.setStatus({ status: this.hours.status, message: this.hours.message, reason: 'do-not-disturb' }));
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private apply(session: ServerSession, set: () => Promise<unknown>, windowEnd?: number): Promise<void> {
    const running = this.applyNow(session, set, windowEnd);
    this.applying.set(session.server, running);
    return running;
  }

  private async applyNow(session: ServerSession, set: () => Promise<unknown>, windowEnd?: number): Promise<void> {
    try {
      await set();
      if (windowEnd !== undefined) {
        await this.deps.settings.update((settings) => ({ ...settings, quietHoursApplied: { ...settings.quietHoursApplied, [session.server]: windowEnd } }));
      }
    } catch {
      // Not applied (offline, refused): the next sign-in, wake or boundary tries again.
    } finally {
      this.applying.delete(session.server);
    }
  }

  private followDesktop(follow: boolean): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    const source = this.deps.doNotDisturb;
    // Not gated on `availability`: a notification server may answer only after this (probe), and
    // an unavailable source's watch reports nothing.
    if (!follow || !source) {
      this.desktopQuiet = false;
      return;
    }
    this.stopWatching = source.watch((on) => {
      this.desktopQuiet = on;
      if (on) void this.evaluate();
      // After a change still being sent (do-not-disturb toggled quickly), so there is something to end.
      else void this.forEachSession(async (session) => {
        await this.applying.get(session.server);
        await session.endTimedStatus('do-not-disturb');
      });
    });
  }

  private async forEachSession(each: (session: ServerSession) => Promise<unknown>): Promise<void> {
    const signedIn = [...this.deps.sessions()].filter((session) => session.state.kind === 'signed-in');
    await Promise.all(signedIn.map((session) => each(session).catch(() => undefined)));
  }

  private schedule(): void {
    this.clearTimer();
    const next = nextBoundary(this.hours, this.deps.scheduler.now());
    if (next === undefined) return;
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.evaluate();
    }, next - this.deps.scheduler.now());
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
