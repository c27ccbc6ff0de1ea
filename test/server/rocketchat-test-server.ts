// Public API of the Rocket.Chat stand-in: real HTTP + DDP-over-websocket on loopback.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ServerContext, ServerSettings } from './context';
import { DEMO_USERS } from './demo-users';
import { EmailTwoFactor } from './email-2fa';
import { applyHttpFault, FaultInjector, type Fault } from './faults';
import { INTERNAL_ERROR_BODY } from './error-bodies';
import { send } from './http-io';
import { LoginLockout } from './login-lockout';
import { Presence } from './presence';
import { RateLimiter } from './rate-limiter';
import { Realtime } from './realtime';
import { handleRest } from './rest-routes';
import { authRoutes } from './routes-auth';
import { demoRoutes, miscRoutes } from './routes-misc';
import { settingsRoutes } from './routes-settings';
import { statusRoutes } from './routes-status';
import { clearClaim, expireDueClaims, hasPresenceEngine } from './status-rules';
import { ssoRoutes, type LoginServiceConfig } from './routes-sso';
import { SsoCredentials } from './sso-credentials';
import { Timers } from './timers';
import { totp } from './totp';
import { UserStore, type TestUserSpec, type UserStatus } from './users';

export type { TestUserSpec, UserStatus } from './users';
export type { Fault } from './faults';
export type { LoginServiceConfig } from './routes-sso';
export { DEMO_USERS, DEMO_TOTP_SECRET } from './demo-users';

export interface TestServerOptions {
  host?: string;
  port?: number;
  version?: string;
  users?: TestUserSpec[];
  rateLimit?: { limit: number; windowMs: number } | false;
  lockout?: { userAttempts: number; ipAttempts: number; blockMs: number } | false;
  allowInvisibleStatus?: boolean;
  allowStatusMessageChange?: boolean;
  tls?: { key: string | Buffer; cert: string | Buffer };
  siteUrl?: string;
  heartbeatMs?: number;
  /** False: an older server without the targeted `stream-user-presence` publication. Default true. */
  userPresenceStream?: boolean;
  /** `Presence_broadcast_disabled` (default false): no presence events at all while on. */
  presenceBroadcastDisabled?: boolean;
  /** `custom-user-status.list`; default none. */
  customStatuses?: Array<{ name: string; statusType: UserStatus }>;
  /** DDP methods a (future) server no longer has, e.g. 9.0 drops the deprecated UserPresence ones. */
  removedMethods?: string[];
  /** `Accounts_EmailVerification` (default false). */
  emailVerification?: boolean;
  /** Demo server only: unauthenticated GET /_demo/totp/<user> and /_demo/email-code/<user>. */
  demoHooks?: boolean;
  /** Called whenever a 2FA code is "e-mailed" (the demo prints it). */
  onEmailCode?: (username: string, code: string) => void;
  /** Single sign-on services (meteor_accounts_loginServiceConfiguration documents); none by default. */
  loginServices?: LoginServiceConfig[];
  /** Accounts_ShowFormLogin; default true. */
  showFormLogin?: boolean;
  /** Clock for tokens, codes, lockout and rate windows; default Date.now. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  transport: 'http' | 'ws';
}

export interface ServerUserView {
  id: string;
  username: string;
  status: string;
  statusDefault: string;
  statusConnection: string;
  statusText: string;
  statusSource?: string;
  statusExpiresAt?: number;
}

type SettableOption = 'allowInvisibleStatus' | 'allowStatusMessageChange' | 'version' | 'presenceBroadcastDisabled' | 'customStatuses' | 'showFormLogin' | 'loginServices';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  restart(): Promise<void>;
  requests(): RecordedRequest[];
  resetRequests(): void;
  user(username: string): ServerUserView;
  addUser(spec: TestUserSpec): void;
  totpCode(username: string, atMs?: number): string;
  lastEmailCode(username: string): string | undefined;
  emailCount(username: string): number;
  revokeTokens(username: string): void;
  tokenCount(username: string): number;
  /** What "My Account → Personal Access Tokens → Add" does: the token, shown once, and the user id. */
  createPersonalAccessToken(username: string, name?: string): { token: string; userId: string };
  /** The names of the user's personal access tokens still on the server. */
  personalAccessTokens(username: string): string[];
  addFault(f: Fault): void;
  clearFaults(): void;
  setOption<K extends SettableOption>(k: K, v: TestServerOptions[K]): void;
  resetRateLimits(): void;
  /** Not in the original brief: clears brute-force counters and blocks. */
  resetLockouts(): void;
  setStatusFromOtherClient(username: string, status: UserStatus, statusText?: string): void;
  /** 8.6+: a status an integration (a calendar's "In a meeting") claims, `statusSource: 'external'`. */
  setExternalStatus(username: string, status: UserStatus, statusText: string, expiresAt?: number): void;
  /** The 8.6 presence engine's expiry pass, run now (also runs on every request and on its own timer). */
  expireDueStatuses(): string[];
  dropRealtimeConnections(username?: string): void;
  realtimeConnections(username?: string): number;
  /** The status streams a user's connections follow: 'user-status' (stream-notify-logged), 'user-presence', 'silent'. */
  realtimeSubscriptions(username: string): string[];
  setRealtimeEnabled(enabled: boolean): void;
}

const LOOPBACK_DEFAULT = '127.0.0.1';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const now = options.now ?? Date.now;
  const host = options.host ?? LOOPBACK_DEFAULT;
  const settings: ServerSettings = {
    version: options.version ?? '7.10.1',
    allowInvisibleStatus: options.allowInvisibleStatus ?? true,
    allowStatusMessageChange: options.allowStatusMessageChange ?? true,
    siteUrl: options.siteUrl?.replace(/\/+$/, ''),
    heartbeatMs: options.heartbeatMs ?? 25000,
    demoHooks: options.demoHooks ?? false,
    userPresenceStream: options.userPresenceStream ?? true,
    presenceBroadcastDisabled: options.presenceBroadcastDisabled ?? false,
    customStatuses: options.customStatuses ?? [],
    removedMethods: options.removedMethods ?? [],
    showFormLogin: options.showFormLogin ?? true,
    loginServices: [...(options.loginServices ?? [])],
    emailVerification: options.emailVerification ?? false,
  };
  const users = new UserStore(now);
  let url = '';
  const ctx: ServerContext = {
    settings,
    users,
    presence: new Presence(users, () => settings.presenceBroadcastDisabled),
    lockout: new LoginLockout(options.lockout ?? { userAttempts: 10, ipAttempts: 50, blockMs: 300000 }, now),
    rateLimiter: new RateLimiter(options.rateLimit ?? { limit: 10, windowMs: 60000 }, now),
    email: new EmailTwoFactor(now, (user, code) => options.onEmailCode?.(user.username, code)),
    sso: new SsoCredentials(now),
    now,
    siteUrl: () => settings.siteUrl ?? url,
  };
  for (const spec of options.users ?? DEMO_USERS) users.add(spec);

  const timers = new Timers();
  const faults = new FaultInjector();
  const realtime = new Realtime(ctx, timers, faults);
  const routes = [...miscRoutes, ...authRoutes, ...statusRoutes, ...settingsRoutes, ...ssoRoutes, ...(settings.demoHooks ? demoRoutes : [])];
  let recorded: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    recorded.push({ method, path, at: now(), transport: 'http' });
    expireDueClaims(ctx);
    try {
      const fault = faults.take(method, path);
      if (fault && (await applyHttpFault(fault, req, res, (ms) => timers.sleep(ms)))) return;
      await handleRest(ctx, routes, req, res);
    } catch {
      send(res, { status: 500, json: INTERNAL_ERROR_BODY });
    }
  };

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
  server.on('request', (req, res) => void onRequest(req, res));
  server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
    recorded.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, at: now(), transport: 'ws' });
    void realtime.handleUpgrade(req, socket, head);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      realtime.closeAll();
      timers.clearAll();
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  // The presence engine ends expired claims on its own, whoever is asking (a second is fine-grained enough here).
  const startExpiry = () => timers.every(1000, () => expireDueClaims(ctx));
  startExpiry();
  const port = await listen(options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  url = `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`;

  const requireUser = (username: string) => users.require(username);

  return {
    url,
    port,
    close: stop,
    async restart() {
      await stop();
      startExpiry();
      await listen(port);
    },
    requests: () => recorded.map((r) => ({ ...r })),
    resetRequests: () => {
      recorded = [];
    },
    user(username) {
      const u = requireUser(username);
      return {
        id: u.id,
        username: u.username,
        status: ctx.presence.status(u),
        statusDefault: u.statusDefault,
        statusConnection: ctx.presence.statusConnection(u.id),
        statusText: u.statusText,
        ...(u.statusSource ? { statusSource: u.statusSource } : {}),
        ...(u.statusExpiresAt !== undefined ? { statusExpiresAt: u.statusExpiresAt } : {}),
      };
    },
    addUser: (spec) => void users.add(spec),
    totpCode(username, atMs) {
      const u = requireUser(username);
      if (!u.totpSecret) throw new Error(`user '${username}' has no TOTP secret`);
      return totp(u.totpSecret, atMs ?? now());
    },
    lastEmailCode: (username) => requireUser(username).emailsSent.at(-1),
    emailCount: (username) => requireUser(username).emailsSent.length,
    revokeTokens(username) {
      const u = requireUser(username);
      realtime.forceLogout(u.id);
      users.removeAllTokens(u);
      realtime.closeUser(u.id);
    },
    tokenCount: (username) => requireUser(username).tokens.length,
    createPersonalAccessToken(username, name = 'rc-tray') {
      const u = requireUser(username);
      return { token: users.addPersonalAccessToken(u, name), userId: u.id };
    },
    personalAccessTokens: (username) => requireUser(username).tokens.flatMap((t) => (t.personalAccessToken ? [t.personalAccessToken.name] : [])),
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    setOption(k, v) {
      if (v === undefined) return;
      (settings as unknown as Record<string, unknown>)[k] = v;
    },
    resetRateLimits: () => ctx.rateLimiter.reset(),
    resetLockouts: () => ctx.lockout.reset(),
    setStatusFromOtherClient(username, status, statusText) {
      const u = requireUser(username);
      u.statusDefault = status;
      if (statusText !== undefined) u.statusText = statusText;
      // Any other client's change is a new manual claim: it replaces (and ends) a pending expiry.
      clearClaim(u, hasPresenceEngine(settings.version) ? 'manual' : undefined);
      ctx.presence.userEdited(u);
    },
    setExternalStatus(username, status, statusText, expiresAt) {
      const u = requireUser(username);
      u.statusRestore = u.statusRestore ?? { statusDefault: u.statusDefault, statusText: u.statusText, statusSource: u.statusSource };
      u.statusDefault = status;
      u.statusText = statusText;
      u.statusSource = 'external';
      u.statusExpiresAt = expiresAt;
      if (expiresAt === undefined) u.statusRestore = undefined;
      ctx.presence.userEdited(u);
    },
    expireDueStatuses: () => expireDueClaims(ctx).map((u) => u.username),
    dropRealtimeConnections: (username) => realtime.drop(username === undefined ? undefined : requireUser(username).id),
    realtimeSubscriptions: (username) => realtime.subscriptions(requireUser(username).id),
    realtimeConnections: (username) => realtime.count(username === undefined ? undefined : requireUser(username).id),
    setRealtimeEnabled(enabled) {
      realtime.enabled = enabled;
    },
  };
}
