// Which sign-in services a server offers, read the way the official mobile app reads them
// (RocketChat/Rocket.Chat.ReactNative app/lib/services/connect.ts `getLoginServices` +
// `determineAuthType`; app/views/LoginView shows the form only when Accounts_ShowFormLogin).
import * as z from 'zod/mini';

export type SsoService =
  | {
      id: string;
      kind: 'oauth';
      label: string;
      /** The service name: the server's callback is <server>/_oauth/<service>. */
      service: string;
      /** The provider's authorization endpoint, before rc-tray adds its parameters. */
      authorizeUrl: string;
      clientId: string;
      scope: string;
      /** Custom services use <server>/_oauth/<name>; built-in ones the "?close" form (RN serviceLogin.ts). */
      redirectSuffix: '' | '?close';
    }
  | { id: string; kind: 'saml'; label: string; provider: string }
  | { id: string; kind: 'cas'; label: string; loginUrl: string };

export interface LoginOptions {
  /** False when the server hides its password form (Accounts_ShowFormLogin): only the services are offered. */
  passwordForm: boolean;
  services: SsoService[];
}

const text = z.optional(z.string());

/** GET /api/v1/settings.oauth (apps/meteor/app/api/server/v1/settings.ts); fields vary by service kind. */
export const settingsOauthSchema = z.object({
  success: z.literal(true),
  services: z.array(
    z.looseObject({
      _id: text,
      service: text,
      name: text,
      custom: z.optional(z.boolean()),
      showButton: z.optional(z.boolean()),
      buttonLabelText: text,
      clientId: text,
      serverURL: text,
      authorizePath: text,
      scope: text,
      login_url: text,
      clientConfig: z.optional(z.looseObject({ provider: text })),
    }),
  ),
});
export type SettingsOauth = z.infer<typeof settingsOauthSchema>;

/** The public settings rc-tray reads (the mobile app reads the same ones, getSettings.ts / defaultSettings.ts). */
export const LOGIN_SETTING_IDS = ['Accounts_ShowFormLogin', 'CAS_enabled', 'CAS_login_url', 'API_Gitlab_URL'] as const;

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function joinUrl(base: string, path: string): string | undefined {
  try {
    // RN: authorizePath may already be absolute; otherwise it hangs off serverURL.
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Built-in providers whose authorization endpoint the client knows (RN serviceLogin.ts onPress*). */
function builtIn(name: string, settings: Map<string, unknown>): { authorizeUrl: string; scope: string } | undefined {
  switch (name) {
    case 'github':
      return { authorizeUrl: 'https://github.com/login/oauth/authorize', scope: 'user:email' };
    case 'gitlab': {
      const base = typeof settings.get('API_Gitlab_URL') === 'string' && settings.get('API_Gitlab_URL') ? String(settings.get('API_Gitlab_URL')) : 'https://gitlab.com';
      return { authorizeUrl: `${base.trim().replace(/\/*$/, '')}/oauth/authorize`, scope: 'read_user' };
    }
    case 'google':
      return { authorizeUrl: 'https://accounts.google.com/o/oauth2/auth', scope: 'profile email' };
    default:
      return undefined;
  }
}

/**
 * The buttons to show. Custom OAuth (Keycloak, Azure AD, Okta…) when its button is not hidden,
 * SAML, CAS (when enabled, with its login URL), and the built-in GitHub, GitLab and Google; other
 * built-ins (Facebook, Twitter…) need provider-specific flows rc-tray does not have and are left out,
 * as the mobile app leaves out what it cannot do.
 */
export function loginOptions(oauth: SettingsOauth, publicSettings: Array<{ _id: string; value?: unknown }>): LoginOptions {
  const settings = new Map(publicSettings.map((setting) => [setting._id, setting.value]));
  const services: SsoService[] = [];
  oauth.services.forEach((entry, index) => {
    const name = entry.name ?? entry.service ?? '';
    const id = entry._id ?? `${name}-${index}`;
    const label = entry.buttonLabelText?.trim() || capitalised(name);
    if (entry.custom) {
      if (entry.showButton === false || !entry.serverURL || !entry.authorizePath || !entry.clientId) return;
      const authorizeUrl = joinUrl(entry.serverURL, entry.authorizePath);
      if (!authorizeUrl) return;
      services.push({ id, kind: 'oauth', label, service: name, authorizeUrl, clientId: entry.clientId, scope: entry.scope ?? '', redirectSuffix: '' });
      return;
    }
    if (entry.service === 'saml') {
      const provider = entry.clientConfig?.provider;
      if (provider) services.push({ id, kind: 'saml', label, provider });
      return;
    }
    if (entry.service === 'cas') {
      const loginUrl = (typeof settings.get('CAS_login_url') === 'string' && String(settings.get('CAS_login_url'))) || entry.login_url;
      if (settings.get('CAS_enabled') !== false && loginUrl && joinUrl(loginUrl, '')) services.push({ id, kind: 'cas', label: entry.buttonLabelText?.trim() || 'CAS', loginUrl });
      return;
    }
    const known = builtIn(name, settings);
    if (known && entry.clientId) services.push({ id, kind: 'oauth', label, service: name, clientId: entry.clientId, redirectSuffix: '?close', ...known });
  });
  return { passwordForm: settings.get('Accounts_ShowFormLogin') !== false, services };
}
