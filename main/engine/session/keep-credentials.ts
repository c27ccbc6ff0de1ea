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
  let replaced: Credentials | undefined;
  let stored = false;
  try {
    replaced = await storeReplacing(deps, deps.server, credentials);
    stored = true;
    await deps.settings.update((settings) => rememberServer(settings, deps.server, username));
  } catch (error) {
    // Issued but not kept (keychain refused, settings write failed): revoke it at once, so no
    // valid session is left that nobody can see or end (audit F-06); the item goes back as it was.
    // A personal access token is the person's own, never revoked behind their back.
    if (credentials.kind !== 'personal-access-token') await deps.api.logout(credentials).catch(() => undefined);
    if (stored) await (replaced ? deps.tokens.set(deps.server, replaced) : deps.tokens.delete(deps.server)).catch(() => undefined);
    throw error;
  }
  // Awaited: a CLI that exits first would leave the replaced token valid.
  if (replaced && replaced.kind !== 'personal-access-token' && replaced.authToken !== credentials.authToken) {
    await deps.api.logout(replaced).catch(() => undefined);
  }
}
