import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOGIN_PAGE_URL } from '../../main/desktop/app-protocol';
import { checkPayload, isTrustedSender, type SenderFacts } from '../../main/desktop/ipc-guard';

test('well-formed payloads pass and come back typed', () => {
  assert.deepEqual(checkPayload('login', { server: 'chat.example.com', user: 'alice', password: 'pw' }), {
    ok: true,
    request: { server: 'chat.example.com', user: 'alice', password: 'pw' },
  });
  assert.deepEqual(checkPayload('submitCode', { code: '123456' }), { ok: true, request: { code: '123456' } });
  assert.deepEqual(checkPayload('getState', undefined), { ok: true, request: {} });
});

test('wrong types, missing fields, extra keys and oversize text are refused', () => {
  assert.deepEqual(checkPayload('login', { server: 'x', user: 'alice' }), { ok: false });
  assert.deepEqual(checkPayload('login', { server: 'x', user: 'alice', password: 42 }), { ok: false });
  assert.deepEqual(checkPayload('login', { server: 'x', user: 'alice', password: 'pw', admin: true }), { ok: false });
  assert.deepEqual(checkPayload('login', 'server=x'), { ok: false });
  assert.deepEqual(checkPayload('submitCode', { code: '' }), { ok: false });
  assert.deepEqual(checkPayload('submitCode', { code: '1'.repeat(65) }), { ok: false });
  assert.deepEqual(checkPayload('checkServer', { address: 'a'.repeat(2049) }), { ok: false });
  assert.deepEqual(checkPayload('cancel', { now: true }), { ok: false });
});

const trusted: SenderFacts = { senderId: 7, frameUrl: LOGIN_PAGE_URL, isMainFrame: true, loginWindowId: 7 };

test("the login window's top frame on the app's login page is trusted", () => {
  assert.equal(isTrustedSender(trusted), true);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: `${LOGIN_PAGE_URL}#step-2` }), true);
});

test('any other window, frame, page or origin is refused', () => {
  assert.equal(isTrustedSender({ ...trusted, senderId: 8 }), false);
  assert.equal(isTrustedSender({ ...trusted, loginWindowId: undefined }), false);
  assert.equal(isTrustedSender({ ...trusted, isMainFrame: false }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: null }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'https://evil.example/login.html' }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'file:///opt/rc-tray/dist/renderer/login.html' }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'app://rc-tray/other.html' }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'app://evil/login.html' }), false);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'not a url' }), false);
});
