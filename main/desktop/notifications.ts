import type { SessionState } from '../common/session-state';
import type { SignInError } from '../common/sign-in-error';
import { TRAY_STRINGS } from './tray-strings';

export interface NotificationContent {
  title: string;
  body: string;
  /** Clicking opens the login window. */
  opensLogin: boolean;
}

export type StartupAction = { kind: 'none' } | { kind: 'open-login' } | { kind: 'notify'; notification: NotificationContent };

const NOTIFICATION_MAX_LENGTH = 300;
const MARKUP_LOOKALIKES: Record<string, string> = { '<': '‹', '>': '›', '&': '＆' };

/**
 * Text as it must reach a notification server: plain. Linux servers that advertise body-markup
 * (KDE, dunst, mako, xfce) render `<a>`/`<img>` in a body, and Electron passes it to libnotify
 * unescaped (audit F-09); entities are not an answer, since servers without markup would show
 * them literally. So `< > &` become look-alikes, controls become spaces, and the length is capped.
 */
export function plainNotificationText(text: string): string {
  const plain = text
    .replace(/[<>&]/g, (character) => MARKUP_LOOKALIKES[character]!)
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return plain.length > NOTIFICATION_MAX_LENGTH ? `${plain.slice(0, NOTIFICATION_MAX_LENGTH - 1)}…` : plain;
}

function content(title: string, body: string, opensLogin: boolean): NotificationContent {
  return { title: plainNotificationText(title), body: plainNotificationText(body), opensLogin };
}

function signInAgain(error: SignInError): NotificationContent {
  return content(TRAY_STRINGS.sessionEndedTitle, `${error.message} ${TRAY_STRINGS.signInAgainHint}`, true);
}

/**
 * After the saved sessions' resume: a signed-in or retrying app stays a tray icon. Without a
 * session the login window opens, unless the app was started hidden: then a notification tells
 * why (if there is a reason) and the window waits for a click.
 */
export function startupAction(session: SessionState | null, hidden: boolean): StartupAction {
  if (session !== null && session.kind !== 'signed-out') return { kind: 'none' };
  if (!hidden) return { kind: 'open-login' };
  return session?.error ? { kind: 'notify', notification: signInAgain(session.error) } : { kind: 'none' };
}

/**
 * While running: a session that ends on its own (token revoked or expired) is announced by a
 * notification, never by a window popping up. A sign-out the person chose is not announced, and
 * an open login window shows the state itself.
 */
export function sessionEndedNotification(previous: SessionState | undefined, next: SessionState, loginWindowOpen: boolean): NotificationContent | null {
  if (loginWindowOpen || next.kind !== 'signed-out' || !next.error) return null;
  if (previous?.kind !== 'signed-in' && previous?.kind !== 'offline' && previous?.kind !== 'signing-in') return null;
  return signInAgain(next.error);
}

/** A status change the server's rate limit holds back: said once, when the wait starts (the tray keeps saying it). */
export function statusWaitNotification(previous: SessionState | undefined, next: SessionState, line: string | undefined): NotificationContent | null {
  if (next.kind !== 'signed-in' || !next.user.statusWaiting || !line) return null;
  const before = previous?.kind === 'signed-in' ? previous.user.statusWaiting : undefined;
  if (before && before.sendsAt === next.user.statusWaiting.sendsAt) return null;
  return content(TRAY_STRINGS.statusWaitingTitle, `${line}. rc-tray sends it then by itself.`, false);
}

/** A refused tray action (status change, sign-out trouble) shown as a notification. */
export function actionFailedNotification(title: string, message: string): NotificationContent {
  return content(title, message, false);
}
