// The hostile-server suite, realtime half: a WebSocket that floods, sends malformed DDP, huge
// frames, or drops/refuses every connection. The session must survive with its token, the
// state must stay sane, reconnects stay bounded, and --watch prints the latest state, not a flood.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { record } from '../fuzz/fuzz-config';
import { CLI } from '../support/cli-runner';
import { eventually, hostileWorld } from './hostile-engine';
import { sleep, USER_ID, userStatusFrame, type HostileOptions } from './hostile-server';

const MEMORY_LIMIT_BYTES = 400 * 1024 * 1024;
const figures = { inputs: 0, tokensLost: 0 };

const MODES: Record<string, HostileOptions['socket']> = {
  'ping flood': async (ws, ddp) => {
    for (let i = 0; i < 20_000 && !ddp.closed(); i += 1) {
      ddp.send({ msg: 'ping', id: `p${i}` });
      if (i % 1000 === 0) await sleep(1);
    }
  },
  'malformed frames': async (ws, ddp) => {
    await ddp.live;
    const garbage = ['not json', '{', '[]', 'null', '42', '{"msg":5}', '{"msg":"result"}', '{"msg":"result","id":"999","result":1}', '{"msg":"ready","subs":"x"}', '{"msg":"changed","collection":"stream-user-presence","fields":{"eventName":"' + USER_ID + '","args":"x"}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"msg":"changed","collection":"stream-user-presence","fields":{"__proto__":{"polluted":1},"eventName":"' + USER_ID + '","args":[["m",99,"\\u001b[2J"]]}}'];
    for (let round = 0; round < 50 && !ddp.closed(); round += 1) {
      for (const frame of garbage) ddp.sendRaw(frame);
      ddp.sendRaw(Buffer.from([0xff, 0x00, 0xfe]));
      await sleep(2);
    }
    ddp.send(userStatusFrame(2, 'after the garbage'));
  },
  '2 MiB frame after live': async (ws, ddp) => {
    await ddp.live;
    ddp.sendRaw('x'.repeat(2 << 20));
  },
  'close right after connect': (ws) => void ws.close(),
  'nosub and error frames': async (ws, ddp) => {
    ddp.send({ msg: 'error', reason: 'Bad request' });
    ddp.send({ msg: 'nosub', id: '999', error: { error: 404, reason: 'Subscription not found' } });
  },
};

for (const [name, behaviour] of Object.entries(MODES)) {
  test(`hostile WebSocket: ${name}`, async (t) => {
    const world = await hostileWorld(t, { socket: behaviour }, { live: true });
    figures.inputs += 1;
    const before = process.memoryUsage().rss;
    assert.equal((await world.engine.login(world.server.url, { user: 'mallory', password: 'pw' })).kind, 'signed-in');
    const session = world.engine.session(world.server.url);
    await sleep(1500);
    assert.ok(process.memoryUsage().rss - before < MEMORY_LIMIT_BYTES, 'bounded memory');
    assert.equal(session.state.kind, 'signed-in', 'still signed in');
    // Backoff 1 s, 2 s, 4 s… with jitter: in 1.5 s at most a handful of connections, never one per frame.
    assert.ok(world.server.connections() <= 4, `${world.server.connections()} connections`);
    if (!(await world.tokens.get(world.server.url))) figures.tokensLost += 1;
    assert.ok(await world.tokens.get(world.server.url), 'the token is kept');
    if (name === 'malformed frames') await eventually(() => session.state.kind === 'signed-in' && session.state.user.statusText === 'after the garbage', 'the one good frame applied');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}

test('hostile WebSocket refused: signed in without live presence, token kept', async (t) => {
  const world = await hostileWorld(t, { refuseWebSocket: true }, { live: true });
  figures.inputs += 1;
  assert.equal((await world.engine.login(world.server.url, { user: 'mallory', password: 'pw' })).kind, 'signed-in');
  await sleep(1500);
  const session = world.engine.session(world.server.url);
  assert.equal(session.state.kind, 'signed-in');
  assert.ok(world.server.connections() <= 3, `${world.server.connections()} connections`);
  assert.ok(await world.tokens.get(world.server.url));
});

test('status --watch under a flood of 50 000 status events prints the latest state, not 50 000 lines', async (t) => {
  const FLOOD = 50_000;
  const world = await hostileWorld(t, {
    socket: async (ws, ddp) => {
      await ddp.live;
      await sleep(300);
      for (let i = 0; i < FLOOD && !ddp.closed(); i += 1) {
        ddp.send(userStatusFrame(i === FLOOD - 1 ? 3 : 1 + (i % 2), i === FLOOD - 1 ? 'final' : `n${i}`));
        if (i % 500 === 0) await sleep(1);
      }
    },
  });
  figures.inputs += FLOOD;
  assert.equal((await world.engine.login(world.server.url, { user: 'mallory', password: 'pw' })).kind, 'signed-in');
  const child = spawn(process.execPath, [CLI, 'status', '--watch', '--json'], { env: world.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise((resolve) => child.on('close', resolve));
  t.after(() => child.kill('SIGKILL'));
  await eventually(() => stdout.includes('"final"'), 'the last status printed', 30_000);
  await sleep(500);
  child.kill('SIGINT');
  await exited;
  const lines = stdout.trim().split('\n');
  record('hostile WebSocket --watch flood', FLOOD, 0, { linesPrinted: lines.length });
  assert.ok(lines.length < 200, `${lines.length} lines for ${FLOOD} events`);
  assert.match(lines.at(-1)!, /"final"/);
});

test('hostile WebSocket figures', () => {
  record('hostile WebSocket', figures.inputs, 0, { tokensLost: figures.tokensLost });
  assert.equal(figures.tokensLost, 0);
});
