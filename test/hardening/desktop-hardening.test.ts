import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { LoginWindowService } from '../../main/desktop/login-window-service';
import { actionFailedNotification, sessionEndedNotification } from '../../main/desktop/notifications';
import { engineFixture, loginRequests } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { appWorld, eventually } from '../electron-main/app-fixture';

const MARKUP = '<a href="https://evil.invalid/login">Your session expired: click here</a><img src="https://evil.invalid/t.png"> &amp; <b>bold</b>';

test('F-09: notification text carries no markup a notification server could render', () => {
  const refused = actionFailedNotification('rc-tray: status not changed', `The server refused the request: ${MARKUP}.`);
  const ended = sessionEndedNotification(
    { kind: 'signed-in', server: 'https://a.example', user: { id: 'u', username: 'u', name: 'U', status: 'online', chosenStatus: 'online', statusText: '' }, live: 'live' } as never,
    { kind: 'signed-out', server: 'https://a.example', error: { code: 'login-refused', message: `The server refused the sign-in: ${MARKUP}\u001b[2J.` } },
    false,
  );
  for (const content of [refused, ended!]) {
    assert.doesNotMatch(content.title + content.body, /[<>&\u0000-\u001f]/, content.body);
    assert.match(content.body, /click here/, 'the words are still there');
  }
});

test('F-09: a status refusal with markup from the server reaches the desktop notification as plain text', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  world.server.addFault({ path: '/api/v1/users.setStatus', status: 400, body: JSON.stringify({ success: false, error: MARKUP }) });
  tray.item('Status', 'Busy')?.click?.();
  await eventually(() => app.electron.notifications.length === 1, 'notification');
  const body = app.electron.notifications[0]!.options.body;
  assert.doesNotMatch(body, /[<>]/, body);
});

test('F-10: the browser gets the parsed, normalised address, never a raw string', async (t) => {
  const world = await appWorld(t);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  const runtime = await app.started();
  const perform = (url: string) => (runtime as unknown as { perform(action: { kind: 'open-server'; url: string }): void }).perform({ kind: 'open-server', url });
  for (const raw of ['\u0001https://x.example', 'ht\ntps://x.example', 'https:\\\\attacker\\share\\run.exe', 'https://x.example\r\n--help', 'javascript:alert(1)', 'file:///etc/passwd']) perform(raw);
  assert.deepEqual(app.electron.openedExternally, []);
  perform(world.server.url);
  assert.deepEqual(app.electron.openedExternally, [new URL(world.server.url).href]);
});

test('F-12: closing the login window at the code step drops the password: the code alone signs nobody in', async (t) => {
  const { server, engine } = await engineFixture(t);
  const service = new LoginWindowService(engine);
  const asked = await service.login({ server: server.url, user: 'bob', password: 'bob-password' });
  assert.equal(asked.session?.kind, 'needs-2fa');
  service.dispose();
  const session = engine.session(server.url);
  assert.equal(session.state.kind, 'signed-out');
  const before = loginRequests(server);
  const after = await session.submitCode(server.totpCode('bob'));
  assert.notEqual(after.kind, 'signed-in');
  assert.equal(loginRequests(server), before, 'the password was not sent again');
});

test('F-12: the password held for the code step is dropped after 10 minutes', async (t) => {
  const scheduler = new FakeScheduler();
  const { server, engine } = await engineFixture(t, { engine: { scheduler } });
  const session = engine.session(server.url);
  assert.equal((await engine.login(server.url, { user: 'bob', password: 'bob-password' })).kind, 'needs-2fa');
  scheduler.advance(9 * 60_000);
  assert.equal(session.state.kind, 'needs-2fa', 'still asking after 9 minutes');
  scheduler.advance(60_000);
  assert.equal(session.state.kind, 'signed-out');
  const ended = session.state as SessionState;
  assert.match(ended.kind === 'signed-out' ? ended.error?.message ?? '' : '', /password/i);
  const before = loginRequests(server);
  assert.notEqual((await session.submitCode(server.totpCode('bob'))).kind, 'signed-in');
  assert.equal(loginRequests(server), before);
});
