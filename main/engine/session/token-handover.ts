import type { Credentials } from '../http/rocketchat-api';
import type { TokenStore } from '../keychain/token-store';
import type { SettingsStore } from '../settings/settings-store';

interface Parts {
  tokens: TokenStore;
  settings: SettingsStore;
}

/**
 * Stores a new sign-in's token and returns the one it replaced, under the server's cross-process
 * lock, so that another process's logout can never read the old token and then delete this one.
 */
export function storeReplacing(parts: Parts, server: string, credentials: Credentials): Promise<Credentials | undefined> {
  return parts.settings.exclusive(server, async () => {
    const replaced = await parts.tokens.get(server).catch(() => undefined);
    await parts.tokens.set(server, credentials);
    return replaced;
  });
}

/**
 * Deletes the server's item only if it still holds the token this logout revoked (compare and
 * delete, under the same lock). A login that stored a newer token meanwhile keeps it: deleting it
 * would leave a valid session nobody can see or end (audit F-07).
 */
export function forgetIfStill(parts: Parts, server: string, revoked: Credentials): Promise<boolean> {
  return parts.settings.exclusive(server, async () => {
    const stored = await parts.tokens.get(server);
    if (stored && stored.authToken !== revoked.authToken) return false;
    return parts.tokens.delete(server);
  });
}
