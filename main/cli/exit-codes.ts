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
  keychainUnavailable: 7,
  keychainLocked: 8,
  /** 128 + SIGINT, as shells report a command ended by Ctrl-C. */
  cancelled: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit codes as help and the README list them. */
export const EXIT_CODE_HELP = [
  'Exit codes:',
  '  0  signed in / done            1  unexpected, or refused by the server',
  '  2  usage                       3  signed out or credentials rejected',
  '  4  server unreachable, not Rocket.Chat, or TLS failure',
  '  5  two-factor code required or wrong',
  '  6  rate-limited or temporarily blocked',
  '  7  no system keychain (Secret Service) to keep the session in',
  '  8  the system keychain is locked',
  '  130  cancelled (Ctrl-C)',
];

const BY_ERROR: Partial<Record<SignInErrorCode, ExitCode>> = {
  'invalid-address': EXIT.usage,
  'insecure-address': EXIT.usage,
  'invalid-credentials': EXIT.signedOut,
  'session-expired': EXIT.signedOut,
  'user-deactivated': EXIT.signedOut,
  'app-user-not-allowed': EXIT.signedOut,
  'email-not-verified': EXIT.signedOut,
  'user-has-no-roles': EXIT.signedOut,
  'license-user-limit': EXIT.signedOut,
  'login-refused': EXIT.signedOut,
  'not-signed-in': EXIT.signedOut,
  cancelled: EXIT.signedOut,
  'token-refused': EXIT.signedOut,
  'token-not-allowed': EXIT.signedOut,
  'sso-refused': EXIT.signedOut,
  'sso-provider-error': EXIT.signedOut,
  'sso-unexpected-redirect': EXIT.signedOut,
  'sso-unavailable': EXIT.signedOut,
  'not-rocketchat': EXIT.unreachable,
  unreachable: EXIT.unreachable,
  'tls-failure': EXIT.unreachable,
  timeout: EXIT.unreachable,
  'server-error': EXIT.unreachable,
  'bad-response': EXIT.unreachable,
  redirected: EXIT.unreachable,
  'totp-invalid': EXIT.twoFactor,
  'code-malformed': EXIT.twoFactor,
  'totp-max-attempts': EXIT.twoFactor,
  'rate-limited': EXIT.rateLimited,
  'login-blocked-user': EXIT.rateLimited,
  'login-blocked-ip': EXIT.rateLimited,
  'keychain-unavailable': EXIT.keychainUnavailable,
  'keychain-locked': EXIT.keychainLocked,
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

/**
 * Several servers, one exit code (`status` for all): 0 only when every one is signed in, else the
 * code that asks most of the person: fix the setup first, then sign in again, then wait.
 */
const SEVERITY: readonly ExitCode[] = [
  EXIT.unexpected,
  EXIT.keychainLocked,
  EXIT.keychainUnavailable,
  EXIT.usage,
  EXIT.signedOut,
  EXIT.twoFactor,
  EXIT.unreachable,
  EXIT.rateLimited,
];

export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  const failing = codes.filter((code) => code !== EXIT.ok);
  if (failing.length === 0) return EXIT.ok;
  return [...failing].sort((a, b) => rank(a) - rank(b))[0]!;
}

function rank(code: ExitCode): number {
  const index = SEVERITY.indexOf(code);
  return index === -1 ? SEVERITY.length : index;
}
