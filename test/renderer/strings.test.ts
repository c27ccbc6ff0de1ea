import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SignInErrorCode } from '../../main/common/sign-in-error';
import { signInError } from '../../main/common/sign-in-messages';
import { tlsFailureWords } from '../../main/engine/http/tls-failure-words';
import { codeResent, errorMessage, retryCountdown, signedInAs, twoFactorInstruction, waitDuration } from '../../renderer/strings';

// Every code the engine can produce; the compiler keeps this list complete (see the check below).
const ALL_CODES = {
  'invalid-address': true,
  'insecure-address': true,
  'not-rocketchat': true,
  unreachable: true,
  'tls-failure': true,
  timeout: true,
  'server-error': true,
  'bad-response': true,
  redirected: true,
  'invalid-credentials': true,
  'session-expired': true,
  'totp-invalid': true,
  'code-malformed': true,
  'totp-max-attempts': true,
  'login-blocked-user': true,
  'login-blocked-ip': true,
  'user-deactivated': true,
  'app-user-not-allowed': true,
  'email-not-verified': true,
  'user-has-no-roles': true,
  'license-user-limit': true,
  'login-refused': true,
  'rate-limited': true,
  'keychain-unavailable': true,
  'keychain-locked': true,
  'status-not-allowed': true,
  'status-message-not-allowed': true,
  'status-expiry-unsupported': true,
  'request-refused': true,
  'not-signed-in': true,
  cancelled: true,
  'token-refused': true,
  'token-not-allowed': true,
  'sso-refused': true,
  'sso-provider-error': true,
  'sso-unexpected-redirect': true,
  'sso-unavailable': true,
  unexpected: true,
} satisfies Record<SignInErrorCode, true>;
const codes = Object.keys(ALL_CODES) as SignInErrorCode[];

describe('errorMessage', () => {
  test('every error code has its own sentence in the window', () => {
    const sentences = codes.map((code) => errorMessage(signInError(code)));
    for (const [index, sentence] of sentences.entries()) {
      assert.match(sentence, /^\S.*[.]$/, `${codes[index]}: a full sentence`);
    }
    assert.equal(new Set(sentences).size, codes.length, 'no two codes share words');
  });

  test('server problems name the server when it is known', () => {
    for (const code of ['not-rocketchat', 'unreachable', 'tls-failure', 'timeout', 'server-error', 'bad-response'] as const) {
      assert.match(errorMessage(signInError(code), { server: 'chat.example.com' }), /chat\.example\.com/, code);
      assert.doesNotMatch(errorMessage(signInError(code)), /undefined/, code);
    }
  });

  test('never repeats what the server said (it is not translated)', () => {
    const fromServer = signInError('login-refused', { serverMessage: 'LDAP says no' });
    assert.doesNotMatch(errorMessage(fromServer), /LDAP/);
  });

  test("keeps the engine's reason: which page answered, which certificate problem, why no connection", () => {
    const server = { server: 'chat.example.com' };
    assert.equal(
      errorMessage(signInError('not-rocketchat', { detail: 'it answered with a web page' }), server),
      'chat.example.com answered, but it is not a Rocket.Chat server (it answered with a web page). Check the address.',
    );
    assert.match(errorMessage(signInError('not-rocketchat', { detail: '/api/info answered HTTP 404' }), server), /\(\/api\/info answered HTTP 404\)/);
    assert.match(errorMessage(signInError('unreachable', { detail: 'connection refused' }), server), /\(connection refused\)/);
    assert.match(errorMessage(signInError('cancelled', { detail: 'The sign-in waited too long for the code. Enter your password again.' })), /waited too long/);
  });

  test('words each TLS failure as the engine does (tls-failure-words.ts), never one sentence for all', () => {
    const words = ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].map((code) =>
      errorMessage(signInError('tls-failure', { detail: tlsFailureWords(code, 'https://chat.example.com') }), { server: 'chat.example.com' }),
    );
    assert.match(words[0]!, /self-signed/);
    assert.match(words[1]!, /expired/);
    assert.match(words[2]!, /another host name/);
    assert.match(words[3]!, /authority/);
    assert.equal(new Set(words).size, 4);
    for (const sentence of words) assert.match(sentence, /^The secure connection to chat\.example\.com failed: .+\.$/);
  });
});

describe('countdown wording', () => {
  test('seconds below a minute, m:ss from a minute up', () => {
    assert.equal(waitDuration(1), '1 second');
    assert.equal(waitDuration(2), '2 seconds');
    assert.equal(waitDuration(59), '59 seconds');
    assert.equal(waitDuration(60), '1:00');
    assert.equal(waitDuration(75), '1:15');
    assert.equal(waitDuration(605), '10:05');
    assert.equal(retryCountdown(3), 'You can try again in 3 seconds.');
  });
});

describe('two-factor and signed-in wording', () => {
  test('says where the code comes from, how long it is, and whether it was just sent', () => {
    const account = { account: 'carol', server: 'chat.example.com' };
    const app = twoFactorInstruction({ method: 'totp', codeSent: false }, account);
    const mailed = twoFactorInstruction({ method: 'email', codeSent: true }, account);
    const earlier = twoFactorInstruction({ method: 'email', codeSent: false }, account);
    assert.match(app, /authenticator app/);
    assert.match(mailed, /^We e-mailed a 6-digit code to the e-mail address of carol\.$/);
    assert.match(earlier, /earlier/);
    for (const sentence of [app, mailed, earlier]) assert.match(sentence, /6-digit/);
    assert.equal(new Set([app, mailed, earlier]).size, 3);
  });
  test('names the masked address a code went to, when known', () => {
    const context = { account: 'carol@example.com', server: 'chat.example.com', sentTo: 'c•••@example.com' };
    assert.equal(twoFactorInstruction({ method: 'email', codeSent: true }, context), 'We e-mailed a 6-digit code to c•••@example.com.');
    assert.equal(twoFactorInstruction({ method: 'email', codeSent: false }, context), 'Enter the 6-digit code we e-mailed to c•••@example.com earlier.');
    assert.equal(codeResent('c•••@example.com'), 'We e-mailed a new code to c•••@example.com.');
    assert.equal(twoFactorInstruction({ method: 'email', codeSent: true }, { account: '', server: 's' }), 'We e-mailed a 6-digit code to your e-mail address.');
  });
  test('names the person, without repeating a name that is just the username', () => {
    assert.equal(signedInAs('Alice Example', 'alice'), 'Signed in as Alice Example (@alice)');
    assert.equal(signedInAs('', 'alice'), 'Signed in as @alice');
    assert.equal(signedInAs('alice', 'alice'), 'Signed in as @alice');
  });
});
