import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { IPC_INVOKE, type LoginOptionsResult, type LoginWindowState } from '../../main/common/ipc-contract';
import { appWorld, eventually } from '../electron-main/app-fixture';
import type { FakeWindow } from '../electron-main/fake-electron';
import { startFakeSsoProvider, type FakeSsoProvider } from '../server/fake-sso-provider';
import { customOAuthService, FAKE_CLIENT, FAKE_SAML_SECRET, samlService } from '../server/sso-services';
import { credentialInEndPage, loginFormSubmission } from '../support/fetch-browser';
import { SSO_USER } from '../support/sso-fixture';

async function ssoApp(t: TestContext) {
  const provider = await startFakeSsoProvider({ users: [SSO_USER], clients: [FAKE_CLIENT], samlSecret: FAKE_SAML_SECRET });
  t.after(() => provider.close());
  const world = await appWorld(t, { loginServices: [customOAuthService(provider), samlService(provider)] });
  const app = world.launch();
  await app.started();
  const loginWindow = app.electron.windows[0]!;
  const invoke = <T>(channel: string, payload: unknown) => app.electron.invoke(channel, loginWindow.invokeEvent(), payload) as Promise<T>;
  const options = await invoke<LoginOptionsResult>(IPC_INVOKE.loginOptions.channel, { server: world.server.url });
  assert.ok(options.ok);
  const start = (kind: 'oauth' | 'saml') => {
    const service = options.services.find((each) => each.kind === kind)!;
    const answer = invoke<LoginWindowState>(IPC_INVOKE.startSso.channel, { server: world.server.url, serviceId: service.id });
    return answer;
  };
  const ssoWindow = async (): Promise<FakeWindow> => {
    await eventually(() => app.electron.windows.length === 2, 'the sign-in window opens');
    return app.electron.windows[1]!;
  };
  return { provider, world, app, loginWindow, invoke, start, ssoWindow };
}

async function providerPage(window: FakeWindow, provider: FakeSsoProvider): Promise<void> {
  await eventually(() => window.contentsForTest.lastPageBody.includes('provider-username'), `the provider's page at ${provider.url}`);
}

test('a sign-in button opens its own window: in-memory partition, no preload, sandbox, permissions and pop-ups refused', async (t) => {
  const { app, start, ssoWindow, provider } = await ssoApp(t);
  const answer = start('oauth');
  const window = await ssoWindow();
  const prefs = window.options.webPreferences;
  assert.ok(!('preload' in prefs), 'no bridge into rc-tray');
  assert.deepEqual([prefs.sandbox, prefs.contextIsolation, prefs.nodeIntegration, prefs.webSecurity], [true, true, false, true]);
  assert.ok('partition' in prefs && !prefs.partition.startsWith('persist:'), 'a session of its own, in memory');
  const partition = app.electron.partitions.get('partition' in prefs ? prefs.partition : '')!;
  assert.equal(await partition.wouldGrant('media'), false);
  assert.equal(partition.checkHandler?.(null, 'notifications'), false);
  assert.deepEqual(window.webContents.windowOpenHandler?.(), { action: 'deny' });
  assert.ok(window.loadedUrls[0]!.startsWith(`${provider.url}/oauth/authorize?`));
  await providerPage(window, provider);
  window.destroy();
  const closed = await answer;
  assert.ok(closed.session?.kind === 'signed-out' && closed.session.error?.code === 'cancelled');
});

test('OAuth through the window: the provider page, the server\'s end page, the exchange; then the window and the login window go', async (t) => {
  const { app, start, ssoWindow, provider, world } = await ssoApp(t);
  const answer = start('oauth');
  const window = await ssoWindow();
  await providerPage(window, provider);
  const contents = window.contentsForTest;
  // The end page's script puts the credential into the address (Meteor end_of_popup_response.js).
  const endPages: string[] = [];
  contents.pageScript = (url, body) => {
    const withCredential = credentialInEndPage(url, body);
    if (withCredential === url) return;
    endPages.push(url);
    contents.navigateInPage(withCredential);
  };
  const submit = loginFormSubmission(contents.lastPageBody, contents.getURL(), SSO_USER);
  await window.pageNavigates(submit.url, submit.init);
  assert.match(endPages[0] ?? '', new RegExp(`^${world.server.url}/_oauth/fake-idp\\?`));
  const done = await answer;
  assert.ok(done.session?.kind === 'signed-in', JSON.stringify(done.session));
  assert.equal(done.session.user.username, 'sam');
  assert.equal(window.destroyed, true);
  const partition = app.electron.partitions.get((window.options.webPreferences as { partition: string }).partition)!;
  assert.equal(partition.cleared, 1, 'the partition\'s cookies and storage are cleared');
  await eventually(() => app.electron.trays[0]!.labels()[0]!.includes('@sam'), 'the tray shows the SSO user');
  assert.ok(await world.tokens.get(world.server.url));

  // The next start resumes the SSO session with no window at all.
  app.electron.app.quit();
  const next = world.launch();
  await next.started();
  assert.equal(next.electron.windows.length, 0);
  await eventually(() => next.electron.trays[0]!.labels()[0]!.includes('@sam'), 'resumed as the SSO user');
});

test('SAML through the window: the redirect carrying the credential is stopped there (the web client never loads)', async (t) => {
  const { start, ssoWindow, provider, world } = await ssoApp(t);
  const answer = start('saml');
  const window = await ssoWindow();
  await providerPage(window, provider);
  const contents = window.contentsForTest;
  const submit = loginFormSubmission(contents.lastPageBody, contents.getURL(), SSO_USER);
  await window.pageNavigates(submit.url, submit.init);
  // The IdP's auto-submitted POST form to the server's assertion consumer service.
  const post = loginFormSubmission(contents.lastPageBody, contents.getURL(), SSO_USER);
  const acsBody = new URLSearchParams(post.init.body as URLSearchParams);
  acsBody.delete('username');
  acsBody.delete('password');
  acsBody.delete('action');
  world.server.resetRequests();
  await window.pageNavigates(post.url, { ...post.init, body: acsBody });
  const done = await answer;
  assert.ok(done.session?.kind === 'signed-in', JSON.stringify(done.session));
  assert.ok(!world.server.requests().some((request) => request.path === '/home'), 'the redirect to /home was not followed');
});

test('the provider\'s error page ends the flow with a clear message; nothing is kept', async (t) => {
  const { start, ssoWindow, provider, world } = await ssoApp(t);
  provider.failLoginPage(true);
  const answer = start('oauth');
  const window = await ssoWindow();
  const failed = await answer;
  assert.ok(failed.session?.kind === 'signed-out' && failed.session.error?.code === 'sso-provider-error');
  assert.match(failed.session.error.message, /HTTP 500/);
  assert.equal(window.destroyed, true);
  assert.equal(await world.tokens.get(world.server.url), undefined);
});

test('a server that redirects somewhere unexpected, or a page going to file:, is stopped with a clear message', async (t) => {
  const { start, ssoWindow, provider, world } = await ssoApp(t);
  world.server.addFault({ path: '/_oauth/fake-idp', status: 302, headers: { Location: `${world.server.url}/home` } });
  const answer = start('oauth');
  const window = await ssoWindow();
  await providerPage(window, provider);
  const submit = loginFormSubmission(window.contentsForTest.lastPageBody, window.contentsForTest.getURL(), SSO_USER);
  await window.pageNavigates(submit.url, submit.init);
  const failed = await answer;
  assert.ok(failed.session?.kind === 'signed-out' && failed.session.error?.code === 'sso-unexpected-redirect', JSON.stringify(failed.session));

});

test('Cancel in the login window closes the sign-in window and says the sign-in was cancelled', async (t) => {
  const { start, ssoWindow, invoke, provider } = await ssoApp(t);
  const answer = start('oauth');
  const window = await ssoWindow();
  await providerPage(window, provider);
  await invoke(IPC_INVOKE.cancel.channel, {});
  const cancelled = await answer;
  assert.ok(cancelled.session?.kind === 'signed-out' && cancelled.session.error?.code === 'cancelled');
  assert.equal(window.destroyed, true);
});

test('a navigation to a file: address is prevented and ends the flow', async (t) => {
  const { start, ssoWindow, provider } = await ssoApp(t);
  const answer = start('oauth');
  const window = await ssoWindow();
  await providerPage(window, provider);
  assert.equal(await window.pageNavigates('file:///etc/passwd'), false, 'prevented');
  const failed = await answer;
  assert.ok(failed.session?.kind === 'signed-out' && failed.session.error?.code === 'sso-unexpected-redirect');
});

test('a personal access token through the login window; the next start resumes it with no window', async (t) => {
  const { app, invoke, world } = await ssoApp(t);
  const { token, userId } = world.server.createPersonalAccessToken('alice');
  const done = await invoke<LoginWindowState>(IPC_INVOKE.loginWithToken.channel, { server: world.server.url, userId, token });
  assert.ok(done.session?.kind === 'signed-in');
  assert.equal((await world.tokens.get(world.server.url))?.kind, 'personal-access-token');
  app.electron.app.quit();
  const next = world.launch();
  await next.started();
  assert.equal(next.electron.windows.length, 0);
  await eventually(() => next.electron.trays[0]!.labels()[0]!.includes('@alice'), 'resumed as the token user');
});

test('"Sign out" in the tray of a token session keeps the token on the server and says it still exists', async (t) => {
  const { app, invoke, world } = await ssoApp(t);
  const { token, userId } = world.server.createPersonalAccessToken('alice');
  await invoke<LoginWindowState>(IPC_INVOKE.loginWithToken.channel, { server: world.server.url, userId, token });
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Sign out') !== undefined, 'sign out offered');
  tray.item('Sign out')!.click();
  await eventually(() => app.electron.notifications.length === 1, 'a notification');
  assert.match(app.electron.notifications[0]!.options.body, /still exists in your Rocket\.Chat profile/);
  assert.deepEqual(world.server.personalAccessTokens('alice'), ['rc-tray']);
  assert.equal(await world.tokens.get(world.server.url), undefined);
});
