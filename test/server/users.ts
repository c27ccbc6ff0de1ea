// The user model of the stand-in server: specs as tests write them, records as RC stores them.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { generateTotpSecret } from './totp';

export type UserStatus = 'online' | 'away' | 'busy' | 'offline';
export const USER_STATUSES: readonly UserStatus[] = ['online', 'away', 'offline', 'busy'];
export type StatusSource = 'manual' | 'internal' | 'external';

export interface TestUserSpec {
  username: string;
  password: string;
  name?: string;
  email?: string;
  emailVerified?: boolean;
  twoFactor?: 'none' | 'totp' | 'email';
  totpSecret?: string;
  backupCodes?: string[];
  ldap?: boolean;
  active?: boolean;
  /** RC's user `type`: 'app' accounts (Apps-Engine bots) may not log in. */
  type?: 'user' | 'app';
  roles?: string[];
  statusDefault?: UserStatus;
  statusText?: string;
  preferences?: { enableAutoAway?: boolean; idleTimeLimit?: number };
}

export interface StoredToken {
  hashedToken: string;
  when: number;
  /**
   * A personal access token, as RC stores it among the resume tokens
   * (apps/meteor/imports/personal-access-tokens/server/api/methods/generateToken.ts:
   * `{hashedToken, type:'personalAccessToken', createdAt, lastTokenPart, name, bypassTwoFactor}`).
   * REST authentication looks every kind up by hashed token alike (authenticatedRoute).
   */
  personalAccessToken?: { name: string; bypassTwoFactor: boolean };
}

export interface EmailCode {
  code: string;
  expiresAt: number;
}

export interface ServerUser {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  email?: string;
  emailVerified: boolean;
  twoFactor: 'none' | 'totp' | 'email';
  totpSecret?: string;
  backupCodeHashes: string[];
  ldap: boolean;
  active: boolean;
  type: 'user' | 'app';
  roles: string[];
  statusDefault: UserStatus;
  statusText: string;
  /** 8.6+ presence engine: who holds the status claim (`manual` from users.setStatus, `external` e.g. a calendar). */
  statusSource?: StatusSource;
  /** 8.6+: when the claim ends (epoch ms); `statusRestore` is what the engine puts back then. */
  statusExpiresAt?: number;
  statusRestore?: { statusDefault: UserStatus; statusText: string; statusSource?: StatusSource };
  preferences: { enableAutoAway: boolean; idleTimeLimit: number };
  tokens: StoredToken[];
  emailCodes: EmailCode[];
  invalidEmailCodeAttempts: number;
  emailsSent: string[];
  lastLogin?: number;
  createdAt: number;
}

/** Meteor keeps at most this many resume tokens per user and prunes the oldest. */
const MAX_LOGIN_TOKENS = 50;
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function sha256Base64(value: string): string {
  return createHash('sha256').update(value).digest('base64');
}

/** Same as Accounts._hashLoginToken: tokens are never stored in clear. */
export const hashToken = sha256Base64;

export function meteorId(): string {
  let id = '';
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** Meteor's Random.secret(): 43 url-safe characters. */
export function newLoginToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export type TokensRemovedListener = (user: ServerUser, hashedTokens: string[]) => void;

export class UserStore {
  private readonly byId = new Map<string, ServerUser>();
  private readonly tokensRemoved = new Set<TokensRemovedListener>();

  constructor(private readonly now: () => number) {}

  add(spec: TestUserSpec): ServerUser {
    if (this.byUsername(spec.username)) throw new Error(`user '${spec.username}' already exists`);
    const twoFactor = spec.twoFactor ?? 'none';
    const user: ServerUser = {
      id: meteorId(),
      username: spec.username,
      passwordHash: sha256Base64(spec.password),
      name: spec.name ?? spec.username,
      email: spec.email,
      emailVerified: spec.emailVerified ?? true,
      twoFactor,
      totpSecret: spec.totpSecret ?? (twoFactor === 'totp' ? generateTotpSecret() : undefined),
      backupCodeHashes: (spec.backupCodes ?? []).map(sha256Base64),
      ldap: spec.ldap ?? false,
      active: spec.active ?? true,
      type: spec.type ?? 'user',
      roles: [...(spec.roles ?? ['user'])],
      statusDefault: spec.statusDefault ?? 'online',
      statusText: spec.statusText ?? '',
      preferences: {
        enableAutoAway: spec.preferences?.enableAutoAway ?? true,
        idleTimeLimit: spec.preferences?.idleTimeLimit ?? 300,
      },
      tokens: [],
      emailCodes: [],
      invalidEmailCodeAttempts: 0,
      emailsSent: [],
      createdAt: this.now(),
    };
    this.byId.set(user.id, user);
    return user;
  }

  all(): ServerUser[] {
    return [...this.byId.values()];
  }

  get(id: string): ServerUser | undefined {
    return this.byId.get(id);
  }

  // Meteor falls back to a case-insensitive match for usernames and e-mails.
  byUsername(username: string): ServerUser | undefined {
    const wanted = username.toLowerCase();
    return this.all().find((u) => u.username.toLowerCase() === wanted);
  }

  byEmail(email: string): ServerUser | undefined {
    const wanted = email.toLowerCase();
    return this.all().find((u) => u.email?.toLowerCase() === wanted);
  }

  byUsernameOrEmail(value: string): ServerUser | undefined {
    return this.byUsername(value) ?? this.byEmail(value);
  }

  require(username: string): ServerUser {
    const user = this.byUsername(username);
    if (!user) throw new Error(`unknown test user '${username}'`);
    return user;
  }

  checkPassword(user: ServerUser, password: string): boolean {
    return sameHash(user.passwordHash, sha256Base64(password));
  }

  /** Meteor's `{digest, algorithm:'sha-256'}` form carries the hex SHA-256 of the password. */
  checkPasswordDigest(user: ServerUser, hexDigest: string): boolean {
    return sameHash(Buffer.from(user.passwordHash, 'base64').toString('hex'), hexDigest.toLowerCase());
  }

  createToken(user: ServerUser): { token: string; stored: StoredToken } {
    const token = newLoginToken();
    const stored = { hashedToken: hashToken(token), when: this.now() };
    user.tokens.push(stored);
    const loginTokens = user.tokens.filter((t) => !t.personalAccessToken);
    if (loginTokens.length > MAX_LOGIN_TOKENS) {
      const pruned = new Set(loginTokens.slice(0, loginTokens.length - MAX_LOGIN_TOKENS));
      user.tokens = user.tokens.filter((t) => !pruned.has(t));
      this.emitRemoved(user, [...pruned].map((t) => t.hashedToken));
    }
    return { token, stored };
  }

  /**
   * users.generatePersonalAccessToken: Random.secret() (43 url-safe characters), stored hashed;
   * a second token of the same name is refused (`error-token-already-exists`, generateToken.ts).
   * Personal access tokens are not pruned with the login tokens.
   */
  addPersonalAccessToken(user: ServerUser, name: string, bypassTwoFactor = false): string {
    if (user.tokens.some((t) => t.personalAccessToken?.name === name)) throw new Error('error-token-already-exists');
    const token = newLoginToken();
    user.tokens.push({ hashedToken: hashToken(token), when: this.now(), personalAccessToken: { name, bypassTwoFactor } });
    return token;
  }

  findByToken(token: string): { user: ServerUser; stored: StoredToken } | undefined {
    const hashed = hashToken(token);
    for (const user of this.byId.values()) {
      const stored = user.tokens.find((t) => sameHash(t.hashedToken, hashed));
      if (stored) return { user, stored };
    }
    return undefined;
  }

  findByIdAndToken(userId: string, token: string): { user: ServerUser; stored: StoredToken } | undefined {
    const user = this.byId.get(userId);
    if (!user) return undefined;
    const hashed = hashToken(token);
    const stored = user.tokens.find((t) => sameHash(t.hashedToken, hashed));
    return stored ? { user, stored } : undefined;
  }

  removeToken(user: ServerUser, hashedToken: string): void {
    const before = user.tokens.length;
    user.tokens = user.tokens.filter((t) => t.hashedToken !== hashedToken);
    if (user.tokens.length !== before) this.emitRemoved(user, [hashedToken]);
  }

  removeAllTokens(user: ServerUser): void {
    const removed = user.tokens.map((t) => t.hashedToken);
    user.tokens = [];
    this.emitRemoved(user, removed);
  }

  onTokensRemoved(listener: TokensRemovedListener): () => void {
    this.tokensRemoved.add(listener);
    return () => this.tokensRemoved.delete(listener);
  }

  private emitRemoved(user: ServerUser, hashed: string[]): void {
    for (const l of this.tokensRemoved) l(user, hashed);
  }
}
