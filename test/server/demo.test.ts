import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLoopback, parseDemoArgs } from './demo';
import { DEMO_TOTP_SECRET } from './rocketchat-test-server';
import { call, serverFor } from './test-helpers';
import { totp } from './totp';

test('demo arguments: defaults, overrides, loopback only', () => {
  assert.deepEqual(parseDemoArgs([]), { port: 3900, host: '127.0.0.1', rateLimit: true });
  assert.deepEqual(parseDemoArgs(['--port', '4000', '--host=::1', '--no-rate-limit']), { port: 4000, host: '::1', rateLimit: false });
  assert.throws(() => parseDemoArgs(['--host', '0.0.0.0']), /non-loopback/);
  assert.throws(() => parseDemoArgs(['--host', '192.168.1.5']), /non-loopback/);
  assert.throws(() => parseDemoArgs(['--port', 'x']), /invalid --port/);
  assert.ok(isLoopback('localhost') && isLoopback('127.0.0.2') && !isLoopback('10.0.0.1'));
});

test('demo hooks reveal the current TOTP and the last mailed code', async (t) => {
  const mailed: string[] = [];
  const server = await serverFor(t, { demoHooks: true, onEmailCode: (u, c) => mailed.push(`${u}:${c}`) });
  const code = await call(server, 'GET', '/_demo/totp/bob');
  assert.ok([totp(DEMO_TOTP_SECRET), totp(DEMO_TOTP_SECRET, Date.now() - 30_000)].includes(code.body.code));
  assert.equal((await call(server, 'GET', '/_demo/email-code/carol')).status, 404);
  await call(server, 'POST', '/api/v1/login', { user: 'carol', password: 'carol-password' });
  const mail = await call(server, 'GET', '/_demo/email-code/carol');
  assert.deepEqual(mailed, [`carol:${mail.body.code}`]);
  const login = await call(server, 'POST', '/api/v1/login', { user: 'carol', password: 'carol-password', code: mail.body.code });
  assert.equal(login.status, 200);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'erin', password: 'erin-password' })).body.error, 'error-user-is-not-activated');
});

test('demo hooks are off by default', async (t) => {
  const server = await serverFor(t);
  assert.equal((await call(server, 'GET', '/_demo/totp/bob')).status, 404);
});

test('tls option serves https', { skip: hasOpenssl() ? false : 'openssl not installed' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const server = await serverFor(t, { tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const https = await import('node:https');
  const body = await new Promise<string>((resolve, reject) => {
    https.get(`${server.url}/api/info`, { rejectUnauthorized: false }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(data));
    }).on('error', reject);
  });
  assert.equal(JSON.parse(body).version, '7.10');
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
