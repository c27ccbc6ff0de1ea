import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import type { SignInError } from '../../main/common/sign-in-error';
import { fieldToFix, noticeTone, retryDeadline, sameSession, sanitiseCode, secondsLeft, serverLabel, sessionError, stepForSession, type FieldName, type Step } from '../../renderer/login-flow';

const server = 'https://chat.example.com';
const error = (code: SignInError['code'], retryAfterSeconds?: number): SignInError =>
  retryAfterSeconds === undefined ? { code, message: 'm' } : { code, message: 'm', retryAfterSeconds };
const user = { id: 'u1', username: 'alice', name: 'Alice', status: 'online' as const, statusText: '', avatarUrl: '' };

describe('stepForSession', () => {
  const cases: [string, SessionState | null, Step, Step][] = [
    ['no server yet: the address', null, 'server', 'server'],
    ['signed out: the password', { kind: 'signed-out', server }, 'server', 'credentials'],
    ['session expired: the password', { kind: 'signed-out', server, error: error('session-expired') }, 'server', 'credentials'],
    ['wrong password: the password', { kind: 'signed-out', server, error: error('invalid-credentials') }, 'credentials', 'credentials'],
    ['rate limited: the password', { kind: 'signed-out', server, error: error('rate-limited', 5) }, 'credentials', 'credentials'],
    ['unreachable while signing in: the password (the same try may work later)', { kind: 'signed-out', server, error: error('unreachable') }, 'credentials', 'credentials'],
    ['not Rocket.Chat: the address', { kind: 'signed-out', server, error: error('not-rocketchat') }, 'credentials', 'server'],
    ['bad address: the address', { kind: 'signed-out', server, error: error('invalid-address') }, 'credentials', 'server'],
    ['plain http elsewhere: the address', { kind: 'signed-out', server, error: error('insecure-address') }, 'credentials', 'server'],
    ['redirected: the address', { kind: 'signed-out', server, error: error('redirected') }, 'credentials', 'server'],
    ['signing in from the password: stays', { kind: 'signing-in', server }, 'credentials', 'credentials'],
    ['signing in from the code: stays', { kind: 'signing-in', server }, 'two-factor', 'two-factor'],
    ['signing in by itself (resume): the password, busy', { kind: 'signing-in', server }, 'server', 'credentials'],
    ['asked for a code', { kind: 'needs-2fa', server, username: 'bob', twoFactor: { method: 'totp', codeSent: false } }, 'credentials', 'two-factor'],
    ['signed in', { kind: 'signed-in', server, user, live: 'live' }, 'two-factor', 'signed-in'],
    ['offline with a saved session: the password', { kind: 'offline', server, error: error('unreachable') }, 'server', 'credentials'],
  ];
  for (const [name, session, current, expected] of cases) {
    test(name, () => assert.equal(stepForSession(session, current), expected));
  }
});

describe('sessionError', () => {
  test('only states that can carry one give one', () => {
    assert.equal(sessionError(null), undefined);
    assert.equal(sessionError({ kind: 'signing-in', server }), undefined);
    assert.equal(sessionError({ kind: 'signed-in', server, user, live: 'live' }), undefined);
    assert.equal(sessionError({ kind: 'signed-out', server }), undefined);
    assert.equal(sessionError({ kind: 'signed-out', server, error: error('session-expired') })?.code, 'session-expired');
    assert.equal(sessionError({ kind: 'needs-2fa', server, username: 'b', twoFactor: { method: 'email', codeSent: false }, error: error('totp-invalid') })?.code, 'totp-invalid');
  });
});

describe('retryDeadline and secondsLeft', () => {
  test('a rate limit or lockout with a wait gives a deadline that far ahead', () => {
    assert.equal(retryDeadline(error('rate-limited', 3), 1_000), 4_000);
    assert.equal(retryDeadline(error('login-blocked-user', 120), 0), 120_000);
    assert.equal(retryDeadline(error('login-blocked-ip', 1), 0), 1_000);
  });
  test('no wait, no deadline: other errors, unknown or silly waits', () => {
    assert.equal(retryDeadline(undefined, 0), undefined);
    assert.equal(retryDeadline(error('rate-limited'), 0), undefined);
    assert.equal(retryDeadline(error('rate-limited', 0), 0), undefined);
    assert.equal(retryDeadline(error('rate-limited', -4), 0), undefined);
    assert.equal(retryDeadline(error('rate-limited', Number.NaN), 0), undefined);
    assert.equal(retryDeadline(error('invalid-credentials', 30), 0), undefined);
  });
  test('seconds left round up and stop at zero', () => {
    assert.equal(secondsLeft(3_000, 0), 3);
    assert.equal(secondsLeft(3_000, 1), 3);
    assert.equal(secondsLeft(3_000, 2_000), 1);
    assert.equal(secondsLeft(3_000, 2_999), 1);
    assert.equal(secondsLeft(3_000, 3_000), 0);
    assert.equal(secondsLeft(3_000, 9_000), 0);
  });
});

describe('sanitiseCode', () => {
  test('grouped codes as apps and e-mails show them become plain digits', () => {
    assert.equal(sanitiseCode('123 456'), '123456');
    assert.equal(sanitiseCode('123-456'), '123456');
    assert.equal(sanitiseCode(' 123\u00a0456 '), '123456');
    assert.equal(sanitiseCode('123\u2013456'), '123456');
    assert.equal(sanitiseCode('12 34 56\n'), '123456');
  });
  test('backup codes keep their letters', () => {
    assert.equal(sanitiseCode('ab12 cd34'), 'ab12cd34');
  });
  test('nothing but separators is nothing', () => {
    assert.equal(sanitiseCode(' - '), '');
  });
});

describe('serverLabel', () => {
  test('drops https and trailing slashes, shows plain http, keeps port and sub-path', () => {
    assert.equal(serverLabel('https://chat.example.com'), 'chat.example.com');
    assert.equal(serverLabel('http://127.0.0.1:3000/'), 'http://127.0.0.1:3000');
    assert.equal(serverLabel('https://example.com/chat'), 'example.com/chat');
    assert.equal(serverLabel('chat.example.com'), 'chat.example.com');
  });
});

describe('sameSession', () => {
  test('equal content is the same; nothing drawn yet never is', () => {
    assert.equal(sameSession({ kind: 'signed-out', server }, { kind: 'signed-out', server }), true);
    assert.equal(sameSession(null, null), true);
    assert.equal(sameSession(undefined, null), false);
    assert.equal(sameSession({ kind: 'signed-out', server }, { kind: 'signed-out', server, error: error('invalid-credentials') }), false);
    assert.equal(
      sameSession(
        { kind: 'needs-2fa', server, username: 'c', twoFactor: { method: 'email', codeSent: false } },
        { kind: 'needs-2fa', server, username: 'c', twoFactor: { method: 'email', codeSent: true } },
      ),
      false,
    );
  });
});

describe('fieldToFix', () => {
  const cases: [SignInError['code'], Step, FieldName | undefined][] = [
    ['invalid-credentials', 'credentials', 'password'],
    ['not-rocketchat', 'server', 'server'],
    ['invalid-address', 'server', 'server'],
    ['insecure-address', 'server', 'server'],
    ['redirected', 'server', 'server'],
    ['unreachable', 'server', 'server'],
    ['tls-failure', 'server', 'server'],
    ['totp-invalid', 'two-factor', 'code'],
    ['code-malformed', 'two-factor', 'code'],
    ['totp-max-attempts', 'two-factor', 'code'],
    ['token-refused', 'token', 'token-value'],
    // Nothing typed is wrong: the wait, the server or the account is the problem.
    ['login-blocked-user', 'credentials', undefined],
    ['rate-limited', 'credentials', undefined],
    ['server-error', 'server', undefined],
    ['timeout', 'server', undefined],
    ['unreachable', 'credentials', undefined],
    ['user-deactivated', 'credentials', undefined],
    ['session-expired', 'credentials', undefined],
    ['keychain-locked', 'two-factor', undefined],
    ['unexpected', 'server', undefined],
  ];
  for (const [code, step, expected] of cases) {
    test(`${code} on the ${step} step: ${expected ?? 'no field'}`, () => assert.equal(fieldToFix(error(code), step), expected));
  }
  test('no error, no field', () => assert.equal(fieldToFix(undefined, 'credentials'), undefined));
  test('the step an address error shows is the address step, whose field it names', () => {
    for (const code of ['not-rocketchat', 'invalid-address', 'insecure-address', 'redirected'] as const) {
      const step = stepForSession({ kind: 'signed-out', server, error: error(code) }, 'credentials');
      assert.equal(fieldToFix(error(code), step), 'server', code);
    }
  });
});

describe('noticeTone', () => {
  test('a session that ended by itself and a cancelled sign-in are notices; failures are errors', () => {
    assert.equal(noticeTone(error('session-expired')), 'info');
    assert.equal(noticeTone(error('cancelled')), 'info');
    for (const code of ['invalid-credentials', 'login-blocked-user', 'rate-limited', 'not-rocketchat', 'totp-invalid'] as const) assert.equal(noticeTone(error(code)), 'error', code);
  });
});
