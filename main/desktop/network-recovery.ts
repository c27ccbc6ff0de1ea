import type { Scheduler } from '../engine/session/scheduler';

export interface NetworkRecoveryDeps {
  isOnline(): boolean;
  /** Called once each time the network comes back (offline → online). */
  onBack(): void;
  scheduler: Scheduler;
  checkEveryMs?: number;
}

/**
 * Electron's main process has no "online" event, so connectivity is sampled: a local check
 * (`net.isOnline`), sending nothing. Only the offline → online edge triggers a retry.
 */
export class NetworkRecovery {
  private online: boolean;
  private timer?: unknown;
  private stopped = false;

  constructor(private readonly deps: NetworkRecoveryDeps) {
    this.online = deps.isOnline();
  }

  start(): void {
    this.schedule();
  }

  /** Samples now (also called by the timer). */
  check(): void {
    const online = this.deps.isOnline();
    const cameBack = online && !this.online;
    this.online = online;
    if (cameBack) this.deps.onBack();
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.check();
      this.schedule();
    }, this.deps.checkEveryMs ?? 5_000);
  }
}
