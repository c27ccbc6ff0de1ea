import type { Scheduler } from '../session/scheduler';
import { systemScheduler } from '../session/scheduler';
import type { ServerSession } from '../session/server-session';

/** Where idle time comes from: Electron's powerMonitor in the app, a fake clock in tests. */
export interface IdleSource {
  systemIdleSeconds(): number;
}

export interface AutoAwayDeps {
  sessions(): Iterable<ServerSession>;
  idle: IdleSource;
  scheduler?: Scheduler;
  /** How often idle time is sampled; local only, it sends nothing unless the answer changes. */
  checkEveryMs?: number;
}

/**
 * Marks each signed-in session away after the user's own idle limit (`idleTimeLimit`), on screen
 * lock and on suspend, and back online on activity. It only ever sets the *connection* away, so a
 * status chosen by hand (busy) stays as it is, exactly as Rocket.Chat's own clients do.
 */
export class AutoAway {
  private locked = false;
  private suspended = false;
  private timer?: unknown;
  private readonly away = new WeakMap<ServerSession, boolean>();
  private readonly scheduler: Scheduler;

  constructor(private readonly deps: AutoAwayDeps) {
    this.scheduler = deps.scheduler ?? systemScheduler;
  }

  start(): void {
    if (this.timer === undefined) this.tick();
  }

  screenLocked(locked: boolean): void {
    this.locked = locked;
    this.evaluate();
  }

  systemSuspended(suspended: boolean): void {
    this.suspended = suspended;
    this.evaluate();
  }

  /** Re-reads idle time now (e.g. right after a session signs in). */
  evaluate(): void {
    const idleSeconds = this.deps.idle.systemIdleSeconds();
    for (const session of this.deps.sessions()) {
      if (session.state.kind !== 'signed-in') {
        this.away.delete(session);
        continue;
      }
      const preference = session.autoAwayPreference;
      const away = preference.enabled && (this.locked || this.suspended || idleSeconds >= preference.idleSeconds);
      if ((this.away.get(session) ?? false) !== away) {
        this.away.set(session, away);
        session.setIdle(away);
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.evaluate();
    this.timer = this.scheduler.setTimeout(() => this.tick(), this.deps.checkEveryMs ?? 5_000);
  }
}
