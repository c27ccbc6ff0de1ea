import { RESUME_BACKOFF, type BackoffPolicy } from '../../common/backoff';
import type { LiveConnection, ServerStatusFeatures, SessionState } from '../../common/session-state';
import { SignInFailure, isTransient, type SignInError, type SignInErrorCode } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { isWellFormedCode, normaliseTwoFactorCode } from '../../common/two-factor-code';
import type { Credentials, LoginOutcome, PasswordLogin, RocketChatApi } from '../http/rocketchat-api';
import type { TokenStore } from '../keychain/token-store';
import type { SettingsStore } from '../settings/settings-store';
import { checkPersonalAccessToken, type PersonalAccessToken } from '../sign-in/personal-access-token';
import { keepNewCredentials } from './keep-credentials';
import { refusal, sendSignIn, type PendingSignIn } from './pending-sign-in';
import type { SsoCredential } from '../sso/sso-flow';
import { signOut, type LogoutResult, type SignOutOptions } from './sign-out';
import type { LivePresenceFactory } from './live-presence';
import { LiveLink } from './live-link';
import { forgetIfStill } from './token-handover';
import type { DdpCallOnce } from '../realtime/ddp-call-once';
import type { DdpPasswordLogin } from '../realtime/ddp-password-login';
import { PasswordSignIn } from './password-sign-in';
import { ResumeRetry } from './resume-retry';
import { systemScheduler, type Scheduler } from './scheduler';
import { SessionCell } from './session-cell';
import type { TimedStatus } from '../status/timed-status';
import { StatusControl, type StatusChange } from './status-control';
import { TwoFactorStep } from './two-factor-step';
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
export { PASSWORD_HOLD_MS } from './two-factor-step';

/** The answers that mean the server itself no longer accepts the saved token. */
const TOKEN_REFUSALS: ReadonlySet<SignInErrorCode> = new Set(['session-expired', 'user-deactivated']);

function plain(error: unknown): SignInError {
  if (error instanceof SignInFailure) return error.toPlain();
  return signInError('unexpected');
}

/**
 * One server's sign-in state machine: signed-out → signing-in → (needs-2fa →) signed-in, with
 * offline (token kept, retrying) beside signed-in. Concurrent calls join the running one
 * (session-cell.ts); the 2FA hold, the status rules and the resume backoff have their own files.
 */
export class ServerSession {
  readonly server: string;
  private readonly cell: SessionCell;
  private readonly scheduler: Scheduler;
  private readonly retry: ResumeRetry;
  private readonly twoFactor: TwoFactorStep;
  private readonly passwords: PasswordSignIn;
  private readonly live: LiveLink;
  private autoAway: AutoAwayPreference = { enabled: true, idleSeconds: 300 };
  /** A new sign-in runs over a saved session: if it fails or is cancelled, that session comes back. */
  private replacingSaved = false;
  /** The token this session signed in with (what a refusal of "the token" refers to). */
  private signedInWith?: Credentials;
  private readonly status: StatusControl;

  constructor(private readonly deps: ServerSessionDeps) {
    this.server = deps.server;
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.cell = new SessionCell({ kind: 'signed-out', server: this.server }, (error) => ({ kind: 'signed-out', server: this.server, error: plain(error) }));
    this.retry = new ResumeRetry(this.scheduler, deps.backoff ?? RESUME_BACKOFF);
    this.passwords = new PasswordSignIn(deps.api, deps.ddpLogin);
    this.twoFactor = new TwoFactorStep(this.server, deps.api, this.scheduler, (reason) => {
      if (this.cell.state.kind === 'needs-2fa') this.cancel(reason);
    });
    this.status = new StatusControl({
      server: this.server,
      api: deps.api,
      scheduler: this.scheduler,
      settings: deps.settings,
      credentials: () => deps.tokens.get(this.server),
      state: () => this.cell.state,
      update: (state) => this.cell.set(state),
      expire: () => this.expire(),
      ddpCall: deps.ddpCall,
      live: deps.livePresence !== undefined,
    });
    this.live = new LiveLink(this.cell, deps.livePresence, {
      status: (status, statusText, claim) => this.status.onLiveStatus(status, statusText, claim),
      ended: () => void this.expire(),
    });
  }

  get state(): SessionState {
    return this.cell.state;
  }

  get autoAwayPreference(): AutoAwayPreference {
    return this.autoAway;
  }

  onChange(listener: (state: SessionState) => void): () => void {
    return this.cell.onChange(listener);
  }

  /** Brings back a saved session with one request; no saved token means signed-out, no request. */
  resume(): Promise<SessionState> {
    return this.cell.exclusive(async (generation) => {
      const credentials = await this.deps.tokens.get(this.server);
      if (!credentials) return this.cell.settle(generation, { kind: 'signed-out', server: this.server });
      this.cell.set({ kind: 'signing-in', server: this.server });
      try {
        const me = await this.deps.api.resume(credentials);
        return this.signedIn(generation, credentials, me);
      } catch (error) {
        const failure = plain(error);
        // Only the server refusing the token removes it; every other failure keeps it and retries.
        if (!TOKEN_REFUSALS.has(failure.code)) return this.goOffline(generation, failure);
        // Compare and delete: a login in another process may have stored a newer token meanwhile.
        if (this.cell.isCurrent(generation)) await forgetIfStill(this.deps, this.server, credentials);
        return this.cell.settle(generation, { kind: 'signed-out', server: this.server, error: failure });
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
      if (!this.cell.isCurrent(generation)) return this.cell.state;
      await keepNewCredentials(this.deps, credentials, me.username);
      return this.signedIn(generation, credentials, me);
    });
  }

  /**
   * One sign-in attempt. Over a session that is signed in (or offline with its token), the attempt
   * changes nothing until it succeeds: a refusal is reported to the caller and the session stays.
   */
  private attempt(run: (generation: number) => Promise<SessionState>): Promise<SessionState> {
    return this.cell.exclusive(async (generation) => {
      const keepsSaved = this.cell.state.kind === 'signed-in' || this.cell.state.kind === 'offline';
      // Before anything secret leaves: a keychain that cannot keep the token says so now (audit
      // F-06). Asked before "signing-in" is shown, so a refusal changes nothing that was there.
      const keychainProblem = await this.deps.tokens.get(this.server).then(() => undefined, plain);
      if (keychainProblem) {
        const refused: SessionState = { kind: 'signed-out', server: this.server, error: keychainProblem };
        return keepsSaved ? refused : this.cell.settle(generation, refused);
      }
      this.replacingSaved = keepsSaved;
      this.twoFactor.forget();
      if (!keepsSaved) {
        this.retry.clear();
        this.cell.set({ kind: 'signing-in', server: this.server });
      }
      try {
        return await run(generation);
      } catch (error) {
        const failed: SessionState = { kind: 'signed-out', server: this.server, error: plain(error) };
        if (!keepsSaved) return this.cell.settle(generation, failed);
        this.replacingSaved = false;
        return failed;
      }
    });
  }

  submitCode(code: string): Promise<SessionState> {
    return this.cell.exclusive(async (generation) => {
      const pending = this.twoFactor.held;
      const asked = this.cell.state;
      if (!pending || asked.kind !== 'needs-2fa') return asked;
      const clean = normaliseTwoFactorCode(code);
      if (!isWellFormedCode(clean, asked.twoFactor.method)) return this.cell.settle(generation, { ...asked, error: signInError('code-malformed') });
      this.cell.set({ kind: 'signing-in', server: this.server });
      try {
        return await this.afterLogin(generation, pending, await sendSignIn(this.deps.api, pending, clean, this.passwords));
      } catch (error) {
        const failure = refusal(pending, error);
        // A network fault or rate limit during the code step keeps the step: nothing to retype.
        if (isTransient(failure.code)) return this.cell.settle(generation, { ...asked, error: failure });
        this.twoFactor.forget();
        const failed = this.cell.settle(generation, { kind: 'signed-out', server: this.server, error: failure });
        this.giveBackSavedSession();
        return failed;
      }
    });
  }

  /** Asks the server to e-mail a fresh code (contract §4, `users.2fa.sendEmailCode`). */
  resendCode(): Promise<SessionState> {
    return this.cell.exclusive(async (generation) => {
      const asked = this.cell.state;
      if (asked.kind !== 'needs-2fa') return asked;
      try {
        const sent = await this.twoFactor.resend(asked);
        return sent ? this.cell.settle(generation, sent) : asked;
      } catch (error) {
        return this.cell.settle(generation, { ...asked, error: plain(error) });
      }
    });
  }

  /** Abandons a sign-in in progress or the 2FA step. A saved session is not touched (and comes back). */
  cancel(reason?: SignInError): SessionState {
    const state = this.cell.state;
    if (state.kind !== 'signing-in' && state.kind !== 'needs-2fa') return state;
    this.cell.abandon();
    this.twoFactor.forget();
    this.cell.set(reason ? { kind: 'signed-out', server: this.server, error: reason } : { kind: 'signed-out', server: this.server });
    this.giveBackSavedSession();
    return this.cell.state;
  }

  /** Network back, system awake: try at once, unless a lockout or rate limit says to wait. */
  retryNow(): Promise<SessionState> {
    const state = this.cell.state;
    if (state.kind === 'offline') {
      if (this.retry.mustWait()) return Promise.resolve(state);
      this.retry.clear();
      return this.resume();
    }
    if (state.kind === 'signed-in') {
      this.live.retryNow();
      // Timers stand still while the computer sleeps: a restore that fell due meanwhile happens now.
      void this.status.checkDue().catch(() => undefined);
    }
    return Promise.resolve(state);
  }

  async logout(options: SignOutOptions = {}): Promise<LogoutResult> {
    this.cell.abandon();
    this.twoFactor.forget();
    this.retry.clear();
    this.stopLive();
    const result = await signOut(this.deps, options);
    this.cell.set({ kind: 'signed-out', server: this.server });
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
    if (this.cell.state.kind !== 'signed-in' || !credentials) throw new SignInFailure(signInError('not-signed-in', { server: this.server }));
    return this.status.featuresFor(credentials, withCustomStatuses);
  }

  /** System idle / lock / suspend: away for this connection; never changes a status chosen by hand. */
  setIdle(idle: boolean): void {
    const state = this.cell.state;
    if (state.kind !== 'signed-in' || !this.autoAway.enabled) return;
    // A status an integration set (a calendar's "In a meeting") is theirs: auto-away leaves it alone.
    if (idle && state.user.statusSource === 'external') return;
    this.live.setAway(idle);
  }

  dispose(): void {
    this.twoFactor.forget();
    this.retry.clear();
    this.stopLive();
    this.cell.dispose();
  }

  private async afterLogin(generation: number, pending: PendingSignIn, outcome: LoginOutcome): Promise<SessionState> {
    if (outcome.kind === 'needs-2fa') return this.cell.settle(generation, await this.twoFactor.challenge(pending, outcome));
    this.twoFactor.forget();
    if (!this.cell.isCurrent(generation)) {
      // Cancelled while the server said yes: revoke the token nobody will use.
      await this.deps.api.logout(outcome.credentials).catch(() => undefined);
      return this.cell.state;
    }
    await keepNewCredentials(this.deps, outcome.credentials, pending.kind === 'password' ? pending.login.user : outcome.me.username);
    return this.signedIn(generation, outcome.credentials, outcome.me);
  }

  /** After a failed or cancelled sign-in over a saved session: resume that session again. */
  private giveBackSavedSession(): void {
    if (!this.replacingSaved) return;
    this.replacingSaved = false;
    // After the running operation has settled, so the resume is a new one and not joined to it.
    setImmediate(() => {
      if (!this.cell.isDisposed && this.cell.state.kind === 'signed-out') void this.resume();
    });
  }

  private signedIn(generation: number, credentials: Credentials, me: Parameters<typeof summariseUser>[1]): SessionState {
    if (!this.cell.isCurrent(generation)) return this.cell.state;
    this.signedInWith = credentials;
    this.replacingSaved = false;
    this.retry.reset();
    this.autoAway = autoAwayPreference(me);
    const user = summariseUser(this.server, me);
    this.stopLive();
    const live: LiveConnection = this.live.available ? 'connecting' : 'unavailable';
    this.cell.set({ kind: 'signed-in', server: this.server, user, live });
    this.status.signedIn(credentials);
    this.live.open(this.server, credentials, user);
    return this.cell.state;
  }

  private stopLive(): void {
    this.status.stop();
    this.live.close();
  }

  /** The server no longer accepts the token: forget it, exactly as a refused resume does. */
  private async expire(): Promise<void> {
    this.cell.abandon();
    this.stopLive();
    const refused = this.signedInWith;
    // Only the token the server refused: another process may have signed in again meanwhile.
    await (refused ? forgetIfStill(this.deps, this.server, refused) : this.deps.tokens.delete(this.server)).catch(() => false);
    this.cell.set({ kind: 'signed-out', server: this.server, error: signInError('session-expired') });
  }

  private goOffline(generation: number, error: SignInError): SessionState {
    if (!this.cell.isCurrent(generation)) return this.cell.state;
    const nextRetryAt = this.retry.schedule(error, () => {
      if (!this.cell.isDisposed && this.cell.state.kind === 'offline') void this.resume();
    });
    return this.cell.settle(generation, { kind: 'offline', server: this.server, error, nextRetryAt });
  }
}
