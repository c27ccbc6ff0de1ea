import * as z from 'zod/mini';
import type { SessionState } from './session-state';
import type { SignInError } from './sign-in-error';

/**
 * The one contract between the login window and the main process. Main registers a handler
 * per `invoke` channel and validates every payload with its schema; the preload exposes
 * exactly these as `window.rcTray`, and nothing else.
 */

/** What the login window renders: the session of the server being signed in to, plus prefills. */
export interface LoginWindowState {
  session: SessionState | null;
  lastServer?: string;
  lastUsername?: string;
  /**
   * Where an e-mailed code went, masked (`c•••@example.com`), when the sign-in names an e-mail
   * address. Rocket.Chat mails every verified address of the account and names only the
   * username (`details.emailOrUsername`), so a sign-in by username has none.
   */
  codeSentTo?: string;
}

export type CheckServerResult = { ok: true; url: string; version: string } | { ok: false; error: SignInError };

/** A sign-in service button: what the window shows; main keeps the rest (endpoints, client ids). */
export interface LoginServiceButton {
  id: string;
  label: string;
  kind: 'oauth' | 'saml' | 'cas';
}

/** How a server lets people sign in: the password form (unless it hides it) and its SSO services. */
export type LoginOptionsResult = { ok: true; server: string; passwordForm: boolean; services: LoginServiceButton[] } | { ok: false; error: SignInError };

const text = (max: number, min = 0) => z.string().check(z.maxLength(max), z.minLength(min));

export const IPC_INVOKE = {
  getState: { channel: 'rc-tray:get-state', request: z.strictObject({}) },
  checkServer: { channel: 'rc-tray:check-server', request: z.strictObject({ address: text(2048) }) },
  login: {
    channel: 'rc-tray:login',
    request: z.strictObject({ server: text(2048, 1), user: text(256, 1), password: text(1024, 1) }),
  },
  submitCode: { channel: 'rc-tray:submit-code', request: z.strictObject({ code: text(64, 1) }) },
  resendCode: { channel: 'rc-tray:resend-code', request: z.strictObject({}) },
  cancel: { channel: 'rc-tray:cancel', request: z.strictObject({}) },
  loginOptions: { channel: 'rc-tray:login-options', request: z.strictObject({ server: text(2048, 1) }) },
  startSso: { channel: 'rc-tray:start-sso', request: z.strictObject({ server: text(2048, 1), serviceId: text(256, 1) }) },
  loginWithToken: {
    channel: 'rc-tray:login-with-token',
    request: z.strictObject({ server: text(2048, 1), userId: text(128, 1), token: text(512, 1) }),
  },
} as const;

export type IpcInvokeName = keyof typeof IPC_INVOKE;
export type IpcRequest<N extends IpcInvokeName> = z.infer<(typeof IPC_INVOKE)[N]['request']>;

export interface IpcResponses {
  getState: LoginWindowState;
  checkServer: CheckServerResult;
  login: LoginWindowState;
  submitCode: LoginWindowState;
  resendCode: LoginWindowState;
  cancel: LoginWindowState;
  loginOptions: LoginOptionsResult;
  startSso: LoginWindowState;
  loginWithToken: LoginWindowState;
}

/** Main → window: pushed on every change of the state the window shows. */
export const IPC_EVENTS = {
  stateChanged: 'rc-tray:state-changed',
} as const;

/** `window.rcTray` as the renderer sees it. */
export interface RcTrayApi {
  getState(): Promise<LoginWindowState>;
  onStateChange(listener: (state: LoginWindowState) => void): () => void;
  checkServer(address: string): Promise<CheckServerResult>;
  login(request: IpcRequest<'login'>): Promise<LoginWindowState>;
  submitCode(code: string): Promise<LoginWindowState>;
  resendCode(): Promise<LoginWindowState>;
  cancel(): Promise<LoginWindowState>;
  loginOptions(server: string): Promise<LoginOptionsResult>;
  /** Opens the service's own sign-in pages in a separate window; answers when that flow is over. */
  startSso(request: IpcRequest<'startSso'>): Promise<LoginWindowState>;
  loginWithToken(request: IpcRequest<'loginWithToken'>): Promise<LoginWindowState>;
}
