import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signInError } from '../../main/common/sign-in-messages';
import { actionFailedNotification, sessionEndedNotification, startupAction } from '../../main/desktop/notifications';
import { SERVER, expired, needsCode, offline, signedIn, signedOut, signingIn } from './session-fixtures';

test('after resume, a signed-in or retrying app shows no window and no notification', () => {
  for (const hidden of [false, true]) {
    assert.deepEqual(startupAction(signedIn(), hidden), { kind: 'none' });
    assert.deepEqual(startupAction(offline, hidden), { kind: 'none' });
  }
});

test('without a session the login window opens, unless started hidden', () => {
  assert.deepEqual(startupAction(null, false), { kind: 'open-login' });
  assert.deepEqual(startupAction(signedOut, false), { kind: 'open-login' });
  assert.deepEqual(startupAction(expired, false), { kind: 'open-login' });
  assert.deepEqual(startupAction(null, true), { kind: 'none' });
  assert.deepEqual(startupAction(signedOut, true), { kind: 'none' });
});

test('started hidden with an expired session: a notification that opens the login window', () => {
  assert.deepEqual(startupAction(expired, true), {
    kind: 'notify',
    notification: { title: 'rc-tray: signed out', body: 'Your session has expired. Sign in again. Click to sign in again.', opensLogin: true },
  });
  const keychain = startupAction({ kind: 'signed-out', server: SERVER, error: signInError('keychain-unavailable', { detail: 'no desktop session bus' }) }, true);
  assert.equal(keychain.kind === 'notify' && keychain.notification.body.includes('no desktop session bus'), true);
});

test('a session ending by itself while running is announced; a chosen sign-out is not', () => {
  assert.deepEqual(sessionEndedNotification(signedIn(), expired, false)?.opensLogin, true);
  assert.deepEqual(sessionEndedNotification(offline, expired, false)?.opensLogin, true);
  assert.deepEqual(sessionEndedNotification(signingIn, expired, false)?.opensLogin, true);
  assert.equal(sessionEndedNotification(signedIn(), signedOut, false), null);
  assert.equal(sessionEndedNotification(signedIn(), expired, true), null, 'the open window shows it');
  assert.equal(sessionEndedNotification(needsCode, expired, false), null);
  assert.equal(sessionEndedNotification(undefined, expired, false), null);
  assert.equal(sessionEndedNotification(signedIn(), signedIn('away'), false), null);
});

test('a refused action becomes a plain notification', () => {
  assert.deepEqual(actionFailedNotification('Status', 'This server does not allow the invisible status.'), {
    title: 'Status',
    body: 'This server does not allow the invisible status.',
    opensLogin: false,
  });
});
