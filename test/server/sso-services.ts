// Login-service documents as RC stores them for each kind, pointed at the fake provider.
import type { FakeSsoProvider } from './fake-sso-provider';
import type { LoginServiceConfig } from './routes-sso';

export const FAKE_CLIENT = { clientId: 'rc-tray-test-client', secret: 'rc-tray-test-secret' };
export const FAKE_SAML_SECRET = 'fake-idp-signing-key';

/**
 * A Custom OAuth service (Administration → OAuth → Add custom oauth, e.g. Keycloak), as
 * `updateOAuthServices` writes it: custom:true, serverURL, authorizePath, tokenPath, identityPath,
 * scope, clientId, secret, loginStyle, button texts (apps/meteor/server/lib/oauth/updateOAuthServices.ts).
 */
export function customOAuthService(provider: FakeSsoProvider, name = 'fake-idp', label = 'Fake IdP'): LoginServiceConfig {
  return {
    service: name,
    custom: true,
    clientId: FAKE_CLIENT.clientId,
    secret: FAKE_CLIENT.secret,
    serverURL: provider.url,
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/token',
    identityPath: '/oauth/userinfo',
    scope: 'openid',
    loginStyle: 'popup',
    buttonLabelText: label,
    buttonLabelColor: '#FFFFFF',
    buttonColor: '#1d74f5',
    showButton: true,
    mergeUsers: true,
  };
}

/** SAML_Custom_Default_*: provider id, IdP entry point, button (RN reads `clientConfig.provider`). */
export function samlService(provider: FakeSsoProvider, label = 'Company SAML'): LoginServiceConfig {
  return {
    service: 'saml',
    buttonLabelText: label,
    buttonLabelColor: '#FFFFFF',
    buttonColor: '#13679A',
    clientConfig: { provider: 'test-sp' },
    entryPoint: `${provider.url}/saml/sso`,
    idpSecret: FAKE_SAML_SECRET,
  };
}

/** updateCasServices: {service:'cas', enabled, base_url, login_url, buttonLabelText, …} (server/lib/cas/updateCasService.ts). */
export function casService(provider: FakeSsoProvider, label = 'University CAS'): LoginServiceConfig {
  return { service: 'cas', enabled: true, base_url: `${provider.url}/cas`, login_url: `${provider.url}/cas/login`, buttonLabelText: label, buttonLabelColor: '#FFFFFF', buttonColor: '#1d74f5' };
}

/** A built-in provider (GitHub, Google…): settings.oauth reduces these to name + clientId. */
export function builtInService(service: string): LoginServiceConfig {
  return { service, clientId: `${service}-client-id`, secret: `${service}-secret`, buttonLabelText: '' };
}
