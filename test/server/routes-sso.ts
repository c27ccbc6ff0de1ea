// The browser half of single sign-on, as RC (and the Meteor packages it uses) serve it:
// OAuth 2.0 (/_oauth/<service>), SAML (/_saml/authorize, /_saml/validate) and CAS (/_cas/<token>),
// plus the two public endpoints a client reads to learn which services exist.
import { randomBytes } from 'node:crypto';
import type { ServerContext } from './context';
import { signSamlPayload } from './fake-sso-provider';
import type { Reply } from './http-io';
import type { Route } from './rest-routes';
import type { ExternalIdentity } from './sso-credentials';

/** A document of `meteor_accounts_loginServiceConfiguration`, secret included (the endpoint strips it). */
export type LoginServiceConfig = Record<string, unknown> & { _id?: string; service: string };

const html = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  raw: body,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
});
const redirect = (location: string): Reply => ({ status: 302, raw: '', headers: { Location: location, 'Cache-Control': 'no-store' } });

/**
 * GET /api/v1/settings.oauth (apps/meteor/app/api/server/v1/settings.ts): every configured service
 * without its secret; custom OAuth, saml, cas and wordpress whole, the built-in ones reduced to
 * {_id, name, clientId, buttonLabelText, buttonColor, buttonLabelColor, custom:false}.
 */
export function settingsOauthBody(services: LoginServiceConfig[]): Record<string, unknown> {
  return {
    services: services.map((config, index) => {
      const full: LoginServiceConfig = { _id: `service-${index}`, ...config };
      const { secret: _secret, ...service } = full;
      if (service.custom || ['saml', 'cas', 'wordpress'].includes(service.service)) return service;
      return {
        _id: service._id,
        name: service.service,
        clientId: service.appId ?? service.clientId ?? service.consumerKey,
        buttonLabelText: service.buttonLabelText ?? '',
        buttonColor: service.buttonColor ?? '',
        buttonLabelColor: service.buttonLabelColor ?? '',
        custom: false,
      };
    }),
    success: true,
  };
}

/** Meteor's `OAuth._stateFromQuery`: base64 JSON {loginStyle, credentialToken, isCordova, redirectUrl?}. */
function readState(state: string | null): { credentialToken?: string; isCordova?: boolean; loginStyle?: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(state ?? '', 'base64').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, never>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Meteor oauth `end_of_popup_response.html` + `.js`: the config travels in the page; when the state
 * says isCordova (as the mobile app and rc-tray send), the script writes
 * `#{"credentialToken":…,"credentialSecret":…}` into the address, which is how a client without
 * `window.opener` learns the secret (RN AuthenticationWebView reads it from the URL the same way).
 */
function endOfPopupResponse(config: { setCredentialToken: boolean; credentialToken?: string; credentialSecret?: string; isCordova: boolean }): Reply {
  const json = JSON.stringify({ ...config, storagePrefix: 'Meteor.oauth.credentialSecret-' }).replace(/</g, '\\u003c');
  return html(
    200,
    `<!DOCTYPE html><html><body><p id="completedText" style="display:none;">Login completed. <a href="#" id="loginCompleted">Click here</a> to close this window.</p>
<div id="config" style="display:none;">${json}</div>
<script>(function(){var config=JSON.parse(document.getElementById("config").innerHTML);
if(config.setCredentialToken){if(config.isCordova){window.location.hash=JSON.stringify({credentialToken:config.credentialToken,credentialSecret:config.credentialSecret});}
try{localStorage[config.storagePrefix+config.credentialToken]=config.credentialSecret;}catch(e){}}
if(!config.isCordova){document.getElementById("completedText").style.display="block";window.close();}})();</script></body></html>`,
  );
}

async function exchangeOAuthCode(ctx: ServerContext, config: LoginServiceConfig, code: string): Promise<ExternalIdentity> {
  // RC custom_oauth_server.ts getAccessToken / getIdentity: POST tokenPath (grant_type, code,
  // redirect_uri = <Site_Url>/_oauth/<name>, client id and secret), then GET identityPath.
  const base = String(config.serverURL);
  const redirectUri = `${ctx.siteUrl()}/_oauth/${config.service}`;
  const tokenResponse = await fetch(new URL(String(config.tokenPath), base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: String(config.clientId), client_secret: String(config.secret) }),
  });
  const token = (await tokenResponse.json()) as { access_token?: string; error?: string };
  if (!tokenResponse.ok || !token.access_token) throw new Error(`Failed to complete OAuth handshake with ${config.service}. ${token.error ?? ''}`);
  const identityResponse = await fetch(new URL(String(config.identityPath), base), { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/json' } });
  const identity = (await identityResponse.json()) as { sub?: string; preferred_username?: string; email?: string; name?: string };
  if (!identityResponse.ok || !identity.sub) throw new Error(`Failed to fetch identity from ${config.service}.`);
  return { service: config.service, id: identity.sub, username: identity.preferred_username ?? identity.sub, email: identity.email, name: identity.name };
}

function samlConfig(ctx: ServerContext, provider: string): LoginServiceConfig | undefined {
  return ctx.settings.loginServices.find((s) => s.service === 'saml' && (s.clientConfig as { provider?: string } | undefined)?.provider === provider);
}

/** Any other page is the web client's shell (RC serves the same app for every path). */
const webClient = (): Reply => html(200, '<!DOCTYPE html><html><head><title>Rocket.Chat</title></head><body><div id="react-root">Rocket.Chat</div></body></html>');

export const ssoRoutes: Route[] = [
  { method: 'GET', path: '/', handle: webClient },
  { method: 'GET', path: '/home', handle: webClient },
  {
    method: 'GET',
    path: '/api/v1/settings.oauth',
    handle: ({ ctx }) => ({ status: 200, json: settingsOauthBody(ctx.settings.loginServices) }),
  },
  {
    // Meteor oauth_server.js middleware + oauth2_server.js `_requestHandlers['2']`.
    method: 'GET',
    path: '/_oauth/',
    prefix: true,
    handle: async ({ ctx, url }) => {
      const name = decodeURIComponent(url.pathname.slice('/_oauth/'.length));
      const config = ctx.settings.loginServices.find((s) => s.service === name && s.custom);
      if (!config) return html(200, `<html><body>Service ${name.replace(/[<>&]/g, '')} not configured</body></html>`);
      const state = readState(url.searchParams.get('state'));
      const credentialToken = state?.credentialToken;
      const isCordova = state?.isCordova === true;
      if (!credentialToken) return endOfPopupResponse({ setCredentialToken: false, isCordova });
      if (url.searchParams.get('error')) return endOfPopupResponse({ setCredentialToken: false, isCordova });
      try {
        const identity = await exchangeOAuthCode(ctx, config, url.searchParams.get('code') ?? '');
        const credentialSecret = ctx.sso.storeOAuth(credentialToken, { identity });
        return endOfPopupResponse({ setCredentialToken: true, credentialToken, credentialSecret, isCordova });
      } catch (error) {
        // The middleware stores the error under the token (retrieved once, then removed) and still renders the page.
        const credentialSecret = ctx.sso.storeOAuth(credentialToken, { error: error instanceof Error ? error.message : 'OAuth failed' });
        return endOfPopupResponse({ setCredentialToken: true, credentialToken, credentialSecret, isCordova });
      }
    },
  },
  {
    // SAML.processAuthorizeAction: the AuthnRequest's id is the client's credentialToken; 302 to the IdP.
    method: 'GET',
    path: '/_saml/authorize/',
    prefix: true,
    handle: ({ ctx, url }) => {
      const [provider = '', credentialToken = ''] = url.pathname.slice('/_saml/authorize/'.length).split('/').map(decodeURIComponent);
      const config = samlConfig(ctx, provider);
      if (!config || !credentialToken) return html(200, `<html><body><h2>Sorry, an annoying error occured</h2><div>Unexpected SAML service ${provider.replace(/[<>&]/g, '')}</div></body></html>`);
      const request = Buffer.from(JSON.stringify({ id: credentialToken, acs: `${ctx.siteUrl()}/_saml/validate/${provider}` })).toString('base64');
      const target = new URL(String(config.entryPoint));
      target.searchParams.set('SAMLRequest', request);
      target.searchParams.set('RelayState', ctx.siteUrl());
      return redirect(target.toString());
    },
  },
  {
    // SAML.processValidateAction: a good response is stored under a new Random.id() and the browser
    // goes to <Site_Url>/home?saml_idp_credentialToken=<id>; any failure goes to <Site_Url>/.
    method: 'POST',
    path: '/_saml/validate/',
    prefix: true,
    rawBody: true,
    handle: ({ ctx, url, raw }) => {
      const provider = decodeURIComponent(url.pathname.slice('/_saml/validate/'.length));
      const config = samlConfig(ctx, provider);
      const response = new URLSearchParams(raw).get('SAMLResponse') ?? '';
      const [payload = '', signature = ''] = response.split('.');
      if (!config || signSamlPayload(payload, String(config.idpSecret ?? '')) !== signature) return redirect(`${ctx.siteUrl()}/`);
      const profile = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { nameID: string; email?: string; name?: string };
      const credentialToken = randomBytes(12).toString('hex');
      ctx.sso.storeToken(credentialToken, { service: 'saml', id: profile.nameID, username: profile.nameID, email: profile.email, name: profile.name });
      return redirect(`${ctx.siteUrl()}/home?saml_idp_credentialToken=${credentialToken}`);
    },
  },
  {
    // apps/meteor/server/lib/cas/middleware.ts: validate the ticket (CAS 1.0 /validate) for
    // service <Site_Url>/_cas/<token>, store the username under the token, and always answer closePopup.
    method: 'GET',
    path: '/_cas/',
    prefix: true,
    handle: async ({ ctx, url }) => {
      const closePopup = html(200, '<html><head><script>window.close()</script></head></html>');
      const credentialToken = decodeURIComponent(url.pathname.slice('/_cas/'.length));
      const config = ctx.settings.loginServices.find((s) => s.service === 'cas');
      const ticket = url.searchParams.get('ticket');
      if (!credentialToken || !config || !ticket) return closePopup;
      try {
        const validate = new URL('validate', `${String(config.base_url).replace(/\/?$/, '/')}`);
        validate.searchParams.set('ticket', ticket);
        validate.searchParams.set('service', `${ctx.siteUrl()}/_cas/${credentialToken}`);
        const [verdict, username] = (await (await fetch(validate)).text()).split('\n');
        if (verdict === 'yes' && username) ctx.sso.storeToken(credentialToken, { service: 'cas', id: username, username });
      } catch {
        // logged by RC; the popup closes either way and the login call then finds no credential.
      }
      return closePopup;
    },
  },
];
