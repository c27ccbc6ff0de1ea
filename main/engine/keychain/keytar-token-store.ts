import * as z from 'zod/mini';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials } from '../http/rocketchat-api';
import type { KeyringProbe } from './secret-service-probe';
import type { TokenStore } from './token-store';

/** The part of keytar rc-tray uses; injected so the module is loaded only where it is needed. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials?(service: string): Promise<Array<{ account: string; password: string }>>;
}

const storedSchema = z.object({
  userId: z.string().check(z.minLength(1)),
  authToken: z.string().check(z.minLength(1)),
  kind: z.optional(z.literal('personal-access-token')),
});

/** Known keyring failures, turned into a reason a person can act on (platform notes §2). */
export function describeKeychainFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Could not connect|dbus-launch/i.test(message)) return 'no desktop session bus';
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown/i.test(message)) return 'no Secret Service, such as gnome-keyring, is running';
  if (/collection\/login|locked|Cannot create an item/i.test(message)) return 'the keyring is locked or has no login collection';
  if (/Cannot find module|keytar\.node|failed to install/i.test(message)) return 'the keychain module could not be loaded';
  return 'the keychain refused the request';
}

/**
 * Keeps `{userId, authToken}` as one keychain item per server: service = rc-tray (or
 * RC_TRAY_KEYCHAIN_SERVICE), account = the server's base URL.
 */
export class KeytarTokenStore implements TokenStore {
  constructor(
    private readonly keytar: () => KeytarApi,
    private readonly service: string,
    /** Where the platform can tell "none" from "locked" (Linux: the Secret Service); see keychain-platform. */
    private readonly probe?: KeyringProbe,
  ) {}

  /**
   * The server's item; undefined only when there is none *and* one could be kept. A locked
   * keychain, or one with nowhere to keep a token, throws instead: neither is "signed out".
   */
  async get(server: string): Promise<Credentials | undefined> {
    const stored = await this.call(() => this.keytar().getPassword(this.service, server));
    if (stored === null) {
      await this.confirmNone(server);
      return undefined;
    }
    try {
      const parsed = storedSchema.safeParse(JSON.parse(stored));
      // An unreadable item is treated as absent, not deleted: it may belong to a newer rc-tray.
      if (!parsed.success) return undefined;
      const { userId, authToken, kind } = parsed.data;
      return kind ? { userId, authToken, kind } : { userId, authToken };
    } catch {
      return undefined;
    }
  }

  async set(server: string, credentials: Credentials): Promise<void> {
    const item = JSON.stringify({
      userId: credentials.userId,
      authToken: credentials.authToken,
      ...(credentials.kind ? { kind: credentials.kind } : {}),
    });
    try {
      await this.call(() => this.keytar().setPassword(this.service, server, item));
    } catch (error) {
      await this.confirmNone(server);
      throw error;
    }
  }

  async delete(server: string): Promise<boolean> {
    try {
      return await this.call(() => this.keytar().deletePassword(this.service, server));
    } catch (error) {
      // Another process deleting the same item at once makes libsecret fail (audit F-16): the
      // item being gone is what was asked for, so only a delete that left it in place fails.
      const left = await this.keytar().getPassword(this.service, server).catch(() => undefined);
      if (left === null) return false;
      throw error;
    }
  }

  async listServers(): Promise<string[]> {
    const found = await this.call(async () => (await this.keytar().findCredentials?.(this.service)) ?? []);
    return found.map((item) => item.account);
  }

  private async confirmNone(server: string): Promise<void> {
    const state = await this.probe?.stateFor(this.service, server);
    if (state === 'locked') throw new SignInFailure(signInError('keychain-locked'));
    if (state === 'no-keyring') throw new SignInFailure(signInError('keychain-unavailable', { detail: 'no keyring is running on this session bus' }));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new SignInFailure(signInError('keychain-unavailable', { detail: describeKeychainFailure(error) }));
    }
  }
}

/** keytar, loaded on first use so a missing native module becomes a clear keychain error. */
export function loadKeytar(): KeytarApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as KeytarApi;
}
