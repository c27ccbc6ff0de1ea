// A browser without a browser, for engine tests: follows redirects, fills the provider's login form
// and submits the SAML POST form, over real HTTP. The sign-in window's own handling of these pages
// is proven in real Chromium (test/sso/sso-window-chromium.test.ts).
import { ssoPageOutcome } from '../../main/desktop/sso-navigation';
import type { SsoCredential, SsoFlow } from '../../main/engine/sso/sso-flow';

export function formFields(html: string): { action?: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1]?.replace(/&#38;/g, '&');
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1]!] = match[2]!.replace(/&#38;/g, '&').replace(/&#34;/g, '"');
  return { action, fields };
}

export function credentialInEndPage(url: string, html: string): string {
  // What the end page's script does with isCordova: put the credential into the address.
  const config = /<div id="config" style="display:none;">(.*?)<\/div>/.exec(html)?.[1];
  if (!config) return url;
  const parsed = JSON.parse(config) as { setCredentialToken: boolean; credentialToken?: string; credentialSecret?: string; isCordova?: boolean };
  if (!parsed.setCredentialToken || !parsed.isCordova) return url;
  return `${url}#${JSON.stringify({ credentialToken: parsed.credentialToken, credentialSecret: parsed.credentialSecret })}`;
}

export async function signInWithoutBrowser(flow: SsoFlow, user: { username: string; password: string }): Promise<SsoCredential> {
  let url = flow.startUrl;
  let request: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, { ...request, redirect: 'manual' });
    request = {};
    const location = response.headers.get('location');
    const navigated = ssoPageOutcome(flow, { url, phase: 'navigated', httpStatus: response.status });
    if (navigated.kind === 'credential') return navigated.credential;
    if (navigated.kind === 'failed') throw new Error(navigated.error.message);
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await response.text();
    const after = ssoPageOutcome(flow, { url: credentialInEndPage(url, html), phase: 'in-page' });
    if (after.kind === 'credential') return after.credential;
    const loaded = ssoPageOutcome(flow, { url, phase: 'loaded' });
    if (loaded.kind === 'credential') return loaded.credential;
    if (loaded.kind === 'failed') throw new Error(loaded.error.message);
    const form = formFields(html);
    if (!form.action) throw new Error(`stuck on ${url}`);
    const body = new URLSearchParams(form.fields);
    if (html.includes('provider-username')) {
      body.set('username', user.username);
      body.set('password', user.password);
      body.set('action', 'allow');
    }
    url = new URL(form.action, url).toString();
    request = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body };
  }
  throw new Error('too many hops');
}

/** The provider's login form as the person submits it: its hidden fields plus their name and password. */
export function loginFormSubmission(html: string, pageUrl: string, user: { username: string; password: string }, action: 'allow' | 'deny' = 'allow'): { url: string; init: RequestInit } {
  const form = formFields(html);
  if (!form.action) throw new Error('no form on the page');
  const body = new URLSearchParams(form.fields);
  body.set('username', user.username);
  body.set('password', user.password);
  body.set('action', action);
  return { url: new URL(form.action, pageUrl).toString(), init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body } };
}
