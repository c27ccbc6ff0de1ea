import { REALTIME_BACKOFF, backoffDelay, type BackoffPolicy } from '../../common/backoff';
import { realtimeEndpoint } from '../../common/server-address';
import type { UserStatus } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { LivePresence, LivePresenceEvents, LivePresenceFactory } from '../session/live-presence';
import type { StatusClaim } from '../session/status-control';
import { systemScheduler, type Scheduler } from '../session/scheduler';
import { DdpClient, DdpMethodError } from './ddp-client';
import { isAuthRejection, userPresenceEventSchema, userStatusEventSchema } from './ddp-messages';

const STATUS_BY_CODE: Record<number, UserStatus> = { 0: 'offline', 1: 'online', 2: 'away', 3: 'busy' };

export interface RealtimeOptions {
  createApi(server: string): RocketChatApi;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  silenceLimitMs?: number;
  /** How long a "retry now" waits for a pong before it treats the open socket as dead. */
  probeTimeoutMs?: number;
}

/**
 * Keeps one DDP connection per signed-in session: resume-login on the socket (which is what
 * makes the user "online" to others, contract §9), follow `user-status` for this user, and
 * reconnect with capped, jittered backoff when the link drops.
 */
class RealtimePresence implements LivePresence {
  private client?: DdpClient;
  private reconnectTimer?: unknown;
  private attempt = 0;
  private away = false;
  private closed = false;

  constructor(
    private readonly server: string,
    private readonly credentials: Credentials,
    private readonly events: LivePresenceEvents,
    private readonly options: RealtimeOptions,
    private readonly scheduler: Scheduler,
  ) {
    this.connect();
  }

  retryNow(): void {
    if (this.closed) return;
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
    const client = this.client;
    this.client = undefined;
    client?.close();
  }

  private connect(): void {
    const client = new DdpClient({
      url: realtimeEndpoint(this.server),
      silenceLimitMs: this.options.silenceLimitMs,
      events: {
        connected: () => void this.signIn(client),
        changed: (collection, fields) => this.onChanged(collection, fields),
        closed: () => {
          if (this.client !== client) return;
          this.client = undefined;
          this.scheduleReconnect();
        },
      },
    });
    this.client = client;
  }

  private async signIn(client: DdpClient): Promise<void> {
    try {
      await client.call('login', [{ resume: this.credentials.authToken }]);
      await this.followOwnStatus(client);
      if (this.away) await client.call('UserPresence:away', []);
      // Changes made before the subscription was ready are not replayed: read the status once.
      const me = await this.options.createApi(this.server).me(this.credentials);
      if (this.client !== client) return;
      this.attempt = 0;
      this.events.connection('live');
      if (me.status) this.events.status(me.status, me.statusText ?? '', claimOf(me.statusSource, me.statusExpiresAt));
    } catch (error) {
      if (this.client !== client) return;
      const rejected =
        (error instanceof DdpMethodError && isAuthRejection(error.ddpError)) ||
        (error instanceof SignInFailure && error.code === 'session-expired');
      if (rejected) {
        this.close();
        this.events.rejected();
      } else {
        client.close();
      }
    }
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
    if (collection === 'stream-user-presence') {
      const event = userPresenceEventSchema.safeParse(fields);
      if (!event.success || event.data.eventName !== this.credentials.userId) return;
      const [, code, text, source, expiresAt] = event.data.args[0];
      this.events.status(STATUS_BY_CODE[code] ?? 'offline', typeof text === 'string' ? text : '', claimOf(source, expiresAt));
      return;
    }
    if (collection !== 'stream-notify-logged') return;
    const event = userStatusEventSchema.safeParse(fields);
    if (!event.success) return;
    const [uid, , code, text, , , source, expiresAt] = event.data.args[0];
    if (uid !== this.credentials.userId) return;
    this.events.status(STATUS_BY_CODE[code] ?? 'offline', text ?? '', claimOf(source, expiresAt));
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.events.connection('reconnecting');
    const delay = backoffDelay(this.options.backoff ?? REALTIME_BACKOFF, this.attempt, this.scheduler.random());
    this.attempt += 1;
    this.cancelReconnect();
    this.reconnectTimer = this.scheduler.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && !this.client) this.connect();
    }, delay);
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
