import type { TwoFactorPrompt } from '../main/common/session-state';
import type { SignInError, SignInErrorCode } from '../main/common/sign-in-error';

/**
 * Every word the login window shows, in one place: a translation replaces this file only.
 * The engine's own English messages are not shown here for that reason; each error code has
 * its wording below instead.
 */

/** What an error sentence may mention: the server, as a short host name. */
export interface ErrorWordingContext {
  server?: string;
}

const theServer = (context: ErrorWordingContext): string => context.server ?? 'The server';

/**
 * The engine's words for a cause (sign-in-error.ts `detail`), where they are the reason a person
 * needs: which kind of page answered, which certificate problem, why a connection failed.
 */
const because = (detail: string | undefined): string => (detail ? ` (${detail})` : '');

const ERROR_MESSAGES: Record<SignInErrorCode, (context: ErrorWordingContext, detail?: string) => string> = {
  'invalid-address': () => 'That is not a server address. Enter something like chat.example.com.',
  'insecure-address': () => 'rc-tray sends your password only over a secure connection. Use an https:// address.',
  'not-rocketchat': (c, detail) => `${theServer(c)} answered, but it is not a Rocket.Chat server${because(detail)}. Check the address.`,
  unreachable: (c, detail) => `Cannot reach ${c.server ?? 'the server'}${because(detail)}. Check the address and your network connection.`,
  // The engine names the certificate problem (main/engine/http/tls-failure-words.ts); without it, the general case.
  'tls-failure': (c, detail) => `The secure connection to ${c.server ?? 'the server'} failed: ${detail ?? 'the server’s certificate could not be checked'}.`,
  timeout: (c) => `${theServer(c)} did not answer in time. Try again shortly.`,
  'server-error': (c) => `${theServer(c)} had an internal problem. Try again later.`,
  'bad-response': (c) => `${theServer(c)} sent an answer rc-tray could not understand.`,
  redirected: () => 'The server sent rc-tray to another address. Enter that address instead.',
  'invalid-credentials': () => 'Wrong username, e-mail or password.',
  'session-expired': () => 'Your session has ended. Sign in again to stay connected.',
  'totp-invalid': () => 'That code is not valid. Check it and try again.',
  'code-malformed': () => 'A code has 6 digits. Check it and try again.',
  'totp-max-attempts': () => 'Too many wrong codes. Enter the newest code you received.',
  'login-blocked-user': () => 'This account is locked after too many failed sign-ins; trying before the time is up locks it again.',
  'login-blocked-ip': () => 'Sign-in from this network is blocked after too many failed attempts; trying early extends the block.',
  'user-deactivated': () => 'This account has been deactivated. Ask your Rocket.Chat administrator.',
  'app-user-not-allowed': () => 'This is an app user (a bot account); app users cannot sign in.',
  'email-not-verified': () => 'This server requires a verified e-mail address. Open the verification e-mail Rocket.Chat sent you, then sign in again.',
  'user-has-no-roles': () => 'This account has no roles on the server, so it may not sign in. Ask your Rocket.Chat administrator.',
  'license-user-limit': () => "The server's license has reached its limit of active users. Ask your Rocket.Chat administrator.",
  'login-refused': () => 'The server refused the sign-in. Ask your Rocket.Chat administrator.',
  'rate-limited': () => 'Too many sign-in attempts in a short time.',
  'keychain-unavailable': () =>
    'The system keychain is not available, so rc-tray cannot keep you signed in. Unlock or install a keyring (such as GNOME Keyring) and try again.',
  'keychain-locked': () => 'The system keychain is locked, so rc-tray cannot keep you signed in. Unlock your keyring and try again.',
  'status-not-allowed': () => 'This server does not allow the invisible status.',
  'status-message-not-allowed': () => 'This server does not allow changing the status message.',
  'status-expiry-unsupported': () => 'This server cannot end a status at a set time by itself.',
  'request-refused': () => 'The server refused the request.',
  'not-signed-in': () => 'You are not signed in.',
  cancelled: (_c, detail) => detail ?? 'Sign-in was cancelled.',
  'token-refused': () =>
    'The server refused this personal access token. Check the token and your user id in My Account → Personal Access Tokens.',
  'token-not-allowed': () => 'This account may not use personal access tokens. Ask your Rocket.Chat administrator.',
  'sso-refused': (c) => `${theServer(c)} did not accept the sign-in (it may have taken too long). Try again.`,
  'sso-provider-error': () => 'The sign-in service did not sign you in. Try again, or ask your Rocket.Chat administrator.',
  'sso-unexpected-redirect': () => 'The sign-in went to a page rc-tray did not expect, so it was stopped. Nothing was saved.',
  'sso-unavailable': () => 'This server no longer offers that sign-in service.',
  unexpected: () => 'Something unexpected went wrong. Try again.',
};

export function errorMessage(error: SignInError, context: ErrorWordingContext = {}): string {
  return ERROR_MESSAGES[error.code](context, error.detail);
}

/** "3 seconds", or "4:05" once it is a minute or more. */
export function waitDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export const STRINGS = {
  documentTitle: 'Sign in · rc-tray',
  appName: 'rc-tray',
  server: {
    heading: 'Sign in to Rocket.Chat',
    intro: 'Enter the address of your Rocket.Chat server.',
    addressLabel: 'Server address',
    addressHint: 'For example chat.example.com',
    continue: 'Continue',
    checking: 'Checking…',
    missingAddress: 'Enter the address of your server.',
  },
  credentials: {
    heading: 'Sign in',
    changeServer: 'Change',
    changeServerLabel: 'Change server',
    username: 'Username or e-mail',
    password: 'Password',
    showPassword: 'Show',
    showPasswordLabel: 'Show password',
    hidePassword: 'Hide',
    hidePasswordLabel: 'Hide password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    missingUsername: 'Enter your username or e-mail address.',
    missingPassword: 'Enter your password.',
  },
  sso: {
    separator: 'Or sign in with',
    separatorOnly: 'Sign in with',
    intro: 'Use one of the sign-in services of this server.',
    waiting: 'Finish signing in in the window that opened. This window waits for it.',
    cancel: 'Cancel sign-in',
  },
  token: {
    heading: 'Personal access token',
    intro: 'Create a token in Rocket.Chat under My Account → Personal Access Tokens, then paste it with your user id.',
    link: 'Use a personal access token',
    userId: 'User id',
    token: 'Token',
    hint: 'Both are shown when you add the token. The token stays valid until you remove it in your profile.',
    signIn: 'Sign in',
    back: 'Back',
    missingUserId: 'Enter the user id shown with the token.',
    missingToken: 'Paste the token.',
  },
  twoFactor: {
    heading: 'Two-step verification',
    codeLabel: 'Verification code',
    codeHint: '6 digits; spaces and dashes are fine.',
    codeHintWithBackup: '6 digits, or one of your backup codes.',
    verify: 'Verify',
    verifying: 'Verifying…',
    resend: 'Send a new code',
    resending: 'Sending…',
    cancel: 'Cancel',
    missingCode: 'Enter the code.',
    codeResent: 'We e-mailed you a new code.',
  },
  signedIn: {
    heading: 'You are all set',
    closing: 'This window closes by itself.',
  },
  retryReady: 'You can try again now.',
};

export function serverVersion(version: string): string {
  return `Rocket.Chat ${version}`;
}

export function checkingServer(server: string): string {
  return `Checking ${server}…`;
}

/** Whose sign-in a code is for, and where the e-mail went (masked), as the 2FA step names them. */
export interface TwoFactorContext {
  account: string;
  server: string;
  /** `c•••@example.com`, when known; Rocket.Chat mails every verified address of the account. */
  sentTo?: string;
}

/** What to enter, how long it is, and where it came from; the account and server are shown beside it. */
export function twoFactorInstruction(prompt: TwoFactorPrompt, context: TwoFactorContext): string {
  if (prompt.method === 'totp') return 'Enter the 6-digit code from your authenticator app.';
  const to = context.sentTo ?? (context.account ? `the e-mail address of ${context.account}` : 'your e-mail address');
  return prompt.codeSent ? `We e-mailed a 6-digit code to ${to}.` : `Enter the 6-digit code we e-mailed to ${to} earlier.`;
}

/** The line under the account on the 2FA step. */
export function codeServer(server: string): string {
  return `on ${server}`;
}

export function codeResent(sentTo: string | undefined): string {
  return sentTo ? `We e-mailed a new code to ${sentTo}.` : STRINGS.twoFactor.codeResent;
}

export function signedInAs(name: string, username: string): string {
  return name && name !== username ? `Signed in as ${name} (@${username})` : `Signed in as @${username}`;
}

export function retryCountdown(seconds: number): string {
  return `You can try again in ${waitDuration(seconds)}.`;
}
