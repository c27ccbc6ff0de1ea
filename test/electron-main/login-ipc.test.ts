import assert from 'node:assert/strict';
import { IPC_EVENTS, IPC_INVOKE, type LoginWindowState } from '../../main/common/ipc-contract';
import { appWorld, eachPlatform, eventually } from './app-fixture';

async function signedOutApp(t: Parameters<typeof appWorld>[0], platform: NodeJS.Platform) {
  const world = await appWorld(t, {}, { platform });
  const app = world.launch();
  await app.started();
  const window = app.electron.windows[0]!;
  return { world, app, window };
}

eachPlatform('every channel of the contract has a handler', async (t, platform) => {
  const { app } = await signedOutApp(t, platform);
  assert.deepEqual([...app.electron.ipcHandlers.keys()].sort(), Object.values(IPC_INVOKE).map((entry) => entry.channel).sort());
});

eachPlatform('a malformed payload is refused before it reaches the engine', async (t, platform) => {
  const { world, app, window } = await signedOutApp(t, platform);
  const before = world.server.requests().length;
  for (const payload of [
    { server: world.server.url, user: 'alice' },
    { server: world.server.url, user: 'alice', password: 'alice-password', extra: 1 },
    { server: world.server.url, user: 'alice', password: ['alice-password'] },
    'alice-password',
  ]) {
    await assert.rejects(app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), payload), /malformed/);
  }
  await assert.rejects(app.electron.invoke(IPC_INVOKE.submitCode.channel, window.invokeEvent(), { code: 123456 }), /malformed/);
  assert.equal(world.server.requests().length, before, 'no request left rc-tray');
});

eachPlatform('the refusal never echoes the payload (it may hold a password)', async (t, platform) => {
  const { app, window } = await signedOutApp(t, platform);
  await assert.rejects(app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server: 'x', user: 'u', password: 'hunter2', x: 1 }), (error: Error) => {
    assert.doesNotMatch(`${error.message} ${error.stack}`, /hunter2/);
    return true;
  });
});

eachPlatform('a foreign sender is refused: another webContents, an iframe, another page or origin', async (t, platform) => {
  const { world, app, window } = await signedOutApp(t, platform);
  const login = { server: world.server.url, user: 'alice', password: 'alice-password' };
  const channel = IPC_INVOKE.login.channel;
  await assert.rejects(app.electron.invoke(channel, { ...window.invokeEvent(), sender: { id: window.webContents.id + 1000 } }, login), /may not talk/);
  await assert.rejects(app.electron.invoke(channel, window.invokeEvent({ parent: {} }), login), /may not talk/);
  await assert.rejects(app.electron.invoke(channel, window.invokeEvent({ url: 'https://evil.example/login.html' }), login), /may not talk/);
  await assert.rejects(app.electron.invoke(channel, window.invokeEvent({ url: 'app://rc-tray/other.html' }), login), /may not talk/);
  await assert.rejects(app.electron.invoke(channel, { sender: { id: window.webContents.id }, senderFrame: null }, login), /may not talk/);
  assert.equal(world.server.requests().filter((request) => request.path === '/api/v1/login').length, 0);
});

eachPlatform('the window gets its state on request and pushed on each change', async (t, platform) => {
  const { world, app, window } = await signedOutApp(t, platform);
  const initial = (await app.electron.invoke(IPC_INVOKE.getState.channel, window.invokeEvent(), {})) as LoginWindowState;
  assert.equal(initial.session, null);
  const checked = (await app.electron.invoke(IPC_INVOKE.checkServer.channel, window.invokeEvent(), { address: world.server.url })) as { ok: boolean; url: string };
  assert.deepEqual([checked.ok, checked.url], [true, world.server.url]);
  const afterPassword = (await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), {
    server: world.server.url,
    user: 'bob',
    password: 'bob-password',
  })) as LoginWindowState;
  assert.equal(afterPassword.session?.kind, 'needs-2fa');
  assert.equal(window.destroyed, false, 'still needed for the code');
  const done = (await app.electron.invoke(IPC_INVOKE.submitCode.channel, window.invokeEvent(), { code: world.server.totpCode('bob') })) as LoginWindowState;
  assert.equal(done.session?.kind, 'signed-in', 'the signed-in answer reached the page');
  await app.windowClosesAfterSignIn(window);
  assert.match(app.electron.trays[0]!.labels()[0]!, /@bob/);
});

eachPlatform('changes of the window\'s server are pushed to the window', async (t, platform) => {
  const { world, app, window } = await signedOutApp(t, platform);
  const login = { server: world.server.url, user: 'alice', password: 'wrong' };
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), login);
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), login);
  const pushed = () =>
    window.webContents.sent.filter((message) => message.channel === IPC_EVENTS.stateChanged).map((message) => (message.args[0] as LoginWindowState).session);
  await eventually(() => pushed().some((session) => session?.kind === 'signed-out' && session.error?.code === 'invalid-credentials'), 'pushed failure');
  assert.ok(pushed().some((session) => session?.kind === 'signing-in'));
});

eachPlatform('cancel in the window abandons the 2FA step', async (t, platform) => {
  const { world, app, window } = await signedOutApp(t, platform);
  await app.electron.invoke(IPC_INVOKE.login.channel, window.invokeEvent(), { server: world.server.url, user: 'bob', password: 'bob-password' });
  const cancelled = (await app.electron.invoke(IPC_INVOKE.cancel.channel, window.invokeEvent(), {})) as LoginWindowState;
  assert.equal(cancelled.session?.kind, 'signed-out');
});
