import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { validationRefusal } from '../http/login-failure';
import { LOCKOUT_WAIT_SECONDS } from '../session/retry-policy';
import type { DdpError } from './ddp-messages';

/**
 * What a DDP method error means, read from its error *code*, never from the reason text (a
 * "Method 'X' not found" 404 must never sign anyone out). Sources: Meteor accounts-base
 * (403 "You've been logged out by the server…", "Your session has expired…"), RC's 7.0+
 * loginErrorMessageOverride.ts@aa405742 (401 "User not found"), ddp-streamer's accounts.ts (403),
 * and validateLoginAttempt in startup/index.js@0137f511 (the error-* ids below).
 */
export function ddpErrorId(error: DdpError | undefined): string {
  const id = error?.error;
  return id === undefined ? '' : String(id);
}

/** The server refused the token (or the account) on the socket: the session is over. */
export function isTokenRefusal(error: DdpError | undefined): boolean {
  const id = ddpErrorId(error);
  return id === '401' || id === '403' || id === 'error-user-is-not-activated';
}

/** DDP `too-many-requests` carries `details.timeToReset` in ms (Meteor's DDPRateLimiter). */
function rateLimitSeconds(error: DdpError | undefined): number | undefined {
  const details = (error as { details?: { timeToReset?: unknown } } | undefined)?.details;
  const ms = typeof details?.timeToReset === 'number' ? details.timeToReset : undefined;
  if (ms !== undefined && ms > 0) return Math.ceil(ms / 1000);
  const text = /wait (\d+) seconds?/i.exec(error?.reason ?? error?.message ?? '');
  return text?.[1] ? Number(text[1]) : undefined;
}

/**
 * A refused DDP `login`, as the person should hear it. `resume`: a refused token is an expired
 * session; for a password login the same 401/403 is "wrong username or password".
 */
export function ddpLoginFailure(error: DdpError | undefined, kind: 'resume' | 'password'): SignInFailure {
  const id = ddpErrorId(error);
  switch (id) {
    case 'error-login-blocked-for-ip':
      return new SignInFailure(signInError('login-blocked-ip', { retryAfterSeconds: LOCKOUT_WAIT_SECONDS }));
    case 'error-login-blocked-for-user':
      return new SignInFailure(signInError('login-blocked-user', { retryAfterSeconds: LOCKOUT_WAIT_SECONDS }));
    case 'error-user-is-not-activated':
      return new SignInFailure(signInError('user-deactivated'));
    case 'too-many-requests':
      return new SignInFailure(signInError('rate-limited', { retryAfterSeconds: rateLimitSeconds(error) }));
    case '401':
    case '403':
      return new SignInFailure(signInError(kind === 'resume' ? 'session-expired' : 'invalid-credentials'));
  }
  const refusal = validationRefusal(id);
  if (refusal) return new SignInFailure(signInError(refusal));
  return new SignInFailure(signInError('login-refused', { serverMessage: error?.reason }));
}
