import { realtimeEndpoint } from '../../common/server-address';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { DdpClient } from './ddp-client';

/**
 * Opens one short-lived realtime connection, runs `work` on it once it is connected, and closes
 * it with `work`'s answer. A connection that closes first is "unreachable". For the few things
 * only DDP can do, without holding a live connection (a status change a REST endpoint refuses,
 * a 9.0 password sign-in).
 */
export function overOneConnection<T>(server: string, work: (client: DdpClient) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
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
          work(client).then(
            (answer) => finish(() => resolve(answer)),
            (error: unknown) => finish(() => reject(error)),
          );
        },
        changed: () => undefined,
        closed: () => finish(() => reject(new SignInFailure(signInError('unreachable', { server, detail: 'the realtime connection closed' })))),
      },
    });
  });
}
