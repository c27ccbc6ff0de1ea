import type { Scheduler } from '../session/scheduler';

/** A person changes status a few times a minute; a server sending more than this is coalesced. */
export const MAX_EVENTS_PER_SECOND = 4;

/**
 * Rate-bounds a stream of states where only the newest matters (audit F-14: 300,000 status
 * events became 300,001 printed lines). The first value goes through at once; after it, at most
 * one per interval, and the one delivered is always the latest, so the tray and `--watch` end on
 * the server's last word.
 */
export class LatestOnly<T> {
  private timer?: unknown;
  private waiting?: { value: T };

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly scheduler: Scheduler,
    private readonly intervalMs = 1000 / MAX_EVENTS_PER_SECOND,
  ) {}

  push(value: T): void {
    if (this.timer !== undefined) {
      this.waiting = { value };
      return;
    }
    this.deliver(value);
    this.rest();
  }

  cancel(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private rest(): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) this.push(waiting.value);
    }, this.intervalMs);
  }
}
