import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import type { RocketChatApi } from '../../main/engine/http/rocketchat-api';
import type { Me } from '../../main/engine/http/response-schemas';
import { StatusControl } from '../../main/engine/session/status-control';
import type { SettingsStore } from '../../main/engine/settings/settings-store';
import { engineFixture } from '../support/engine-fixture';
import { FakeScheduler } from '../support/fake-scheduler';
import { eventually, until } from '../support/session-waits';

const user = (state: SessionState) => (state.kind === 'signed-in' ? state.user : undefined);

test('an idle connection over "online" shows away to others and keeps the choice online; "away" chosen elsewhere becomes the choice', async (t) => {
  const { server, engine } = await engineFixture(t, { engine: { live: true }, server: { rateLimit: false } });
  await engine.login(server.url, { user: 'alice', password: 'alice-password' });
  const session = engine.session(server.url);
  await until(engine, server.url, (state) => state.kind === 'signed-in' && state.live === 'live' && user(state)?.status === 'online');

  server.resetRequests();
  session.setIdle(true);
  const idle = await until(engine, server.url, (state) => user(state)?.status === 'away');
  assert.equal(user(idle)?.chosenStatus, 'online', 'until the server says otherwise, the choice stands');
  // The "away" is checked with the server (statusDefault, GET /me); what it answers is away-check's test below.
  await eventually(() => server.requests().some((request) => request.path === '/api/v1/me'), 'GET /me after the "away"');

  session.setIdle(false);
  await until(engine, server.url, (state) => user(state)?.status === 'online');
  server.setStatusFromOtherClient('alice', 'away');
  const chosenAway = await until(engine, server.url, (state) => user(state)?.chosenStatus === 'away');
  assert.equal(user(chosenAway)?.status, 'away');
});

function control(me: () => Promise<Partial<Me>>) {
  let state: SessionState = {
    kind: 'signed-in',
    server: 'https://chat.example',
    user: { id: 'u1', username: 'alice', name: 'Alice', status: 'online', chosenStatus: 'online', statusText: '', avatarUrl: '' },
    live: 'live',
  };
  const settings = { read: async () => ({ version: 1, servers: [] }), update: async () => ({ version: 1, servers: [] }), exclusive: <T>(_key: string, run: () => Promise<T>) => run() } as unknown as SettingsStore;
  const statusControl = new StatusControl({
    server: 'https://chat.example',
    api: { me } as unknown as RocketChatApi,
    scheduler: new FakeScheduler(),
    settings,
    credentials: async () => ({ userId: 'u1', authToken: 't' }),
    state: () => state,
    update: (next) => (state = next),
    expire: async () => undefined,
    live: true,
  });
  // Everything the check does is promise work on answers already given: one macrotask settles it.
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { statusControl, state: () => user(state), settled };
}

test('away check: the server\'s statusDefault decides what was chosen; an answer overtaken by a newer event is dropped', async () => {
  const idle = control(async () => ({ _id: 'u1', statusDefault: 'online' }));
  idle.statusControl.onLiveStatus('away', '');
  await idle.settled();
  assert.equal(idle.state()?.chosenStatus, 'online', 'an idle connection: still online by choice');

  const chosen = control(async () => ({ _id: 'u1', statusDefault: 'away' }));
  chosen.statusControl.onLiveStatus('away', '');
  assert.equal(chosen.state()?.chosenStatus, 'online', 'before the answer: the earlier choice');
  await chosen.settled();
  assert.equal(chosen.state()?.chosenStatus, 'away');

  let answer: (me: Partial<Me>) => void = () => undefined;
  const overtaken = control(() => new Promise((resolve) => (answer = resolve)));
  overtaken.statusControl.onLiveStatus('away', '');
  await overtaken.settled();
  overtaken.statusControl.onLiveStatus('busy', 'Call');
  answer({ _id: 'u1', statusDefault: 'away' });
  await overtaken.settled();
  assert.equal(overtaken.state()?.chosenStatus, 'busy');

  const failing = control(async () => Promise.reject(new Error('network')));
  failing.statusControl.onLiveStatus('away', '');
  await failing.settled();
  assert.equal(failing.state()?.chosenStatus, 'online', 'a fault leaves the guess');

  const fromMe = control(async () => assert.fail('no check: GET /me already said'));
  fromMe.statusControl.onLiveStatus('away', '', { chosen: 'away' });
  await fromMe.settled();
  assert.equal(fromMe.state()?.chosenStatus, 'away');
});
