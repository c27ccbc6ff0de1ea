import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials } from '../http/rocketchat-api';
import { DdpMethodError } from './ddp-client';
import { overOneConnection } from './ddp-one-connection';
import { ddpLoginFailure } from './ddp-login-errors';

export type DdpCallOnce = (server: string, credentials: Credentials, method: string, params: unknown[]) => Promise<unknown>;

/**
 * One method over a short-lived realtime connection: connect, resume-login, call, close. For the
 * few things only DDP can do (a status change on a server whose REST endpoint refuses it).
 */
export const ddpCallOnce: DdpCallOnce = (server, credentials, method, params) =>
  overOneConnection(server, async (client) => {
    try {
      await client.call('login', [{ resume: credentials.authToken }]);
    } catch (error) {
      // Only the login's own answer can say the token is refused (error codes, never text).
      throw error instanceof DdpMethodError ? ddpLoginFailure(error.ddpError, 'resume') : error;
    }
    return client.call(method, params);
  }).catch((error: unknown) => {
    throw toFailure(error, server);
  });

function toFailure(error: unknown, server: string): SignInFailure {
  if (error instanceof SignInFailure) return error;
  if (error instanceof DdpMethodError) {
    // A refused method ("Method 'X' not found" included) is about that call, never the session.
    return new SignInFailure(signInError('request-refused', { serverMessage: error.ddpError?.reason ?? error.message }));
  }
  return new SignInFailure(signInError('unreachable', { server, detail: 'the realtime connection closed' }));
}
