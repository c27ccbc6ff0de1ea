import * as path from 'node:path';

/** Passed by every start-at-login mechanism, so the app knows to stay in the tray. */
export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE_NAME = 'rc-tray.desktop';

/** `$XDG_CONFIG_HOME/autostart/rc-tray.desktop`, `~/.config/autostart/...` when the variable is unset or relative. */
export function linuxAutostartPath(env: NodeJS.ProcessEnv, home: string): string {
  const configured = env.XDG_CONFIG_HOME?.trim();
  const configHome = configured && path.posix.isAbsolute(configured) ? configured : path.posix.join(home, '.config');
  return path.posix.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * The program to start at login: the AppImage file itself when running from one (its mount path
 * under /tmp changes every launch), else the executable.
 */
export function autostartExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE?.trim() || execPath;
}

/**
 * One `Exec` argument per the Desktop Entry spec: always quoted, with `"` `` ` `` `$` `\` escaped,
 * then the string-value escape (`\` doubled) and `%` doubled so it is no field code.
 */
export function quoteExecArgument(argument: string): string {
  if (/[\0-\x1f\x7f]/.test(argument)) throw new Error('A start-at-login path cannot contain control characters.');
  const quoted = `"${argument.replace(/["`$\\]/g, (character) => `\\${character}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function linuxAutostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=rc-tray',
    'Comment=Rocket.Chat status in the system tray',
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'StartupNotify=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemSettingsChange {
  openAtLogin: boolean;
  /** macOS (before 13): open without showing windows. */
  openAsHidden?: boolean;
  /** Windows: the arguments of the login item. */
  args?: string[];
}

/** `app.setLoginItemSettings` for macOS and Windows; both carry the hidden flag their own way. */
export function loginItemSettings(platform: NodeJS.Platform, openAtLogin: boolean): LoginItemSettingsChange {
  if (platform === 'win32') return { openAtLogin, args: [HIDDEN_FLAG] };
  return { openAtLogin, openAsHidden: true };
}
