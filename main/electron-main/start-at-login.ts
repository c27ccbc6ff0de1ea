import { existsSync, promises as fs } from 'node:fs';
import { writePrivateFile } from '../engine/files/private-file';
import { HIDDEN_FLAG, autostartCommand, isStartAtLoginAvailable, linuxAutostartEntry, linuxAutostartPath, loginItemSettings } from '../desktop/autostart';
import type { AppPort } from './electron-ports';

export interface StartAtLogin {
  /** False where only an installed app can be started at login (macOS/Windows run from source). */
  readonly available: boolean;
  /** The real current setting, read each time (the person may change it in the OS settings). */
  isEnabled(): boolean;
  setEnabled(enabled: boolean): Promise<void>;
}

export interface StartAtLoginDeps {
  platform: NodeJS.Platform;
  app: AppPort;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  execPath: string;
}

export function createStartAtLogin(deps: StartAtLoginDeps): StartAtLogin {
  return deps.platform === 'linux' ? linuxAutostartFile(deps) : loginItem(deps);
}

function loginItem({ app, platform }: StartAtLoginDeps): StartAtLogin {
  const available = isStartAtLoginAvailable(platform, app.isPackaged);
  // Windows matches the login item by its arguments, so the query must name them too.
  const query = platform === 'win32' ? { args: [HIDDEN_FLAG] } : undefined;
  return {
    available,
    isEnabled: () => available && app.getLoginItemSettings(query).openAtLogin,
    setEnabled: async (enabled) => {
      if (available) app.setLoginItemSettings(loginItemSettings(platform, enabled));
    },
  };
}

/** XDG autostart (Linux has no login-item API): the file's presence is the setting. */
function linuxAutostartFile({ env, homeDir, execPath, app }: StartAtLoginDeps): StartAtLogin {
  const file = linuxAutostartPath(env, homeDir);
  return {
    available: true,
    isEnabled: () => existsSync(file),
    async setEnabled(enabled) {
      if (!enabled) {
        await fs.rm(file, { force: true });
        return;
      }
      const contents = linuxAutostartEntry(autostartCommand(env, execPath, app.isPackaged ? undefined : app.getAppPath()));
      // Exclusive, unpredictable temporary name: a link planted beside it is never followed (audit F-11).
      await writePrivateFile(file, contents, { mode: 0o644, folderMode: 0o755 });
    },
  };
}
