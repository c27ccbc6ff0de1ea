import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { CredentialKeepingDeps } from './keep-credentials';
import { forgetIfStill } from './token-handover';

export interface LogoutResult {
  /** False when the server could not be reached: the token was forgotten here but may live on there. */
  revokedOnServer: boolean;
  /** False when there was no saved session to end (nothing was revoked or deleted). */
  hadSession: boolean;
  /** True for a personal access token signed out without `revoke`: it still works until removed in the profile. */
  tokenKept?: boolean;
  message: string;
}

export interface SignOutOptions {
  /** Also delete a personal access token on the server (rc-tray's own login tokens are always revoked). */
  revoke?: boolean;
}

export const TOKEN_KEPT_MESSAGE =
  'Signed out on this computer. Your personal access token still exists in your Rocket.Chat profile and still works: remove it in My Account → Personal Access Tokens if it should not.';

/**
 * Forgets the saved token here; tells the server to revoke it unless it is a personal access token
 * the person did not ask to revoke (`POST /api/v1/logout` pulls the presented token, whatever its
 * kind: contract §7, apps/meteor/server/api/ApiClass.ts `logout`).
 */
export async function signOut(deps: CredentialKeepingDeps, options: SignOutOptions = {}): Promise<LogoutResult> {
  const credentials = await deps.tokens.get(deps.server);
  if (!credentials) return { revokedOnServer: true, hadSession: false, message: 'You were not signed in.' };
  let result: LogoutResult = { revokedOnServer: true, hadSession: true, message: 'Signed out.' };
  if (credentials.kind === 'personal-access-token' && !options.revoke) {
    result = { revokedOnServer: false, hadSession: true, tokenKept: true, message: TOKEN_KEPT_MESSAGE };
  } else {
    try {
      await deps.api.logout(credentials);
      if (credentials.kind === 'personal-access-token') result = { revokedOnServer: true, hadSession: true, message: 'Signed out. The personal access token was deleted on the server.' };
    } catch (error) {
      const reason = error instanceof SignInFailure ? error.message : signInError('unexpected').message;
      result = { revokedOnServer: false, hadSession: true, message: `Signed out on this computer. The server could not be told: ${reason}` };
    }
  }
  // Only if it still holds this token: a login that stored a newer one meanwhile keeps it (audit F-07).
  await forgetIfStill(deps, deps.server, credentials);
  return result;
}
