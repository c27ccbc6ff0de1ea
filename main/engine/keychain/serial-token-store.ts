import { isCanonicalServerAddress } from '../../common/server-address';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials } from '../http/rocketchat-api';
import type { TokenStore } from './token-store';

/**
 * Wraps any TokenStore so that (1) one keychain call runs at a time in this process — libsecret
 * under keytar's thread pool printed GLib-CRITICAL and a wrong "keyring is locked" when calls
 * overlapped (audit F-16) — and (2) only a normalised server address ever names an item: keytar
 * cuts an account name at a NUL, so `http://real\0@other` read the real server's token (F-01).
 */
export class SerialTokenStore implements TokenStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly inner: TokenStore) {}

  get(server: string): Promise<Credentials | undefined> {
    return this.serialised(server, () => this.inner.get(server));
  }

  set(server: string, credentials: Credentials): Promise<void> {
    return this.serialised(server, () => this.inner.set(server, credentials));
  }

  delete(server: string): Promise<boolean> {
    return this.serialised(server, () => this.inner.delete(server));
  }

  /** The accounts' servers, only those that are real normalised addresses. */
  async listServers(): Promise<string[]> {
    const list = this.inner.listServers;
    if (!list) return [];
    const servers = await this.serialised(undefined, () => list.call(this.inner));
    return servers.filter(isCanonicalServerAddress);
  }

  private serialised<T>(server: string | undefined, call: () => Promise<T>): Promise<T> {
    if (server !== undefined && !isCanonicalServerAddress(server)) {
      return Promise.reject(new SignInFailure(signInError('invalid-address', { detail: 'That saved server address is damaged; rc-tray will not use it.' })));
    }
    const next = this.queue.then(call);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
