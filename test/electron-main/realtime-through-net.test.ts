// The app's live connection goes through Electron's net.WebSocket (Chromium's stack), the CLI's through ws.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { test } from 'node:test';
import { WebSocketServer } from 'ws';
import { netWebSocketOpener } from '../../main/electron-main/net-websocket-socket';
import { listenOnLoopback } from '../support/loopback';
import { appWorld, eachPlatform, eventually } from './app-fixture';
import { fakeElectron } from './fake-electron';

eachPlatform('live status comes over net.WebSocket, not Node’s ws', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch({ realRealtime: true });
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true && world.server.realtimeConnections('alice') === 1, 'live online over the realtime connection');
  assert.equal(app.electron.netWebSockets.length, 1);
  assert.match(app.electron.netWebSockets[0]!, /^ws:\/\/127\.0\.0\.1:\d+\/websocket$/);
  world.server.setStatusFromOtherClient('alice', 'busy');
  await eventually(() => tray.item('Status', 'Busy')?.checked === true, 'a change made elsewhere arrives live');
});

test('over net.WebSocket a frame above the limit closes the connection, and a handshake that never finishes is dropped', async (t) => {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.send('x'.repeat(2048)));
  const listening = await listenOnLoopback(server);
  t.after(() => {
    wss.close();
    return listening.close();
  });
  const electron = fakeElectron({ userData: '/tmp/unused' });
  electron.fireReady();
  const open = netWebSocketOpener(electron.net);
  const events: string[] = [];
  const socket = open(listening.url.replace('http', 'ws'), { handshakeTimeoutMs: 5_000, maxFrameBytes: 1024 });
  socket.on('open', () => events.push('open'));
  socket.on('message', () => events.push('message'));
  socket.on('close', () => events.push('close'));
  await eventually(() => events.includes('close'), 'closed');
  assert.deepEqual(events, ['open', 'close'], 'the oversized frame was never handed on');

  // A listener that accepts TCP but never answers the upgrade.
  const silent = await listenOnLoopback(http.createServer());
  t.after(() => silent.close());
  const stuck: string[] = [];
  const stalled = open(silent.url.replace('http', 'ws'), { handshakeTimeoutMs: 100, maxFrameBytes: 1024 });
  stalled.on('close', () => stuck.push('close'));
  await eventually(() => stuck.length === 1, 'handshake timed out');
});
