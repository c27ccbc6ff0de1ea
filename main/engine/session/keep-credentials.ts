import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { TokenStore } from '../keychain/token-store';
import { rememberServer, type SettingsStore } from '../settings/settings-store';
import { storeReplacing } from './token-handover';

export interface CredentialKeepingDeps {
  server: string;
  api: RocketChatApi;
  tokens: TokenStore;
  settings: SettingsStore;
}

/**
 * A sign-in succeeded: its token goes to the keychain (under the server's cross-process lock,
 * token-handover.ts) and the server is remembered. The token it
 * replaces is revoked when it was rc-tray's own login token, so none is left valid; a personal
 * access token belongs to the person and is never revoked behind their back.
 */
export async function keepNewCredentials(deps: CredentialKeepingDeps, credentials: Credentials, username?: string): Promise<void> {
  const replaced = await storeReplacing(deps, deps.server, credentials);
  await deps.settings.update((settings) => rememberServer(settings, deps.server, username));
  // Awaited: a CLI that exits first would leave the replaced token valid.
  if (replaced && replaced.kind !== 'personal-access-token' && replaced.authToken !== credentials.authToken) {
    await deps.api.logout(replaced).catch(() => undefined);
  }
}
