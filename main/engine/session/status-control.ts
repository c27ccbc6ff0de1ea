import type { ServerStatusFeatures, SessionState, StatusSource, UserStatus, UserSummary } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { DdpCallOnce } from '../realtime/ddp-call-once';
import { STATUS_SETTING_IDS, statusFeatures } from '../status/status-features';
import { normalizeStatusText } from '../status/status-text';
import type { Scheduler } from './scheduler';

export interface StatusChange {
  status?: UserStatus;
  message?: string;
  /** Epoch ms; only 8.6+ servers take it. */
  expiresAt?: number;
}

/** What the realtime stream says about a status beyond code and text (8.6+ frames). */
export interface StatusClaim {
  source?: StatusSource;
  expiresAt?: number;
}

/** With `Presence_broadcast_disabled` no event ever arrives: read the own status this often instead (issue 7 §5). */
export const BROADCAST_DISABLED_REFRESH_MS = 5 * 60_000;

export interface StatusControlDeps {
  server: string;
  api: RocketChatApi;
  scheduler: Scheduler;
  credentials(): Promise<Credentials | undefined>;
  state(): SessionState;
  update(state: SessionState): void;
  /** The server refused the token: the session ends. */
  expire(): Promise<void>;
  ddpCall?: DdpCallOnce;
  /** A session that holds a live connection (the app, `status --watch`) reads the server's status features at sign-in. */
  live: boolean;
}

/** The user as the server will show them after `change` (so the tray and CLI never show other text than others see). */
export function userAfterChange(user: UserSummary, change: StatusChange, features: ServerStatusFeatures | undefined, liveHeld: boolean): UserSummary {
  const next: UserSummary = { ...user };
  delete next.statusExpiresAt;
  delete next.statusAfter;
  delete next.statusSource;
  if (change.status !== undefined) {
    // Without a live connection of this user, others keep seeing offline (contract §9).
    if (liveHeld) next.status = change.status;
    next.chosenStatus = change.status;
  }
  if (change.message !== undefined) next.statusText = change.message;
  // 8.6's Presence.setStatus: online without text resets to Online with no text (clearActiveState).
  else if (features?.expiringStatus && change.status === 'online') next.statusText = '';
  if (features?.expiringStatus && !(change.status === 'online' && change.message === undefined)) next.statusSource = 'manual';
  if (change.expiresAt !== undefined) next.statusExpiresAt = change.expiresAt;
  return next;
}

/**
 * Status control for one signed-in session: what the server allows (read once per sign-in), setting
 * a status (with the pre-8.6 fallback to DDP), and keeping the shown status true when the server
 * shares no live presence.
 */
export class StatusControl {
  private features?: Promise<ServerStatusFeatures>;
  private refreshTimer?: unknown;
  private generation = 0;

  constructor(private readonly deps: StatusControlDeps) {}

  /** A (new) sign-in: forget the previous server's answers; live sessions read them now. */
  signedIn(credentials: Credentials): void {
    this.stop();
    const generation = this.generation;
    if (!this.deps.live) return;
    this.featuresFor(credentials, true).then(
      (features) => {
        if (generation !== this.generation) return;
        const state = this.deps.state();
        if (state.kind !== 'signed-in') return;
        this.deps.update({ ...state, features });
        if (!features.liveStatusShared) this.scheduleRefresh(credentials, generation);
      },
      () => undefined,
    );
  }

  stop(): void {
    this.generation += 1;
    this.features = undefined;
    if (this.refreshTimer !== undefined) this.deps.scheduler.clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** What this server allows; read once (three small requests) and kept for the session. */
  featuresFor(credentials: Credentials, withCustomStatuses = false): Promise<ServerStatusFeatures> {
    if (!this.features) {
      const loading = this.loadFeatures(credentials, withCustomStatuses);
      this.features = loading;
      loading.catch(() => {
        if (this.features === loading) this.features = undefined;
      });
    }
    return this.features;
  }

  async set(change: StatusChange): Promise<SessionState> {
    const state = this.deps.state();
    if (state.kind !== 'signed-in') throw new SignInFailure(signInError('not-signed-in', { server: this.deps.server }));
    const credentials = await this.deps.credentials();
    if (!credentials) throw new SignInFailure(signInError('not-signed-in', { server: this.deps.server }));
    const normalized: StatusChange = { ...change };
    if (change.message !== undefined) normalized.message = normalizeStatusText(change.message);
    const features = await this.featuresFor(credentials);
    if (normalized.expiresAt !== undefined && !features.expiringStatus) throw new SignInFailure(signInError('status-expiry-unsupported'));
    try {
      await this.deps.api.setStatus(credentials, normalized);
    } catch (error) {
      if (error instanceof SignInFailure && error.code === 'session-expired') await this.deps.expire();
      if (!(error instanceof SignInFailure) || error.code !== 'status-message-not-allowed') throw error;
      await this.afterMessageRefusal(credentials, normalized, features);
    }
    const latest = this.deps.state();
    if (latest.kind === 'signed-in' && latest.user.id === state.user.id) {
      this.deps.update({ ...latest, user: userAfterChange(latest.user, normalized, features, latest.live === 'live') });
    }
    return this.deps.state();
  }

  /** A status the realtime stream (or a refresh) reports. */
  onLiveStatus(status: UserStatus, statusText: string, claim: StatusClaim = {}): void {
    const state = this.deps.state();
    if (state.kind !== 'signed-in') return;
    const user: UserSummary = { ...state.user, status, statusText };
    delete user.statusSource;
    delete user.statusExpiresAt;
    delete user.statusAfter;
    if (claim.source) user.statusSource = claim.source;
    if (claim.expiresAt !== undefined) {
      user.statusExpiresAt = claim.expiresAt;
      if (state.user.statusExpiresAt === claim.expiresAt && state.user.statusAfter) user.statusAfter = state.user.statusAfter;
    }
    this.deps.update({ ...state, user });
  }

  /**
   * Before 8.6, `Accounts_AllowUserStatusMessageChange` off refuses the whole REST call, the status
   * too; the DDP method `UserPresence:setDefaultStatus` is not gated by it (review #5,
   * `server/methods/userPresence.ts`), so a status-only change goes that way. A message stays refused.
   */
  private async afterMessageRefusal(credentials: Credentials, change: StatusChange, features: ServerStatusFeatures): Promise<void> {
    const statusOnly = change.message === undefined && change.status !== undefined;
    if (!statusOnly || features.expiringStatus || !this.deps.ddpCall) {
      const detail =
        change.status !== undefined
          ? 'This server does not allow changing the status message, so neither the status nor the message was changed.'
          : 'This server does not allow changing the status message, so it was not changed.';
      throw new SignInFailure(signInError('status-message-not-allowed', { detail }));
    }
    try {
      await this.deps.ddpCall(this.deps.server, credentials, 'UserPresence:setDefaultStatus', [change.status]);
    } catch (error) {
      if (error instanceof SignInFailure && error.code === 'session-expired') {
        await this.deps.expire();
        throw error;
      }
      const reason = error instanceof SignInFailure ? error.message : 'the realtime connection failed';
      throw new SignInFailure(
        signInError('status-message-not-allowed', {
          detail: `This server refuses status changes over its REST API while status messages are locked, and the fallback failed too: ${reason}`,
        }),
      );
    }
  }

  private async loadFeatures(credentials: Credentials, withCustomStatuses: boolean): Promise<ServerStatusFeatures> {
    const [info, settings, custom] = await Promise.all([
      this.deps.api.serverInfo(),
      this.deps.api.publicSettings(STATUS_SETTING_IDS),
      // Custom statuses are an extra; a server without the endpoint simply has none.
      withCustomStatuses ? this.deps.api.customStatuses(credentials).catch(() => []) : Promise.resolve([]),
    ]);
    return statusFeatures(info.version, settings, custom);
  }

  /** Broadcast disabled: one `GET /me` every 5 minutes, and only while the setting stays on. */
  private scheduleRefresh(credentials: Credentials, generation: number): void {
    this.refreshTimer = this.deps.scheduler.setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh(credentials, generation);
    }, BROADCAST_DISABLED_REFRESH_MS);
  }

  private async refresh(credentials: Credentials, generation: number): Promise<void> {
    try {
      const [me, settings] = await Promise.all([this.deps.api.me(credentials), this.deps.api.publicSettings(STATUS_SETTING_IDS)]);
      if (generation !== this.generation) return;
      const claim: StatusClaim = {};
      if (me.statusSource) claim.source = me.statusSource;
      const expiresAt = me.statusExpiresAt ? Date.parse(me.statusExpiresAt) : Number.NaN;
      if (Number.isFinite(expiresAt)) claim.expiresAt = expiresAt;
      if (me.status) this.onLiveStatus(me.status, me.statusText ?? '', claim);
      const state = this.deps.state();
      if (state.kind === 'signed-in' && state.features) {
        const shared = settings.get('Presence_broadcast_disabled') !== true;
        if (shared !== state.features.liveStatusShared) this.deps.update({ ...state, features: { ...state.features, liveStatusShared: shared } });
        if (shared) return;
      }
    } catch (error) {
      if (error instanceof SignInFailure && error.code === 'session-expired') {
        await this.deps.expire();
        return;
      }
      // A network fault: try again at the next interval.
    }
    if (generation === this.generation) this.scheduleRefresh(credentials, generation);
  }
}
