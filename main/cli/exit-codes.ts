import type { SessionState } from '../common/session-state';
import type { SignInErrorCode } from '../common/sign-in-error';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  signedOut: 3,
  unreachable: 4,
  twoFactor: 5,
  rateLimited: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_ERROR: Partial<Record<SignInErrorCode, ExitCode>> = {
  'invalid-address': EXIT.usage,
  'insecure-address': EXIT.usage,
  'invalid-credentials': EXIT.signedOut,
  'session-expired': EXIT.signedOut,
  'user-deactivated': EXIT.signedOut,
  'login-refused': EXIT.signedOut,
  'not-signed-in': EXIT.signedOut,
  cancelled: EXIT.signedOut,
  'not-rocketchat': EXIT.unreachable,
  unreachable: EXIT.unreachable,
  'tls-failure': EXIT.unreachable,
  timeout: EXIT.unreachable,
  'server-error': EXIT.unreachable,
  'bad-response': EXIT.unreachable,
  redirected: EXIT.unreachable,
  'totp-invalid': EXIT.twoFactor,
  'totp-max-attempts': EXIT.twoFactor,
  'rate-limited': EXIT.rateLimited,
  'login-blocked-user': EXIT.rateLimited,
  'login-blocked-ip': EXIT.rateLimited,
};

export function exitCodeForError(code: SignInErrorCode): ExitCode {
  return BY_ERROR[code] ?? EXIT.unexpected;
}

export function exitCodeForState(state: SessionState): ExitCode {
  switch (state.kind) {
    case 'signed-in':
      return EXIT.ok;
    case 'needs-2fa':
      return EXIT.twoFactor;
    case 'offline':
      return exitCodeForError(state.error.code);
    case 'signed-out':
      return state.error ? exitCodeForError(state.error.code) : EXIT.signedOut;
    case 'signing-in':
      return EXIT.unexpected;
  }
}
