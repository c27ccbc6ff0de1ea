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
 * What to start at login: the AppImage file itself when running from one (its mount path under
 * /tmp changes every launch), else the executable, followed by the app's folder when running
 * from source (`npm start`: bare Electron would open its default app).
 */
export function autostartCommand(env: NodeJS.ProcessEnv, execPath: string, sourceAppPath?: string): string[] {
  const appImage = env.APPIMAGE?.trim();
  if (appImage) return [appImage];
  return sourceAppPath ? [execPath, sourceAppPath] : [execPath];
}

/**
 * Linux's autostart file can name any command; macOS and Windows login items start the
 * installed app only, so from source they are not offered.
 */
export function isStartAtLoginAvailable(platform: NodeJS.Platform, isPackaged: boolean): boolean {
  return platform === 'linux' || isPackaged;
}

/**
 * rc-tray promises to start with the computer: the first sign-in turns it on, once. After the
 * person has chosen (or it was turned on), their choice stands.
 */
export function shouldTurnOnStartAtLogin(input: { available: boolean; chosenBefore: boolean; enabledNow: boolean }): boolean {
  return input.available && !input.chosenBefore && !input.enabledNow;
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

export function linuxAutostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=rc-tray',
    'Comment=Rocket.Chat status in the system tray',
    `Exec=${command.map(quoteExecArgument).join(' ')} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'StartupNotify=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemSettingsChange {
  openAtLogin: boolean;
  /** Windows: the arguments of the login item. */
  args?: string[];
}

/**
 * `app.setLoginItemSettings` for macOS and Windows; both carry "hidden" their own way: Windows as
 * an argument, macOS as `wasOpenedAtLogin` (`openAsHidden` was removed from Electron, PR #52351).
 */
export function loginItemSettings(platform: NodeJS.Platform, openAtLogin: boolean): LoginItemSettingsChange {
  if (platform === 'win32') return { openAtLogin, args: [HIDDEN_FLAG] };
  return { openAtLogin };
}
