import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startFakeSsoProvider, type FakeSsoProvider } from './fake-sso-provider';
import { casService, customOAuthService, FAKE_CLIENT, FAKE_SAML_SECRET, samlService, builtInService } from './sso-services';
import { authHeaders, call, serverFor } from './test-helpers';
import type { TestServer } from './rocketchat-test-server';

// The browser half of each flow is played here with plain fetch and manual redirects; the
// rc-tray window plays the same pages in Chromium (test/sso/sso-window-chromium.test.ts).

async function setUp(t: TestContext, extra: Parameters<typeof serverFor>[1] = {}): Promise<{ server: TestServer; provider: FakeSsoProvider }> {
  const provider = await startFakeSsoProvider({
    users: [{ username: 'sam', password: 'sam-idp-password', email: 'sam@example.com', name: 'Sam Single' }],
    clients: [FAKE_CLIENT],
    samlSecret: FAKE_SAML_SECRET,
  });
  t.after(() => provider.close());
  const server = await serverFor(t, { loginServices: [customOAuthService(provider), samlService(provider), casService(provider), builtInService('github')], ...extra });
  return { server, provider };
}

const state = (credentialToken: string) => Buffer.from(JSON.stringify({ loginStyle: 'popup', credentialToken, isCordova: true })).toString('base64');

async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
}

async function oauthDance(server: TestServer, provider: FakeSsoProvider, credentialToken: string): Promise<string> {
  const redirectUri = `${server.url}/_oauth/fake-idp`;
  const approved = await postForm(`${provider.url}/oauth/authorize`, { client_id: FAKE_CLIENT.clientId, redirect_uri: redirectUri, state: state(credentialToken), response_type: 'code', username: 'sam', password: 'sam-idp-password', action: 'allow' });
  assert.equal(approved.status, 302);
  const back = await fetch(approved.headers.get('location')!, { redirect: 'manual' });
  return back.text();
}

function configOf(page: string): { setCredentialToken: boolean; credentialToken?: string; credentialSecret?: string; isCordova: boolean } {
  return JSON.parse(/<div id="config" style="display:none;">(.*?)<\/div>/.exec(page)![1]!) as never;
}

test('settings.oauth lists every service without its secret, custom/saml/cas whole and built-ins reduced', async (t) => {
  const { server } = await setUp(t);
  const res = await call(server, 'GET', '/api/v1/settings.oauth');
  assert.equal(res.status, 200);
  assert.ok(!res.text.includes(FAKE_CLIENT.secret));
  const names = res.body.services.map((s: { service?: string; name?: string }) => s.service ?? s.name);
  assert.deepEqual(names, ['fake-idp', 'saml', 'cas', 'github']);
  assert.deepEqual(Object.keys(res.body.services[3]).sort(), ['_id', 'buttonColor', 'buttonLabelColor', 'buttonLabelText', 'clientId', 'custom', 'name']);
  assert.equal(res.body.services[0].authorizePath, '/oauth/authorize');
});

test('settings.public filters by _id from 7.0 and by query before', async (t) => {
  const { server } = await setUp(t, { showFormLogin: false });
  const modern = await call(server, 'GET', '/api/v1/settings.public?_id=Accounts_ShowFormLogin,CAS_login_url');
  assert.deepEqual(modern.body.settings.map((s: { _id: string }) => s._id), ['Accounts_ShowFormLogin', 'CAS_login_url']);
  assert.equal(modern.body.settings[0].value, false);
  server.setOption('version', '6.13.0');
  const old = await call(server, 'GET', `/api/v1/settings.public?query=${encodeURIComponent(JSON.stringify({ _id: { $in: ['Accounts_ShowFormLogin'] } }))}`);
  assert.deepEqual(old.body.settings.map((s: { _id: string }) => s._id), ['Accounts_ShowFormLogin']);
});

test('OAuth: the server exchanges the code with the provider, hands back token and secret, and they log in once… and again with a 2FA code', async (t) => {
  const { server, provider } = await setUp(t);
  const page = await oauthDance(server, provider, 'client-chosen-token-1');
  assert.equal(provider.tokenExchanges(), 1);
  const config = configOf(page);
  assert.equal(config.setCredentialToken, true);
  assert.equal(config.credentialToken, 'client-chosen-token-1');
  assert.match(page, /window\.location\.hash=JSON\.stringify/);
  const login = await call(server, 'POST', '/api/v1/login', { oauth: { credentialToken: config.credentialToken, credentialSecret: config.credentialSecret } });
  assert.equal(login.status, 200);
  assert.equal(login.body.data.me.username, 'sam');
  const me = await call(server, 'GET', '/api/v1/me', undefined, authHeaders(login.body.data));
  assert.equal(me.body.email, 'sam@example.com');
});

test('OAuth with 2FA: totp-required, then the same credential with the code succeeds (RC keeps it reusable)', async (t) => {
  const { server, provider } = await setUp(t);
  server.addUser({ username: 'sam', password: 'local-unknown', email: 'sam@example.com', twoFactor: 'totp' });
  const config = configOf(await oauthDance(server, provider, 'client-chosen-token-2'));
  const oauth = { credentialToken: config.credentialToken, credentialSecret: config.credentialSecret };
  const challenge = await call(server, 'POST', '/api/v1/login', { oauth });
  assert.equal(challenge.status, 401);
  assert.equal(challenge.body.error, 'totp-required');
  const done = await call(server, 'POST', '/api/v1/login', { totp: { login: { oauth }, code: server.totpCode('sam') } });
  assert.equal(done.status, 200);
});

test('OAuth: a wrong secret, a cancelled consent, and an unknown client all end without a session', async (t) => {
  const { server, provider } = await setUp(t);
  const config = configOf(await oauthDance(server, provider, 'client-chosen-token-3'));
  const wrong = await call(server, 'POST', '/api/v1/login', { oauth: { credentialToken: config.credentialToken, credentialSecret: 'guessed' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'Unauthorized');
  const denied = await postForm(`${provider.url}/oauth/authorize`, { client_id: FAKE_CLIENT.clientId, redirect_uri: `${server.url}/_oauth/fake-idp`, state: state('t4'), action: 'deny' });
  const deniedPage = await (await fetch(denied.headers.get('location')!)).text();
  assert.equal(configOf(deniedPage).setCredentialToken, false);
  const unknown = await fetch(`${provider.url}/oauth/authorize?client_id=nobody&redirect_uri=${encodeURIComponent(server.url)}`);
  assert.equal(unknown.status, 400);
});

test('SAML: authorize redirects to the IdP with the client token as request id; validate stores a new token and redirects home with it', async (t) => {
  const { server, provider } = await setUp(t);
  const authorize = await fetch(`${server.url}/_saml/authorize/test-sp/client-token-abc`, { redirect: 'manual' });
  assert.equal(authorize.status, 302);
  const idp = new URL(authorize.headers.get('location')!);
  assert.equal(idp.origin, provider.origin);
  const posted = await postForm(idp.toString(), { username: 'sam', password: 'sam-idp-password', action: 'allow' });
  const form = await posted.text();
  const acs = /action="([^"]+)"/.exec(form)![1]!;
  const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(form)![1]!;
  assert.equal(acs, `${server.url}/_saml/validate/test-sp`);
  const validated = await postForm(acs, { SAMLResponse: samlResponse, RelayState: server.url });
  const home = new URL(validated.headers.get('location')!);
  assert.equal(home.pathname, '/home');
  const token = home.searchParams.get('saml_idp_credentialToken')!;
  assert.ok(token && token !== 'client-token-abc');
  const login = await call(server, 'POST', '/api/v1/login', { saml: true, credentialToken: token });
  assert.equal(login.status, 200);
  const forged = await postForm(acs, { SAMLResponse: `${samlResponse.split('.')[0]}.forged` });
  assert.equal(new URL(forged.headers.get('location')!).pathname, '/');
});

test('CAS: the ticket is validated server-side for the client token, the popup page closes, and the token logs in without 2FA', async (t) => {
  const { server, provider } = await setUp(t);
  server.addUser({ username: 'sam', password: 'local-unknown', email: 'sam@example.com', twoFactor: 'totp' });
  const service = `${server.url}/_cas/cas-client-token`;
  const posted = await postForm(`${provider.url}/cas/login?service=${encodeURIComponent(service)}`, { username: 'sam', password: 'sam-idp-password', action: 'allow' });
  const back = new URL(posted.headers.get('location')!);
  assert.ok(back.searchParams.get('ticket')?.startsWith('ST-'));
  const page = await (await fetch(back)).text();
  assert.match(page, /window\.close\(\)/);
  const login = await call(server, 'POST', '/api/v1/login', { cas: { credentialToken: 'cas-client-token' } });
  assert.equal(login.status, 200);
  const unknown = await call(server, 'POST', '/api/v1/login', { cas: { credentialToken: 'never-validated' } });
  assert.equal(unknown.status, 401);
});
