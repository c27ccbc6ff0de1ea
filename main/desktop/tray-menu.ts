import type { SessionState, UserStatus } from '../common/session-state';
import { isCanonicalServerAddress, serverLabel } from '../common/server-address';
import type { QuietHours } from '../common/quiet-hours';
import type { StatusDuration } from '../common/status-timing';
import { quietHoursSubmenu } from './quiet-hours-menu';
import { messageSubmenu, statusSubmenu } from './status-menu';
import { TRAY_STRINGS } from './tray-strings';
import { stateLine, statusWaitLine, trayLook, userLine, type TrayInput } from './tray-view';

/** What a menu item does, as data; electron-main turns it into a click handler. */
export type TrayAction =
  | { kind: 'sign-in' }
  | { kind: 'open-server'; url: string }
  /** Without a duration: until the person changes it. */
  | { kind: 'set-status'; status: UserStatus; duration?: StatusDuration }
  | { kind: 'set-status-message'; message: string; duration?: StatusDuration }
  /** One of the admin's custom statuses: its status type with its name as the message. */
  | { kind: 'set-custom-status'; name: string; status: UserStatus; duration?: StatusDuration }
  /** Signs out of `server`, or of the server the tray follows. */
  | { kind: 'sign-out'; server?: string }
  | { kind: 'follow-server'; server: string }
  /** Quiet hours: the fields that change (saved in settings; the app acts on them). */
  | { kind: 'quiet-hours'; change: Partial<Pick<QuietHours, 'enabled' | 'days' | 'start' | 'end' | 'status' | 'followDesktop'>> }
  | { kind: 'set-start-at-login'; enabled: boolean }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'radio' | 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; submenu: TrayMenuItem[] };

const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
const separator: TrayMenuItem = { type: 'separator' };

/**
 * What the browser may be given for a server: its parsed, normalised href, and only for an
 * address rc-tray would accept when typed. A raw string never reaches the OS (audit F-10:
 * `"\x01https://…"`, `"https:\\\\host\\share"` or one with a newline passed a looser check).
 */
export function browserAddress(url: string): string | undefined {
  if (!isCanonicalServerAddress(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

export function isBrowsableUrl(url: string): boolean {
  return browserAddress(url) !== undefined;
}

/**
 * Every other server signed in (or retrying) stays reachable: its state, following it in the
 * tray, and signing out, so no session runs where the person cannot see or end it.
 */
function otherServersMenu(sessions: SessionState[], now: number): TrayMenuItem | undefined {
  if (sessions.length === 0) return undefined;
  return {
    type: 'submenu',
    label: TRAY_STRINGS.otherServers,
    submenu: sessions.map((session): TrayMenuItem => ({
      type: 'submenu',
      label: `${serverLabel(session.server)} — ${stateLine({ session, resuming: false, startAtLogin: false, startAtLoginAvailable: false, now })}`,
      submenu: [
        { type: 'normal', label: TRAY_STRINGS.followServer, enabled: true, action: { kind: 'follow-server', server: session.server } },
        { type: 'normal', label: TRAY_STRINGS.signOut, enabled: true, action: { kind: 'sign-out', server: session.server } },
      ],
    })),
  };
}

export function trayMenu(input: TrayInput): TrayMenuItem[] {
  const session = input.session;
  const items: TrayMenuItem[] = [];
  const user = userLine(session);
  if (user) items.push(info(user));
  items.push(info(stateLine(input)));
  const waiting = session?.kind === 'signed-in' ? statusWaitLine(session.user) : undefined;
  if (waiting) items.push(info(waiting));
  if (session?.kind === 'signed-in' && session.features?.liveStatusShared === false) items.push(info(TRAY_STRINGS.liveStatusNotShared));
  if (session?.kind === 'signed-in' && input.autoAwayNotice) items.push(info(input.autoAwayNotice));
  if (session) items.push(info(serverLabel(session.server)));
  items.push(separator);

  if (session?.kind === 'signed-in') {
    items.push(statusSubmenu(session));
    const messages = messageSubmenu(session);
    if (messages) items.push(messages);
    if (input.quietHours) items.push(quietHoursSubmenu(input.quietHours, input.doNotDisturb ?? { available: false }, input.now ?? Date.now()));
  } else if (trayLook(input) === 'signed-out') {
    items.push({ type: 'normal', label: TRAY_STRINGS.signIn, enabled: true, action: { kind: 'sign-in' } });
  }

  if (session && isBrowsableUrl(session.server)) {
    items.push({ type: 'normal', label: TRAY_STRINGS.openInBrowser(serverLabel(session.server)), enabled: true, action: { kind: 'open-server', url: session.server } });
  }
  if (session?.kind === 'signed-in' || session?.kind === 'offline') {
    items.push({ type: 'normal', label: TRAY_STRINGS.signOut, enabled: true, action: { kind: 'sign-out' } });
    items.push({ type: 'normal', label: TRAY_STRINGS.signInAnother, enabled: true, action: { kind: 'sign-in' } });
  }
  const others = otherServersMenu(input.otherSessions ?? [], input.now ?? Date.now());
  if (others) items.push(separator, others);
  items.push(separator);
  items.push(
    input.startAtLoginAvailable
      ? { type: 'checkbox', label: TRAY_STRINGS.startAtLogin, checked: input.startAtLogin, action: { kind: 'set-start-at-login', enabled: !input.startAtLogin } }
      : info(TRAY_STRINGS.startAtLoginInstalledOnly),
  );
  items.push({ type: 'normal', label: TRAY_STRINGS.quit, enabled: true, action: { kind: 'quit' } });
  return items;
}
