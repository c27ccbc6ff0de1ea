// A fake identity provider on its own loopback origin: an OAuth 2.0 authorization server (RFC 6749
// §4.1, the authorization-code grant, with a Keycloak-like login page), a SAML IdP (HTTP-Redirect
// in, HTTP-POST binding out, SAML 2.0 Bindings §3.4/§3.5) and a CAS 1.0 server (Apereo CAS
// Protocol 1.0: /login then /validate answering "yes\n<user>\n" or "no\n"). The stand-in
// Rocket.Chat server talks to it over real HTTP as RC talks to a real provider. Assertions are not
// XML: a SAML response here is base64 JSON with an HMAC, which keeps the flow (who redirects and
// posts to whom) and drops the XML-signature machinery RC delegates to its SAML library.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { listenOnLoopback } from '../support/loopback';
import { readBody } from './http-io';

export interface ProviderUser {
  username: string;
  password: string;
  email: string;
  name: string;
}

export interface FakeSsoProviderOptions {
  users: ProviderUser[];
  /** Registered OAuth clients (RC's Custom OAuth "id" and "secret"). */
  clients: Array<{ clientId: string; secret: string }>;
  /** Shared secret the stand-in uses to check SAML responses (the IdP certificate, in effect). */
  samlSecret?: string;
}

export interface FakeSsoProvider {
  readonly url: string;
  readonly origin: string;
  /** The provider answers its login page with a 500 error page (an outage, a misconfiguration). */
  failLoginPage(failing: boolean): void;
  /** After a good password, send the browser here instead of back to the server (a hostile or broken IdP). */
  redirectAfterLoginTo(url: string | undefined): void;
  close(): Promise<void>;
  /** How many codes were exchanged at /oauth/token (the server side of the flow really ran). */
  tokenExchanges(): number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  user: ProviderUser;
  used: boolean;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function signSamlPayload(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export async function startFakeSsoProvider(options: FakeSsoProviderOptions): Promise<FakeSsoProvider> {
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, ProviderUser>();
  const casTickets = new Map<string, { service: string; user: ProviderUser; used: boolean }>();
  let failing = false;
  let elsewhere: string | undefined;
  let exchanges = 0;

  const page = (res: http.ServerResponse, status: number, title: string, body: string) => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  };

  const loginForm = (action: string, hidden: Record<string, string>, error?: string) =>
    `${error ? `<p id="provider-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
${Object.entries(hidden).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n')}
<label>Username <input id="provider-username" name="username" autocomplete="username"></label>
<label>Password <input id="provider-password" name="password" type="password" autocomplete="current-password"></label>
<button id="provider-sign-in" name="action" value="allow" type="submit">Sign in</button>
<button id="provider-cancel" name="action" value="deny" type="submit">Cancel</button>
</form>`;

  const checkUser = (form: URLSearchParams) =>
    options.users.find((u) => u.username === form.get('username') && u.password === form.get('password'));

  const redirect = (res: http.ServerResponse, location: string) => {
    res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
    res.end();
  };

  const withQuery = (base: string, params: Record<string, string>) => {
    const url = new URL(base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://provider');
    // A POST carries the form; the query string still counts (as a server framework merges them).
    const form = new URLSearchParams(url.searchParams);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) form.set(k, v);
    if (req.method !== 'POST') req.resume();

    // --- OAuth 2.0 (RFC 6749 §4.1.1 authorization request, §4.1.2 response, §4.1.2.1 errors) ---
    if (url.pathname === '/oauth/authorize') {
      const clientId = form.get('client_id') ?? '';
      const redirectUri = form.get('redirect_uri') ?? '';
      const state = form.get('state') ?? '';
      if (failing) return page(res, 500, 'Something went wrong', '<p id="provider-outage">The sign-in service is unavailable.</p>');
      if (!options.clients.some((c) => c.clientId === clientId) || !/^https?:\/\//.test(redirectUri)) {
        // §4.1.2.1: an unknown client or bad redirect URI is shown to the person, never redirected.
        return page(res, 400, 'Unknown application', '<p id="provider-bad-client">This application is not registered.</p>');
      }
      const hidden = { client_id: clientId, redirect_uri: redirectUri, state, response_type: 'code', scope: form.get('scope') ?? '' };
      if (req.method === 'GET') return page(res, 200, 'Sign in to Fake IdP', loginForm('/oauth/authorize', hidden));
      if (form.get('action') === 'deny') return redirect(res, withQuery(redirectUri, { error: 'access_denied', state }));
      const user = checkUser(form);
      if (!user) return page(res, 200, 'Sign in to Fake IdP', loginForm('/oauth/authorize', hidden, 'Invalid username or password.'));
      if (elsewhere) return redirect(res, elsewhere);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { clientId, redirectUri, user, used: false });
      return redirect(res, withQuery(redirectUri, { code, state }));
    }
    // §4.1.3 access token request, §5.1 response, §5.2 errors.
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      exchanges += 1;
      const issued = codes.get(form.get('code') ?? '');
      const client = options.clients.find((c) => c.clientId === form.get('client_id') && c.secret === form.get('client_secret'));
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      if (!client) return res.writeHead(401).end(JSON.stringify({ error: 'invalid_client' }));
      if (!issued || issued.used || issued.clientId !== client.clientId || issued.redirectUri !== form.get('redirect_uri')) {
        return res.writeHead(400).end(JSON.stringify({ error: 'invalid_grant' }));
      }
      issued.used = true;
      const accessToken = randomBytes(16).toString('hex');
      accessTokens.set(accessToken, issued.user);
      return res.writeHead(200).end(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 300 }));
    }
    if (url.pathname === '/oauth/userinfo') {
      const user = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      res.setHeader('Content-Type', 'application/json');
      if (!user) return res.writeHead(401).end(JSON.stringify({ error: 'invalid_token' }));
      return res.writeHead(200).end(JSON.stringify({ sub: `sub-${user.username}`, preferred_username: user.username, email: user.email, name: user.name }));
    }

    // --- SAML IdP: SSO service (HTTP-Redirect binding in), answer by an auto-submitted POST form ---
    if (url.pathname === '/saml/sso') {
      if (failing) return page(res, 500, 'Something went wrong', '<p id="provider-outage">The identity provider is unavailable.</p>');
      const request = JSON.parse(Buffer.from(form.get('SAMLRequest') ?? '', 'base64').toString('utf8') || '{}') as { id?: string; acs?: string };
      const hidden = { SAMLRequest: form.get('SAMLRequest') ?? '', RelayState: form.get('RelayState') ?? '' };
      if (!request.id || !request.acs) return page(res, 400, 'Bad SAML request', '<p>The request could not be read.</p>');
      if (req.method === 'GET') return page(res, 200, 'Sign in to Fake IdP', loginForm('/saml/sso', hidden));
      if (form.get('action') === 'deny') return page(res, 200, 'Sign-in cancelled', '<p id="provider-cancelled">You cancelled the sign-in.</p>');
      const user = checkUser(form);
      if (!user) return page(res, 200, 'Sign in to Fake IdP', loginForm('/saml/sso', hidden, 'Invalid username or password.'));
      if (elsewhere) return redirect(res, elsewhere);
      const payload = Buffer.from(JSON.stringify({ inResponseTo: request.id, nameID: user.username, email: user.email, name: user.name })).toString('base64');
      const signature = signSamlPayload(payload, options.samlSecret ?? '');
      return page(
        res,
        200,
        'Signing you in…',
        `<form id="saml-post" method="post" action="${escapeHtml(request.acs)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(`${payload}.${signature}`)}"><input type="hidden" name="RelayState" value="${escapeHtml(form.get('RelayState') ?? '')}"><noscript><button type="submit">Continue</button></noscript></form><script>document.getElementById('saml-post').submit()</script>`,
      );
    }

    // --- CAS 1.0 ---
    if (url.pathname === '/cas/login') {
      const service = url.searchParams.get('service') ?? '';
      if (failing) return page(res, 500, 'Something went wrong', '<p id="provider-outage">CAS is unavailable.</p>');
      if (req.method === 'GET') return page(res, 200, 'Central Authentication Service', loginForm(`/cas/login?service=${encodeURIComponent(service)}`, {}));
      if (form.get('action') === 'deny') return page(res, 200, 'Sign-in cancelled', '<p id="provider-cancelled">You cancelled the sign-in.</p>');
      const user = checkUser(form);
      if (!user) return page(res, 200, 'Central Authentication Service', loginForm(`/cas/login?service=${encodeURIComponent(service)}`, {}, 'Invalid username or password.'));
      if (elsewhere) return redirect(res, elsewhere);
      const ticket = `ST-${randomBytes(12).toString('hex')}`;
      casTickets.set(ticket, { service, user, used: false });
      return redirect(res, withQuery(service, { ticket }));
    }
    if (url.pathname === '/cas/validate') {
      const ticket = casTickets.get(form.get('ticket') ?? '');
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      if (!ticket || ticket.used || ticket.service !== form.get('service')) return res.end('no\n');
      ticket.used = true;
      return res.end(`yes\n${ticket.user.username}\n`);
    }
    page(res, 404, 'Not found', '');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    origin: new URL(listening.url).origin,
    failLoginPage: (value) => {
      failing = value;
    },
    redirectAfterLoginTo: (value) => {
      elsewhere = value;
    },
    tokenExchanges: () => exchanges,
    close: () => listening.close(),
  };
}
