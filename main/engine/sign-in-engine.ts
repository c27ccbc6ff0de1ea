import type { BackoffPolicy } from '../common/backoff';
import { normaliseServerAddress } from '../common/server-address';
import type { SessionState } from '../common/session-state';
import { SignInFailure, type SignInError } from '../common/sign-in-error';
import type { PasswordLogin, RocketChatApi, ServerInfo } from './http/rocketchat-api';
import { signInError } from '../common/sign-in-messages';
import type { TokenStore } from './keychain/token-store';
import { forgetServer, type SettingsStore } from './settings/settings-store';
import type { DdpPasswordLogin } from './realtime/ddp-password-login';
import type { DdpCallOnce } from './realtime/ddp-call-once';
import type { LivePresenceFactory } from './session/live-presence';
import type { Scheduler } from './session/scheduler';
import { ServerSession } from './session/server-session';
import type { PersonalAccessToken } from './sign-in/personal-access-token';
import type { LoginOptions } from './sso/login-services';

export interface SignInEngineDeps {
  tokens: TokenStore;
  settings: SettingsStore;
  createApi(server: string): RocketChatApi;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  livePresence?: LivePresenceFactory;
  ddpCall?: DdpCallOnce;
  ddpLogin?: DdpPasswordLogin;
}

/** Read (never written) to ask the keychain whether it answers, when no server is known yet. */
const KEYCHAIN_CHECK_ACCOUNT = 'https://keychain-check.rc-tray.invalid';

export interface CheckedServer extends ServerInfo {
  url: string;
}

/** All servers' sessions; the CLI and the desktop app each hold one engine. */
export class SignInEngine {
  private readonly sessions = new Map<string, ServerSession>();
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(private readonly deps: SignInEngineDeps) {}

  get settings(): SettingsStore {
    return this.deps.settings;
  }

  /** Normalises what a person typed and confirms it is a Rocket.Chat server (`/api/info`). */
  async checkServer(typed: string): Promise<CheckedServer> {
    const address = normaliseServerAddress(typed);
    if (!address.ok) throw new SignInFailure(address.error);
    const info = await this.deps.createApi(address.url).serverInfo();
    return { url: address.url, ...info };
  }

  /** Checks the server, then signs in; a bad address or a non-Rocket.Chat server never sees the password. */
  login(typedServer: string, request: PasswordLogin): Promise<SessionState> {
    return this.onCheckedServer(typedServer, (session) => session.login(request));
  }

  /** The same for a personal access token: it goes only to a server confirmed to be Rocket.Chat. */
  loginWithToken(typedServer: string, token: PersonalAccessToken): Promise<SessionState> {
    return this.onCheckedServer(typedServer, (session) => session.loginWithToken(token));
  }

  private async onCheckedServer(typedServer: string, signIn: (session: ServerSession) => Promise<SessionState>): Promise<SessionState> {
    let server: CheckedServer;
    try {
      server = await this.checkServer(typedServer);
    } catch (error) {
      const address = normaliseServerAddress(typedServer);
      const failure = error instanceof SignInFailure ? error.toPlain() : signInError('unexpected');
      return { kind: 'signed-out', server: address.ok ? address.url : typedServer.trim(), error: failure };
    }
    return signIn(this.session(server.url));
  }

  /** The single sign-on buttons a server offers, and whether it shows the password form. */
  async loginOptions(typedServer: string): Promise<LoginOptions & { server: string }> {
    const checked = await this.checkServer(typedServer);
    return { server: checked.url, ...(await this.deps.createApi(checked.url).loginOptions(checked.version)) };
  }

  session(server: string): ServerSession {
    let session = this.sessions.get(server);
    if (!session) {
      session = new ServerSession({ ...this.deps, server, api: this.deps.createApi(server) });
      session.onChange((state) => this.listeners.forEach((listener) => listener(state)));
      this.sessions.set(server, session);
    }
    return session;
  }

  /** Every state change of every server. */
  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * After a sign-out on purpose: the server leaves the saved list, unless a sign-in in another
   * process stored a new token for it meanwhile (checked under the server's lock, so the new
   * session is never left in the keychain where no list shows it).
   */
  async forgetServerIfSignedOut(server: string): Promise<boolean> {
    return this.deps.settings.exclusive(server, async () => {
      // A keychain that cannot answer (none here, --insecure-storage) holds nothing to keep listed.
      if (await this.deps.tokens.get(server).catch(() => undefined)) return false;
      await this.deps.settings.update((settings) => forgetServer(settings, server));
      return true;
    });
  }

  async savedServers(): Promise<string[]> {
    return (await this.deps.settings.read()).servers.map((server) => server.url);
  }

  /** The server the person used last, for commands and windows that name none. */
  async activeServer(): Promise<string | undefined> {
    const settings = await this.deps.settings.read();
    return settings.activeServer ?? settings.servers.at(-1)?.url;
  }

  /**
   * Whose session is saved for a server (no request, no secret): the user id its token belongs to
   * and the name it was signed in with. A keychain that cannot answer counts as none saved.
   */
  async savedAccount(server: string): Promise<{ userId: string; signedInAs?: string } | undefined> {
    const credentials = await this.deps.tokens.get(server).catch(() => undefined);
    if (!credentials) return undefined;
    const signedInAs = await this.lastUsername(server);
    return signedInAs ? { userId: credentials.userId, signedInAs } : { userId: credentials.userId };
  }

  /**
   * Why a sign-in could not keep its token here (no keychain, a locked one), asked before anything
   * is typed, so nobody types a password only to hear that; undefined when it can. The same read a
   * sign-in does (TokenStore.get throws for both); with `--insecure-storage` no keychain is needed.
   */
  async keychainProblem(server?: string): Promise<SignInError | undefined> {
    const account = server ?? (await this.activeServer()) ?? KEYCHAIN_CHECK_ACCOUNT;
    return this.deps.tokens.get(account).then(
      () => undefined,
      (error: unknown) => (error instanceof SignInFailure ? error.toPlain() : signInError('unexpected')),
    );
  }

  async lastUsername(server: string): Promise<string | undefined> {
    return (await this.deps.settings.read()).servers.find((saved) => saved.url === server)?.lastUsername;
  }

  /** Starts every saved server's resume at once (they are independent). */
  async resumeAll(): Promise<SessionState[]> {
    const servers = await this.savedServers();
    return Promise.all(servers.map((server) => this.session(server).resume()));
  }

  /** Every session this engine has opened (for auto-away and shutdown). */
  allSessions(): ServerSession[] {
    return [...this.sessions.values()];
  }

  retryNow(): void {
    this.sessions.forEach((session) => void session.retryNow());
  }

  dispose(): void {
    this.sessions.forEach((session) => session.dispose());
    this.sessions.clear();
    this.listeners.clear();
  }
}
