import type { TwoFactorMethod } from '../../common/session-state';
import { SignInFailure, type SignInError, type SignInErrorCode } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { errorBodySchema, type ErrorBody } from './response-schemas';
import { parseJson } from './read-response';
import { LOCKOUT_WAIT_SECONDS } from '../session/retry-policy';

export function readErrorBody(body: string): ErrorBody {
  const parsed = errorBodySchema.safeParse(parseJson(body));
  return parsed.success ? parsed.data : {};
}

export function errorId(body: ErrorBody): string {
  if (body.errorType) return body.errorType;
  if (typeof body.error === 'string') {
    // 7.x generic envelope: "<reason> [<error-id>]"
    const bracketed = /\[([\w-]+)\]\s*$/.exec(body.error);
    return bracketed?.[1] ?? body.error;
  }
  return '';
}

/** The server's own sentence for an error, without the trailing "[error-id]". */
export function errorReason(body: ErrorBody): string | undefined {
  const text = body.message ?? (typeof body.error === 'string' ? body.error : undefined);
  return text?.replace(/\s*\[[\w-]+\]\s*$/, '').slice(0, 200) || undefined;
}

export interface TwoFactorChallenge {
  method: TwoFactorMethod;
  codeSent: boolean;
  /**
   * Whom the server mails codes to: `details.emailOrUsername` (the account's username or first
   * verified e-mail, EmailCheck.ts@0e7b205e). A resend must name it, not what the person typed:
   * users.2fa.sendEmailCode answers 200 for nobody and sends nothing (users.ts@00e428ca).
   */
  emailOrUsername?: string;
  /** Set when a code was given and refused (`totp-invalid`, `totp-max-attempts`). */
  error?: SignInError;
}

const TWO_FACTOR_IDS = new Set(['totp-required', 'totp-invalid', 'totp-max-attempts']);

/**
 * The 2FA step (contract §4): which method the server picked, whether it just e-mailed a code,
 * and why a given code was refused. All three errors carry the same `details`.
 */
export function twoFactorChallenge(body: ErrorBody): TwoFactorChallenge | undefined {
  const id = errorId(body);
  if (!TWO_FACTOR_IDS.has(id)) return undefined;
  const method: TwoFactorMethod = body.details?.method === 'email' ? 'email' : 'totp';
  const challenge: TwoFactorChallenge = { method, codeSent: method === 'email' && body.details?.codeGenerated === true };
  const target = body.details?.emailOrUsername;
  if (typeof target === 'string' && target) challenge.emailOrUsername = target;
  if (id === 'totp-invalid') challenge.error = signInError('totp-invalid');
  if (id === 'totp-max-attempts') challenge.error = signInError('totp-max-attempts');
  return challenge;
}

/**
 * The other ids validateLoginAttempt throws (startup/index.js@0137f511) and the license check
 * (`error-license-user-limit-reached`), which Rocket.Chat's own login form and the mobile app's
 * handleLoginErrors.ts give their own words; the raw reason would be "Invalid email __email__".
 */
export const VALIDATION_REFUSALS: Readonly<Record<string, SignInErrorCode>> = {
  'error-app-user-is-not-allowed-to-login': 'app-user-not-allowed',
  'error-invalid-email': 'email-not-verified',
  'error-user-has-no-roles': 'user-has-no-roles',
  'error-license-user-limit-reached': 'license-user-limit',
};

/** Own keys only: an id such as `__proto__` from a hostile body must not find Object.prototype. */
export function validationRefusal(id: string): SignInErrorCode | undefined {
  return Object.hasOwn(VALIDATION_REFUSALS, id) ? VALIDATION_REFUSALS[id] : undefined;
}

const PLAIN_REJECTIONS = new Set(['unauthorized', 'user not found', 'incorrect password', '401', 'you must be logged in to do this.']);

/**
 * A refused password login, from legacy (pre-7.0 "Incorrect password"), 7.x/8.x and 9.0-style
 * bodies alike. RC makes wrong user, wrong password and a dead token indistinguishable on purpose.
 */
export function loginRefusal(status: number, body: ErrorBody): SignInFailure {
  const id = errorId(body);
  switch (id) {
    case 'error-login-blocked-for-user':
      return new SignInFailure(signInError('login-blocked-user', { retryAfterSeconds: LOCKOUT_WAIT_SECONDS }));
    case 'error-login-blocked-for-ip':
      return new SignInFailure(signInError('login-blocked-ip', { retryAfterSeconds: LOCKOUT_WAIT_SECONDS }));
    case 'error-user-is-not-activated':
      return new SignInFailure(signInError('user-deactivated'));
  }
  const refusal = validationRefusal(id);
  if (refusal) return new SignInFailure(signInError(refusal));
  const words = [id, body.message ?? ''].map((word) => word.toLowerCase());
  if (status === 401 && (id === '' || words.some((word) => PLAIN_REJECTIONS.has(word)))) {
    return new SignInFailure(signInError('invalid-credentials'));
  }
  if (status === 403 && /password|unauthori[sz]ed/i.test(body.message ?? id)) {
    return new SignInFailure(signInError('invalid-credentials'));
  }
  return new SignInFailure(signInError('login-refused', { serverMessage: errorReason(body) }));
}

/**
 * 9.0's bare refusal (apps/meteor/server/api/ApiClass.ts@0358e0dc with applyBreakingChanges): one
 * body for every failed login, so the REST answer no longer tells 2FA, lockout, deactivation and a
 * wrong password apart. It stands for `invalid-credentials` unless the caller asks over DDP.
 */
export class BareLoginRefusal extends SignInFailure {
  constructor() {
    super(signInError('invalid-credentials'));
  }
}

export function isBareLoginRefusal(status: number, body: ErrorBody): boolean {
  return status === 401 && body.error === 'unauthorized' && body.status === undefined && body.message === undefined && body.details === undefined && body.errorType === undefined;
}
