import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { createEngine } from '../../main/engine/create-engine';
import { listenOnLoopback } from '../support/loopback';
import { SignInFailure } from '../../main/common/sign-in-error';

test('a server that drips its body a byte at a time is given up on at the same deadline as a silent one (F-05)', async (t) => {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    // Headers at once, then one byte every 100 ms for a minute: no idle gap ever reaches the limit.
    const drip = setInterval(() => response.write(' '), 100);
    timers.add(drip);
    setTimeout(() => clearInterval(drip), 60_000).unref();
  });
  const site = await listenOnLoopback(server);
  t.after(async () => {
    timers.forEach((timer) => clearInterval(timer));
    await site.close();
  });
  const engine = createEngine({ env: { ...process.env, RC_TRAY_CONFIG_DIR: '/nonexistent-rc-tray' }, http: { timeoutMs: 800 } });
  t.after(() => engine.dispose());
  await assert.rejects(engine.checkServer(site.url), (error: unknown) => {
    assert.ok(error instanceof SignInFailure);
    assert.equal(error.code, 'timeout');
    return true;
  });
});
