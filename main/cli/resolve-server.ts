import { normaliseServerAddress } from '../common/server-address';
import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import type { SignInEngine } from '../engine/sign-in-engine';

/** `--server` when given (normalised), else the server used last; never a network request. */
export async function resolveServer(engine: SignInEngine, typed: string | undefined): Promise<string> {
  if (typed !== undefined) {
    const address = normaliseServerAddress(typed);
    if (!address.ok) throw new SignInFailure(address.error);
    return address.url;
  }
  const active = await engine.activeServer();
  if (!active) throw new SignInFailure(signInError('not-signed-in'));
  return active;
}
