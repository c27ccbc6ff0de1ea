import type { UserStatus } from '../common/session-state';

/** Every word the tray, its menu and the app's notifications show, so a translation is one file. */
export const TRAY_STRINGS = {
  appName: 'rc-tray',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  signedOut: 'Signed out',
  signingIn: 'Signing in…',
  waitingForCode: 'Waiting for the sign-in code',
  unreachable: 'Server unreachable, retrying',
  signIn: 'Sign in…',
  openInBrowser: (server: string) => `Open ${server} in browser`,
  statusMenu: 'Status',
  statusMessageMenu: 'Set status message',
  clearStatusMessage: 'Clear status message',
  signOut: 'Sign out',
  startAtLogin: 'Start at login',
  startAtLoginInstalledOnly: 'Start at login (installed app only)',
  quit: 'Quit',
  statusNames: { online: 'Online', away: 'Away', busy: 'Busy', offline: 'Invisible' } satisfies Record<UserStatus, string>,
  statusMessagePresets: ['In a meeting', 'Commuting', 'Out sick', 'On vacation', 'Focusing'],
  sessionEndedTitle: 'rc-tray: signed out',
  signInAgainHint: 'Click to sign in again.',
  statusNotChangedTitle: 'rc-tray: status not changed',
  signOutTitle: 'rc-tray: signed out',
  startAtLoginFailedTitle: 'rc-tray: start at login not changed',
  startAtLoginFailed: 'The start-at-login setting could not be saved.',
} as const;
