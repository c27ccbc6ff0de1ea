import type { SessionState, UserSummary } from '../../common/session-state';
import { isTransient, SignInFailure } from '../../common/sign-in-error';
import type { SettingsStore } from '../settings/settings-store';
import { entryFor, restoreDecision, sameEntry, stillAsSet, withoutEntry, type TimedStatus } from '../status/timed-status';
import type { Scheduler } from './scheduler';

/** A restore the server did not take (offline, timeout) is tried again after this long. */
export const RESTORE_RETRY_MS = 60_000;

export interface TimedRestoreDeps {
  server: string;
  settings: SettingsStore;
  scheduler: Scheduler;
  state(): SessionState;
  /** Puts `entry.restore` back on the server. */
  restore(entry: TimedStatus): Promise<void>;
  /** The entry changed (set, restored, dropped): show it. */
  changed(): void;
}

/**
 * One session's status-for-a-while bookkeeping, kept in settings so a restart or sleep keeps it:
 * a timer (never a poll) to the end, a check on wake, and the entry dropped as soon as the
 * status is seen changed by anyone else.
 */
export class TimedRestore {
  private entry?: TimedStatus;
  private timer?: unknown;
  private generation = 0;
  /** Stopped (signed out, disposed) until the next load: nothing more is written. */
  private stopped = false;

  constructor(private readonly deps: TimedRestoreDeps) {}

  get current(): TimedStatus | undefined {
    return this.entry;
  }

  /** After a sign-in: pick up what an earlier run left, and act on it if its time came meanwhile. */
  async load(userId: string): Promise<void> {
    this.stopped = false;
    const generation = this.generation;
    const settings = await this.deps.settings.read();
    if (generation !== this.generation) return;
    this.entry = entryFor(settings.timedStatuses, this.deps.server, userId);
    this.deps.changed();
    await this.check();
  }

  /** Replaces this user's entry (undefined: a status set by hand, which wins). */
  async record(userId: string, entry: TimedStatus | undefined): Promise<void> {
    this.clearTimer();
    this.entry = entry;
    await this.deps.settings.update((settings) => {
      const others = withoutEntry(settings.timedStatuses, this.deps.server, userId);
      const timedStatuses = entry ? [...others, entry] : others;
      return { ...settings, timedStatuses };
    });
    this.schedule();
  }

  /** The status as seen now (stream, refresh, own change): anything other than what was set ends the entry. */
  observed(user: UserSummary): void {
    const entry = this.entry;
    if (entry && !stillAsSet(entry, user) && !this.stopped) void this.record(entry.userId, undefined).then(() => this.deps.changed(), () => undefined);
  }

  /** Due now? (the timer, a wake from sleep, a sign-in). */
  async check(): Promise<void> {
    const entry = this.entry;
    const state = this.deps.state();
    if (!entry || state.kind !== 'signed-in') return;
    const decision = restoreDecision(entry, state.user, this.deps.scheduler.now());
    if (decision === 'wait') {
      this.schedule();
      return;
    }
    await this.settle(entry, decision);
  }

  /** Ends an entry of this kind early (quiet hours turned off, the desktop's do-not-disturb ended). */
  async end(reason: TimedStatus['reason']): Promise<void> {
    const entry = this.entry;
    const state = this.deps.state();
    if (!entry || entry.reason !== reason || state.kind !== 'signed-in') return;
    await this.settle(entry, stillAsSet(entry, state.user) ? 'restore' : 'drop');
  }

  private async settle(entry: TimedStatus, decision: 'restore' | 'drop'): Promise<void> {
    // Another rc-tray process (a second app, `status --watch`) may hold the same entry: one restores.
    // Under the lock the restore is sent and only then the entry removed: a network fault or a
    // timeout keeps it, to try again shortly (or at the next wake or sign-in).
    const outcome = await this.deps.settings.exclusive(`status-restore:${this.deps.server}`, async () => {
      const saved = entryFor((await this.deps.settings.read()).timedStatuses, this.deps.server, entry.userId);
      if (!saved || !sameEntry(saved, entry)) return 'gone';
      if (decision === 'restore') {
        try {
          await this.deps.restore(entry);
        } catch (error) {
          // Refused for good (the server said no, the session ended): nothing to try again.
          if (error instanceof SignInFailure && isTransient(error.code)) return 'failed';
        }
      }
      await this.record(entry.userId, undefined);
      return 'done';
    });
    if (outcome === 'gone') this.entry = undefined;
    if (outcome === 'failed') this.retrySoon();
    this.deps.changed();
  }

  private retrySoon(): void {
    this.clearTimer();
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.check().catch(() => undefined);
    }, RESTORE_RETRY_MS);
  }

  stop(): void {
    this.generation += 1;
    this.stopped = true;
    this.clearTimer();
    this.entry = undefined;
  }

  /** Only the app's own restores need a timer; the server ends its own (8.6+). */
  private schedule(): void {
    this.clearTimer();
    const entry = this.entry;
    if (!entry || entry.restoreBy !== 'app' || entry.expiresAt === undefined) return;
    const delay = Math.max(0, entry.expiresAt - this.deps.scheduler.now());
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.check().catch(() => undefined);
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
