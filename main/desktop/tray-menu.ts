import type { SessionState, UserStatus } from '../common/session-state';
import { serverLabel } from '../common/server-address';
import { TRAY_STRINGS } from './tray-strings';
import { stateLine, trayLook, userLine, type TrayInput } from './tray-view';

/** What a menu item does, as data; electron-main turns it into a click handler. */
export type TrayAction =
  | { kind: 'sign-in' }
  | { kind: 'open-server'; url: string }
  | { kind: 'set-status'; status: UserStatus }
  | { kind: 'set-status-message'; message: string }
  /** Signs out of `server`, or of the server the tray follows. */
  | { kind: 'sign-out'; server?: string }
  | { kind: 'follow-server'; server: string }
  | { kind: 'set-start-at-login'; enabled: boolean }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'radio' | 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; submenu: TrayMenuItem[] };

/** Rocket.Chat's statuses in menu order; `offline` chosen by hand is what others see as invisible. */
export const STATUS_CHOICES: readonly UserStatus[] = ['online', 'away', 'busy', 'offline'];

const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false });
const separator: TrayMenuItem = { type: 'separator' };

/** Only web addresses go to the browser: a saved server URL is never handed to the OS otherwise. */
export function isBrowsableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Every other server signed in (or retrying) stays reachable: its state, following it in the
 * tray, and signing out, so no session runs where the person cannot see or end it.
 */
function otherServersMenu(sessions: SessionState[]): TrayMenuItem | undefined {
  if (sessions.length === 0) return undefined;
  return {
    type: 'submenu',
    label: TRAY_STRINGS.otherServers,
    submenu: sessions.map((session): TrayMenuItem => ({
      type: 'submenu',
      label: `${serverLabel(session.server)} — ${stateLine({ session, resuming: false, startAtLogin: false, startAtLoginAvailable: false })}`,
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
  if (session) items.push(info(serverLabel(session.server)));
  items.push(separator);

  if (session?.kind === 'signed-in') {
    const current = session.user.status;
    items.push({
      type: 'submenu',
      label: TRAY_STRINGS.statusMenu,
      submenu: STATUS_CHOICES.map((status) => ({
        type: 'radio',
        label: TRAY_STRINGS.statusNames[status],
        checked: status === current,
        action: { kind: 'set-status', status },
      })),
    });
    items.push({
      type: 'submenu',
      label: TRAY_STRINGS.statusMessageMenu,
      submenu: [
        ...TRAY_STRINGS.statusMessagePresets.map((message): TrayMenuItem => ({
          type: 'radio',
          label: message,
          checked: session.user.statusText === message,
          action: { kind: 'set-status-message', message },
        })),
        separator,
        { type: 'normal', label: TRAY_STRINGS.clearStatusMessage, enabled: session.user.statusText !== '', action: { kind: 'set-status-message', message: '' } },
      ],
    });
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
  const others = otherServersMenu(input.otherSessions ?? []);
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
