import { REALTIME_BACKOFF, type BackoffPolicy } from '../../common/backoff';
import { realtimeEndpoint } from '../../common/server-address';
import type { UserStatus } from '../../common/session-state';
import { SignInFailure, type SignInError } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { LivePresence, LivePresenceEvents, LivePresenceFactory } from '../session/live-presence';
import type { StatusClaim } from '../session/status-control';
import { isLockout, RetryPolicy } from '../session/retry-policy';
import { systemScheduler, type Scheduler } from '../session/scheduler';
import { DdpClient, DdpMethodError } from './ddp-client';
import { ddpLoginFailure } from './ddp-login-errors';
import { userPresenceEventSchema, userStatusEventSchema } from './ddp-messages';
import type { OpenRealtimeSocket } from './realtime-socket';
import { LatestOnly } from './latest-only';

/** How long a connection must stay up before a drop counts as new trouble rather than the same. */
export const STABLE_CONNECTION_MS = 30_000;

const STATUS_BY_CODE: Record<number, UserStatus> = { 0: 'offline', 1: 'online', 2: 'away', 3: 'busy' };

export interface RealtimeOptions {
  createApi(server: string): RocketChatApi;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  silenceLimitMs?: number;
  /** How long a "retry now" waits for a pong before it treats the open socket as dead. */
  probeTimeoutMs?: number;
  openSocket?: OpenRealtimeSocket;
}

/**
 * Keeps one DDP connection per signed-in session: resume-login on the socket (which is what
 * makes the user "online" to others, contract §9), follow `user-status` for this user, and
 * reconnect with capped, jittered backoff when the link drops.
 */
class RealtimePresence implements LivePresence {
  private client?: DdpClient;
  private reconnectTimer?: unknown;
  private readonly retry: RetryPolicy;
  /** A lockout or rate limit: no attempt at all before this time (epoch ms), whatever happens. */
  private deferredUntil?: number;
  private lastFailure?: SignInError;
  private away = false;
  private closed = false;
  /** Set once a connection has stayed up long enough to count as useful; only then is the backoff reset. */
  private stableTimer?: unknown;
  private readonly statuses: LatestOnly<Parameters<LivePresenceEvents['status']>>;

  constructor(
    private readonly server: string,
    private readonly credentials: Credentials,
    private readonly events: LivePresenceEvents,
    private readonly options: RealtimeOptions,
    private readonly scheduler: Scheduler,
  ) {
    this.retry = new RetryPolicy(options.backoff ?? REALTIME_BACKOFF);
    this.statuses = new LatestOnly((args) => this.events.status(...args), scheduler);
    this.connect();
  }

  retryNow(): void {
    if (this.closed) return;
    // "Network back" must not cut a lockout's wait short: an early attempt would renew the block.
    if (this.deferredUntil !== undefined && this.scheduler.now() < this.deferredUntil) return;
    if (this.client) {
      this.client.probe(this.options.probeTimeoutMs ?? 5_000);
      return;
    }
    this.cancelReconnect();
    this.connect();
  }

  setAway(away: boolean): void {
    this.away = away;
    this.client?.call(away ? 'UserPresence:away' : 'UserPresence:online', []).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.cancelReconnect();
    this.cancelStable();
    this.statuses.cancel();
    const client = this.client;
    this.client = undefined;
    client?.close();
  }

  private connect(): void {
    const client = new DdpClient({
      url: realtimeEndpoint(this.server),
      silenceLimitMs: this.options.silenceLimitMs,
      openSocket: this.options.openSocket,
      events: {
        connected: () => void this.signIn(client),
        changed: (collection, fields) => this.onChanged(collection, fields),
        closed: () => {
          if (this.client !== client) return;
          this.client = undefined;
          this.cancelStable();
          this.scheduleReconnect();
        },
      },
    });
    this.client = client;
  }

  private async signIn(client: DdpClient): Promise<void> {
    try {
      await client.call('login', [{ resume: this.credentials.authToken }]).catch((error: unknown) => {
        throw error instanceof DdpMethodError ? ddpLoginFailure(error.ddpError, 'resume') : error;
      });
      await this.followOwnStatus(client);
      await this.followForcedLogout(client);
      // Auto-away is a nicety: a server without the method (or refusing it) costs the session nothing.
      if (this.away) await client.call('UserPresence:away', []).catch(() => undefined);
      // Changes made before the subscription was ready are not replayed: read the status once.
      const me = await this.options.createApi(this.server).me(this.credentials);
      if (this.client !== client) return;
      this.deferredUntil = undefined;
      this.resetBackoffOnceStable();
      // The status first, then "live": a session shown live always shows what others see now, never
      // the "offline" its REST resume read before this connection existed.
      const claim = claimOf(me.statusSource, me.statusExpiresAt);
      if (me.statusDefault) claim.chosen = me.statusDefault;
      if (me.status) this.statuses.push([me.status, me.statusText ?? '', claim]);
      this.events.connection('live');
    } catch (error) {
      if (this.client !== client) return;
      const failure = error instanceof SignInFailure ? error.toPlain() : undefined;
      if (failure?.code === 'session-expired' || failure?.code === 'user-deactivated') {
        this.close();
        this.events.rejected();
        return;
      }
      if (failure && (isLockout(failure) || failure.code === 'rate-limited')) this.lastFailure = failure;
      client.close();
    }
  }

  /** `stream-notify-user` `<uid>/force_logout` (RC listeners.module.ts; the mobile app listens too). */
  private async followForcedLogout(client: DdpClient): Promise<void> {
    await client.subscribe('stream-notify-user', [`${this.credentials.userId}/force_logout`, false]).catch((error: unknown) => {
      if (!(error instanceof DdpMethodError)) throw error;
    });
  }

  /**
   * Newer servers publish each user's presence on its own (`stream-user-presence`), so rc-tray
   * receives only its user's changes; older ones only broadcast every user's `user-status`
   * (`stream-notify-logged`), filtered here by id.
   */
  private async followOwnStatus(client: DdpClient): Promise<void> {
    try {
      await client.subscribe('stream-user-presence', ['', { added: [this.credentials.userId], removed: [] }]);
    } catch (error) {
      if (!(error instanceof DdpMethodError)) throw error;
      await client.subscribe('stream-notify-logged', ['user-status', false]);
    }
  }

  private onChanged(collection: string, fields: Record<string, unknown>): void {
    if (collection === 'stream-notify-user') {
      if (fields.eventName !== `${this.credentials.userId}/force_logout`) return;
      this.close();
      this.events.forcedLogout();
      return;
    }
    if (collection === 'stream-user-presence') {
      const event = userPresenceEventSchema.safeParse(fields);
      if (!event.success || event.data.eventName !== this.credentials.userId) return;
      const [, code, text, source, expiresAt] = event.data.args[0];
      this.statuses.push([STATUS_BY_CODE[code] ?? 'offline', typeof text === 'string' ? text : '', claimOf(source, expiresAt)]);
      return;
    }
    if (collection !== 'stream-notify-logged') return;
    const event = userStatusEventSchema.safeParse(fields);
    if (!event.success) return;
    const [uid, , code, text, , , source, expiresAt] = event.data.args[0];
    if (uid !== this.credentials.userId) return;
    this.statuses.push([STATUS_BY_CODE[code] ?? 'offline', text ?? '', claimOf(source, expiresAt)]);
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.events.connection('reconnecting');
    const failure = this.lastFailure;
    this.lastFailure = undefined;
    const delay = this.retry.next(failure ?? signInError('unreachable'), this.scheduler.random());
    this.cancelReconnect();
    this.reconnectTimer = this.scheduler.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && !this.client) this.connect();
    }, delay);
    if (failure) {
      this.deferredUntil = this.scheduler.now() + delay;
      this.events.deferred(failure, this.deferredUntil);
    }
  }

  /**
   * A server that drops the socket right after each connect must not get a reconnect (and a
   * GET /me) every second (audit F-14): the backoff starts over only after the link stayed up.
   */
  private resetBackoffOnceStable(): void {
    this.cancelStable();
    this.stableTimer = this.scheduler.setTimeout(() => {
      this.stableTimer = undefined;
      this.retry.reset();
    }, STABLE_CONNECTION_MS);
  }

  private cancelStable(): void {
    if (this.stableTimer !== undefined) this.scheduler.clearTimeout(this.stableTimer);
    this.stableTimer = undefined;
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) this.scheduler.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }
}

/** 8.6+ frames end with `statusSource, statusExpiresAt`; the date is EJSON `{$date}` or ISO (RN PR #7392 `normalizeStatusExpiresAt`). */
export function claimOf(source: unknown, expiresAt: unknown): StatusClaim {
  const claim: StatusClaim = {};
  if (source === 'manual' || source === 'internal' || source === 'external') claim.source = source;
  const raw = typeof expiresAt === 'object' && expiresAt !== null && '$date' in expiresAt ? (expiresAt as { $date: unknown }).$date : expiresAt;
  const at = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isFinite(at)) claim.expiresAt = at;
  return claim;
}

export function realtimePresence(options: RealtimeOptions): LivePresenceFactory {
  const scheduler = options.scheduler ?? systemScheduler;
  return ({ server, credentials, events }) => new RealtimePresence(server, credentials, events, options, scheduler);
}
