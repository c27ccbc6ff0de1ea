import type { CheckServerResult, IpcRequest, LoginWindowState } from '../common/ipc-contract';
import type { SessionState } from '../common/session-state';
import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import type { SignInEngine } from '../engine/sign-in-engine';

/**
 * What the login window may ask of the engine, without Electron: the IPC handlers in
 * electron-main forward to this, and the browser tests drive the same object.
 */
export class LoginWindowService {
  /** The server the window is signing in to; starts as the last used one. */
  private server?: string;
  private readonly listeners = new Set<(state: LoginWindowState) => void>();
  private readonly unsubscribe: () => void;

  /** `onSignedIn`: this window's own sign-in succeeded (not a background resume of the same server). */
  constructor(
    private readonly engine: SignInEngine,
    private readonly onSignedIn: (server: string) => void = () => undefined,
  ) {
    this.unsubscribe = engine.onChange((state) => {
      if (state.server === this.server) void this.publish();
    });
  }

  onChange(listener: (state: LoginWindowState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getState(): Promise<LoginWindowState> {
    this.server ??= await this.engine.activeServer();
    const state: LoginWindowState = { session: this.server ? this.engine.session(this.server).state : null };
    if (this.server) {
      state.lastServer = this.server;
      const username = await this.engine.lastUsername(this.server);
      if (username) state.lastUsername = username;
    }
    return state;
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
    const state = await this.engine.login(request.server, { user: request.user, password: request.password });
    this.server = state.server;
    return this.finish(state);
  }

  async submitCode(request: IpcRequest<'submitCode'>): Promise<LoginWindowState> {
    return this.finish(this.server ? await this.engine.session(this.server).submitCode(request.code) : null);
  }

  async resendCode(): Promise<LoginWindowState> {
    return this.withSession(this.server ? await this.engine.session(this.server).resendCode() : null);
  }

  async cancel(): Promise<LoginWindowState> {
    return this.withSession(this.server ? this.engine.session(this.server).cancel() : null);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private async finish(session: SessionState | null): Promise<LoginWindowState> {
    const state = await this.withSession(session);
    if (session?.kind === 'signed-in') this.onSignedIn(session.server);
    return state;
  }

  private async withSession(session: SessionState | null): Promise<LoginWindowState> {
    const state = await this.getState();
    return { ...state, session: session ?? state.session };
  }

  private async publish(): Promise<void> {
    const state = await this.getState();
    this.listeners.forEach((listener) => listener(state));
  }
}
