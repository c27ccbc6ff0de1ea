import type { BackoffPolicy } from '../../common/backoff';
import type { SignInError } from '../../common/sign-in-error';
import { isLockout, RetryPolicy } from './retry-policy';
import type { Scheduler } from './scheduler';

/**
 * The offline session's next automatic resume: one timer, delays from the {@link RetryPolicy}.
 * After a lockout or a rate limit, nothing automatic (not even "network back") goes sooner.
 */
export class ResumeRetry {
  private timer?: unknown;
  private readonly policy: RetryPolicy;
  private notBefore = 0;

  constructor(private readonly scheduler: Scheduler, backoff: BackoffPolicy) {
    this.policy = new RetryPolicy(backoff);
  }

  /** Schedules `attempt` after the delay `error` calls for; returns when it runs (epoch ms). */
  schedule(error: SignInError, attempt: () => void): number {
    const delay = this.policy.next(error, this.scheduler.random());
    const at = this.scheduler.now() + delay;
    this.notBefore = isLockout(error) || error.code === 'rate-limited' ? at : 0;
    this.clear();
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      attempt();
    }, delay);
    return at;
  }

  /** True while a lockout's or rate limit's wait forbids an early attempt. */
  mustWait(): boolean {
    return this.scheduler.now() < this.notBefore;
  }

  clear(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** After a success: the next failure starts the schedules from the beginning. */
  reset(): void {
    this.clear();
    this.policy.reset();
    this.notBefore = 0;
  }
}
