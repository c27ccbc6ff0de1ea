import type { UserStatus } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Scheduler } from '../session/scheduler';

/** A status change held back by the server's rate limit, and when it goes out (epoch ms). */
export interface StatusWait {
  status?: UserStatus;
  message?: string;
  sendsAt: number;
}

export interface RateLimitedStatusDeps {
  scheduler: Scheduler;
  /** Only a process that stays (the app) waits; the CLI says "wait N seconds" and ends. */
  live: boolean;
  /** The wait to show (the tray says so), or undefined once nothing waits. */
  show(wait: StatusWait | undefined): void;
}

/** A server that keeps refusing after this many waits is not waited for again: the refusal is shown. */
export const MAX_RATE_LIMIT_WAITS = 3;
/** When a 429 names no wait: RC's windows are a minute (`intervalTimeInMS: 60000`). */
const DEFAULT_WAIT_SECONDS = 60;

/**
 * `users.setStatus` under the server's rate limit (develop: 5 a minute, apps/meteor/server/api/v1/
 * users.ts@00e428ca). A 429 waits as long as the body says ("wait N seconds", read-response.ts)
 * and sends again, unless a newer change that covers it was asked meanwhile (the person clicked
 * again: the last click counts, one request instead of a queue that would hit the limit again).
 */
export class RateLimitedStatus {
  private asked = 0;
  /** The newest request that set a status / a message. */
  private latestStatus = 0;
  private latestMessage = 0;
  private shown?: number;
  private readonly waits = new Set<{ timer: unknown; cancel: (error: Error) => void }>();

  constructor(private readonly deps: RateLimitedStatusDeps) {}

  /** Sends with `sendOnce`; resolves `superseded` when a newer change made this one moot. */
  async send(change: { status?: UserStatus; message?: string }, sendOnce: () => Promise<void>): Promise<'sent' | 'superseded'> {
    const ticket = ++this.asked;
    if (change.status !== undefined) this.latestStatus = ticket;
    if (change.message !== undefined) this.latestMessage = ticket;
    for (let waits = 0; ; waits += 1) {
      try {
        await sendOnce();
        if (this.shown !== undefined && this.shown <= ticket) this.showNothing();
        return 'sent';
      } catch (error) {
        if (!this.deps.live || !(error instanceof SignInFailure) || error.code !== 'rate-limited' || waits >= MAX_RATE_LIMIT_WAITS) {
          if (this.shown === ticket) this.showNothing();
          throw error;
        }
        const ms = (error.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
        this.shown = ticket;
        this.deps.show({ ...change, sendsAt: this.deps.scheduler.now() + ms });
        await this.wait(ms);
        if (this.supersedes(ticket, change)) return 'superseded';
      }
    }
  }

  /** Signed out or in again: nothing waiting is sent. */
  cancel(): void {
    const error = new SignInFailure(signInError('not-signed-in'));
    for (const wait of [...this.waits]) {
      this.deps.scheduler.clearTimeout(wait.timer);
      wait.cancel(error);
    }
    this.waits.clear();
    this.shown = undefined;
  }

  private supersedes(ticket: number, change: { status?: UserStatus; message?: string }): boolean {
    return (change.status === undefined || this.latestStatus > ticket) && (change.message === undefined || this.latestMessage > ticket);
  }

  private showNothing(): void {
    this.shown = undefined;
    this.deps.show(undefined);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const wait = {
        timer: this.deps.scheduler.setTimeout(() => {
          this.waits.delete(wait);
          resolve();
        }, ms),
        cancel: reject,
      };
      this.waits.add(wait);
    });
  }
}
