import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { twoFactorChallenge } from '../http/login-failure';
import type { LoginOutcome, PasswordLogin, RocketChatApi } from '../http/rocketchat-api';
import { DdpMethodError } from './ddp-client';
import { overOneConnection } from './ddp-one-connection';
import { ddpLoginFailure } from './ddp-login-errors';
import type { DdpError } from './ddp-messages';

export type DdpPasswordLogin = (api: RocketChatApi, request: PasswordLogin) => Promise<LoginOutcome>;

/** `login`'s result: `{id, token, tokenExpires, type}` (Meteor accounts-base `_loginUser`). */
const loginResultSchema = z.looseObject({ id: z.string().check(z.minLength(1)), token: z.string().check(z.minLength(1)) });

/**
 * The arguments Rocket.Chat's own web client sends (apps/meteor/client/meteor/login/password.ts
 * @dcc4e359 `loginWithPasswordAndTOTP`; Meteor accounts-password `Accounts._hashPassword`):
 * the selector is `{email}` when the typed name has an `@`, else `{username}`; the password goes as
 * `{digest: SHA256(password) in hex, algorithm: 'sha-256'}`, never in clear; with a code the whole
 * request is wrapped as `{totp: {login, code}}`.
 */
export function ddpLoginArguments(request: PasswordLogin): Record<string, unknown> {
  const user = request.user.includes('@') ? { email: request.user } : { username: request.user };
  const password = { digest: createHash('sha256').update(request.password, 'utf8').digest('hex'), algorithm: 'sha-256' };
  const login = { user, password };
  return request.code ? { totp: { login, code: request.code } } : login;
}

/** DDP keeps `error: 'totp-required'` and `details` on 9.0, so the 2FA step reads the same. */
function outcomeOfError(error: DdpError | undefined): LoginOutcome {
  const details = (error as { details?: Record<string, unknown> } | undefined)?.details;
  const challenge = twoFactorChallenge({ error: error?.error, details: details as never });
  if (challenge) return { kind: 'needs-2fa', ...challenge };
  throw ddpLoginFailure(error, 'password');
}

/**
 * A password sign-in over one short-lived DDP connection, for servers whose REST login no longer
 * says why it refused (9.0). The token it yields is then checked with `GET /api/v1/me`, which also
 * confirms the identity, as after a REST login.
 */
export const ddpPasswordLogin: DdpPasswordLogin = (api, request) =>
  overOneConnection<{ id: string; token: string } | LoginOutcome>(api.server, async (client) => {
    let result: unknown;
    try {
      result = await client.call('login', [ddpLoginArguments(request)]);
    } catch (error) {
      if (!(error instanceof DdpMethodError)) throw error;
      return outcomeOfError(error.ddpError);
    }
    const parsed = loginResultSchema.safeParse(result);
    if (!parsed.success) throw new SignInFailure(signInError('bad-response', { server: api.server, detail: 'unexpected sign-in answer' }));
    return { id: parsed.data.id, token: parsed.data.token };
  }).then(async (answer): Promise<LoginOutcome> => {
    if ('kind' in answer) return answer;
    const credentials = { userId: answer.id, authToken: answer.token };
    return { kind: 'signed-in', credentials, me: await api.me(credentials) };
  });
