import * as path from 'node:path';
import { HIDDEN_FLAG } from './autostart';

/**
 * Started by the OS at login (or by hand with --hidden): no window may appear unless the person
 * asks. macOS login items cannot pass arguments, so there it is "was opened at login".
 */
export function isStartedHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return argv.includes(HIDDEN_FLAG) || openedAtLogin;
}

/** Electron's userData folder unless RC_TRAY_CONFIG_DIR says otherwise (same rule as the CLI). */
export function appConfigFolder(env: NodeJS.ProcessEnv, userData: string): string {
  const override = env.RC_TRAY_CONFIG_DIR?.trim();
  return override ? path.resolve(override) : userData;
}
