import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { chromiumNetFailure } from './chromium-net-errors';
import { tlsFailureWords } from './tls-failure-words';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the connection was closed',
  EPIPE: 'the connection was closed',
  ERR_NETWORK: 'network error',
};

function readCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (candidate && typeof candidate.code === 'string' && candidate.code !== 'ERR_BAD_RESPONSE') return candidate.code;
  if (candidate?.cause && typeof candidate.cause.code === 'string') return candidate.cause.code;
  return undefined;
}

function readMessage(error: unknown): string {
  const candidate = error as { message?: unknown; cause?: { message?: unknown } } | null;
  const own = typeof candidate?.message === 'string' ? candidate.message : '';
  const cause = typeof candidate?.cause?.message === 'string' ? candidate.cause.message : '';
  return `${own} ${cause}`;
}

/**
 * Turns a transport failure (Node's HTTP or Chromium's net stack) into a typed error.
 * Only the failure's code is inspected: messages can carry URLs and headers, never shown as is.
 */
export function classifyNetworkFailure(error: unknown, server: string): SignInFailure {
  if (error instanceof SignInFailure) return error;
  const code = readCode(error);
  const message = readMessage(error);
  // Electron's net stack: the reason is only in the message (net::ERR_…), never in a code.
  const chromium = code === undefined || code === 'ERR_NETWORK' ? chromiumNetFailure(message) : undefined;
  if (chromium) {
    if (chromium.code === 'timeout') return new SignInFailure(signInError('timeout', { server }));
    if (chromium.code === 'tls-failure') return new SignInFailure(signInError('tls-failure', { server, detail: tlsFailureWords(chromium.netError, server) }));
    return new SignInFailure(signInError('unreachable', { server, detail: chromium.detail }));
  }

  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new SignInFailure(signInError('timeout', { server }));
  }
  if (/maxContentLength/.test(message)) {
    return new SignInFailure(signInError('bad-response', { server, detail: 'the answer was too large' }));
  }
  if ((code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) || /ERR_CERT_|ERR_SSL_/.test(message)) {
    return new SignInFailure(signInError('tls-failure', { server, detail: tlsFailureWords(code ?? /ERR_(CERT|SSL)_[A-Z_]+/.exec(message)?.[0], server) }));
  }
  if (code && Object.hasOwn(UNREACHABLE_REASONS, code)) {
    return new SignInFailure(signInError('unreachable', { server, detail: UNREACHABLE_REASONS[code] }));
  }
  if (/socket hang up|ERR_CONNECTION|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_NETWORK|fetch failed/i.test(message)) {
    return new SignInFailure(signInError('unreachable', { server }));
  }
  if (code === 'ERR_CANCELED') return new SignInFailure(signInError('cancelled'));
  return new SignInFailure(signInError('unreachable', { server, detail: code ? code.toLowerCase() : undefined }));
}
