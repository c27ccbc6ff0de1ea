import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';

// The desktop app sends its HTTP through axios's fetch adapter over Electron's `net.fetch`.
// Electron cannot run here, so the same adapter runs over Node's fetch: the engine must read
// answers and classify failures the same way on that path.
const viaFetch = { http: { adapter: 'fetch' as const, fetch: globalThis.fetch, timeoutMs: 400 } };
// The sign-in flow is not about timeouts: a loaded machine must not turn it into one.
const viaFetchPatient = { http: { ...viaFetch.http, timeoutMs: 5_000 } };

test('through the fetch adapter: sign in with 2FA, resume, log out', async (t) => {
  const fixture = await engineFixture(t, { engine: viaFetchPatient });
  const { server, engine } = fixture;
  const asked = await engine.login(server.url, { user: 'bob', password: 'bob-password' });
  assert.equal(asked.kind, 'needs-2fa');
  assert.equal((await engine.session(server.url).submitCode(server.totpCode('bob'))).kind, 'signed-in');
  server.resetRequests();
  assert.equal((await fixture.restart(viaFetchPatient).session(server.url).resume()).kind, 'signed-in');
  assert.equal(server.requests().length, 1);
  assert.equal((await engine.session(server.url).logout()).revokedOnServer, true);
});

test('through the fetch adapter: failures are classified as with Node HTTP', async (t) => {
  const { server, engine } = await engineFixture(t, { engine: viaFetch, server: { rateLimit: false } });
  const cases = [
    { fault: { status: 401, body: '{"success":false,"error":"Unauthorized","status":"error","message":"Unauthorized"}' }, code: 'invalid-credentials' },
    { fault: { status: 503, body: 'down' }, code: 'server-error' },
    { fault: { delayMs: 2_000 }, code: 'timeout' },
    { fault: { hugeBodyBytes: 5 * 1024 * 1024 }, code: 'bad-response' },
    { fault: { hangUp: true }, code: 'unreachable' },
  ];
  for (const { fault, code } of cases) {
    server.clearFaults();
    server.addFault({ path: '/api/v1/login', ...fault });
    const state = await engine.login(server.url, { user: 'alice', password: 'alice-password' });
    assert.equal(state.kind === 'signed-out' && state.error?.code, code, JSON.stringify(fault));
  }
  await assert.rejects(engine.checkServer('http://127.0.0.1:1'), /connection refused|Cannot reach/);
});
