import type { SignInError } from './sign-in-error';
import { signInError } from './sign-in-messages';

export type ServerAddressResult = { ok: true; url: string } | { ok: false; error: SignInError };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** C0/C1 controls, DEL and the bidi overrides and isolates that reorder what a person sees. */
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Far above any real address, far below what a keychain would cut or refuse. */
export const MAX_ADDRESS_LENGTH = 2048;

/**
 * Turns what a person types into the server's base URL (origin plus optional sub-path, no
 * trailing slash). https is assumed; plain http is allowed only for this computer, because a
 * password sent over it could be read by anyone on the way.
 */
export function normaliseServerAddress(input: string): ServerAddressResult {
  const typed = input.trim();
  if (typed === '') return { ok: false, error: signInError('invalid-address', { detail: "Enter your server's address, like chat.example.com." }) };
  if (/\s/.test(typed)) return { ok: false, error: signInError('invalid-address', { detail: 'A server address cannot contain spaces.' }) };
  // Never let a control character through: keytar cuts an account name at a NUL (audit F-01).
  if (CONTROL_OR_BIDI.test(typed)) return { ok: false, error: signInError('invalid-address', { detail: 'A server address cannot contain control characters.' }) };
  if (typed.length > MAX_ADDRESS_LENGTH) return { ok: false, error: signInError('invalid-address', { detail: 'That server address is too long.' }) };

  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed);
  let parsed: URL;
  try {
    parsed = new URL(hasScheme ? typed : `https://${typed}`);
  } catch {
    return { ok: false, error: signInError('invalid-address') };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, error: signInError('invalid-address', { detail: `rc-tray connects over https, not ${parsed.protocol.replace(':', '')}.` }) };
  }
  if (parsed.username || parsed.password) {
    return { ok: false, error: signInError('invalid-address', { detail: 'Leave the username and password out of the address.' }) };
  }
  if (!parsed.hostname) return { ok: false, error: signInError('invalid-address') };
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return { ok: false, error: signInError('insecure-address', { detail: parsed.host }) };
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}

/**
 * True when `url` is exactly what rc-tray makes of a typed address: the test every address read
 * from a file (settings, keychain accounts) must pass before it is resumed or names a keychain item.
 */
export function isCanonicalServerAddress(url: string): boolean {
  const address = normaliseServerAddress(url);
  return address.ok && address.url === url;
}

/** `/api/...` below the server's base URL, keeping a sub-path such as `/chat`. */
export function serverEndpoint(serverUrl: string, path: string): string {
  return `${serverUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The realtime endpoint: wss (or ws where http is allowed) at `<base>/websocket`. */
export function realtimeEndpoint(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws')}/websocket`;
}

/**
 * A short name for menus and messages: host plus sub-path. The scheme is left out only when it is
 * https; a plain-http server is always shown as such, so nobody mistakes it for a secure one.
 */
export function serverLabel(serverUrl: string): string {
  return serverUrl.replace(/^https:\/\//, '');
}
