import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY, LOGIN_PAGE_URL, appResponseHeaders, resolveAppRequest } from '../../main/desktop/app-protocol';

const ROOT = path.resolve('/opt/rc-tray/dist/renderer');

test('the login page and its assets resolve to files inside the renderer folder', () => {
  assert.deepEqual(resolveAppRequest(LOGIN_PAGE_URL, ROOT), { ok: true, file: path.join(ROOT, 'login.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolveAppRequest('app://rc-tray/login.js?v=1#x', ROOT), { ok: true, file: path.join(ROOT, 'login.js'), contentType: 'text/javascript; charset=utf-8' });
  assert.deepEqual(resolveAppRequest('app://rc-tray/icons/logo.svg', ROOT), { ok: true, file: path.join(ROOT, 'icons', 'logo.svg'), contentType: 'image/svg+xml' });
});

test('dot segments the URL parser removes stay clamped inside the folder', () => {
  assert.deepEqual(resolveAppRequest('app://rc-tray/../main.js', ROOT), { ok: true, file: path.join(ROOT, 'main.js'), contentType: 'text/javascript; charset=utf-8' });
  assert.deepEqual(resolveAppRequest('app://rc-tray/a/%2E%2E/%2E%2E/login.css', ROOT), { ok: true, file: path.join(ROOT, 'login.css'), contentType: 'text/css; charset=utf-8' });
});

test('traversal hidden in encoded separators or NUL bytes is refused', () => {
  for (const url of ['app://rc-tray/..%2f..%2fetc/passwd.html', 'app://rc-tray/..%5c..%5cmain.js', 'app://rc-tray/x/%2e%2e%2f%2e%2e%2f..%2fmain.js', 'app://rc-tray/%00login.html']) {
    assert.deepEqual(resolveAppRequest(url, ROOT), { ok: false, status: 403 }, url);
  }
});

test('other hosts, schemes, folders and unknown file types are not served', () => {
  assert.deepEqual(resolveAppRequest('app://evil/login.html', ROOT), { ok: false, status: 404 });
  assert.deepEqual(resolveAppRequest('file:///opt/rc-tray/dist/renderer/login.html', ROOT), { ok: false, status: 404 });
  assert.equal(resolveAppRequest('app://rc-tray/', ROOT).ok, false);
  assert.deepEqual(resolveAppRequest('app://rc-tray/login.js.map', ROOT), { ok: false, status: 404 });
  assert.deepEqual(resolveAppRequest('app://rc-tray/%E0%A4%A', ROOT), { ok: false, status: 404 });
});

test('every response carries the strict CSP', () => {
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  const headers = appResponseHeaders('text/html; charset=utf-8');
  assert.equal(headers['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
});
