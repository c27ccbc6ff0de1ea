/**
 * Every way signing in (or staying signed in) can fail, as one closed set of codes.
 * The engine never lets anything else reach a person: unknown faults become `unexpected`.
 */
export type SignInErrorCode =
  | 'invalid-address'
  | 'insecure-address'
  | 'not-rocketchat'
  | 'unreachable'
  | 'tls-failure'
  | 'timeout'
  | 'server-error'
  | 'bad-response'
  | 'redirected'
  | 'invalid-credentials'
  | 'session-expired'
  | 'totp-invalid'
  | 'code-malformed'
  | 'totp-max-attempts'
  | 'login-blocked-user'
  | 'login-blocked-ip'
  | 'user-deactivated'
  | 'app-user-not-allowed'
  | 'email-not-verified'
  | 'user-has-no-roles'
  | 'license-user-limit'
  | 'login-refused'
  | 'rate-limited'
  | 'keychain-unavailable'
  | 'keychain-locked'
  | 'status-not-allowed'
  | 'status-message-not-allowed'
  | 'status-expiry-unsupported'
  | 'request-refused'
  | 'not-signed-in'
  | 'cancelled'
  | 'token-refused'
  | 'token-not-allowed'
  | 'sso-refused'
  | 'sso-provider-error'
  | 'sso-unexpected-redirect'
  | 'sso-unavailable'
  | 'unexpected';

export interface SignInError {
  code: SignInErrorCode;
  /** A sentence for a person: what happened and what to do. Never a stack trace or a secret. */
  message: string;
  /** Seconds to wait before trying again (rate limit, lockout). */
  retryAfterSeconds?: number;
  /**
   * The cause in the engine's own words, where it has one ("it answered with a web page",
   * "its certificate has expired"): a window that words errors itself keeps the reason this way.
   */
  detail?: string;
}

/** Thrown inside the engine; callers outside see only the plain {@link SignInError}. */
export class SignInFailure extends Error {
  readonly code: SignInErrorCode;
  readonly retryAfterSeconds?: number;
  readonly detail?: string;

  constructor(error: SignInError) {
    super(error.message);
    this.name = 'SignInFailure';
    this.code = error.code;
    if (error.retryAfterSeconds !== undefined) this.retryAfterSeconds = error.retryAfterSeconds;
    if (error.detail !== undefined) this.detail = error.detail;
  }

  toPlain(): SignInError {
    const plain: SignInError = { code: this.code, message: this.message };
    if (this.retryAfterSeconds !== undefined) plain.retryAfterSeconds = this.retryAfterSeconds;
    if (this.detail !== undefined) plain.detail = this.detail;
    return plain;
  }
}

/** Errors that mean "the network or the server is the problem", so a saved token must be kept. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<SignInErrorCode> = new Set([
  'unreachable',
  'tls-failure',
  'timeout',
  'server-error',
  'bad-response',
  'rate-limited',
  'login-blocked-ip',
  'redirected',
  'not-rocketchat',
]);

export function isTransient(code: SignInErrorCode): boolean {
  return TRANSIENT_ERROR_CODES.has(code);
}
