// REST through Electron's net (the fake's Chromium rules): redirects and failures keep their meaning.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { test } from 'node:test';
import { IPC_INVOKE, type LoginWindowState } from '../../main/common/ipc-contract';
import { classifyNetworkFailure } from '../../main/engine/http/classify-network-failure';
import { listenOnLoopback } from '../support/loopback';
import { appWorld, eachPlatform } from './app-fixture';

async function signInFromWindow(t: Parameters<typeof appWorld>[0], platform: NodeJS.Platform, server: string) {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  await app.started();
  const window = app.electron.windows[0]!;
  return (await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server, user: 'alice', password: 'alice-password' })) as LoginWindowState;
}

eachPlatform('a redirecting server is reported as "redirected to …" under net too, and never followed', async (t, platform) => {
  let followed = 0;
  const target = http.createServer((_request, response) => {
    followed += 1;
    response.end('{}');
  });
  const targetUrl = (await listenOnLoopback(target)).url;
  const redirecting = await listenOnLoopback(http.createServer((_request, response) => response.writeHead(301, { location: `${targetUrl}/elsewhere` }).end()));
  t.after(() => redirecting.close());
  t.after(() => new Promise((resolve) => target.close(resolve)));
  const state = await signInFromWindow(t, platform, redirecting.url);
  assert.equal(state.session?.kind, 'signed-out');
  assert.equal(state.session?.error?.code, 'redirected');
  assert.match(state.session?.error?.message ?? '', new RegExp(`redirected to ${targetUrl}/elsewhere`));
  assert.equal(followed, 0, 'the password went nowhere else');
});

eachPlatform('a refused connection under net keeps its detail', async (t, platform) => {
  const closed = await listenOnLoopback(http.createServer());
  await closed.close();
  const state = await signInFromWindow(t, platform, closed.url);
  assert.ok(state.session?.kind === 'signed-out' || state.session?.kind === 'offline');
  assert.equal(state.session.error?.code, 'unreachable');
  assert.match(state.session.error?.message ?? '', /connection refused/);
});

test("Chromium's net::ERR_ strings mean what Node's codes mean", () => {
  const server = 'https://chat.example.com';
  const outcome = (message: string) => classifyNetworkFailure(new Error(message), server).toPlain();
  assert.equal(outcome('net::ERR_TIMED_OUT').code, 'timeout');
  assert.equal(outcome('net::ERR_CONNECTION_TIMED_OUT').code, 'timeout');
  assert.match(outcome('net::ERR_NAME_NOT_RESOLVED').message, /no such host/);
  assert.match(outcome('net::ERR_ADDRESS_UNREACHABLE').message, /host unreachable/);
  assert.match(outcome('net::ERR_PROXY_CONNECTION_FAILED').message, /proxy/);
  assert.equal(outcome('net::ERR_CERT_AUTHORITY_INVALID').code, 'tls-failure');
  assert.equal(outcome('net::ERR_CONNECTION_REFUSED').code, 'unreachable');
});
