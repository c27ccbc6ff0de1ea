import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoginWindowState } from '../../main/common/ipc-contract';
import { LoginWindowService, windowSession } from '../../main/desktop/login-window-service';
import { engineFixture } from '../support/engine-fixture';
import { SERVER, expired, needsCode, offline, signedIn } from './session-fixtures';

test('the window shows sign-in states, and never the session that was signed in before it', () => {
  const before = signedIn('online');
  const earlier = before.kind === 'signed-in' ? { server: SERVER, userId: before.user.id } : undefined;
  assert.equal(windowSession(before, null, earlier), null);
  assert.equal(windowSession(offline, null), null);
  assert.deepEqual(windowSession(expired, null), expired);
  assert.deepEqual(windowSession(needsCode, null, earlier), needsCode);
  const ownFailure = { kind: 'signed-out' as const, server: SERVER, error: expired.kind === 'signed-out' ? expired.error! : undefined! };
  assert.deepEqual(windowSession(signedIn('busy'), ownFailure, earlier), ownFailure);
  assert.equal(windowSession(signedIn('busy'), { ...ownFailure, server: 'https://other.example' }, earlier), null);
  // Signed in while the window was open (not before it): shown.
  assert.deepEqual(windowSession(signedIn('online'), ownFailure), signedIn('online'));
});

test('opened while signed in ("Sign in to another server…"): a fresh form, and live status changes are not pushed', async (t) => {
  const { server, engine } = await engineFixture(t, { engine: { live: true }, server: { rateLimit: false } });
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const service = new LoginWindowService(engine);
  t.after(() => service.dispose());
  const pushed: LoginWindowState[] = [];
  service.onChange((state) => pushed.push(state));
  const opened = await service.getState();
  assert.equal(opened.session, null);
  assert.equal(opened.lastServer, server.url);
  assert.equal(opened.lastUsername, 'alice');

  server.setStatusFromOtherClient('alice', 'busy');
  const session = engine.session(server.url);
  for (let wait = 0; wait < 300 && !(session.state.kind === 'signed-in' && session.state.user.status === 'busy'); wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(session.state.kind === 'signed-in' && session.state.user.status === 'busy');
  assert.deepEqual(pushed, []);

  const failed = await service.login({ server: server.url, user: 'alice', password: 'wrong' });
  assert.equal(failed.session?.kind === 'signed-out' && failed.session.error?.code, 'invalid-credentials');
  server.setStatusFromOtherClient('alice', 'away');
  await new Promise((resolve) => setTimeout(resolve, 200));
  // A push racing the answer may repeat the answer itself (pushes read the state after their
  // awaits, so they are never older than it); what must never come is the earlier session's
  // status, nor anything that replaces the failure.
  const failure = JSON.stringify(failed.session);
  // (typed again: the deepEqual above narrowed `pushed` to never[])
  assert.deepEqual((pushed as LoginWindowState[]).filter((state) => JSON.stringify(state.session) !== failure), [], 'the failure stays shown');
  assert.equal((await service.getState()).session?.kind, 'signed-out');
});

test('a session that expires while the window is open is pushed to it', async (t) => {
  const { server, engine } = await engineFixture(t, { engine: { live: true }, server: { rateLimit: false } });
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const session = engine.session(server.url);
  for (let wait = 0; wait < 300 && !(session.state.kind === 'signed-in' && session.state.live === 'live'); wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  const service = new LoginWindowService(engine);
  t.after(() => service.dispose());
  const pushed: LoginWindowState[] = [];
  service.onChange((state) => pushed.push(state));
  await service.getState();
  server.revokeTokens('alice');
  for (let wait = 0; wait < 300 && pushed.length === 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(pushed.at(-1)?.session?.kind === 'signed-out' && pushed.at(-1)?.session?.kind, 'signed-out');
});
