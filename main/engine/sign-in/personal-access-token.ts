import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { Me } from '../http/response-schemas';

export interface PersonalAccessToken {
  userId: string;
  token: string;
}

/** What a person pastes: the token and id as the profile page shows them, without stray blanks. */
export function tokenCredentials(input: PersonalAccessToken): Credentials {
  return { userId: input.userId.trim(), authToken: input.token.trim(), kind: 'personal-access-token' };
}

/**
 * Checks a personal access token with `GET /api/v1/me` (RC-Open-API authentication.yaml `me`;
 * contract §8): a token is one of the user's resume tokens, so REST takes it as X-Auth-Token with
 * X-User-Id (apps/meteor/server/api/v1/middlewares/authenticationHono.ts). Nothing is exchanged
 * through `/login`, so no login rate bucket, lockout count or 2FA prompt is involved.
 *
 * A 401 means the token is wrong, was removed, or belongs to another user id; RC does not say which.
 * A 403 can only come from a permission check in front of `/me` (RC checks
 * `create-personal-access-tokens` when a token is created or regenerated, generateToken.ts), and
 * is reported as "not allowed". Network faults stay what they are: the token is not blamed.
 */
export async function checkPersonalAccessToken(api: RocketChatApi, input: PersonalAccessToken): Promise<{ credentials: Credentials; me: Me }> {
  const credentials = tokenCredentials(input);
  if (!credentials.userId || !credentials.authToken) throw new SignInFailure(signInError('token-refused'));
  try {
    const me = await api.me(credentials);
    if (me._id !== credentials.userId) throw new SignInFailure(signInError('token-refused'));
    return { credentials, me };
  } catch (error) {
    if (!(error instanceof SignInFailure)) throw error;
    if (error.code === 'session-expired') throw new SignInFailure(signInError('token-refused'));
    if (error.code === 'request-refused' || error.code === 'status-message-not-allowed' || error.code === 'status-not-allowed') {
      throw new SignInFailure(signInError('token-not-allowed'));
    }
    throw error;
  }
}
