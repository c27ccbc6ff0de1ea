// The hostile-server suite (issue 8 §4): every REST answer the audit tried, on login and on
// resume. Each must end in a clear message (no crash, no stack trace), keep the saved token
// unless the server refused it, never send the password to another host, and stay within
// generous time and memory bounds that catch a hang or a runaway buffer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTrap } from '../hardening/support/trap-server';
import { record } from '../fuzz/fuzz-config';
import { hostileWorld } from './hostile-engine';
import { REST_MODES } from './rest-modes';

const STACK = /\n\s+at |\bat (?:Object|async|new) |\.js:\d+:\d+/;
const HANG_LIMIT_MS = 20_000;
const MEMORY_LIMIT_BYTES = 400 * 1024 * 1024;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${HANG_LIMIT_MS} ms (a hang)`)), HANG_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const figures = { inputs: 0, crashes: 0, tokensLost: 0, passwordLeaks: 0 };

for (const [name, mode] of Object.entries(REST_MODES)) {
  test(`hostile server, login answered with: ${name}`, async (t) => {
    const trap = await startTrap();
    t.after(() => trap.close());
    const world = await hostileWorld(t, {
      rest: async (req, res) => {
        if ((req.url ?? '').startsWith('/api/v1/login')) {
          await mode(res, { trap: trap.url });
          return true;
        }
        return false;
      },
    });
    figures.inputs += 1;
    const before = process.memoryUsage().rss;
    const state = await within(world.engine.login(world.server.url, { user: 'mallory', password: 'the-password' }), name);
    assert.ok(process.memoryUsage().rss - before < MEMORY_LIMIT_BYTES, 'bounded memory');
    if (state.kind === 'signed-out') assert.ok(state.error && state.error.message.length > 0 && state.error.message.length < 2_000, `${state.error?.code}: ${state.error?.message.length} characters`);
    assert.doesNotMatch(JSON.stringify(state), STACK);
    assert.equal(trap.hits.length, 0, 'the password never went to another host');
    if (trap.hits.some((hit) => hit.body.includes('the-password'))) figures.passwordLeaks += 1;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test(`hostile server, resume answered with: ${name}`, async (t) => {
    const trap = await startTrap();
    t.after(() => trap.close());
    let hostile = false;
    const world = await hostileWorld(t, {
      rest: async (req, res) => {
        if (hostile && (req.url ?? '').startsWith('/api/v1/me')) {
          await mode(res, { trap: trap.url });
          return true;
        }
        return false;
      },
    });
    assert.equal((await world.engine.login(world.server.url, { user: 'mallory', password: 'the-password' })).kind, 'signed-in');
    const saved = await world.tokens.get(world.server.url);
    hostile = true;
    figures.inputs += 1;
    const state = await within(world.make().session(world.server.url).resume(), name);
    assert.doesNotMatch(JSON.stringify(state), STACK);
    assert.equal(trap.hits.length, 0, 'the token never went to another host');
    // Only the server refusing the token (a 401) may remove it; nothing else here does.
    const kept = await world.tokens.get(world.server.url);
    if (name.startsWith('401')) {
      assert.equal(kept, undefined, 'a 401 is the server refusing the token');
      return;
    }
    if (!kept) figures.tokensLost += 1;
    assert.deepEqual(kept, saved, `token kept (state ${state.kind}${state.kind === 'signed-out' ? `: ${state.error?.code}` : ''})`);
  });
}

test('hostile REST figures', () => {
  record('hostile REST', figures.inputs, figures.crashes, { tokensLost: figures.tokensLost, passwordLeaks: figures.passwordLeaks });
  assert.equal(figures.tokensLost, 0);
});
