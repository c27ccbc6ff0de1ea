import { ssoNavigationAllowed, ssoPageOutcome, type SsoPage } from '../desktop/sso-navigation';
import type { RunningSso, SsoWindowResult } from '../desktop/sso-runner';
import { ssoPartition, ssoWindowOptions } from '../desktop/sso-window-options';
import { signInError } from '../common/sign-in-messages';
import { randomToken, type SsoFlow } from '../engine/sso/sso-flow';
import type { ElectronPorts, NavigationAttempt, SsoContentsPort } from './electron-ports';

export interface SsoWindowDeps {
  BrowserWindow: ElectronPorts['BrowserWindow'];
  session: Pick<ElectronPorts['session'], 'fromPartition'>;
  devTools: boolean;
}

/** Chromium's "the navigation was cancelled" (a redirect rc-tray stopped itself): not a failure. */
const ERR_ABORTED = -3;

/**
 * One sign-in window for one flow: the provider's and the server's own pages, in a partition of
 * their own with every permission refused, no pop-ups, and only the navigations the flow needs
 * (desktop/sso-navigation.ts decides). It ends at the first page that hands back the credential,
 * fails, or when the person closes it; the window and its partition's storage go either way.
 */
export function openSsoWindow(deps: SsoWindowDeps, flow: SsoFlow): RunningSso {
  const partition = ssoPartition(randomToken(16));
  const session = deps.session.fromPartition(partition, { cache: false });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const window = new deps.BrowserWindow(ssoWindowOptions({ partition, serviceLabel: flow.service.label, devTools: deps.devTools }));
  const contents: SsoContentsPort = window.webContents;

  let settle: (result: SsoWindowResult) => void = () => undefined;
  const result = new Promise<SsoWindowResult>((resolve) => {
    let settled = false;
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
      if (!window.isDestroyed()) window.destroy();
      void session.clearStorageData().catch(() => undefined);
    };
  });

  const judge = (page: SsoPage): boolean => {
    const outcome = ssoPageOutcome(flow, page);
    if (outcome.kind === 'credential') settle({ kind: 'credential', credential: outcome.credential });
    else if (outcome.kind === 'failed') settle({ kind: 'failed', error: outcome.error });
    return outcome.kind !== 'continue';
  };
  const target = (event: NavigationAttempt, url: string) => event.url ?? url;

  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    const next = target(event, url);
    if (ssoNavigationAllowed(flow, next)) return;
    event.preventDefault();
    judge({ url: next, phase: 'navigated' });
  });
  contents.on('will-redirect', (event, url) => {
    const next = target(event, url);
    if (event.isMainFrame === false) {
      if (!ssoNavigationAllowed(flow, next)) event.preventDefault();
      return;
    }
    // The end of a flow is often a redirect (SAML's to /home?saml_idp_credentialToken=…): take the
    // credential there and do not load the web client behind it.
    const outcome = ssoPageOutcome(flow, { url: next, phase: 'navigated' });
    if (outcome.kind === 'continue') return;
    event.preventDefault();
    judge({ url: next, phase: 'navigated' });
  });
  contents.on('will-frame-navigate', (event, url) => {
    if (event.isMainFrame === false && !ssoNavigationAllowed(flow, target(event, url))) event.preventDefault();
  });
  contents.on('did-navigate', (_event, url, httpResponseCode) => void judge({ url, phase: 'navigated', httpStatus: httpResponseCode }));
  contents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
    if (isMainFrame) judge({ url, phase: 'in-page' });
  });
  contents.on('did-finish-load', () => {
    if (!contents.isDestroyed()) judge({ url: contents.getURL(), phase: 'loaded' });
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    settle({ kind: 'failed', error: signInError('sso-provider-error', { detail: `the page could not be loaded: ${errorDescription}` }) });
  });
  contents.on('render-process-gone', () => settle({ kind: 'failed', error: signInError('sso-provider-error', { detail: 'the sign-in page stopped' }) }));
  window.on('closed', () => settle({ kind: 'closed' }));
  window.loadURL(flow.startUrl).catch(() => undefined);

  return {
    result,
    cancel: () => settle({ kind: 'closed' }),
    focus: () => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
  };
}
