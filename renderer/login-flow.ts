import type { SessionState } from '../main/common/session-state';
import type { SignInError, SignInErrorCode } from '../main/common/sign-in-error';

/** The window's screens, in the order a person meets them. */
export type Step = 'server' | 'credentials' | 'token' | 'two-factor' | 'signed-in';

/** The window's text fields. */
export type FieldName = 'server' | 'username' | 'password' | 'code' | 'token-user-id' | 'token-value';

/** Errors that are about the address itself: the person has to change it, so show that step. */
const ADDRESS_ERRORS: ReadonlySet<SignInErrorCode> = new Set(['invalid-address', 'insecure-address', 'not-rocketchat', 'redirected']);

const TOKEN_ERRORS: ReadonlySet<SignInErrorCode> = new Set(['token-refused', 'token-not-allowed']);

/** Errors after which the server refuses any attempt for a while: Sign in waits them out. */
const WAIT_ERRORS: ReadonlySet<SignInErrorCode> = new Set(['rate-limited', 'login-blocked-user', 'login-blocked-ip']);

export function stepForSession(session: SessionState | null, current: Step): Step {
  if (!session) return 'server';
  switch (session.kind) {
    case 'needs-2fa':
      return 'two-factor';
    case 'signed-in':
      return 'signed-in';
    case 'signing-in':
      // A request is running: stay where it was started from (password, token or code).
      return current === 'two-factor' || current === 'token' ? current : 'credentials';
    case 'signed-out':
    case 'offline':
      if (session.error && ADDRESS_ERRORS.has(session.error.code)) return 'server';
      // A refused token, or any failure while on the token form, stays there: nothing to retype.
      if (current === 'token' || (session.error && TOKEN_ERRORS.has(session.error.code))) return 'token';
      return 'credentials';
  }
}

export function sessionError(session: SessionState | null): SignInError | undefined {
  if (!session || session.kind === 'signing-in' || session.kind === 'signed-in') return undefined;
  return session.error;
}

/** When Sign in may be pressed again (epoch ms), or undefined when it need not wait. */
export function retryDeadline(error: SignInError | undefined, nowMs: number): number | undefined {
  if (!error || !WAIT_ERRORS.has(error.code)) return undefined;
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined || !(seconds > 0)) return undefined;
  return nowMs + seconds * 1000;
}

/** Whole seconds left, rounded up so "0" only shows once the wait is really over. */
export function secondsLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/**
 * What a person typed or pasted as a one-time code, as the server wants it: authenticator apps
 * and e-mails show codes grouped ("123 456", "123-456"). Letters stay, for backup codes.
 */
export function sanitiseCode(typed: string): string {
  return typed.replace(/[\s\u00a0\-\u2010-\u2015.·]/g, '');
}

/** The server as people know it: host and sub-path, without the scheme. */
export function serverLabel(url: string): string {
  // https is the rule and goes unsaid; plain http is always shown, so it is never taken for secure.
  return url.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

/** Two states that look the same to the window need no second render (pushes repeat replies). */
export function sameSession(a: SessionState | null | undefined, b: SessionState | null): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Errors on the address step that the address may cause: the address field is the one to fix. */
const ADDRESS_STEP_ERRORS: ReadonlySet<SignInErrorCode> = new Set([...ADDRESS_ERRORS, 'unreachable', 'tls-failure']);

const CODE_ERRORS: ReadonlySet<SignInErrorCode> = new Set(['totp-invalid', 'code-malformed', 'totp-max-attempts']);

/**
 * The field a person changes to get past `error` on `step`: it takes focus and is marked invalid.
 * Undefined when no field is at fault (a lockout, a server fault): focus then goes where the
 * step starts, never to the message itself.
 */
export function fieldToFix(error: SignInError | undefined, step: Step): FieldName | undefined {
  if (!error) return undefined;
  switch (step) {
    case 'server':
      return ADDRESS_STEP_ERRORS.has(error.code) ? 'server' : undefined;
    case 'credentials':
      // Rocket.Chat never says which of the two was wrong; the password is the one people mistype.
      return error.code === 'invalid-credentials' ? 'password' : undefined;
    case 'two-factor':
      return CODE_ERRORS.has(error.code) ? 'code' : undefined;
    case 'token':
      return error.code === 'token-refused' ? 'token-value' : undefined;
    case 'signed-in':
      return undefined;
  }
}

/**
 * How a message is shown: an error (an alert, in red) or a notice (a polite status, neutral):
 * a session that ended by itself, or a sign-in the person cancelled, is news but no fault.
 */
export type NoticeTone = 'error' | 'info';

const INFO_CODES: ReadonlySet<SignInErrorCode> = new Set(['session-expired', 'cancelled']);

export function noticeTone(error: SignInError): NoticeTone {
  return INFO_CODES.has(error.code) ? 'info' : 'error';
}
