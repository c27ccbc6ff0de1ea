import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { FakeScheduler } from '../support/fake-scheduler';
import { eventually, hostileWorld } from '../hostile/hostile-engine';
import { STABLE_CONNECTION_MS } from '../../main/engine/realtime/realtime-presence';
import { sleep, userStatusFrame } from '../hostile/hostile-server';

const FLOOD = 20_000;

test('F-14: a flood of status events is coalesced; the latest state is shown', async (t) => {
  const world = await hostileWorld(
    t,
    {
      socket: async (ws, ddp) => {
        await ddp.live;
        await sleep(200);
        for (let i = 0; i < FLOOD && !ddp.closed(); i += 1) {
          ddp.send(userStatusFrame(i === FLOOD - 1 ? 3 : 1 + (i % 2), i === FLOOD - 1 ? 'final' : `n${i}`));
          if (i % 500 === 0) await sleep(1);
        }
      },
    },
    { live: true },
  );
  const changes: SessionState[] = [];
  world.engine.onChange((state) => changes.push(state));
  const state = await world.engine.login(world.server.url, { user: 'mallory', password: 'pw' });
  assert.equal(state.kind, 'signed-in');
  const session = world.engine.session(world.server.url);
  await eventually(() => session.state.kind === 'signed-in' && session.state.user.statusText === 'final', 'the last status shown');
  assert.equal(session.state.kind === 'signed-in' && session.state.user.status, 'busy');
  assert.ok(changes.length < 200, `${changes.length} state changes for ${FLOOD} events`);
});

test('F-14: a server that drops the socket right after each connect does not reset the backoff', async (t) => {
  const scheduler = new FakeScheduler();
  const world = await hostileWorld(
    t,
    {
      socket: async (ws, ddp) => {
        await ddp.live;
        await sleep(150);
        ws.terminate();
      },
    },
    { live: true, scheduler },
  );
  const state = await world.engine.login(world.server.url, { user: 'mallory', password: 'pw' });
  assert.equal(state.kind, 'signed-in');
  const session = world.engine.session(world.server.url);
  const delays: number[] = [];
  // The reconnect timer is the one pending once connection n+1 has been dropped (a stable-link
  // timer would be 30 s and is cancelled by the drop).
  const reconnectPending = (connections: number) =>
    world.server.connections() === connections &&
    session.state.kind === 'signed-in' &&
    session.state.live === 'reconnecting' &&
    scheduler.pending().length > 0 &&
    Math.max(...scheduler.pending()) < STABLE_CONNECTION_MS;
  for (let drop = 0; drop < 5; drop += 1) {
    await eventually(() => reconnectPending(drop + 1), `drop ${drop}`, 30_000);
    const delay = Math.max(...scheduler.pending());
    delays.push(delay);
    scheduler.advance(delay);
  }
  for (let i = 1; i < delays.length; i += 1) assert.ok(delays[i]! > delays[i - 1]!, `delays grow: ${delays.join(', ')}`);
});
