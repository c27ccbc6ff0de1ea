import type { SignInErrorCode } from '../../common/sign-in-error';

/**
 * Electron's `net` fails with `Error('net::ERR_…')` and no `code` (lib/common/api/
 * net-client-request.ts, `_urlLoader.on('error')`); the names are Chromium's net/base/net_error_list.h.
 * Each maps to the same outcome and detail as the Node error code it corresponds to.
 */
const NET_ERRORS: Record<string, { code: SignInErrorCode; detail?: string }> = {
  ERR_CONNECTION_REFUSED: { code: 'unreachable', detail: 'connection refused' },
  ERR_NAME_NOT_RESOLVED: { code: 'unreachable', detail: 'no such host' },
  ERR_NAME_RESOLUTION_FAILED: { code: 'unreachable', detail: 'name lookup failed' },
  ERR_ADDRESS_UNREACHABLE: { code: 'unreachable', detail: 'host unreachable' },
  ERR_INTERNET_DISCONNECTED: { code: 'unreachable', detail: 'network unreachable' },
  ERR_CONNECTION_RESET: { code: 'unreachable', detail: 'the connection was closed' },
  ERR_CONNECTION_CLOSED: { code: 'unreachable', detail: 'the connection was closed' },
  ERR_EMPTY_RESPONSE: { code: 'unreachable', detail: 'the connection was closed' },
  ERR_PROXY_CONNECTION_FAILED: { code: 'unreachable', detail: 'the proxy refused the connection' },
  ERR_TUNNEL_CONNECTION_FAILED: { code: 'unreachable', detail: 'the proxy refused the connection' },
  ERR_TIMED_OUT: { code: 'timeout' },
  ERR_CONNECTION_TIMED_OUT: { code: 'timeout' },
};

/** The outcome of a `net::ERR_…` failure, or undefined when the error is not one. */
export function chromiumNetFailure(message: string): { code: SignInErrorCode; detail?: string; netError: string } | undefined {
  const match = /\bnet::(ERR_[A-Z_]+)/.exec(message);
  if (!match) return undefined;
  const netError = match[1]!;
  if (/^ERR_(CERT_|SSL_)/.test(netError)) return { code: 'tls-failure', detail: netError.toLowerCase(), netError };
  return { ...((Object.hasOwn(NET_ERRORS, netError) ? NET_ERRORS[netError] : undefined) ?? { code: 'unreachable', detail: netError.toLowerCase() }), netError };
}
