import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';
import { selfSignedCertificate } from '../support/self-signed';

/**
 * A corporate proxy as the CLI meets it: HTTPS through `CONNECT host:port` (RFC 9110 §9.3.6),
 * told by HTTPS_PROXY, which axios's http adapter reads through proxy-from-env. The CLI's bundle
 * loads https-proxy-agent only on the first proxied request (scripts/lean-bundle-plugins.mjs), so
 * this proves that the late load still tunnels.
 */
async function connectProxy(t: TestContext): Promise<{ url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, client: Socket, head) => {
    tunnels.push(request.url ?? '');
    sockets.add(client);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  // A tunnel is the proxy's no more once it is up (server.close waits for it): end them here.
  t.after(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    proxy.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
}

test('behind an HTTPS proxy (HTTPS_PROXY): login and status go through the tunnel, with a CA the person added', async (t) => {
  const certificate = selfSignedCertificate();
  const { server, env } = await engineFixture(t, { server: { tls: certificate } });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-ca-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(path.join(folder, 'ca.pem'), certificate.cert);
  const proxy = await connectProxy(t);
  // The certificate names localhost; the tunnel is asked for by name, as a browser would.
  const address = server.url.replace('127.0.0.1', 'localhost');
  const { NO_PROXY: _no, no_proxy: _none, ...rest } = env;
  const proxied = { ...rest, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: path.join(folder, 'ca.pem') };

  const login = await runCli(['login', '--server', address, '--user', 'alice', '--password-stdin', '--json'], { env: proxied, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.json().state, 'signed-in');
  const port = new URL(address).port;
  assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.every((target) => target === `localhost:${port}`), proxy.tunnels.join(', '));

  const before = proxy.tunnels.length;
  const status = await runCli(['status', '--server', address, '--json'], { env: proxied });
  assert.equal(status.code, 0, status.stderr);
  assert.equal(status.json().state, 'signed-in');
  assert.ok(proxy.tunnels.length > before, 'status went through the proxy too');
});

test('a proxy that refuses the tunnel is "unreachable", the saved session is kept', async (t) => {
  const certificate = selfSignedCertificate();
  const { server, env } = await engineFixture(t, { server: { tls: certificate } });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-ca-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(path.join(folder, 'ca.pem'), certificate.cert);
  const address = server.url.replace('127.0.0.1', 'localhost');
  const { NO_PROXY: _no, no_proxy: _none, ...rest } = env;
  const direct = { ...rest, NODE_EXTRA_CA_CERTS: path.join(folder, 'ca.pem') };
  const login = await runCli(['login', '--server', address, '--user', 'alice', '--password-stdin'], { env: direct, input: 'alice-password\n' });
  assert.equal(login.code, 0, login.stderr);

  const refusing = createServer((_request, response) => response.writeHead(403).end());
  refusing.on('connect', (_request, client) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
  const status = await runCli(['status', '--server', address, '--json'], { env: { ...direct, HTTPS_PROXY: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}` } });
  assert.equal(status.code, 4, status.stdout + status.stderr);
  assert.doesNotMatch(status.stderr, /at .*\.js:\d+/, 'no stack trace');
  // The network failed, not the token: the session is still there without the proxy.
  assert.equal((await runCli(['status', '--server', address, '--json'], { env: direct })).json().state, 'signed-in');
});
