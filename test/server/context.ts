// Shared state of one server instance, handed to the REST routes and the DDP layer.
import type { EmailTwoFactor } from './email-2fa';
import type { LoginLockout } from './login-lockout';
import type { Presence } from './presence';
import type { RateLimiter } from './rate-limiter';
import type { UserStatus, UserStore } from './users';
import type { LoginServiceConfig } from './routes-sso';
import type { SsoCredentials } from './sso-credentials';

export interface ServerSettings {
  version: string;
  allowInvisibleStatus: boolean;
  allowStatusMessageChange: boolean;
  siteUrl?: string;
  heartbeatMs: number;
  demoHooks: boolean;
  userPresenceStream: boolean;
  /** `Presence_broadcast_disabled`: set by RC's Presence service over 200 connections without a license. */
  presenceBroadcastDisabled: boolean;
  /** The admin's custom statuses (Administration → User Status). */
  customStatuses: Array<{ name: string; statusType: UserStatus }>;
  /** Methods this server version does not have: Meteor answers 404 "Method 'X' not found". */
  removedMethods: string[];
  /** Accounts_ShowFormLogin (public, default true): the web client hides its password form when false. */
  showFormLogin: boolean;
  loginServices: LoginServiceConfig[];
  /** `Accounts_EmailVerification`: password logins of non-admins need a verified e-mail. */
  emailVerification: boolean;
}

export interface ServerContext {
  settings: ServerSettings;
  users: UserStore;
  presence: Presence;
  lockout: LoginLockout;
  rateLimiter: RateLimiter;
  email: EmailTwoFactor;
  sso: SsoCredentials;
  now: () => number;
  siteUrl: () => string;
}

/** Accounts_LoginExpiration default: 90 days from token creation, not sliding. */
export const LOGIN_EXPIRATION_MS = 90 * 24 * 3600 * 1000;
