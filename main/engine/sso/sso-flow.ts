// One single sign-on attempt: where the window starts, and what the server hands back at the end.
import { randomInt } from 'node:crypto';
import type { SsoService } from './login-services';

/** What the server's last page hands back, exchanged for a login token by `POST /api/v1/login`. */
export type SsoCredential =
  | { kind: 'oauth'; credentialToken: string; credentialSecret: string }
  | { kind: 'saml'; credentialToken: string }
  | { kind: 'cas'; credentialToken: string };

export interface SsoFlow {
  server: string;
  service: SsoService;
  /** Chosen here: the OAuth state's credentialToken, or the SAML request id / CAS path token. */
  credentialToken: string;
  startUrl: string;
}

const ALPHANUMERIC = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** Meteor's Random.secret-like token; RN uses random(43) for OAuth and random(17) for SAML/CAS. */
export function randomToken(length: number, pick: (max: number) => number = randomInt): string {
  let token = '';
  for (let i = 0; i < length; i++) token += ALPHANUMERIC[pick(ALPHANUMERIC.length)];
  return token;
}

/**
 * Meteor OAuth state (oauth/oauth_client.js `_stateParam`, as RN builds it in getOAuthState):
 * base64 JSON {loginStyle:'popup', credentialToken, isCordova:true}. isCordova makes the server's
 * end page put `#{credentialToken, credentialSecret}` into the address instead of talking to an
 * opener window rc-tray does not have (meteor oauth end_of_popup_response.js).
 */
export function oauthState(credentialToken: string): string {
  return Buffer.from(JSON.stringify({ loginStyle: 'popup', credentialToken, isCordova: true })).toString('base64url');
}

export function oauthRedirectUri(server: string, service: Extract<SsoService, { kind: 'oauth' }>): string {
  return `${server}/_oauth/${service.service}${service.redirectSuffix}`;
}

/** Where the sign-in window starts, per kind (RN app/containers/LoginServices/serviceLogin.ts). */
export function beginSsoFlow(server: string, service: SsoService, token: (length: number) => string = (length) => randomToken(length)): SsoFlow {
  switch (service.kind) {
    case 'oauth': {
      const credentialToken = token(43);
      const url = new URL(service.authorizeUrl);
      url.searchParams.set('client_id', service.clientId);
      url.searchParams.set('redirect_uri', oauthRedirectUri(server, service));
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('state', oauthState(credentialToken));
      if (service.scope) url.searchParams.set('scope', service.scope);
      return { server, service, credentialToken, startUrl: url.toString() };
    }
    case 'saml': {
      // SAML.processAuthorizeAction makes this token the AuthnRequest id.
      const credentialToken = token(17);
      return { server, service, credentialToken, startUrl: `${server}/_saml/authorize/${encodeURIComponent(service.provider)}/${credentialToken}` };
    }
    case 'cas': {
      // The CAS server sends the browser back to <server>/_cas/<token>?ticket=…, validated there (server/lib/cas/middleware.ts).
      const credentialToken = token(17);
      const url = new URL(service.loginUrl);
      url.searchParams.set('service', `${server}/_cas/${credentialToken}`);
      return { server, service, credentialToken, startUrl: url.toString() };
    }
  }
}

/**
 * The `POST /api/v1/login` body for each credential: a body with keys other than user/password
 * passes through to Meteor's login handlers (contract §2.1): accounts-oauth `{oauth:{…}}`,
 * meteor-accounts-saml `{saml:true, credentialToken}`, CAS `{cas:{credentialToken}}` (the same
 * shapes RN's loginOAuthOrSso sends). With a 2FA code: `{totp:{login, code}}` (RN loginTOTP).
 */
export function ssoLoginBody(credential: SsoCredential, code?: string): Record<string, unknown> {
  let login: Record<string, unknown>;
  switch (credential.kind) {
    case 'oauth':
      login = { oauth: { credentialToken: credential.credentialToken, credentialSecret: credential.credentialSecret } };
      break;
    case 'saml':
      login = { saml: true, credentialToken: credential.credentialToken };
      break;
    case 'cas':
      login = { cas: { credentialToken: credential.credentialToken } };
      break;
  }
  return code === undefined ? login : { totp: { login, code } };
}
