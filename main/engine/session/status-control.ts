import type { ServerStatusFeatures, SessionState, StatusSource, UserStatus, UserSummary } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { durationEnd, type StatusDuration } from '../../common/status-timing';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';
import type { DdpCallOnce } from '../realtime/ddp-call-once';
import { loadStatusFeatures, STATUS_SETTING_IDS } from '../status/status-features';
import { normalizeStatusText } from '../status/status-text';
import { userAfterChange } from '../status/user-after-change';
import type { SettingsStore } from '../settings/settings-store';
import { entryFor, stillAsSet, withTimedStatus, type StatusPair, type TimedStatus } from '../status/timed-status';
import { AwayCheck } from './away-check';
import type { Scheduler } from './scheduler';
import { TimedRestore } from './timed-restore';
import { RateLimitedStatus, type StatusWait } from '../status/rate-limited-status';

export interface StatusChange {
  status?: UserStatus;
  message?: string;
  /** Epoch ms. 8.6+ servers end it themselves; on older ones a live rc-tray (the app) restores it. */
  expiresAt?: number;
  /** Instead of `expiresAt`: "for 1 hour", "until tomorrow morning", counted from this session's clock. */
  duration?: StatusDuration;
  /** Why: a person's choice (the default), quiet hours, or the desktop's do-not-disturb (restored when it ends). */
  reason?: TimedStatus['reason'];
}

/** What the realtime stream says about a status beyond code and text (8.6+ frames). */
export interface StatusClaim {
  source?: StatusSource;
  expiresAt?: number;
  /** `statusDefault`, when the source carries it (`GET /me`; stream events never do). */
  chosen?: UserStatus;
}

/** With `Presence_broadcast_disabled` no event ever arrives: read the own status this often instead (issue 7 §5). */
export const BROADCAST_DISABLED_REFRESH_MS = 5 * 60_000;

export interface StatusControlDeps {
  server: string;
  api: RocketChatApi;
  scheduler: Scheduler;
  settings: SettingsStore;
  credentials(): Promise<Credentials | undefined>;
  state(): SessionState;
  update(state: SessionState): void;
  /** The server refused the token: the session ends. */
  expire(): Promise<void>;
  ddpCall?: DdpCallOnce;
  /** A session that holds a live connection (the app, `status --watch`) reads the server's status features at sign-in. */
  live: boolean;
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
  private readonly timed: TimedRestore;
  private readonly away: AwayCheck;
  private readonly rateLimited: RateLimitedStatus;

  constructor(private readonly deps: StatusControlDeps) {
    this.rateLimited = new RateLimitedStatus({ scheduler: deps.scheduler, live: deps.live, show: (wait) => this.showWaiting(wait) });
    this.timed = new TimedRestore({
      server: deps.server,
      settings: deps.settings,
      scheduler: deps.scheduler,
      state: deps.state,
      restore: (entry) => this.restore(entry),
      changed: () => this.showTimed(),
    });
    this.away = new AwayCheck({ api: deps.api, credentials: deps.credentials });
  }

  /** A (new) sign-in: forget the previous server's answers; live sessions read them now. */
  signedIn(credentials: Credentials): void {
    this.stop();
    const generation = this.generation;
    if (!this.deps.live) return;
    const state = this.deps.state();
    if (state.kind === 'signed-in') void this.timed.load(state.user.id).catch(() => undefined);
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
    this.away.cancel();
    this.rateLimited.cancel();
    this.timed.stop();
    this.features = undefined;
    if (this.refreshTimer !== undefined) this.deps.scheduler.clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** What this server allows; read once (three small requests) and kept for the session. */
  featuresFor(credentials: Credentials, withCustomStatuses = false): Promise<ServerStatusFeatures> {
    if (!this.features) {
      const loading = loadStatusFeatures(this.deps.api, credentials, withCustomStatuses);
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
    delete normalized.duration;
    if (change.message !== undefined) normalized.message = normalizeStatusText(change.message);
    const ends = change.duration ? durationEnd(change.duration, this.deps.scheduler.now()) : undefined;
    if (ends !== undefined) normalized.expiresAt = ends;
    const features = await this.featuresFor(credentials);
    const reason = change.reason ?? 'chosen';
    const timed = normalized.expiresAt !== undefined || reason === 'do-not-disturb';
    // 8.6+ ends the status itself; before that only a process that stays (the app) can put it back.
    const restoreBy = normalized.expiresAt !== undefined && features.expiringStatus ? 'server' : 'app';
    if (timed && restoreBy === 'app' && !this.deps.live) throw new SignInFailure(signInError('status-expiry-unsupported'));
    const sent: StatusChange = { ...normalized };
    delete sent.reason;
    if (restoreBy === 'app') delete sent.expiresAt;
    // What comes back: what was there before this for-a-while (a second one keeps the first one's).
    const earlier = this.timed.current ?? (this.deps.live ? undefined : entryFor((await this.deps.settings.read()).timedStatuses, this.deps.server, state.user.id));
    const previous: StatusPair =
      earlier && stillAsSet(earlier, state.user) ? earlier.restore : { status: state.user.chosenStatus ?? state.user.status, statusText: state.user.statusText };
    // A newer change asked while this one waited out the rate limit went instead: it keeps the books.
    if ((await this.send(credentials, sent, features)) === 'superseded') return this.deps.state();
    const latest = this.deps.state();
    if (latest.kind !== 'signed-in' || latest.user.id !== state.user.id) return latest;
    const user = userAfterChange(latest.user, sent, features, latest.live === 'live');
    const entry: TimedStatus | undefined = timed
      ? {
          server: this.deps.server,
          userId: state.user.id,
          set: { status: user.chosenStatus ?? user.status, statusText: user.statusText },
          restore: previous,
          restoreBy,
          reason,
          ...(normalized.expiresAt !== undefined ? { expiresAt: normalized.expiresAt } : {}),
        }
      : undefined;
    this.deps.update({ ...latest, user });
    // A status set by hand ends any for-a-while (it wins); nothing to write when there was none.
    if (entry || this.timed.current || !this.deps.live) await this.timed.record(state.user.id, entry);
    this.showTimed();
    return this.deps.state();
  }

  /** The current for-a-while entry (quiet hours and do-not-disturb read it). */
  get timedStatus(): TimedStatus | undefined {
    return this.timed.current;
  }

  /** On wake from sleep: a restore whose time passed while asleep happens now. */
  checkDue(): Promise<void> {
    return this.timed.check();
  }

  /** Quiet hours turned off, or the desktop's do-not-disturb ended: put back what was there. */
  endTimed(reason: TimedStatus['reason']): Promise<void> {
    return this.timed.end(reason);
  }

  private async send(credentials: Credentials, change: StatusChange, features: ServerStatusFeatures): Promise<'sent' | 'superseded'> {
    try {
      return await this.rateLimited.send(change, () => this.deps.api.setStatus(credentials, change));
    } catch (error) {
      if (error instanceof SignInFailure && error.code === 'session-expired') await this.deps.expire();
      if (!(error instanceof SignInFailure) || error.code !== 'status-message-not-allowed') throw error;
      await this.afterMessageRefusal(credentials, change, features);
      return 'sent';
    }
  }

  /** The tray says what waits for the server's rate limit, and until when. */
  private showWaiting(wait: StatusWait | undefined): void {
    const state = this.deps.state();
    if (state.kind !== 'signed-in') return;
    const user = { ...state.user };
    if (wait) user.statusWaiting = wait;
    else delete user.statusWaiting;
    this.deps.update({ ...state, user });
  }

  /** The end of a for-a-while on an older server (or of do-not-disturb): the earlier status, and its message only if it differs. */
  private async restore(entry: TimedStatus): Promise<void> {
    const credentials = await this.deps.credentials();
    const state = this.deps.state();
    if (!credentials || state.kind !== 'signed-in') return;
    const change: StatusChange = { status: entry.restore.status };
    if (entry.restore.statusText !== entry.set.statusText) change.message = entry.restore.statusText;
    const features = await this.featuresFor(credentials);
    if ((await this.send(credentials, change, features)) === 'superseded') return;
    const latest = this.deps.state();
    if (latest.kind === 'signed-in') this.deps.update({ ...latest, user: userAfterChange(latest.user, change, features, latest.live === 'live') });
  }

  /** Shows the end time and what comes back (from the entry) on the session's user. */
  private showTimed(): void {
    const state = this.deps.state();
    if (state.kind !== 'signed-in') return;
    const shown = withTimedStatus(state.user, this.timed.current, this.deps.scheduler.now());
    if (shown.statusExpiresAt !== state.user.statusExpiresAt || shown.statusAfter !== state.user.statusAfter) this.deps.update({ ...state, user: shown });
  }

  /** A status the realtime stream (or a refresh) reports. */
  onLiveStatus(status: UserStatus, statusText: string, claim: StatusClaim = {}): void {
    const state = this.deps.state();
    if (state.kind !== 'signed-in') return;
    const user: UserSummary = { ...state.user, status, statusText };
    // With a live connection what others see is the choice, except "away", which may be idleness
    // over online: until the server says, the earlier choice stands.
    const ambiguous = status === 'away' && claim.chosen === undefined;
    user.chosenStatus = claim.chosen ?? (ambiguous && state.user.chosenStatus === 'online' ? 'online' : status);
    delete user.statusSource;
    delete user.statusExpiresAt;
    delete user.statusAfter;
    if (claim.source) user.statusSource = claim.source;
    if (claim.expiresAt !== undefined) {
      user.statusExpiresAt = claim.expiresAt;
      if (state.user.statusExpiresAt === claim.expiresAt && state.user.statusAfter) user.statusAfter = state.user.statusAfter;
    }
    this.deps.update({ ...state, user });
    this.timed.observed(user);
    this.showTimed();
    if (ambiguous) this.away.confirm((chosen) => this.onChosenStatus(chosen));
    else this.away.cancel();
  }

  /** What `GET /me` said was chosen, after an "away" (away-check.ts). */
  private onChosenStatus(chosen: UserStatus): void {
    const state = this.deps.state();
    if (state.kind !== 'signed-in' || state.user.status !== 'away' || state.user.chosenStatus === chosen) return;
    const user: UserSummary = { ...state.user, chosenStatus: chosen };
    this.deps.update({ ...state, user });
    this.timed.observed(user);
    this.showTimed();
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
      if (me.statusDefault) claim.chosen = me.statusDefault;
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
