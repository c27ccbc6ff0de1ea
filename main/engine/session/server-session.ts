import { RESUME_BACKOFF, type BackoffPolicy } from '../../common/backoff';
import type { LiveConnection, ServerStatusFeatures, SessionState, UserSummary } from '../../common/session-state';
import { SignInFailure, isTransient, type SignInError, type SignInErrorCode } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { isWellFormedCode, normaliseTwoFactorCode } from '../../common/two-factor-code';
import type { Credentials, LoginOutcome, PasswordLogin, RocketChatApi } from '../http/rocketchat-api';
import type { TokenStore } from '../keychain/token-store';
import type { SettingsStore } from '../settings/settings-store';
import { checkPersonalAccessToken, type PersonalAccessToken } from '../sign-in/personal-access-token';
import { keepNewCredentials } from './keep-credentials';
import { pendingName, refusal, resendTarget, sendSignIn, type PendingSignIn } from './pending-sign-in';
import type { SsoCredential } from '../sso/sso-flow';
import { signOut, type LogoutResult, type SignOutOptions } from './sign-out';
import type { LivePresence, LivePresenceFactory } from './live-presence';
import { forgetIfStill } from './token-handover';
import type { DdpCallOnce } from '../realtime/ddp-call-once';
import type { DdpPasswordLogin } from '../realtime/ddp-password-login';
import { PasswordSignIn } from './password-sign-in';
import { liveStateEvents } from './live-state';
import { ResumeRetry } from './resume-retry';
import { systemScheduler, type Scheduler } from './scheduler';
import type { TimedStatus } from '../status/timed-status';
import { StatusControl, type StatusChange } from './status-control';
import { autoAwayPreference, summariseUser, type AutoAwayPreference } from './user-summary';

export interface ServerSessionDeps {
  server: string;
  api: RocketChatApi;
  tokens: TokenStore;
  settings: SettingsStore;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  livePresence?: LivePresenceFactory;
  /** The DDP fallback for status changes the REST API refuses (pre-8.6, message changes locked). */
  ddpCall?: DdpCallOnce;
  /** The DDP password sign-in for servers whose REST login answers only "unauthorized" (9.0). */
  ddpLogin?: DdpPasswordLogin;
}

export type { LogoutResult, SignOutOptions } from './sign-out';

type Listener = (state: SessionState) => void;

/** How long the password may wait in memory for the two-factor code. */
export const PASSWORD_HOLD_MS = 10 * 60_000;

/** The answers that mean the server itself no longer accepts the saved token. */
const TOKEN_REFUSALS: ReadonlySet<SignInErrorCode> = new Set(['session-expired', 'user-deactivated']);

function plain(error: unknown): SignInError {
  if (error instanceof SignInFailure) return error.toPlain();
  return signInError('unexpected');
}

/**
 * One server's sign-in state machine: signed-out → signing-in → (needs-2fa →) signed-in, with
 * offline (token kept, retrying) beside signed-in. Concurrent calls join the running one.
 */
export class ServerSession {
  readonly server: string;
  private current: SessionState;
  private readonly listeners = new Set<Listener>();
  private readonly scheduler: Scheduler;
  private readonly retry: ResumeRetry;
  private running?: Promise<SessionState>;
  /** Bumped by cancel/logout/dispose so a late answer to an abandoned request is ignored. */
  private generation = 0;
  /** The password is held only between the password step and the 2FA step, in memory. */
  private pendingLogin?: PendingSignIn;
  private readonly passwords: PasswordSignIn;
  private live?: LivePresence;
  private autoAway: AutoAwayPreference = { enabled: true, idleSeconds: 300 };
  /** A new sign-in runs over a saved session: if it fails or is cancelled, that session comes back. */
  private replacingSaved = false;
  private disposed = false;
  /** The token this session signed in with (what a refusal of "the token" refers to). */
  private signedInWith?: Credentials;
  private readonly status: StatusControl;

  constructor(private readonly deps: ServerSessionDeps) {
    this.server = deps.server;
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.retry = new ResumeRetry(this.scheduler, deps.backoff ?? RESUME_BACKOFF);
    this.passwords = new PasswordSignIn(deps.api, deps.ddpLogin);
    this.current = { kind: 'signed-out', server: this.server };
    this.status = new StatusControl({
      server: this.server,
      api: deps.api,
      scheduler: this.scheduler,
      settings: deps.settings,
      credentials: () => deps.tokens.get(this.server),
      state: () => this.current,
      update: (state) => this.set(state),
      expire: () => this.expire(),
      ddpCall: deps.ddpCall,
      live: deps.livePresence !== undefined,
    });
  }

  get state(): SessionState {
    return this.current;
  }

  get autoAwayPreference(): AutoAwayPreference {
    return this.autoAway;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Brings back a saved session with one request; no saved token means signed-out, no request. */
  resume(): Promise<SessionState> {
    return this.exclusive(async (generation) => {
      const credentials = await this.deps.tokens.get(this.server);
      if (!credentials) return this.settle(generation, { kind: 'signed-out', server: this.server });
      this.set({ kind: 'signing-in', server: this.server });
      try {
        const me = await this.deps.api.resume(credentials);
        return this.signedIn(generation, credentials, me);
      } catch (error) {
        const failure = plain(error);
        // Only the server refusing the token removes it; every other failure keeps it and retries.
        if (!TOKEN_REFUSALS.has(failure.code)) return this.goOffline(generation, failure);
        // Compare and delete: a login in another process may have stored a newer token meanwhile.
        if (generation === this.generation) await forgetIfStill(this.deps, this.server, credentials);
        return this.settle(generation, { kind: 'signed-out', server: this.server, error: failure });
      }
    });
  }

  /**
   * Password login (plus the code when it is known up front). The caller has checked the server.
   * Over a session that is signed in (or offline with its token), the attempt changes nothing
   * until it succeeds: a wrong password is reported to the caller and the session stays.
   */
  login(request: PasswordLogin): Promise<SessionState> {
    return this.attempt(async (generation) => {
      const login: PasswordLogin = { user: request.user.trim(), password: request.password };
      if (request.code) {
        login.code = normaliseTwoFactorCode(request.code);
        // Refused here, before the password leaves: a typo must not use up one of the server's tries.
        if (!isWellFormedCode(login.code, undefined)) throw new SignInFailure(signInError('code-malformed'));
      }
      const outcome = await this.passwords.login(login);
      return this.afterLogin(generation, { kind: 'password', login }, outcome);
    });
  }

  /** What a single sign-on window handed back, exchanged for a login token; 2FA may follow. */
  loginWithSso(credential: SsoCredential): Promise<SessionState> {
    return this.attempt(async (generation) => {
      const pending: PendingSignIn = { kind: 'sso', credential };
      const outcome = await sendSignIn(this.deps.api, pending).catch((error: unknown) => {
        throw new SignInFailure(refusal(pending, error));
      });
      return this.afterLogin(generation, pending, outcome);
    });
  }

  /** A personal access token from the person's profile, checked with one `GET /api/v1/me`; same rules as {@link login}. */
  loginWithToken(input: PersonalAccessToken): Promise<SessionState> {
    return this.attempt(async (generation) => {
      const { credentials, me } = await checkPersonalAccessToken(this.deps.api, input);
      // Cancelled meanwhile: nothing to undo, the token is the person's and was not created here.
      if (generation !== this.generation) return this.current;
      await keepNewCredentials(this.deps, credentials, me.username);
      return this.signedIn(generation, credentials, me);
    });
  }

  /**
   * One sign-in attempt. Over a session that is signed in (or offline with its token), the attempt
   * changes nothing until it succeeds: a refusal is reported to the caller and the session stays.
   */
  private attempt(run: (generation: number) => Promise<SessionState>): Promise<SessionState> {
    return this.exclusive(async (generation) => {
      const keepsSaved = this.current.kind === 'signed-in' || this.current.kind === 'offline';
      // Before anything secret leaves: a keychain that cannot keep the token says so now (audit
      // F-06). Asked before "signing-in" is shown, so a refusal changes nothing that was there.
      const keychainProblem = await this.deps.tokens.get(this.server).then(() => undefined, plain);
      if (keychainProblem) {
        const refused: SessionState = { kind: 'signed-out', server: this.server, error: keychainProblem };
        return keepsSaved ? refused : this.settle(generation, refused);
      }
      this.replacingSaved = keepsSaved;
      this.pendingLogin = undefined;
      if (!keepsSaved) {
        this.clearRetry();
        this.set({ kind: 'signing-in', server: this.server });
      }
      try {
        return await run(generation);
      } catch (error) {
        const failed: SessionState = { kind: 'signed-out', server: this.server, error: plain(error) };
        if (!keepsSaved) return this.settle(generation, failed);
        this.replacingSaved = false;
        return failed;
      }
    });
  }

  submitCode(code: string): Promise<SessionState> {
    return this.exclusive(async (generation) => {
      const pending = this.pendingLogin;
      const asked = this.current;
      if (!pending || asked.kind !== 'needs-2fa') return this.current;
      const clean = normaliseTwoFactorCode(code);
      if (!isWellFormedCode(clean, asked.twoFactor.method)) return this.settle(generation, { ...asked, error: signInError('code-malformed') });
      this.set({ kind: 'signing-in', server: this.server });
      try {
        return await this.afterLogin(generation, pending, await sendSignIn(this.deps.api, pending, clean, this.passwords));
      } catch (error) {
        const failure = refusal(pending, error);
        // A network fault or rate limit during the code step keeps the step: nothing to retype.
        if (isTransient(failure.code)) return this.settle(generation, { ...asked, error: failure });
        this.pendingLogin = undefined;
        const failed = this.settle(generation, { kind: 'signed-out', server: this.server, error: failure });
        this.giveBackSavedSession();
        return failed;
      }
    });
  }

  /** Asks the server to e-mail a fresh code (contract §4, `users.2fa.sendEmailCode`). */
  resendCode(): Promise<SessionState> {
    return this.exclusive(async (generation) => {
      const pending = this.pendingLogin;
      const asked = this.current;
      const target = pending && resendTarget(pending);
      if (!target || asked.kind !== 'needs-2fa') return this.current;
      try {
        await this.deps.api.sendEmailCode(target);
        return this.settle(generation, { kind: 'needs-2fa', server: this.server, username: asked.username, twoFactor: { method: 'email', codeSent: true } });
      } catch (error) {
        return this.settle(generation, { ...asked, error: plain(error) });
      }
    });
  }

  /** Abandons a sign-in in progress or the 2FA step. A saved session is not touched (and comes back). */
  cancel(reason?: SignInError): SessionState {
    if (this.current.kind !== 'signing-in' && this.current.kind !== 'needs-2fa') return this.current;
    this.generation += 1;
    this.running = undefined;
    this.pendingLogin = undefined;
    this.set(reason ? { kind: 'signed-out', server: this.server, error: reason } : { kind: 'signed-out', server: this.server });
    this.giveBackSavedSession();
    return this.current;
  }

  /** Network back, system awake: try at once, unless a lockout or rate limit says to wait. */
  retryNow(): Promise<SessionState> {
    if (this.current.kind === 'offline') {
      if (this.retry.mustWait()) return Promise.resolve(this.current);
      this.clearRetry();
      return this.resume();
    }
    if (this.current.kind === 'signed-in') {
      this.live?.retryNow();
      // Timers stand still while the computer sleeps: a restore that fell due meanwhile happens now.
      void this.status.checkDue().catch(() => undefined);
    }
    return Promise.resolve(this.current);
  }

  async logout(options: SignOutOptions = {}): Promise<LogoutResult> {
    this.generation += 1;
    this.running = undefined;
    this.pendingLogin = undefined;
    this.clearRetry();
    this.stopLive();
    const result = await signOut(this.deps, options);
    this.set({ kind: 'signed-out', server: this.server });
    return result;
  }

  /** Sets what others see; the realtime stream then confirms it. Refusals carry the server's reason. */
  setStatus(change: StatusChange): Promise<SessionState> {
    return this.status.set(change);
  }

  /** The status-for-a-while in force (quiet hours and do-not-disturb read it). */
  get timedStatus(): TimedStatus | undefined {
    return this.status.timedStatus;
  }

  /** Quiet hours turned off, the desktop's do-not-disturb ended: put back what was there before. */
  endTimedStatus(reason: TimedStatus['reason']): Promise<void> {
    return this.status.endTimed(reason);
  }

  /** What this server allows for statuses (read at sign-in for live sessions, on demand otherwise). */
  async statusFeatures(withCustomStatuses = false): Promise<ServerStatusFeatures> {
    const credentials = await this.deps.tokens.get(this.server);
    if (this.current.kind !== 'signed-in' || !credentials) throw new SignInFailure(signInError('not-signed-in', { server: this.server }));
    return this.status.featuresFor(credentials, withCustomStatuses);
  }

  /** System idle / lock / suspend: away for this connection; never changes a status chosen by hand. */
  setIdle(idle: boolean): void {
    const state = this.current;
    if (state.kind !== 'signed-in' || !this.autoAway.enabled) return;
    // A status an integration set (a calendar's "In a meeting") is theirs: auto-away leaves it alone.
    if (idle && state.user.statusSource === 'external') return;
    this.live?.setAway(idle);
  }

  dispose(): void {
    this.disposed = true;
    this.pendingLogin = undefined;
    this.generation += 1;
    this.running = undefined;
    this.clearRetry();
    this.stopLive();
    this.listeners.clear();
  }

  private exclusive(operation: (generation: number) => Promise<SessionState>): Promise<SessionState> {
    if (this.running) return this.running;
    const generation = this.generation;
    const run = operation(generation)
      .catch((error: unknown) => this.settle(generation, { kind: 'signed-out', server: this.server, error: plain(error) }))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  private async afterLogin(generation: number, pending: PendingSignIn, outcome: LoginOutcome): Promise<SessionState> {
    if (outcome.kind === 'needs-2fa') {
      const held: PendingSignIn = { ...pending, emailOrUsername: outcome.emailOrUsername ?? pending.emailOrUsername };
      this.holdForCode(held);
      let codeSent = outcome.codeSent;
      const target = resendTarget(held);
      if (outcome.error?.code === 'totp-max-attempts' && outcome.method === 'email' && target) {
        // The server mails a fresh code on the next attempt; ask for it now so the message is true.
        codeSent = await this.deps.api.sendEmailCode(target).then(() => true, () => false);
      }
      const state: SessionState = { kind: 'needs-2fa', server: this.server, username: pendingName(held), twoFactor: { method: outcome.method, codeSent } };
      if (outcome.error) state.error = outcome.error;
      return this.settle(generation, state);
    }
    this.pendingLogin = undefined;
    if (generation !== this.generation) {
      // Cancelled while the server said yes: revoke the token nobody will use.
      await this.deps.api.logout(outcome.credentials).catch(() => undefined);
      return this.current;
    }
    await keepNewCredentials(this.deps, outcome.credentials, pending.kind === 'password' ? pending.login.user : outcome.me.username);
    return this.signedIn(generation, outcome.credentials, outcome.me);
  }

  /**
   * The password (or SSO credential) waits for the code in memory, for at most PASSWORD_HOLD_MS
   * (audit F-12): after that the step is abandoned and the person signs in again.
   */
  private holdForCode(held: PendingSignIn): void {
    this.pendingLogin = held;
    this.scheduler.setTimeout(() => {
      if (this.pendingLogin === held && this.current.kind === 'needs-2fa') {
        this.cancel(signInError('cancelled', { detail: 'The sign-in waited too long for the code. Enter your password again.' }));
      }
    }, PASSWORD_HOLD_MS);
  }

  /** After a failed or cancelled sign-in over a saved session: resume that session again. */
  private giveBackSavedSession(): void {
    if (!this.replacingSaved) return;
    this.replacingSaved = false;
    // After the running operation has settled, so the resume is a new one and not joined to it.
    setImmediate(() => {
      if (!this.disposed && this.current.kind === 'signed-out') void this.resume();
    });
  }

  private signedIn(generation: number, credentials: Credentials, me: Parameters<typeof summariseUser>[1]): SessionState {
    if (generation !== this.generation) return this.current;
    this.signedInWith = credentials;
    this.replacingSaved = false;
    this.retry.reset();
    this.autoAway = autoAwayPreference(me);
    const user = summariseUser(this.server, me);
    this.stopLive();
    const live: LiveConnection = this.deps.livePresence ? 'connecting' : 'unavailable';
    this.set({ kind: 'signed-in', server: this.server, user, live });
    this.status.signedIn(credentials);
    this.startLive(credentials, user);
    return this.current;
  }

  private startLive(credentials: Credentials, user: UserSummary): void {
    if (!this.deps.livePresence) return;
    const owner = this.generation;
    const mine = () => owner === this.generation && this.current.kind === 'signed-in';
    this.live = this.deps.livePresence({
      server: this.server,
      credentials,
      user,
      events: liveStateEvents({
        current: () => (mine() && this.current.kind === 'signed-in' ? this.current : undefined),
        set: (state) => this.set(state),
        status: (status, statusText, claim) => this.status.onLiveStatus(status, statusText, claim),
        ended: () => void this.expire(),
      }),
    });
  }

  private stopLive(): void {
    this.status.stop();
    const live = this.live;
    this.live = undefined;
    live?.close();
  }

  /** The server no longer accepts the token: forget it, exactly as a refused resume does. */
  private async expire(): Promise<void> {
    this.generation += 1;
    this.stopLive();
    const refused = this.signedInWith;
    // Only the token the server refused: another process may have signed in again meanwhile.
    await (refused ? forgetIfStill(this.deps, this.server, refused) : this.deps.tokens.delete(this.server)).catch(() => false);
    this.set({ kind: 'signed-out', server: this.server, error: signInError('session-expired') });
  }

  private goOffline(generation: number, error: SignInError): SessionState {
    if (generation !== this.generation) return this.current;
    const nextRetryAt = this.retry.schedule(error, () => {
      if (!this.disposed && this.current.kind === 'offline') void this.resume();
    });
    return this.settle(generation, { kind: 'offline', server: this.server, error, nextRetryAt });
  }

  private clearRetry(): void {
    this.retry.clear();
  }

  private settle(generation: number, state: SessionState): SessionState {
    if (generation !== this.generation) return this.current;
    this.set(state);
    return state;
  }

  private set(state: SessionState): void {
    if (this.disposed) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
