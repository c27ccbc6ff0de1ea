import { serverLabel } from '../common/server-address';
import type { SessionState, UserSummary } from '../common/session-state';
import { untilPhrase } from '../common/status-timing';
import type { SignInError } from '../common/sign-in-error';
import { nextTryMessage } from '../common/sign-in-messages';
import { withKeychainAdvice } from './keychain-advice';
import { sanitiseForTerminal as shown } from './terminal-text';

/** The one JSON object `--json` prints (documented in the README). */
export interface CliReport {
  state: 'signed-in' | 'signed-out' | 'needs-2fa' | 'offline' | 'error';
  server: string;
  user?: {
    id: string;
    username: string;
    name: string;
    status: string;
    chosenStatus?: string;
    statusText: string;
    avatarUrl: string;
    statusSource?: string;
    /** ISO 8601. */
    statusExpiresAt?: string;
    statusAfter?: string;
  };
  /** False when the server sends no live presence (`Presence_broadcast_disabled`); only known with a live connection. */
  liveStatusShared?: boolean;
  twoFactor?: { method: 'totp' | 'email'; codeSent: boolean };
  error?: { code: string; message: string; retryAfterSeconds?: number };
  /** ISO time of rc-tray's next automatic attempt, when it waits (offline, or a realtime lockout). */
  nextTryAt?: string;
  message?: string;
  /** `login` over another user's saved session: whose it was (`signedInAs`: the name it was signed in with). */
  replaced?: ReplacedAccount;
}

export interface ReplacedAccount {
  id: string;
  signedInAs?: string;
}

/** `@alice` for a username, the address itself for an e-mail, else "another account". */
export function replacedName(replaced: ReplacedAccount): string {
  const name = replaced.signedInAs?.trim();
  if (!name) return 'another account';
  return name.includes('@') ? shown(name, 80) : `@${shown(name, 80)}`;
}

function userOf(user: UserSummary): NonNullable<CliReport['user']> {
  const shown: NonNullable<CliReport['user']> = { id: user.id, username: user.username, name: user.name, status: user.status, statusText: user.statusText, avatarUrl: user.avatarUrl };
  if (user.chosenStatus) shown.chosenStatus = user.chosenStatus;
  if (user.statusSource) shown.statusSource = user.statusSource;
  if (user.statusExpiresAt !== undefined) shown.statusExpiresAt = new Date(user.statusExpiresAt).toISOString();
  if (user.statusAfter) shown.statusAfter = user.statusAfter;
  return shown;
}

function errorOf(raw: SignInError): NonNullable<CliReport['error']> {
  const error = withKeychainAdvice(raw);
  return error.retryAfterSeconds === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
}

export function reportFor(state: SessionState): CliReport {
  switch (state.kind) {
    case 'signed-in': {
      const report: CliReport = { state: 'signed-in', server: state.server, user: userOf(state.user) };
      if (state.features) report.liveStatusShared = state.features.liveStatusShared;
      if (state.liveError && state.nextLiveRetryAt !== undefined) {
        report.error = errorOf(state.liveError);
        report.nextTryAt = new Date(state.nextLiveRetryAt).toISOString();
      }
      return report;
    }
    case 'needs-2fa': {
      const report: CliReport = { state: 'needs-2fa', server: state.server, twoFactor: { ...state.twoFactor } };
      if (state.error) report.error = errorOf(state.error);
      return report;
    }
    case 'offline': {
      const report: CliReport = { state: 'offline', server: state.server, error: errorOf(state.error) };
      if (state.nextRetryAt !== undefined) report.nextTryAt = new Date(state.nextRetryAt).toISOString();
      return report;
    }
    case 'signed-out':
      if (!state.error) return { state: 'signed-out', server: state.server };
      return { state: state.error.code === 'session-expired' ? 'signed-out' : 'error', server: state.server, error: errorOf(state.error) };
    case 'signing-in':
      return { state: 'error', server: state.server, error: { code: 'unexpected', message: 'Sign-in did not finish.' } };
  }
}

export function errorReport(server: string, error: SignInError): CliReport {
  return { state: 'error', server, error: errorOf(error) };
}

/**
 * Rocket.Chat shows a user offline while none of their clients holds a live connection, whatever
 * they chose: a one-shot command (no connection) says both, so "offline" is not mistaken for a fault.
 */
function describeUser(raw: UserSummary, live: boolean, now: number, replaced?: ReplacedAccount): string {
  const user = { ...raw, name: shown(raw.name), username: shown(raw.username, 80) };
  const handle = replaced ? `(@${user.username}; replaced ${replacedName(replaced)})` : `(@${user.username})`;
  const message = raw.statusText ? ` — “${shown(raw.statusText)}”` : '';
  const chosen = user.chosenStatus;
  const until = user.statusExpiresAt !== undefined && user.statusExpiresAt > now ? ` ${untilPhrase(user.statusExpiresAt, now)}${user.statusAfter ? ` (then ${user.statusAfter})` : ''}` : '';
  const external = user.statusSource === 'external' ? ' (set by an integration)' : '';
  if (!live && chosen && chosen !== user.status) {
    return `${user.name} ${handle}, ${chosen}${until}${message}${external} (others see ${user.status} until a Rocket.Chat client, such as the rc-tray app, is connected)`;
  }
  return `${user.name} ${handle}, ${user.status}${until}${message}${external}`;
}

/** The same facts as the JSON, as a sentence or two for a person at a terminal. */
export function humanReport(state: SessionState, now: number = Date.now(), replaced?: ReplacedAccount): string {
  const where = serverLabel(state.server);
  switch (state.kind) {
    case 'signed-in': {
      const signedIn = `Signed in to ${where} as ${describeUser(state.user, state.live !== 'unavailable', now, replaced)}.`;
      const line = state.features?.liveStatusShared === false ? `${signedIn} This server does not share live status; rc-tray reads yours every 5 minutes.` : signedIn;
      if (!state.liveError || state.nextLiveRetryAt === undefined) return line;
      return `${line} Live status is paused: ${nextTryMessage(state.liveError, state.nextLiveRetryAt)}`;
    }
    case 'needs-2fa': {
      const ask = state.twoFactor.method === 'email'
        ? state.twoFactor.codeSent ? 'A code was e-mailed to you.' : 'Use the code already e-mailed to you.'
        : 'Enter the code from your authenticator app.';
      const error = state.error ? `${withKeychainAdvice(state.error).message} ` : '';
      return `${error}Two-factor code required for ${where}. ${ask} Run again with --code CODE.`;
    }
    case 'offline':
      return `${withKeychainAdvice(state.error).message} Your session is kept: try again when the server is back.`;
    case 'signed-out':
      if (state.error?.code === 'session-expired') return `${state.error.message} Run: rc-tray login --server ${state.server}`;
      if (state.error) return withKeychainAdvice(state.error).message;
      return `Not signed in to ${where}. Run: rc-tray login --server ${state.server}`;
    case 'signing-in':
      return 'Sign-in did not finish.';
  }
}
