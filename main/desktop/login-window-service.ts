import type { CheckServerResult, IpcRequest, LoginWindowState } from '../common/ipc-contract';
import type { SessionState } from '../common/session-state';
import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import { normaliseServerAddress } from '../common/server-address';
import { maskedEmail } from '../common/masked-email';
import type { SignInEngine } from '../engine/sign-in-engine';
import { beginSsoFlow } from '../engine/sso/sso-flow';
import type { RunningSso, SsoRunner } from './sso-runner';
import type { LoginOptionsResult } from '../common/ipc-contract';

/** A session that was already signed in when the window turned to its server. */
export interface EarlierSession {
  server: string;
  userId: string;
}

/**
 * The session the window shows. A session that was already signed in when the window turned to
 * its server (the person wants to sign in again, or elsewhere), or one offline with its token, is
 * not a sign-in in progress: the window shows the answer to its own last request there, or a
 * fresh form, and none of that session's status changes. A sign-in that completes while the
 * window is open (say, a resume once the network is back) is shown.
 */
export function windowSession(engineState: SessionState | null, ownAnswer: SessionState | null, earlier?: EarlierSession): SessionState | null {
  if (engineState === null) return ownAnswer;
  const ownHere = ownAnswer?.server === engineState.server ? ownAnswer : null;
  if (engineState.kind === 'offline') return ownHere;
  if (engineState.kind === 'signed-in' && earlier?.server === engineState.server && earlier.userId === engineState.user.id) return ownHere;
  return engineState;
}

/** The masked address an e-mailed code went to, when the 2FA step names an e-mail address. */
export function emailCodeRecipient(session: SessionState | null): string | undefined {
  if (session?.kind !== 'needs-2fa' || session.twoFactor.method !== 'email') return undefined;
  return maskedEmail(session.username);
}

function withRecipient(state: LoginWindowState): LoginWindowState {
  const shown: LoginWindowState = { ...state };
  delete shown.codeSentTo;
  const to = emailCodeRecipient(state.session);
  if (to) shown.codeSentTo = to;
  return shown;
}

/**
 * What the login window may ask of the engine, without Electron: the IPC handlers in
 * electron-main forward to this, and the browser tests drive the same object.
 */
export class LoginWindowService {
  /** The server the window is signing in to; starts as the last used one. */
  private server?: string;
  /** The answer to this window's own last request (a failure stays shown until the next one). */
  private ownAnswer: SessionState | null = null;
  private earlier?: EarlierSession;
  /** What was last pushed, so a change the window would not show is not pushed. */
  private lastPushed?: string;
  private readonly listeners = new Set<(state: LoginWindowState) => void>();
  private readonly unsubscribe: () => void;
  /** The single sign-on window of this login window, while one is open. */
  private runningSso?: RunningSso;
  /** What the single sign-on in progress will answer: its cancel gives the same answer. */
  private ssoAnswer?: Promise<LoginWindowState>;

  /** `onSignedIn`: this window's own sign-in succeeded (not a background resume of the same server). */
  constructor(
    private readonly engine: SignInEngine,
    private readonly onSignedIn: (server: string) => void = () => undefined,
    private readonly openSsoWindow?: SsoRunner,
  ) {
    this.unsubscribe = engine.onChange((state) => {
      if (state.server === this.server) void this.publish();
    });
  }

  onChange(listener: (state: LoginWindowState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What the window shows now; the window has then seen it, so it is not pushed again. */
  async getState(): Promise<LoginWindowState> {
    const state = await this.current();
    this.lastPushed = JSON.stringify(state.session);
    return state;
  }

  private async current(): Promise<LoginWindowState> {
    if (this.server === undefined) this.turnTo(await this.engine.activeServer());
    const server = this.server;
    const username = server ? await this.engine.lastUsername(server) : undefined;
    // The session is read after every await: a slow push never carries an older state than the answer.
    const engineState = server ? this.engine.session(server).state : null;
    const state: LoginWindowState = { session: windowSession(engineState, this.ownAnswer, this.earlier) };
    if (server) state.lastServer = server;
    if (username) state.lastUsername = username;
    return withRecipient(state);
  }

  async checkServer(request: IpcRequest<'checkServer'>): Promise<CheckServerResult> {
    try {
      const checked = await this.engine.checkServer(request.address);
      return { ok: true, url: checked.url, version: checked.version };
    } catch (error) {
      return { ok: false, error: error instanceof SignInFailure ? error.toPlain() : signInError('unexpected') };
    }
  }

  async login(request: IpcRequest<'login'>): Promise<LoginWindowState> {
    const address = normaliseServerAddress(request.server);
    if (address.ok && address.url !== this.server) this.turnTo(address.url);
    const state = await this.engine.login(request.server, { user: request.user, password: request.password });
    this.server = state.server;
    return this.answer(state);
  }

  /** The server's sign-in services (settings.oauth, public settings); only what the window shows crosses IPC. */
  async loginOptions(request: IpcRequest<'loginOptions'>): Promise<LoginOptionsResult> {
    try {
      const options = await this.engine.loginOptions(request.server);
      return { ok: true, server: options.server, passwordForm: options.passwordForm, services: options.services.map(({ id, label, kind }) => ({ id, label, kind })) };
    } catch (error) {
      return { ok: false, error: error instanceof SignInFailure ? error.toPlain() : signInError('unexpected') };
    }
  }

  /**
   * One single sign-on: the service's pages in their own window, the credential they end with
   * exchanged for a login token. Every way it can end without a token (closed, cancelled, the
   * provider's error page, a redirect somewhere unexpected) is this window's own answer: the
   * engine's session, and any saved token, are untouched.
   */
  startSso(request: IpcRequest<'startSso'>): Promise<LoginWindowState> {
    if (this.runningSso) {
      this.runningSso.focus();
      return this.current();
    }
    const answer = this.runSso(request);
    this.ssoAnswer = answer;
    void answer.finally(() => {
      if (this.ssoAnswer === answer) this.ssoAnswer = undefined;
    }).catch(() => undefined);
    return answer;
  }

  private async runSso(request: IpcRequest<'startSso'>): Promise<LoginWindowState> {
    const failedAt = (server: string, code: Parameters<typeof signInError>[0], detail?: string) =>
      this.answer({ kind: 'signed-out', server, error: signInError(code, detail ? { detail } : {}) });
    let options;
    try {
      options = await this.engine.loginOptions(request.server);
    } catch (error) {
      const address = normaliseServerAddress(request.server);
      return this.answer({ kind: 'signed-out', server: address.ok ? address.url : request.server, error: error instanceof SignInFailure ? error.toPlain() : signInError('unexpected') });
    }
    if (options.server !== this.server) this.turnTo(options.server);
    const service = options.services.find((each) => each.id === request.serviceId);
    if (!service || !this.openSsoWindow) return failedAt(options.server, 'sso-unavailable');
    const running = this.openSsoWindow(beginSsoFlow(options.server, service));
    this.runningSso = running;
    const result = await running.result.finally(() => {
      if (this.runningSso === running) this.runningSso = undefined;
    });
    if (result.kind === 'closed') return failedAt(options.server, 'cancelled');
    if (result.kind === 'failed') return this.answer({ kind: 'signed-out', server: options.server, error: result.error });
    return this.answer(await this.engine.session(options.server).loginWithSso(result.credential));
  }

  async loginWithToken(request: IpcRequest<'loginWithToken'>): Promise<LoginWindowState> {
    const address = normaliseServerAddress(request.server);
    if (address.ok && address.url !== this.server) this.turnTo(address.url);
    const state = await this.engine.loginWithToken(request.server, { userId: request.userId, token: request.token });
    this.server = state.server;
    return this.answer(state);
  }

  async submitCode(request: IpcRequest<'submitCode'>): Promise<LoginWindowState> {
    return this.answer(this.server ? await this.engine.session(this.server).submitCode(request.code) : null);
  }

  async resendCode(): Promise<LoginWindowState> {
    return this.answer(this.server ? await this.engine.session(this.server).resendCode() : null);
  }

  async cancel(): Promise<LoginWindowState> {
    // A single sign-on in progress answers its own cancel ("cancelled"): answering here too, with
    // the session's older state, could reach the window after it and show that instead.
    const sso = this.ssoAnswer;
    if (this.runningSso && sso) {
      this.runningSso.cancel();
      return sso;
    }
    return this.answer(this.server ? this.engine.session(this.server).cancel() : null);
  }

  /** The window now signs in to `server`; remember whether a session was signed in there already. */
  private turnTo(server: string | undefined): void {
    this.server = server;
    const state = server ? this.engine.session(server).state : undefined;
    this.earlier = server && state?.kind === 'signed-in' ? { server, userId: state.user.id } : undefined;
  }

  /**
   * The window closed: a sign-in it left at the code step is cancelled, so the password it holds is dropped now rather than at quit (audit F-12).
   */
  dispose(): void {
    this.runningSso?.cancel();
    this.unsubscribe();
    this.listeners.clear();
    const state = this.server ? this.engine.session(this.server).state : undefined;
    if (state?.kind === 'needs-2fa') this.engine.session(state.server).cancel();
  }

  private async answer(session: SessionState | null): Promise<LoginWindowState> {
    this.ownAnswer = session;
    const state = await this.current();
    const answered = withRecipient({ ...state, session: session ?? state.session });
    this.lastPushed = JSON.stringify(answered.session);
    if (session?.kind === 'signed-in') this.onSignedIn(session.server);
    return answered;
  }

  private async publish(): Promise<void> {
    const state = await this.current();
    const shown = JSON.stringify(state.session);
    if (shown === this.lastPushed) return;
    this.lastPushed = shown;
    this.listeners.forEach((listener) => listener(state));
  }
}
