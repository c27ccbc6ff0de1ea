import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignInFailure } from '../../main/common/sign-in-error';
import { classifyNetworkFailure } from '../../main/engine/http/classify-network-failure';
import { tlsFailureWords } from '../../main/engine/http/tls-failure-words';
import { engineFixture } from '../support/engine-fixture';

const failureOf = async (promise: Promise<unknown>): Promise<SignInFailure> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

test('a loopback server typed without a scheme that speaks plain http is recognised, not called a certificate problem', async (t) => {
  const { server, engine } = await engineFixture(t);
  const typed = server.url.replace('http://', ''); // "127.0.0.1:PORT": normalised to https
  const failure = await failureOf(engine.checkServer(typed));
  assert.equal(failure.code, 'tls-failure');
  assert.match(failure.message, new RegExp(`it speaks plain http: use ${server.url.replace(/[.]/g, '\\.')}\\.$`));
  assert.doesNotMatch(failure.message, /certificate|EPROTO|WRONG_VERSION/i);
});

test('TLS failures are said in words, never as a raw OpenSSL or Chromium code', () => {
  const server = 'https://chat.example.com';
  const cases: Array<[unknown, RegExp]> = [
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, /self-signed certificate/],
    [{ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, /self-signed certificate/],
    [{ code: 'CERT_HAS_EXPIRED' }, /certificate has expired/],
    [{ code: 'CERT_NOT_YET_VALID' }, /not valid yet/],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, /belongs to another host name/],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, /authority this computer does not trust/],
    [{ code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, /authority this computer does not trust/],
    [{ code: 'EPROTO' }, /does not speak https at this address/],
    [new Error('net::ERR_CERT_AUTHORITY_INVALID'), /authority this computer does not trust/],
    [new Error('net::ERR_CERT_COMMON_NAME_INVALID'), /another host name/],
    [new Error('net::ERR_CERT_DATE_INVALID'), /expired/],
    [{ code: 'ERR_SSL_SOMETHING_NEW' }, /does not trust its certificate/],
  ];
  for (const [error, words] of cases) {
    const failure = classifyNetworkFailure(error, server);
    assert.equal(failure.code, 'tls-failure', JSON.stringify(error));
    assert.match(failure.message, words, JSON.stringify(error));
    assert.doesNotMatch(failure.message, /[A-Z]{3,}_[A-Z_]{3,}|net::/, `no raw code in: ${failure.message}`);
  }
});

test('only loopback addresses get the plain-http hint (rc-tray never suggests http to a remote host)', () => {
  assert.equal(tlsFailureWords('EPROTO', 'https://127.0.0.1:3900'), 'it speaks plain http: use http://127.0.0.1:3900');
  assert.equal(tlsFailureWords('ERR_SSL_WRONG_VERSION_NUMBER', 'https://localhost:3000/chat'), 'it speaks plain http: use http://localhost:3000/chat');
  assert.equal(tlsFailureWords('EPROTO', 'https://chat.example.com'), 'it does not speak https at this address');
});
