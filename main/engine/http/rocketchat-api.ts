import type { AxiosRequestConfig } from 'axios';
import type { UserStatus } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { serverEndpoint } from '../../common/server-address';
import { classifyNetworkFailure } from './classify-network-failure';
import { DEFAULT_TIMEOUT_MS } from './http-limits';
import type { HttpClient } from './lazy-http-client';
import { BareLoginRefusal, errorId, errorReason, isBareLoginRefusal, loginRefusal, readErrorBody, twoFactorChallenge, type TwoFactorChallenge } from './login-failure';
import { header, looksLikeHtml, parseJson, readBody, retryAfterSeconds, type RawResponse } from './read-response';
import { customStatusListSchema, loginSuccessSchema, meSchema, publicSettingsSchema, serverInfoSchema, successFlagSchema, type Me } from './response-schemas';
import { LOGIN_SETTING_IDS, loginOptions, settingsOauthSchema, type LoginOptions } from '../sso/login-services';
import { ssoLoginBody, type SsoCredential } from '../sso/sso-flow';

export interface Credentials {
  userId: string;
  authToken: string;
  /**
   * A token the person created in their profile and gave rc-tray: signing out must not revoke it
   * (`POST /api/v1/logout` would delete it for good). Absent for rc-tray's own login tokens.
   */
  kind?: 'personal-access-token';
}

export interface PasswordLogin {
  /** Username or e-mail address: the server tells them apart by the `@` (contract §2.1). */
  user: string;
  password: string;
  code?: string;
}

export type LoginOutcome =
  | { kind: 'signed-in'; credentials: Credentials; me: Me }
  | ({ kind: 'needs-2fa' } & TwoFactorChallenge);

export interface ServerInfo {
  version: string;
}

/** The REST calls rc-tray makes, each returning typed data or throwing a {@link SignInFailure}. */
export class RocketChatApi {
  constructor(
    readonly server: string,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  async serverInfo(): Promise<ServerInfo> {
    const response = await this.send({ method: 'GET', url: '/api/info' });
    this.throwOnTransportStatus(response);
    if (response.status === 200) {
      const parsed = serverInfoSchema.safeParse(parseJson(response.body));
      if (parsed.success) return { version: parsed.data.version };
    }
    const detail = looksLikeHtml(response.body)
      ? 'it answered with a web page'
      : response.status === 200
        ? 'its /api/info answer has no Rocket.Chat version'
        : `/api/info answered HTTP ${response.status}`;
    throw new SignInFailure(signInError('not-rocketchat', { server: this.server, detail }));
  }

  async login(request: PasswordLogin): Promise<LoginOutcome> {
    const body: Record<string, string> = { user: request.user, password: request.password };
    if (request.code !== undefined) body.code = request.code;
    return this.loginWith(body);
  }

  /**
   * The saved token's check: exactly one `GET /api/v1/me` authenticated with X-User-Id and
   * X-Auth-Token, never `POST /login {resume}`. A REST resume is a full login on the server: it
   * passes the brute-force checks (and renews a block), spends the login rate bucket every client
   * behind the same IP shares, writes a session record, and on 6.6.0–6.6.2 leaves a presence
   * connection that never closes (rocketchat-server-review.md #1, #3, #6).
   */
  resume(credentials: Credentials): Promise<Me> {
    return this.me(credentials);
  }

  async sendEmailCode(emailOrUsername: string): Promise<void> {
    const response = await this.send({ method: 'POST', url: '/api/v1/users.2fa.sendEmailCode', data: { emailOrUsername } });
    this.throwOnTransportStatus(response);
    if (response.status !== 200) throw this.requestRefusal(response);
  }

  /** Revokes the token on the server. Any 2xx counts (7.4+ answers with an empty body). */
  async logout(credentials: Credentials): Promise<'revoked' | 'already-gone'> {
    const response = await this.send({ method: 'POST', url: '/api/v1/logout', headers: authHeaders(credentials) });
    if (response.status === 401) return 'already-gone';
    this.throwOnTransportStatus(response);
    if (response.status >= 200 && response.status < 300) return 'revoked';
    throw this.requestRefusal(response);
  }

  /**
   * `GET /api/v1/me`. Only the server refusing the token is a refusal: 401 (`session-expired`)
   * or a deactivated account. Anything else that is not the user's data (a proxy's or WAF's page,
   * a 400/403 without a Rocket.Chat error id, 5xx, 429) is a fault that keeps the token.
   */
  async me(credentials: Credentials): Promise<Me> {
    const response = await this.send({ method: 'GET', url: '/api/v1/me', headers: authHeaders(credentials) });
    this.throwOnTransportStatus(response);
    if (response.status === 401) throw new SignInFailure(signInError('session-expired'));
    if (response.status !== 200) throw tokenCheckFault(response, this.server);
    const me = readBody(response, meSchema, this.server);
    if (me._id !== credentials.userId) throw anotherUser(this.server);
    return me;
  }

  /** `expiresAt` (8.6+) travels as an ISO date; older servers would ignore it, so callers check first. */
  async setStatus(credentials: Credentials, change: { status?: UserStatus; message?: string; expiresAt?: number }): Promise<void> {
    const data: Record<string, string> = {};
    if (change.status !== undefined) data.status = change.status;
    if (change.message !== undefined) data.message = change.message;
    if (change.expiresAt !== undefined) data.expiresAt = new Date(change.expiresAt).toISOString();
    const response = await this.send({ method: 'POST', url: '/api/v1/users.setStatus', headers: authHeaders(credentials), data });
    this.throwOnAuthenticatedFailure(response);
    readBody(response, successFlagSchema, this.server);
  }

  /** Public settings by id (no session needed); ids the server does not have are simply absent. */
  async publicSettings(ids: readonly string[]): Promise<Map<string, unknown>> {
    const query = new URLSearchParams({ _id: ids.join(','), count: String(ids.length) });
    const response = await this.send({ method: 'GET', url: `/api/v1/settings.public?${query.toString()}` });
    this.throwOnTransportStatus(response);
    if (response.status !== 200) throw this.requestRefusal(response);
    const { settings } = readBody(response, publicSettingsSchema, this.server);
    return new Map(settings.map((setting) => [setting._id, setting.value]));
  }

  /** The admin's custom statuses, in the server's order. */
  async customStatuses(credentials: Credentials): Promise<Array<{ name: string; statusType: string }>> {
    const response = await this.send({ method: 'GET', url: '/api/v1/custom-user-status.list?count=100', headers: authHeaders(credentials) });
    this.throwOnAuthenticatedFailure(response);
    return readBody(response, customStatusListSchema, this.server).statuses.map(({ name, statusType }) => ({ name, statusType }));
  }

  /** The single sign-on services and whether the password form is shown (both endpoints are public). */
  async loginOptions(version: string): Promise<LoginOptions> {
    const oauth = await this.send({ method: 'GET', url: '/api/v1/settings.oauth' });
    this.throwOnTransportStatus(oauth);
    if (oauth.status !== 200) throw this.requestRefusal(oauth);
    // RN app/lib/methods/getSettings.ts: `_id=a,b` from 7.0, the JSON `query` form before.
    const modern = Number.parseInt(version, 10) >= 7;
    const ids = LOGIN_SETTING_IDS.join(',');
    const query = modern ? `_id=${encodeURIComponent(ids)}` : `query=${encodeURIComponent(JSON.stringify({ _id: { $in: LOGIN_SETTING_IDS } }))}`;
    const settings = await this.send({ method: 'GET', url: `/api/v1/settings.public?${query}` });
    this.throwOnTransportStatus(settings);
    // An older server without the endpoint still has its services; the form is then assumed shown.
    const publicSettings = settings.status === 200 ? readBody(settings, publicSettingsSchema, this.server).settings : [];
    return loginOptions(readBody(oauth, settingsOauthSchema, this.server), publicSettings);
  }

  /** Exchanges what the server's sign-in pages handed back for a login token (2FA may follow, as for a password). */
  ssoLogin(credential: SsoCredential, code?: string): Promise<LoginOutcome> {
    return this.loginWith(ssoLoginBody(credential, code));
  }

  private async loginWith(body: Record<string, unknown>): Promise<LoginOutcome> {
    const response = await this.send({ method: 'POST', url: '/api/v1/login', data: body });
    this.throwOnTransportStatus(response);
    if (response.status === 200) {
      const { data } = readBody(response, loginSuccessSchema, this.server);
      if (data.userId !== data.me._id) throw anotherUser(this.server);
      return { kind: 'signed-in', credentials: { userId: data.userId, authToken: data.authToken }, me: data.me };
    }
    const errorBody = readErrorBody(response.body);
    const challenge = twoFactorChallenge(errorBody);
    if (challenge) return { kind: 'needs-2fa', ...challenge };
    if (isBareLoginRefusal(response.status, errorBody)) throw new BareLoginRefusal();
    if (response.status === 401 || response.status === 403 || response.status === 400) throw loginRefusal(response.status, errorBody);
    throw new SignInFailure(signInError('bad-response', { server: this.server, detail: `HTTP ${response.status}` }));
  }

  private async send(config: AxiosRequestConfig & { url: string }): Promise<RawResponse> {
    // A deadline for the whole request, body included: axios's own timeout stops at the headers on
    // Node's HTTP, so a server dripping its body a byte a second would hold rc-tray for days (F-05).
    const deadline = AbortSignal.timeout(this.http.defaults.timeout || DEFAULT_TIMEOUT_MS);
    try {
      const response = await this.http.request({ ...config, url: serverEndpoint(this.server, config.url), signal: deadline });
      return { status: response.status, headers: response.headers as Record<string, unknown>, body: typeof response.data === 'string' ? response.data : '' };
    } catch (error) {
      if (deadline.aborted) throw new SignInFailure(signInError('timeout', { server: this.server }));
      throw classifyNetworkFailure(error, this.server);
    }
  }

  /** Failures that mean "ask again later", whatever the endpoint. */
  private throwOnTransportStatus(response: RawResponse): void {
    if (response.status >= 300 && response.status < 400) {
      throw new SignInFailure(signInError('redirected', { detail: header(response, 'location') ?? 'another address' }));
    }
    if (response.status === 429) {
      const body = readErrorBody(response.body);
      const seconds = retryAfterSeconds(response, typeof body.error === 'string' ? body.error : body.message, this.now());
      throw new SignInFailure(signInError('rate-limited', { retryAfterSeconds: seconds }));
    }
    if (response.status >= 500) {
      throw new SignInFailure(signInError('server-error', { server: this.server, detail: `HTTP ${response.status}` }));
    }
  }

  private throwOnAuthenticatedFailure(response: RawResponse): void {
    this.throwOnTransportStatus(response);
    if (response.status === 401) throw new SignInFailure(signInError('session-expired'));
    if (response.status !== 200) throw this.requestRefusal(response);
  }

  private requestRefusal(response: RawResponse): SignInFailure {
    const body = readErrorBody(response.body);
    switch (errorId(body)) {
      case 'error-status-not-allowed':
        return new SignInFailure(signInError('status-not-allowed'));
      case 'error-not-allowed':
        return new SignInFailure(signInError('status-message-not-allowed'));
    }
    return new SignInFailure(signInError('request-refused', { serverMessage: errorReason(body) ?? `HTTP ${response.status}` }));
  }
}

function anotherUser(server: string): SignInFailure {
  return new SignInFailure(signInError('bad-response', { server, detail: 'it answered for a different user' }));
}

/** A non-200 token check that is not a refusal of the token, unless it says the account is deactivated. */
function tokenCheckFault(response: RawResponse, server: string): SignInFailure {
  const body = readErrorBody(response.body);
  const id = errorId(body);
  if (id === 'error-user-is-not-activated') return new SignInFailure(signInError('user-deactivated'));
  const page = looksLikeHtml(response.body) ? ', a web page: a proxy or firewall may be in the way' : '';
  if (id && (response.status === 400 || response.status === 403)) {
    return new SignInFailure(signInError('request-refused', { serverMessage: errorReason(body) ?? `HTTP ${response.status}` }));
  }
  return new SignInFailure(signInError('bad-response', { server, detail: `HTTP ${response.status}${page}` }));
}

function authHeaders(credentials: Credentials): Record<string, string> {
  return { 'X-User-Id': credentials.userId, 'X-Auth-Token': credentials.authToken };
}
