import type { SignInError, SignInErrorCode } from './sign-in-error';

export interface ErrorContext {
  server?: string;
  retryAfterSeconds?: number;
  /** The server's own words, shown only where they help (e.g. an unusual login refusal). */
  serverMessage?: string;
  detail?: string;
}

function waitPhrase(seconds: number | undefined): string {
  if (seconds === undefined) return 'a few minutes';
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Rocket.Chat extends a block with every attempt made during it, so the advice says so. */
function blockAdvice(context: ErrorContext): string {
  return `Wait ${waitPhrase(context.retryAfterSeconds)} before trying again: every attempt during the block extends it.`;
}

const at = (context: ErrorContext): string => (context.server ? ` at ${context.server}` : '');

const MESSAGES: Record<SignInErrorCode, (context: ErrorContext) => string> = {
  'invalid-address': (c) => c.detail ?? 'That is not a server address. Enter something like chat.example.com.',
  'insecure-address': (c) =>
    `Refusing to send a password over plain http to ${c.detail ?? 'that server'}. Use https:// (plain http is allowed only for this computer).`,
  'not-rocketchat': (c) => `The server${at(c)} answered, but it is not a Rocket.Chat server${c.detail ? ` (${c.detail})` : ''}. Check the address.`,
  unreachable: (c) => `Cannot reach the server${at(c)}${c.detail ? ` (${c.detail})` : ''}. Check the address and your network connection.`,
  'tls-failure': (c) => `The secure connection to the server${at(c)} failed: ${c.detail ?? 'this computer does not trust its certificate'}.`,
  timeout: (c) => `The server${at(c)} did not answer in time. It may be slow or down; try again shortly.`,
  'server-error': (c) => `The server${at(c)} had an internal problem${c.detail ? ` (${c.detail})` : ''}. Try again later.`,
  'bad-response': (c) => `The server${at(c)} sent an answer rc-tray could not understand${c.detail ? ` (${c.detail})` : ''}.`,
  // A server chooses the Location: never echo more of it than a person can check (audit F-21).
  redirected: (c) => `The server redirected to ${c.detail ? (c.detail.length > 200 ? `${c.detail.slice(0, 200)}…` : c.detail) : 'another address'}. Use that address instead.`,
  'invalid-credentials': () => 'Wrong username, email or password.',
  'session-expired': () => 'Your session has expired. Sign in again.',
  'totp-invalid': () => 'That code is not valid. Check it and try again.',
  'code-malformed': () => 'A code has 6 digits (spaces and dashes are fine). Check it and try again; nothing was sent.',
  'totp-max-attempts': () => 'Too many wrong codes. A new code has been requested; enter the newest one.',
  'login-blocked-user': (c) => `Sign-in for this account is temporarily blocked after too many failed attempts. ${blockAdvice(c)}`,
  'login-blocked-ip': (c) => `Sign-in from this network is temporarily blocked after too many failed attempts. ${blockAdvice(c)}`,
  'user-deactivated': () => 'This account has been deactivated. Ask your Rocket.Chat administrator.',
  'app-user-not-allowed': () => 'This is an app user (a bot account of a Rocket.Chat app); app users cannot sign in.',
  'email-not-verified': () => 'This server requires a verified e-mail address. Open the verification e-mail Rocket.Chat sent you, or ask your administrator, then sign in again.',
  'user-has-no-roles': () => 'This account has no roles on the server, so it may not sign in. Ask your Rocket.Chat administrator.',
  'license-user-limit': () => "The server's license has reached its limit of active users. Ask your Rocket.Chat administrator.",
  'login-refused': (c) => `The server refused the sign-in${c.serverMessage ? `: ${c.serverMessage}` : ''}.`,
  'rate-limited': (c) => `Too many attempts. Wait ${waitPhrase(c.retryAfterSeconds)} before trying again.`,
  'keychain-unavailable': (c) =>
    `The system keychain is not available${c.detail ? ` (${c.detail})` : ''}. rc-tray keeps your session there; unlock or install a keyring (e.g. GNOME Keyring) and try again.`,
  'keychain-locked': () => 'The system keychain is locked, so rc-tray can neither read nor keep your session. Unlock it and try again.',
  'status-not-allowed': () => 'This server does not allow the invisible status.',
  'status-message-not-allowed': (c) => c.detail ?? 'This server does not allow changing the status message.',
  'status-expiry-unsupported': (c) =>
    c.detail ?? 'This server runs a Rocket.Chat version older than 8.6, which cannot end a status at a set time by itself.',
  'request-refused': (c) => `The server refused the request${c.serverMessage ? `: ${c.serverMessage}` : ''}.`,
  'not-signed-in': (c) => `You are not signed in${at(c)}.`,
  cancelled: (c) => c.detail ?? 'Sign-in was cancelled.',
  'token-refused': () =>
    'The server refused this personal access token: it is wrong, was removed from your Rocket.Chat profile, or belongs to another user id. Check both in My Account → Personal Access Tokens.',
  'token-not-allowed': (c) =>
    `The server does not let this account use personal access tokens${c.serverMessage ? ` (${c.serverMessage})` : ''}. Ask your Rocket.Chat administrator.`,
  'sso-refused': () => 'The server did not accept the single sign-on (it may have taken too long, or was already used). Try again.',
  'sso-provider-error': (c) => `The sign-in service did not sign you in${c.detail ? ` (${c.detail})` : ''}. Try again, or ask your Rocket.Chat administrator.`,
  'sso-unexpected-redirect': (c) => `The sign-in went somewhere rc-tray did not expect${c.detail ? ` (${c.detail})` : ''}, so it was stopped. Nothing was saved.`,
  'sso-unavailable': (c) => `This server does not offer that sign-in service${c.detail ? ` (${c.detail})` : ''}.`,
  unexpected: (c) => `Something unexpected went wrong${c.detail ? ` (${c.detail})` : ''}. Try again.`,
};

export function signInError(code: SignInErrorCode, context: ErrorContext = {}): SignInError {
  const error: SignInError = { code, message: MESSAGES[code](context) };
  if (context.retryAfterSeconds !== undefined) error.retryAfterSeconds = context.retryAfterSeconds;
  // Cut like the message's own copy: a server chooses some details (a redirect's Location).
  if (context.detail !== undefined) error.detail = context.detail.length > 200 ? `${context.detail.slice(0, 200)}…` : context.detail;
  return error;
}

/** "14:05": the hour and minute of an epoch-ms time, on this computer's clock and time zone. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

const WHY_WAITING: Partial<Record<SignInErrorCode, string>> = {
  'login-blocked-ip': 'Sign-in from this network is temporarily blocked after too many failed attempts',
  'login-blocked-user': 'Sign-in for this account is temporarily blocked after too many failed attempts',
  'rate-limited': 'The server is limiting requests',
};

/**
 * The sentence for an automatic attempt that waits (a lockout, a rate limit, an unreachable
 * server): why, and the time of the next try, so a person knows rc-tray is not stuck.
 */
export function nextTryMessage(error: SignInError, nextTryAt: number): string {
  const why = WHY_WAITING[error.code];
  if (!why) return `${error.message} rc-tray tries again at ${clockTime(nextTryAt)}.`;
  const extends_ = error.code === 'rate-limited' ? '' : ' (trying sooner would extend the block)';
  return `${why}. rc-tray tries again at ${clockTime(nextTryAt)}${extends_}.`;
}

/** The same, short enough for a tray tooltip or menu line. */
export function nextTryLine(error: SignInError, nextTryAt: number): string {
  const why = error.code === 'rate-limited' ? 'Server busy' : WHY_WAITING[error.code] ? 'Sign-in blocked by the server' : 'Server unreachable';
  return `${why}, next try at ${clockTime(nextTryAt)}`;
}
