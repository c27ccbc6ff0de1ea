import { serverLabel } from '../common/server-address';
import type { SessionState, UserSummary } from '../common/session-state';
import type { SignInError } from '../common/sign-in-error';

/** The one JSON object `--json` prints (documented in the README). */
export interface CliReport {
  state: 'signed-in' | 'signed-out' | 'needs-2fa' | 'offline' | 'error';
  server: string;
  user?: { id: string; username: string; name: string; status: string; chosenStatus?: string; statusText: string; avatarUrl: string };
  twoFactor?: { method: 'totp' | 'email'; codeSent: boolean };
  error?: { code: string; message: string; retryAfterSeconds?: number };
  message?: string;
}

function userOf(user: UserSummary): NonNullable<CliReport['user']> {
  const shown: NonNullable<CliReport['user']> = { id: user.id, username: user.username, name: user.name, status: user.status, statusText: user.statusText, avatarUrl: user.avatarUrl };
  if (user.chosenStatus) shown.chosenStatus = user.chosenStatus;
  return shown;
}

function errorOf(error: SignInError): NonNullable<CliReport['error']> {
  return error.retryAfterSeconds === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
}

export function reportFor(state: SessionState): CliReport {
  switch (state.kind) {
    case 'signed-in':
      return { state: 'signed-in', server: state.server, user: userOf(state.user) };
    case 'needs-2fa': {
      const report: CliReport = { state: 'needs-2fa', server: state.server, twoFactor: { ...state.twoFactor } };
      if (state.error) report.error = errorOf(state.error);
      return report;
    }
    case 'offline':
      return { state: 'offline', server: state.server, error: errorOf(state.error) };
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
function describeUser(user: UserSummary, live: boolean): string {
  const message = user.statusText ? ` — “${user.statusText}”` : '';
  const chosen = user.chosenStatus;
  if (!live && chosen && chosen !== user.status) {
    return `${user.name} (@${user.username}), ${chosen}${message} (others see ${user.status} until a Rocket.Chat client, such as the rc-tray app, is connected)`;
  }
  return `${user.name} (@${user.username}), ${user.status}${message}`;
}

/** The same facts as the JSON, as a sentence or two for a person at a terminal. */
export function humanReport(state: SessionState): string {
  const where = serverLabel(state.server);
  switch (state.kind) {
    case 'signed-in':
      return `Signed in to ${where} as ${describeUser(state.user, state.live !== 'unavailable')}.`;
    case 'needs-2fa': {
      const ask = state.twoFactor.method === 'email'
        ? state.twoFactor.codeSent ? 'A code was e-mailed to you.' : 'Use the code already e-mailed to you.'
        : 'Enter the code from your authenticator app.';
      const error = state.error ? `${state.error.message} ` : '';
      return `${error}Two-factor code required for ${where}. ${ask} Run again with --code CODE.`;
    }
    case 'offline':
      return `${state.error.message} Your session is kept: try again when the server is back.`;
    case 'signed-out':
      if (state.error?.code === 'session-expired') return `${state.error.message} Run: rc-tray login --server ${state.server}`;
      if (state.error) return state.error.message;
      return `Not signed in to ${where}. Run: rc-tray login --server ${state.server}`;
    case 'signing-in':
      return 'Sign-in did not finish.';
  }
}
