import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLoopback, parseDemoArgs } from './demo';
import { DEMO_TOTP_SECRET } from './rocketchat-test-server';
import { call, serverFor } from './test-helpers';
import { totp } from './totp';

test('demo arguments: defaults, overrides, loopback only', () => {
  assert.deepEqual(parseDemoArgs([]), { port: 3900, host: '127.0.0.1', rateLimit: true, rcVersion: '7.10.1' });
  assert.deepEqual(parseDemoArgs(['--port', '4000', '--host=::1', '--no-rate-limit']), { port: 4000, host: '::1', rateLimit: false, rcVersion: '7.10.1' });
  assert.throws(() => parseDemoArgs(['--host', '0.0.0.0']), /non-loopback/);
  assert.throws(() => parseDemoArgs(['--host', '192.168.1.5']), /non-loopback/);
  assert.throws(() => parseDemoArgs(['--port', 'x']), /invalid --port/);
  assert.ok(isLoopback('localhost') && isLoopback('127.0.0.2') && !isLoopback('10.0.0.1'));
});

test('demo --rc-version: any version the stand-in models, 6.0 to 9.0; others refused with the range', () => {
  for (const version of ['6.0.0', '6.6', '7.10.1', '8.6.0', '9.0.0']) assert.equal(parseDemoArgs(['--rc-version', version]).rcVersion, version);
  for (const version of ['5.4.0', '9.1.0', '10.0.0', 'latest', '']) assert.throws(() => parseDemoArgs([`--rc-version=${version}`]), /behaves as Rocket\.Chat 6\.0 to 9\.0/);
});

test('the demo server started as 8.6.0 says so and takes a status for a while', { timeout: 30_000 }, async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'demo.ts'), '--port', '0', '--rc-version', '8.6.0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(printed);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`demo server exited ${code}: ${printed}`)));
  });
  assert.match(printed, /behaving as Rocket\.Chat 8\.6\.0/);
  const info = await fetch(`${url}/api/info`).then((response) => response.json() as Promise<{ version: string }>);
  assert.equal(info.version, '8.6');
  const login = await fetch(`${url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alice', password: 'alice-password' }) });
  const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  const set = await fetch(`${url}/api/v1/users.setStatus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': data.userId, 'x-auth-token': data.authToken },
    body: JSON.stringify({ status: 'busy', message: 'In a call', expiresAt }),
  });
  assert.equal(set.status, 200);
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
