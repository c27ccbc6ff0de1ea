import * as path from 'node:path';

export const APP_FOLDER_NAME = 'rc-tray';

/**
 * The folder Electron's `app.getPath('userData')` gives for an app named rc-tray, computed
 * without Electron so the CLI and the app share settings. RC_TRAY_CONFIG_DIR overrides it.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const override = env.RC_TRAY_CONFIG_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER_NAME);
}
