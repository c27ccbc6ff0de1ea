import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ssoNavigationAllowed, ssoPageOutcome } from '../../main/desktop/sso-navigation';
import { beginSsoFlow, oauthState } from '../../main/engine/sso/sso-flow';
import type { SsoService } from '../../main/engine/sso/login-services';

const SERVER = 'https://chat.example.com';
const oauth: SsoService = { id: 'k', kind: 'oauth', label: 'Keycloak', service: 'keycloak', authorizeUrl: 'https://sso.example.com/realms/x/protocol/openid-connect/auth', clientId: 'rc', scope: 'openid', redirectSuffix: '' };
const saml: SsoService = { id: 's', kind: 'saml', label: 'SAML', provider: 'corp' };
const cas: SsoService = { id: 'c', kind: 'cas', label: 'CAS', loginUrl: 'https://cas.example.com/cas/login' };
const fixed = (length: number) => 'T'.repeat(length);

test('an OAuth flow starts at the provider with the state the mobile app sends', () => {
  const flow = beginSsoFlow(SERVER, oauth, fixed);
  const url = new URL(flow.startUrl);
  assert.equal(url.origin + url.pathname, oauth.authorizeUrl);
  assert.equal(url.searchParams.get('redirect_uri'), `${SERVER}/_oauth/keycloak`);
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.deepEqual(JSON.parse(Buffer.from(url.searchParams.get('state')!, 'base64').toString()), { loginStyle: 'popup', credentialToken: 'T'.repeat(43), isCordova: true });
  assert.equal(url.searchParams.get('state'), oauthState('T'.repeat(43)));
});

test('SAML starts at the server\'s authorize route, CAS at the CAS login with the server as service', () => {
  assert.equal(beginSsoFlow(SERVER, saml, fixed).startUrl, `${SERVER}/_saml/authorize/corp/${'T'.repeat(17)}`);
  const casUrl = new URL(beginSsoFlow(SERVER, cas, fixed).startUrl);
  assert.equal(casUrl.searchParams.get('service'), `${SERVER}/_cas/${'T'.repeat(17)}`);
});

test('navigation: any https page, http only to the server (or local pages for a local server), never other schemes', () => {
  const flow = beginSsoFlow(SERVER, oauth, fixed);
  assert.equal(ssoNavigationAllowed(flow, 'https://login.microsoftonline.com/x'), true);
  assert.equal(ssoNavigationAllowed(flow, 'http://sso.example.com/login'), false);
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'rocketchat://auth?token=x', 'not a url']) assert.equal(ssoNavigationAllowed(flow, url), false, url);
  const local = beginSsoFlow('http://127.0.0.1:3000', oauth, fixed);
  assert.equal(ssoNavigationAllowed(local, 'http://127.0.0.1:8080/idp'), true);
});

test('OAuth ends on the server\'s callback carrying our token and its secret', () => {
  const flow = beginSsoFlow(SERVER, oauth, fixed);
  const base = `${SERVER}/_oauth/keycloak`;
  assert.deepEqual(ssoPageOutcome(flow, { url: base, phase: 'navigated', httpStatus: 200 }), { kind: 'continue' });
  const hash = encodeURIComponent(JSON.stringify({ credentialToken: 'T'.repeat(43), credentialSecret: 'S3cret' }));
  assert.deepEqual(ssoPageOutcome(flow, { url: `${base}#${hash}`, phase: 'in-page' }), { kind: 'credential', credential: { kind: 'oauth', credentialToken: 'T'.repeat(43), credentialSecret: 'S3cret' } });
  const other = encodeURIComponent(JSON.stringify({ credentialToken: 'someone-else', credentialSecret: 'x' }));
  assert.equal(ssoPageOutcome(flow, { url: `${base}#${other}`, phase: 'in-page' }).kind, 'failed');
});

test('OAuth failures: cancelled at the provider, an error page, the server sending it elsewhere', () => {
  const flow = beginSsoFlow(SERVER, oauth, fixed);
  const outcome = (page: Parameters<typeof ssoPageOutcome>[1]) => {
    const result = ssoPageOutcome(flow, page);
    return result.kind === 'failed' ? result.error.code : result.kind;
  };
  assert.equal(outcome({ url: `${SERVER}/_oauth/keycloak?error=access_denied&state=x`, phase: 'loaded' }), 'cancelled');
  assert.equal(outcome({ url: `${SERVER}/_oauth/keycloak?code=x`, phase: 'loaded' }), 'sso-provider-error');
  assert.equal(outcome({ url: 'https://sso.example.com/realms/x/error', phase: 'navigated', httpStatus: 500 }), 'sso-provider-error');
  assert.equal(outcome({ url: `${SERVER}/home`, phase: 'navigated', httpStatus: 200 }), 'sso-unexpected-redirect');
  assert.equal(outcome({ url: 'http://evil.example/', phase: 'navigated' }), 'sso-unexpected-redirect');
  assert.equal(outcome({ url: 'https://sso.example.com/realms/x/login', phase: 'loaded', httpStatus: 200 }), 'continue');
});

test('SAML ends at saml_idp_credentialToken (root without it: the server could not verify the IdP); CAS at its own path with a ticket', () => {
  const samlFlow = beginSsoFlow(SERVER, saml, fixed);
  assert.deepEqual(ssoPageOutcome(samlFlow, { url: `${SERVER}/home?saml_idp_credentialToken=abc`, phase: 'navigated' }), { kind: 'credential', credential: { kind: 'saml', credentialToken: 'abc' } });
  assert.equal(ssoPageOutcome(samlFlow, { url: `${SERVER}/_saml/validate/corp`, phase: 'navigated' }).kind, 'continue');
  const root = ssoPageOutcome(samlFlow, { url: `${SERVER}/`, phase: 'navigated' });
  assert.ok(root.kind === 'failed' && root.error.code === 'sso-provider-error');
  const casFlow = beginSsoFlow(SERVER, cas, fixed);
  assert.deepEqual(ssoPageOutcome(casFlow, { url: `${SERVER}/_cas/${'T'.repeat(17)}?ticket=ST-1`, phase: 'navigated', httpStatus: 200 }), { kind: 'credential', credential: { kind: 'cas', credentialToken: 'T'.repeat(17) } });
  assert.equal(ssoPageOutcome(casFlow, { url: `${SERVER}/_cas/other?ticket=ST-1`, phase: 'navigated' }).kind, 'failed');
});

test('a server under a sub-path is recognised only under that path', () => {
  const flow = beginSsoFlow('https://example.com/chat', oauth, fixed);
  const hash = encodeURIComponent(JSON.stringify({ credentialToken: 'T'.repeat(43), credentialSecret: 's' }));
  assert.equal(ssoPageOutcome(flow, { url: `https://example.com/chat/_oauth/keycloak#${hash}`, phase: 'in-page' }).kind, 'credential');
  assert.equal(ssoPageOutcome(flow, { url: 'https://example.com/other', phase: 'navigated' }).kind, 'continue');
});
