import type { Scheduler } from '../../main/engine/session/scheduler';

/** A clock that moves only when the test says so; `random` is fixed so delays are exact. */
export class FakeScheduler implements Scheduler {
  private time: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  /** `start`: the clock's epoch ms (a chosen local date for calendar tests). */
  constructor(
    private readonly fixedRandom = 0.5,
    start = 1_000_000,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  random(): number {
    return this.fixedRandom;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.at - this.time).sort((a, b) => a - b);
  }

  /**
   * The computer sleeps: the wall clock moves on, but timers (monotonic, as Node's are on Linux)
   * stand still and fire that much later. Code has to notice on wake.
   */
  sleep(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.values()) timer.at += ms;
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}
