import { backoffDelay, type BackoffPolicy } from '../../common/backoff';
import type { SignInError, SignInErrorCode } from '../../common/sign-in-error';

/**
 * Rocket.Chat's brute-force block lasts until *last failed attempt + unblock minutes* (default 5),
 * and every attempt refused during it is itself a failure that moves the end forward
 * (restrictLoginAttempts.ts@045982c8, hooks/login.ts). An automatic retry sooner than the block
 * can have expired keeps it alive for everyone behind the same IP, so after a lockout the next
 * attempts wait 6, 12, 30 and then 60 minutes.
 */
export const LOCKOUT_RETRY_MINUTES: readonly number[] = [6, 12, 30, 60];

/** What a person is told to wait after a refused sign-in during a block (the first retry's wait). */
export const LOCKOUT_WAIT_SECONDS = LOCKOUT_RETRY_MINUTES[0]! * 60;

const LOCKOUT_CODES: ReadonlySet<SignInErrorCode> = new Set(['login-blocked-ip', 'login-blocked-user']);

export function isLockout(error: SignInError): boolean {
  return LOCKOUT_CODES.has(error.code);
}

/** The wait before the n-th (0-based) attempt after consecutive lockouts. */
export function lockoutDelayMs(lockouts: number): number {
  const minutes = LOCKOUT_RETRY_MINUTES[Math.min(lockouts, LOCKOUT_RETRY_MINUTES.length - 1)]!;
  return minutes * 60_000;
}

/**
 * Retries after failures: a lockout follows its own schedule; a rate limit is never retried before
 * the wait the server named; anything else backs off (capped, jittered).
 */
export class RetryPolicy {
  private failures = 0;
  private lockouts = 0;

  constructor(private readonly backoff: BackoffPolicy) {}

  /** The delay before the next automatic attempt after `error`, counting this failure. */
  next(error: SignInError, random: number): number {
    if (isLockout(error)) {
      const delay = lockoutDelayMs(this.lockouts);
      this.lockouts += 1;
      return delay;
    }
    this.lockouts = 0;
    const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
    const delay = Math.max(wait, backoffDelay(this.backoff, this.failures, random));
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
    this.lockouts = 0;
  }
}
