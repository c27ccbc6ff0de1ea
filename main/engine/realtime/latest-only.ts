import type { Scheduler } from '../session/scheduler';

/** A person changes status a few times a minute; beyond this many events a second, they are coalesced. */
export const MAX_EVENTS_PER_SECOND = 8;
const WINDOW_MS = 1000;

/**
 * Rate-bounds a stream of states where only the newest matters (audit F-14: 300,000 status
 * events became 300,001 printed lines). Up to MAX_EVENTS_PER_SECOND go through at once, as
 * before; beyond that, values wait and only the latest is delivered when the window allows, so
 * the tray and `--watch` always end on the server's last word. A value equal to the last one
 * delivered is no change and is dropped.
 */
export class LatestOnly<T> {
  private readonly delivered: number[] = [];
  private timer?: unknown;
  private waiting?: { value: T };
  private lastDelivered?: string;

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly scheduler: Scheduler,
    private readonly perSecond = MAX_EVENTS_PER_SECOND,
  ) {}

  push(value: T): void {
    const key = JSON.stringify(value);
    if (this.timer === undefined && key === this.lastDelivered) return;
    const now = this.scheduler.now();
    while (this.delivered.length > 0 && now - this.delivered[0]! >= WINDOW_MS) this.delivered.shift();
    if (this.timer !== undefined || this.delivered.length >= this.perSecond) {
      this.waiting = { value };
      this.timer ??= this.scheduler.setTimeout(() => this.flush(), Math.max(1, WINDOW_MS - (now - this.delivered[0]!)));
      return;
    }
    this.delivered.push(now);
    this.lastDelivered = key;
    this.deliver(value);
  }

  cancel(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.push(waiting.value);
  }
}
