export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: share of each delay that is randomised, so many clients do not retry in step. */
  jitter: number;
}

export const RESUME_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 5 * 60_000, jitter: 0.2 };
export const REALTIME_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, jitter: 0.3 };

/** Capped exponential delay for the given retry (0-based); `random` in [0,1) is injected for tests. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  const spread = base * policy.jitter;
  return Math.round(base - spread + spread * 2 * random);
}
