import type { SignInError } from '../common/sign-in-error';
import type { SsoCredential, SsoFlow } from '../engine/sso/sso-flow';

/** How a sign-in window ended: the credential to exchange, a reason it failed, or the person closed it. */
export type SsoWindowResult = { kind: 'credential'; credential: SsoCredential } | { kind: 'failed'; error: SignInError } | { kind: 'closed' };

export interface RunningSso {
  readonly result: Promise<SsoWindowResult>;
  /** Ends the flow from rc-tray's side (Cancel in the login window): the window goes, the result is `closed`. */
  cancel(): void;
  /** Brings the sign-in window to the front (a second press of the same button). */
  focus(): void;
}

/** Opens the window for one flow: Electron in the app (electron-main/sso-window.ts), Chromium in the tests. */
export type SsoRunner = (flow: SsoFlow) => RunningSso;
