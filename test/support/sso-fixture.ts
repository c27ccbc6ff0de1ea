import type { TestContext } from 'node:test';
import { startFakeSsoProvider, type FakeSsoProvider } from '../server/fake-sso-provider';
import { casService, customOAuthService, FAKE_CLIENT, FAKE_SAML_SECRET, samlService } from '../server/sso-services';
import type { TestServerOptions } from '../server/rocketchat-test-server';
import { engineFixture, type EngineFixture } from './engine-fixture';

export const SSO_USER = { username: 'sam', password: 'sam-idp-password', email: 'sam@example.com', name: 'Sam Single' };

export interface SsoFixture extends EngineFixture {
  provider: FakeSsoProvider;
}

/** The fake identity provider, a stand-in server offering OAuth, SAML and CAS through it, and an engine. */
export async function ssoFixture(t: TestContext, server: TestServerOptions = {}): Promise<SsoFixture> {
  const provider = await startFakeSsoProvider({ users: [SSO_USER], clients: [FAKE_CLIENT], samlSecret: FAKE_SAML_SECRET });
  t.after(() => provider.close());
  const fixture = await engineFixture(t, {
    server: { loginServices: [customOAuthService(provider), samlService(provider), casService(provider)], ...server },
  });
  return { ...fixture, provider };
}
