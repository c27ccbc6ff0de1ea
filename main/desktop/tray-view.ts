import type { SessionState, UserStatus, UserSummary } from '../common/session-state';
import type { QuietHours } from '../common/quiet-hours';
import { untilPhrase } from '../common/status-timing';
import type { DoNotDisturbInfo } from './quiet-hours-menu';
import { serverLabel } from '../common/server-address';
import { clockTime, nextTryLine } from '../common/sign-in-messages';
import { TRAY_STRINGS } from './tray-strings';

/** What the tray shows, in one value: the rendering is a pure function of it. */
export interface TrayInput {
  /** The session of the server the tray follows; null when no server has been used yet. */
  session: SessionState | null;
  /** True from launch until the saved sessions' resume has settled. */
  resuming: boolean;
  startAtLogin: boolean;
  startAtLoginAvailable: boolean;
  /** Sessions of the other saved servers that are signed in or retrying (the tray follows one). */
  otherSessions?: SessionState[];
  /** Said while signed in when auto-away cannot work on this desktop (see auto-away-availability.ts). */
  autoAwayNotice?: string;
  /** The clock for "until 15:30" (epoch ms); the app passes Date.now(). */
  now?: number;
  /** Quiet hours as saved (the menu offers them while signed in). */
  quietHours?: QuietHours;
  doNotDisturb?: DoNotDisturbInfo;
}

export type TrayLook = 'online' | 'away' | 'busy' | 'invisible' | 'connecting' | 'unreachable' | 'signed-out';

export const TRAY_LOOKS: readonly TrayLook[] = ['online', 'away', 'busy', 'invisible', 'connecting', 'unreachable', 'signed-out'];

const LOOK_OF_STATUS: Record<UserStatus, TrayLook> = { online: 'online', away: 'away', busy: 'busy', offline: 'invisible' };

export function trayLook(input: TrayInput): TrayLook {
  const session = input.session;
  if (session === null) return input.resuming ? 'connecting' : 'signed-out';
  switch (session.kind) {
    case 'signed-in':
      if (session.live === 'connecting' || session.live === 'reconnecting') return 'connecting';
      return LOOK_OF_STATUS[session.user.status];
    case 'signing-in':
      return 'connecting';
    case 'offline':
      return 'unreachable';
    case 'needs-2fa':
      return 'signed-out';
    case 'signed-out':
      // Before resume has looked at the saved token, "signed out" is not known yet.
      return input.resuming ? 'connecting' : 'signed-out';
  }
}

/** One line about the connection or the user's status, used by the tooltip and the menu. */
export function stateLine(input: TrayInput): string {
  const session = input.session;
  if (session === null || (session.kind === 'signed-out' && input.resuming)) return input.resuming ? TRAY_STRINGS.connecting : TRAY_STRINGS.signedOut;
  switch (session.kind) {
    case 'signed-in': {
      if (session.liveError && session.nextLiveRetryAt !== undefined) return nextTryLine(session.liveError, session.nextLiveRetryAt);
      if (session.live === 'connecting') return TRAY_STRINGS.connecting;
      if (session.live === 'reconnecting') return TRAY_STRINGS.reconnecting;
      return statusLine(session.user, input.now ?? Date.now());
    }
    case 'signing-in':
      return TRAY_STRINGS.signingIn;
    case 'needs-2fa':
      return TRAY_STRINGS.waitingForCode;
    case 'offline':
      if (session.error.code !== 'rate-limited' && !session.error.code.startsWith('login-blocked')) return TRAY_STRINGS.unreachable;
      return session.nextRetryAt === undefined ? TRAY_STRINGS.unreachable : nextTryLine(session.error, session.nextRetryAt);
    case 'signed-out':
      return TRAY_STRINGS.signedOut;
  }
}

/** "Busy until 15:30: In a meeting (set by an integration)". */
export function statusLine(user: UserSummary, now: number): string {
  const until = user.statusExpiresAt !== undefined && user.statusExpiresAt > now ? ` ${untilPhrase(user.statusExpiresAt, now)}` : '';
  const text = user.statusText ? `: ${user.statusText}` : '';
  const external = user.statusSource === 'external' ? ` (${TRAY_STRINGS.externalStatus})` : '';
  return `${TRAY_STRINGS.statusNames[user.status]}${until}${text}${external}`;
}

/** "Setting Busy at 15:31: the server allows only a few status changes a minute", while a change waits out the rate limit. */
export function statusWaitLine(user: UserSummary): string | undefined {
  const wait = user.statusWaiting;
  if (!wait) return undefined;
  const what =
    wait.status !== undefined
      ? TRAY_STRINGS.settingStatus(TRAY_STRINGS.statusNames[wait.status])
      : wait.message
        ? TRAY_STRINGS.settingMessage(wait.message)
        : TRAY_STRINGS.clearingMessage;
  return TRAY_STRINGS.statusWaiting(what, clockTime(wait.sendsAt));
}

/** "Name (@username)" for a signed-in session, otherwise undefined. */
export function userLine(session: SessionState | null): string | undefined {
  if (session?.kind !== 'signed-in') return undefined;
  const { name, username } = session.user;
  return name && name !== username ? `${name} (@${username})` : `@${username}`;
}

/** Tooltip: app, user, status, server, one per line (tray hosts cut long single lines). */
export function trayTooltip(input: TrayInput): string {
  const lines: string[] = [TRAY_STRINGS.appName];
  const user = userLine(input.session);
  if (user) lines.push(user);
  lines.push(stateLine(input));
  const waiting = input.session?.kind === 'signed-in' ? statusWaitLine(input.session.user) : undefined;
  if (waiting) lines.push(waiting);
  if (input.session?.kind === 'signed-in' && input.session.features?.liveStatusShared === false) lines.push(TRAY_STRINGS.liveStatusNotShared);
  if (input.session) lines.push(serverLabel(input.session.server));
  return lines.join('\n');
}
