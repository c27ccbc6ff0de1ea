import type { Credentials } from '../http/rocketchat-api';

/**
 * Where a server's session token lives. Three methods, so the backend (keytar today) can be
 * swapped in one file, as GitHub Desktop does with its TokenStore.
 */
export interface TokenStore {
  get(server: string): Promise<Credentials | undefined>;
  set(server: string, credentials: Credentials): Promise<void>;
  delete(server: string): Promise<boolean>;
  /** The servers that have an item (to find them again when the settings file was damaged). */
  listServers?(): Promise<string[]>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'rc-tray';

export function keychainServiceName(env: NodeJS.ProcessEnv): string {
  return env.RC_TRAY_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
}
