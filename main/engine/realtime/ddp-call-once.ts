import { realtimeEndpoint } from '../../common/server-address';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials } from '../http/rocketchat-api';
import { DdpClient, DdpMethodError } from './ddp-client';
import { isAuthRejection } from './ddp-messages';

export type DdpCallOnce = (server: string, credentials: Credentials, method: string, params: unknown[]) => Promise<unknown>;

/**
 * One method over a short-lived realtime connection: connect, resume-login, call, close. For the
 * few things only DDP can do (a status change on a server whose REST endpoint refuses it).
 */
export const ddpCallOnce: DdpCallOnce = (server, credentials, method, params) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      client.close();
    };
    const client = new DdpClient({
      url: realtimeEndpoint(server),
      silenceLimitMs: 15_000,
      events: {
        connected: () => {
          client
            .call('login', [{ resume: credentials.authToken }])
            .then(() => client.call(method, params))
            .then(
              (result) => finish(() => resolve(result)),
              (error: unknown) => finish(() => reject(toFailure(error, server))),
            );
        },
        changed: () => undefined,
        closed: () => finish(() => reject(new SignInFailure(signInError('unreachable', { server, detail: 'the realtime connection closed' })))),
      },
    });
  });

function toFailure(error: unknown, server: string): SignInFailure {
  if (error instanceof DdpMethodError) {
    if (isAuthRejection(error.ddpError)) return new SignInFailure(signInError('session-expired'));
    return new SignInFailure(signInError('request-refused', { serverMessage: error.ddpError?.reason ?? error.message }));
  }
  return new SignInFailure(signInError('unreachable', { server, detail: 'the realtime connection closed' }));
}
