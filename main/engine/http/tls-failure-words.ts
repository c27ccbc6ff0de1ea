import { isLoopbackHost } from '../../common/server-address';

// What a TLS failure means to a person, from Node's (OpenSSL's) codes and Chromium's net errors:
// a raw code such as DEPTH_ZERO_SELF_SIGNED_CERT tells nobody what to do.
const WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/, 'it uses a self-signed certificate, which this computer does not trust'],
  [/^(CERT_HAS_EXPIRED|ERR_CERT_DATE_INVALID)$/, 'its certificate has expired (or this computer’s clock is wrong)'],
  [/^CERT_NOT_YET_VALID$/, 'its certificate is not valid yet (or this computer’s clock is wrong)'],
  [/^(ERR_TLS_CERT_ALTNAME_INVALID|ERR_CERT_COMMON_NAME_INVALID)$/, 'its certificate belongs to another host name'],
  [/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|ERR_CERT_AUTHORITY_INVALID)$/, 'its certificate comes from an authority this computer does not trust'],
  [/^ERR_CERT_REVOKED$/, 'its certificate has been revoked'],
];

/** A server that answers TLS with plain HTTP: OpenSSL's "wrong version number", Chromium's SSL protocol error. */
const PLAIN_HTTP = /^(ERR_SSL_WRONG_VERSION_NUMBER|EPROTO|ERR_SSL_PROTOCOL_ERROR)$/;

export function tlsFailureWords(code: string | undefined, server: string): string {
  const upper = code?.toUpperCase();
  if (upper && PLAIN_HTTP.test(upper)) {
    const url = new URL(server);
    if (url.protocol === 'https:' && isLoopbackHost(url.hostname)) {
      url.protocol = 'http:';
      return `it speaks plain http: use ${url.href.replace(/\/$/, '')}`;
    }
    return 'it does not speak https at this address';
  }
  for (const [pattern, words] of WORDS) if (upper && pattern.test(upper)) return words;
  return 'this computer does not trust its certificate';
}
