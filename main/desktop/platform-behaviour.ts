import type { TrayLook } from './tray-view';

/**
 * What each OS does differently, in one place (Electron 45 docs and source, cited per field).
 * The app's glue reads these values; it never asks `platform === …` itself.
 */
export interface PlatformBehaviour {
  /**
   * What rc-tray does on the tray's `click`. macOS opens the context menu natively with the click
   * (tray_icon_cocoa.mm `mouseDown:`, PR #24200), so acting on it too would open the menu twice.
   * Windows sends a plain click (the menu is on the right button). Linux `click` is the
   * StatusNotifierItem "activation", when the host sends one at all.
   */
  trayClick: 'native-menu' | 'menu-or-sign-in' | 'sign-in-only';
  /** docs/api/tray.md: `popUpContextMenu` is macOS/Windows only; a no-op on Linux. */
  canPopUpTrayMenu: boolean;
  /**
   * How a person's "open rc-tray again" arrives. macOS Finder/Dock/Spotlight reopen the running
   * app and emit `activate`; a second process (any OS) gives `second-instance` (docs/api/app.md).
   */
  relaunchEvents: ReadonlyArray<'second-instance' | 'activate'>;
  /**
   * Where screen lock comes from: powerMonitor's `lock-screen`/`unlock-screen` are macOS/Windows
   * only (docs/api/power-monitor.md); Linux reads the session's D-Bus signals.
   */
  screenLock: 'power-monitor' | 'dbus';
  /**
   * Electron installs a default File/Edit/View/Window/Help menu (lib/browser/default-menu.ts),
   * attached to every window on Windows/Linux. rc-tray has none there; macOS keeps an Edit menu so
   * Cmd+C/V/X/A work in the password field.
   */
  applicationMenu: 'none' | 'edit-only';
  /** Win32 menus treat `&` as a mnemonic marker (docs/api/menu-item.md): names must show it literally. */
  escapeMenuAmpersands: boolean;
  /**
   * Windows emits `close` when a toast times out into Action Center; a later click there reaches
   * only `Notification.handleActivation` (docs/api/notification.md).
   */
  notificationActivation: 'instance' | 'handle-activation';
  /**
   * Native Wayland (Electron 38+ default) may never emit `ready-to-show` for a window created
   * hidden (electron/electron#48859): there the login window is also shown once its page loaded.
   */
  showLoginWindowOn: ReadonlyArray<'ready-to-show' | 'did-finish-load'>;
  /**
   * Why the OS's own do-not-disturb cannot be followed, or undefined where the desktop may say it
   * (Linux: GNOME's setting or the notification server, asked at run time: do-not-disturb.ts).
   * Electron 45 has no API for macOS Focus or Windows Focus Assist (docs/api: neither powerMonitor
   * nor systemPreferences reads them); macOS gives its Focus state only to apps entitled for
   * communication notifications that the person allowed (INFocusStatusCenter), Windows none publicly.
   */
  doNotDisturbUnavailable?: string;
}

const PLATFORMS: Record<'darwin' | 'win32' | 'linux', PlatformBehaviour> = {
  darwin: {
    trayClick: 'native-menu',
    canPopUpTrayMenu: true,
    relaunchEvents: ['second-instance', 'activate'],
    screenLock: 'power-monitor',
    applicationMenu: 'edit-only',
    escapeMenuAmpersands: false,
    notificationActivation: 'instance',
    showLoginWindowOn: ['ready-to-show'],
    doNotDisturbUnavailable: 'Following the desktop’s do not disturb is not available on macOS (Focus is not readable by apps).',
  },
  win32: {
    trayClick: 'menu-or-sign-in',
    canPopUpTrayMenu: true,
    relaunchEvents: ['second-instance'],
    screenLock: 'power-monitor',
    applicationMenu: 'none',
    escapeMenuAmpersands: true,
    notificationActivation: 'handle-activation',
    showLoginWindowOn: ['ready-to-show'],
    doNotDisturbUnavailable: 'Following the desktop’s do not disturb is not available on Windows (Focus Assist is not readable by apps).',
  },
  linux: {
    trayClick: 'sign-in-only',
    canPopUpTrayMenu: false,
    relaunchEvents: ['second-instance'],
    screenLock: 'dbus',
    applicationMenu: 'none',
    escapeMenuAmpersands: false,
    notificationActivation: 'instance',
    showLoginWindowOn: ['ready-to-show', 'did-finish-load'],
  },
};

/** Other Unix desktops run Electron's Linux code paths (X11/Wayland, StatusNotifierItem). */
export function platformBehaviour(platform: NodeJS.Platform): PlatformBehaviour {
  return platform === 'darwin' || platform === 'win32' ? PLATFORMS[platform] : PLATFORMS.linux;
}

export type ShowAction = 'open-login' | 'pop-up-menu' | 'none';

/** A click on the tray icon. */
export function trayClickAction(behaviour: PlatformBehaviour, look: TrayLook): ShowAction {
  if (behaviour.trayClick === 'native-menu') return 'none';
  if (look === 'signed-out') return 'open-login';
  return behaviour.trayClick === 'menu-or-sign-in' ? 'pop-up-menu' : 'none';
}

/**
 * The person started rc-tray again: something must appear. Signed out, the login window; signed
 * in, the tray menu where it can be popped up, else the login window (its signed-in view offers
 * another server): on Linux popUpContextMenu does nothing, and without a StatusNotifierItem host
 * the window is the only thing that can show.
 */
export function relaunchAction(behaviour: PlatformBehaviour, look: TrayLook): ShowAction {
  if (look === 'signed-out' || !behaviour.canPopUpTrayMenu) return 'open-login';
  return 'pop-up-menu';
}

/** A menu label as the OS should show it, literally. */
export function menuLabel(behaviour: PlatformBehaviour, label: string): string {
  return behaviour.escapeMenuAmpersands ? label.replace(/&/g, '&&') : label;
}

/** A notification click from Action Center: the notices that need an answer all mean "sign in". */
export function notificationActivationAction(look: TrayLook): ShowAction {
  return look === 'signed-out' ? 'open-login' : 'none';
}

/** The application menu as a template (roles only), or null for none. */
export function applicationMenuTemplate(behaviour: PlatformBehaviour): Array<{ role: 'appMenu' | 'editMenu' }> | null {
  // macOS makes the first menu the app menu; the Edit menu's roles carry the key equivalents.
  return behaviour.applicationMenu === 'edit-only' ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
}
