import type { Scheduler } from '../engine/session/scheduler';

/** Node fires a longer timeout at once (setTimeout clamps past 2^31-1 ms with a warning). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer to the next moment the tray's words change by the clock (see tray-wording-clock.ts),
 * re-armed after every render, never a poll. Timers stand still while the computer sleeps, so the
 * app also redraws on wake; a timer that fires early (the clock was set back) just re-arms.
 */
export class TrayRedrawTimer {
  private timer?: unknown;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly redraw: () => void,
  ) {}

  /** After a render: wait for `at` (epoch ms), or hold no timer when nothing shown depends on the clock. */
  arm(at: number | undefined): void {
    this.dispose();
    if (at === undefined) return;
    const delay = Math.min(Math.max(0, at - this.scheduler.now()), LONGEST_TIMER_MS);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.redraw();
    }, delay);
  }

  dispose(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
