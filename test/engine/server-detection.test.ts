import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { SignInFailure } from '../../main/common/sign-in-error';
import { engineFixture } from '../support/engine-fixture';
import { listenOnLoopback } from '../support/loopback';
import { startTestServer } from '../server/rocketchat-test-server';

async function failureOf(promise: Promise<unknown>): Promise<SignInFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SignInFailure, String(error));
    return error;
  }
  assert.fail('expected a failure');
}

async function plainServer(t: TestContext, answer: (res: http.ServerResponse) => void): Promise<string> {
  const site = await listenOnLoopback(http.createServer((_req, res) => answer(res)));
  t.after(site.close);
  return site.url;
}

test('a Rocket.Chat server is recognised by /api/info, version trimmed or full', async (t) => {
  const { server, engine } = await engineFixture(t);
  const checked = await engine.checkServer(server.url.replace('http://', 'http://') + '/');
  assert.deepEqual(checked, { url: server.url, version: '7.10' });
});

test('a web page, another JSON API, a refused port and a slow server each get their own reason', async (t) => {
  const { engine } = await engineFixture(t, { engine: { http: { timeoutMs: 300 } } });
  const html = await plainServer(t, (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Hi</title>'));
  const otherApi = await plainServer(t, (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"name":"something else"}'));
  const notFound = await plainServer(t, (res) => res.writeHead(404).end('nope'));
  const slow = await plainServer(t, (res) => setTimeout(() => res.end('{}'), 1500).unref());

  const page = await failureOf(engine.checkServer(html));
  assert.equal(page.code, 'not-rocketchat');
  assert.match(page.message, /not a Rocket\.Chat server \(it answered with a web page\)/);
  assert.match((await failureOf(engine.checkServer(otherApi))).message, /no Rocket\.Chat version/);
  assert.match((await failureOf(engine.checkServer(notFound))).message, /HTTP 404/);

  const refusedPort = await plainServer(t, () => undefined);
  const closedUrl = refusedPort.replace(/:\d+$/, ':1');
  const refused = await failureOf(engine.checkServer(closedUrl));
  assert.equal(refused.code, 'unreachable');
  assert.match(refused.message, /connection refused/);

  assert.equal((await failureOf(engine.checkServer(slow))).code, 'timeout');
});

test('an untrusted certificate is a TLS failure, and the password is never sent', async (t) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  const server = await startTestServer({ tls: { key: readFileSync(path.join(folder, 'key.pem')), cert: readFileSync(path.join(folder, 'cert.pem')) } });
  t.after(() => server.close());
  const { engine } = await engineFixture(t);
  const tlsUrl = server.url.replace('http://', 'https://');
  const failure = await failureOf(engine.checkServer(tlsUrl));
  assert.equal(failure.code, 'tls-failure');
  assert.match(failure.message, /certificate/);

  const state = await engine.login(tlsUrl, { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'tls-failure');
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0);
});

test('login to a plain-http remote server is refused before any request', async (t) => {
  const { engine } = await engineFixture(t);
  const state = await engine.login('http://chat.example.com', { user: 'alice', password: 'alice-password' });
  assert.equal(state.kind === 'signed-out' && state.error?.code, 'insecure-address');
});
