import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beginSsoFlow, type SsoFlow } from '../../main/engine/sso/sso-flow';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { signInWithoutBrowser } from '../support/fetch-browser';
import { secretToolItems } from '../support/secret-tool';
import { SSO_USER, ssoFixture } from '../support/sso-fixture';
import { builtInService } from '../server/sso-services';

async function flowFor(engine: SignInEngine, server: string, kind: 'oauth' | 'saml' | 'cas'): Promise<SsoFlow> {
  const options = await engine.loginOptions(server);
  const service = options.services.find((each) => each.kind === kind);
  assert.ok(service, `the server offers ${kind}`);
  return beginSsoFlow(options.server, service);
}

test('the engine learns the services from settings.oauth and settings.public', async (t) => {
  const { server, engine } = await ssoFixture(t, { showFormLogin: false });
  server.setOption('loginServices', [builtInService('github'), builtInService('twitter')]);
  const withBuiltIns = await engine.loginOptions(server.url);
  assert.deepEqual(withBuiltIns.services.map((s) => s.label), ['Github'], 'twitter has no flow here and is left out');
  assert.equal(withBuiltIns.passwordForm, false);
});

test('services: custom OAuth, SAML and CAS, each with its button label; the password form is shown by default', async (t) => {
  const { server, engine } = await ssoFixture(t);
  const options = await engine.loginOptions(server.url);
  assert.equal(options.passwordForm, true);
  assert.deepEqual(options.services.map((s) => [s.kind, s.label]), [['oauth', 'Fake IdP'], ['saml', 'Company SAML'], ['cas', 'University CAS']]);
});

for (const kind of ['oauth', 'saml', 'cas'] as const) {
  test(`${kind}: the credential the server hands back is exchanged for a login token, kept like a password session, and resumes`, async (t) => {
    const { server, engine, keychainService, restart } = await ssoFixture(t);
    const flow = await flowFor(engine, server.url, kind);
    const credential = await signInWithoutBrowser(flow, SSO_USER);
    const state = await engine.session(flow.server).loginWithSso(credential);
    assert.ok(state.kind === 'signed-in', JSON.stringify(state));
    assert.equal(state.user.username, 'sam');
    const [item] = await secretToolItems(keychainService);
    assert.equal(JSON.parse(item!.secret).kind, undefined, 'an SSO session is rc-tray\'s own login token');
    engine.dispose();
    const [resumed] = await restart().resumeAll();
    assert.equal(resumed?.kind, 'signed-in');
  });
}

test('oauth + TOTP: the 2FA step follows, and the same credential with the code signs in', async (t) => {
  const { server, engine } = await ssoFixture(t);
  server.addUser({ username: 'sam', password: 'unknown-local', email: SSO_USER.email, twoFactor: 'totp' });
  const flow = await flowFor(engine, server.url, 'oauth');
  const session = engine.session(flow.server);
  const asked = await session.loginWithSso(await signInWithoutBrowser(flow, SSO_USER));
  assert.equal(asked.kind, 'needs-2fa');
  const wrong = await session.submitCode('000000');
  assert.ok(wrong.kind === 'needs-2fa' && wrong.error?.code === 'totp-invalid');
  const done = await session.submitCode(server.totpCode('sam'));
  assert.equal(done.kind, 'signed-in');
});

test('saml + e-mail 2FA: the code is mailed, "send a new one" goes to the address the server named', async (t) => {
  const { server, engine } = await ssoFixture(t);
  server.addUser({ username: 'sam', password: 'unknown-local', email: SSO_USER.email, twoFactor: 'email' });
  const flow = await flowFor(engine, server.url, 'saml');
  const session = engine.session(flow.server);
  const asked = await session.loginWithSso(await signInWithoutBrowser(flow, SSO_USER));
  assert.ok(asked.kind === 'needs-2fa' && asked.twoFactor.method === 'email' && asked.twoFactor.codeSent);
  const resent = await session.resendCode();
  assert.ok(resent.kind === 'needs-2fa' && !resent.error, JSON.stringify(resent));
  assert.equal(server.emailCount('sam'), 2);
  const done = await session.submitCode(server.lastEmailCode('sam')!);
  assert.equal(done.kind, 'signed-in');
});

test('cas skips 2FA, as RC does', async (t) => {
  const { server, engine } = await ssoFixture(t);
  server.addUser({ username: 'sam', password: 'unknown-local', email: SSO_USER.email, twoFactor: 'totp' });
  const flow = await flowFor(engine, server.url, 'cas');
  const state = await engine.session(flow.server).loginWithSso(await signInWithoutBrowser(flow, SSO_USER));
  assert.equal(state.kind, 'signed-in');
});

test('a credential the server refuses is an SSO refusal, never "wrong password"; a saved session survives it', async (t) => {
  const { server, engine } = await ssoFixture(t);
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const flow = await flowFor(engine, server.url, 'oauth');
  const credential = await signInWithoutBrowser(flow, SSO_USER);
  const refused = await engine.session(flow.server).loginWithSso({ ...credential, credentialSecret: 'tampered' } as typeof credential);
  assert.ok(refused.kind === 'signed-out' && refused.error?.code === 'sso-refused', JSON.stringify(refused));
  const current = engine.session(flow.server).state;
  assert.ok(current.kind === 'signed-in' && current.user.username === 'alice');
});
