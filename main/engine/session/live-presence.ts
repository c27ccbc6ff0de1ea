import type { LiveConnection, UserStatus, UserSummary } from '../../common/session-state';
import type { SignInError } from '../../common/sign-in-error';
import type { Credentials } from '../http/rocketchat-api';
import type { StatusClaim } from './status-control';

export interface LivePresenceEvents {
  status(status: UserStatus, statusText: string, claim?: StatusClaim): void;
  connection(state: LiveConnection): void;
  /** The server refused the token on the realtime connection: the session is over. */
  rejected(): void;
  /** The realtime sign-in was refused for now (lockout, rate limit): no attempt before `nextRetryAt`. */
  deferred(error: SignInError, nextRetryAt: number): void;
  /** The server signed this user out (`force_logout`): the session is over at once. */
  forcedLogout(): void;
}

/** A signed-in session's realtime connection, which both carries and creates presence. */
export interface LivePresence {
  /** Reconnect now instead of waiting for the backoff (network back, system woke up). */
  retryNow(): void;
  /** Auto-away: mark this connection away or back online; the user's chosen status stays. */
  setAway(away: boolean): void;
  close(): void;
}

export type LivePresenceFactory = (input: {
  server: string;
  credentials: Credentials;
  user: UserSummary;
  events: LivePresenceEvents;
}) => LivePresence;
