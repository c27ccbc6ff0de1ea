import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, DdpTestClient, serverFor } from './test-helpers';

test('status/body/headers replace the answer, `times` limits it', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/info', status: 502, body: '<html>Bad gateway</html>', headers: { 'Content-Type': 'text/html' }, times: 2 });
  for (let i = 0; i < 2; i++) {
    const res = await call(server, 'GET', '/api/info');
    assert.equal(res.status, 502);
    assert.equal(res.text, '<html>Bad gateway</html>');
    assert.equal(res.headers.get('content-type'), 'text/html');
  }
  assert.equal((await call(server, 'GET', '/api/info')).status, 200);
  assert.equal(server.requests().length, 3);
});

test('method filter and path prefix', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/v1/', method: 'POST', status: 503, body: '{"success":false}' });
  assert.equal((await call(server, 'POST', '/api/v1/login', {})).status, 503);
  assert.equal((await call(server, 'GET', '/api/v1/me')).status, 401);
  server.clearFaults();
  assert.equal((await call(server, 'POST', '/api/v1/login', {})).status, 401);
});

test('delay alone slows the normal answer', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/info', delayMs: 200, times: 1 });
  const start = Date.now();
  const res = await call(server, 'GET', '/api/info');
  assert.equal(res.status, 200);
  assert.ok(Date.now() - start >= 190);
});

test('hangUp destroys the socket without an answer', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/v1/login', hangUp: true });
  await assert.rejects(fetch(`${server.url}/api/v1/login`, { method: 'POST', body: '{}' }));
});

test('hugeBodyBytes streams exactly that many JSON-looking bytes', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/info', hugeBodyBytes: 5 * 1024 * 1024 });
  const res = await fetch(`${server.url}/api/info`);
  assert.equal(res.headers.get('content-length'), null);
  const body = await res.text();
  assert.equal(body.length, 5 * 1024 * 1024);
  assert.ok(body.startsWith('{"success":true,"padding":"'));
  assert.ok(JSON.parse(body).success);
});

test('a delayed request does not keep close() waiting', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/api/info', delayMs: 60_000 });
  const pending = fetch(`${server.url}/api/info`).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 50));
  const start = Date.now();
  await server.close();
  assert.ok(Date.now() - start < 1000);
  assert.ok((await pending) instanceof Error);
});

test('faults apply to the websocket upgrade too', async (t) => {
  const server = await serverFor(t);
  server.addFault({ path: '/websocket', status: 502, body: 'bad gateway', times: 1 });
  await assert.rejects(DdpTestClient.open(server), /502/);
  server.addFault({ path: '/websocket', hangUp: true, times: 1 });
  await assert.rejects(DdpTestClient.open(server));
  const ok = await DdpTestClient.open(server);
  ok.close();
  assert.equal(server.requests().filter((r) => r.transport === 'ws').length, 3);
});
