import type { SignInError } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import type { SsoCredential, SsoFlow } from '../engine/sso/sso-flow';

/**
 * What the sign-in window may load and what each page means, decided without Electron: the window
 * glue (electron-main/sso-window.ts) and the Chromium tests feed every navigation through here.
 * The end of each flow follows the official mobile app (RN app/views/AuthenticationWebView.tsx):
 * OAuth ends on <server>/_oauth/<service>#{credentialToken, credentialSecret}; SAML on a server
 * URL carrying ?saml_idp_credentialToken=…; CAS on <server>/_cas/<token>?ticket=… .
 */

/** `navigated`: a page was committed; `in-page`: only its fragment changed; `loaded`: it finished loading. */
export type SsoPagePhase = 'navigated' | 'in-page' | 'loaded';

export interface SsoPage {
  url: string;
  phase: SsoPagePhase;
  httpStatus?: number;
}

export type SsoPageOutcome = { kind: 'continue' } | { kind: 'credential'; credential: SsoCredential } | { kind: 'failed'; error: SignInError };

const CONTINUE: SsoPageOutcome = { kind: 'continue' };
const failed = (error: SignInError): SsoPageOutcome => ({ kind: 'failed', error });

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Top-level navigations the flow may make: any https page (providers hop between their own hosts:
 * Azure AD, Keycloak brokers, ADFS…), plain http only to the server itself or, when the server is
 * on this computer, to other local pages (a development IdP). Never file:, data:, javascript: or
 * an app's custom scheme.
 */
export function ssoNavigationAllowed(flow: SsoFlow, target: string): boolean {
  const url = parse(target);
  if (!url) return false;
  if (url.href === 'about:blank') return true;
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const server = parse(flow.server);
  return url.origin === server?.origin || (server !== undefined && isLoopback(server.hostname) && isLoopback(url.hostname));
}

/** The path under the server's base URL (servers may live under a sub-path), or undefined when elsewhere. */
function serverPath(flow: SsoFlow, url: URL): string | undefined {
  const server = parse(flow.server);
  if (!server || url.origin !== server.origin) return undefined;
  const base = server.pathname.replace(/\/+$/, '');
  if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  return url.pathname.slice(base.length) || '/';
}

function where(url: URL): string {
  return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.host}${url.pathname === '/' ? '' : url.pathname}` : `${url.protocol} address`;
}

function oauthCredential(flow: SsoFlow, url: URL): SsoPageOutcome | undefined {
  if (!url.hash || url.hash.length < 2) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(url.hash.slice(1)));
  } catch {
    return undefined;
  }
  const { credentialToken, credentialSecret } = (parsed ?? {}) as { credentialToken?: unknown; credentialSecret?: unknown };
  if (typeof credentialToken !== 'string' || typeof credentialSecret !== 'string') return undefined;
  // A credential for some other sign-in is not ours to use.
  if (credentialToken !== flow.credentialToken) return failed(signInError('sso-unexpected-redirect', { detail: 'the server answered for another sign-in' }));
  return { kind: 'credential', credential: { kind: 'oauth', credentialToken, credentialSecret } };
}

function onServer(flow: SsoFlow, url: URL, path: string, page: SsoPage): SsoPageOutcome {
  const service = flow.service;
  if (page.httpStatus !== undefined && page.httpStatus >= 400) {
    return failed(signInError('sso-provider-error', { detail: `the server answered HTTP ${page.httpStatus}` }));
  }
  switch (service.kind) {
    case 'oauth': {
      if (path !== `/_oauth/${service.service}`) break;
      const credential = oauthCredential(flow, url);
      if (credential) return credential;
      if (page.phase !== 'loaded') return CONTINUE;
      // Meteor renders its end page without a credential when the provider refused or failed.
      const error = url.searchParams.get('error');
      if (error === 'access_denied') return failed(signInError('cancelled'));
      return failed(signInError('sso-provider-error', { detail: error ? `the provider answered "${error.slice(0, 60)}"` : 'the server could not finish the sign-in' }));
    }
    case 'saml': {
      const token = url.searchParams.get('saml_idp_credentialToken');
      if (token) return { kind: 'credential', credential: { kind: 'saml', credentialToken: token } };
      if (path.startsWith('/_saml/')) return CONTINUE;
      // SAML.processValidateAction sends every failure to the site root.
      if (path === '/') return failed(signInError('sso-provider-error', { detail: "the server could not verify the identity provider's answer" }));
      break;
    }
    case 'cas': {
      if (path === `/_cas/${flow.credentialToken}`) {
        // The server validates the ticket before it answers this page (server/lib/cas/middleware.ts).
        if (url.searchParams.get('ticket')) return { kind: 'credential', credential: { kind: 'cas', credentialToken: flow.credentialToken } };
        return failed(signInError('sso-provider-error', { detail: 'CAS sent no ticket' }));
      }
      break;
    }
  }
  return failed(signInError('sso-unexpected-redirect', { detail: `the server sent it to ${where(url)}` }));
}

/** What a page of the flow means: keep going, the credential to exchange, or why it is over. */
export function ssoPageOutcome(flow: SsoFlow, page: SsoPage): SsoPageOutcome {
  const url = parse(page.url);
  if (!url || !ssoNavigationAllowed(flow, page.url)) {
    return failed(signInError('sso-unexpected-redirect', { detail: url ? `it went to ${where(url)}` : 'it went to an address that is not a web page' }));
  }
  if (url.href === 'about:blank') return CONTINUE;
  const path = serverPath(flow, url);
  if (path !== undefined) return onServer(flow, url, path, page);
  if (page.httpStatus !== undefined && page.httpStatus >= 400) {
    return failed(signInError('sso-provider-error', { detail: `${url.host} answered HTTP ${page.httpStatus}` }));
  }
  return CONTINUE;
}
