import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { serverLabel } from '../../renderer/login-flow';
import { STRINGS, errorMessage, serverVersion, signedInAs } from '../../renderer/strings';
import { secretToolItems } from '../support/secret-tool';
import { launchChromium } from './support/chromium';
import { openLoginWindow } from './support/login-window-fixture';
import { submitPassword } from './support/login-steps';
import { startTestServer } from '../server/rocketchat-test-server';

describe('login window: signing in with a password', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  test('checks the server, signs in, and the token lands in the keychain', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await win.waitForStep('server');
    assert.equal(await win.focusedId(), 'server-address', 'the first field has focus when the window opens');

    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.getByLabel(STRINGS.server.addressLabel).blur();
    await page.locator('#server-check').filter({ hasText: serverVersion('7.10') }).waitFor();

    await page.getByRole('button', { name: STRINGS.server.continue }).click();
    await win.waitForStep('credentials');
    assert.equal(await win.focusedId(), 'username');
    assert.equal(await page.locator('#server-name').textContent(), serverLabel(server.url));
    assert.equal(await page.locator('#server-version').textContent(), serverVersion('7.10'));

    await page.getByLabel(STRINGS.credentials.username).fill('alice');
    const password = page.getByLabel(STRINGS.credentials.password, { exact: true });
    await password.fill('alice-password');
    const toggle = page.locator('#toggle-password');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await page.getByRole('button', { name: STRINGS.credentials.showPasswordLabel }).click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await password.getAttribute('type'), 'text');
    await page.getByRole('button', { name: STRINGS.credentials.hidePasswordLabel }).click();
    assert.equal(await password.getAttribute('type'), 'password');

    // A slow server, so the busy state can be seen.
    server.addFault({ path: '/api/v1/login', delayMs: 700, times: 1 });
    const signIn = page.locator('#sign-in');
    await signIn.click();
    await page.locator('#credentials-form[aria-busy="true"]').waitFor({ state: 'attached' });
    assert.equal(await signIn.isDisabled(), true);
    assert.equal(await signIn.textContent(), STRINGS.credentials.signingIn);

    await win.waitForStep('signed-in');
    assert.equal(await page.locator('#intro').textContent(), signedInAs('Alice Example', 'alice'));

    const items = await secretToolItems(win.keychainService);
    assert.deepEqual(items.map((item) => item.account), [server.url]);
    assert.equal(typeof JSON.parse(items[0]!.secret).authToken, 'string');
    assert.deepEqual(win.bridge.refused(), []);
    assert.deepEqual(win.problems(), []);
  });

  test('a wrong password is reported in an alert, and focus goes to the password, every time', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    await page.getByLabel(STRINGS.credentials.username).fill('alice');
    await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('not-her-password');
    const wrong = errorMessage({ code: 'invalid-credentials', message: '' });

    const signIn = page.locator('#sign-in');
    await signIn.click();
    await page.getByRole('alert').filter({ hasText: wrong }).waitFor();
    await page.locator('#sign-in:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'password', 'focus moves to the field to fix');

    // The same mistake again: the alert is emptied while the request runs, then filled anew,
    // so a screen reader announces it a second time.
    server.addFault({ path: '/api/v1/login', delayMs: 500, times: 1 });
    await signIn.click();
    await page.locator('#credentials-form[aria-busy="true"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#error-message').textContent(), '');
    await page.getByRole('alert').filter({ hasText: wrong }).waitFor();
    await page.locator('#sign-in:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'password');
    assert.deepEqual(await secretToolItems(win.keychainService), [], 'nothing is stored after failed sign-ins');

    await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('alice-password');
    await page.locator('#sign-in').click();
    await win.waitForStep('signed-in');
    assert.equal(await page.getByRole('alert').textContent(), '', 'the error is gone once signed in');
    assert.deepEqual(win.problems(), []);
  });

  test('keyboard only: typing, Tab and Enter take a person from the address to signed in', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await win.waitForStep('server');
    assert.equal(await win.focusedId(), 'server-address');
    await page.keyboard.type(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    assert.equal(await win.focusedId(), 'username');
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    assert.equal(await win.focusedId(), 'password');
    await page.keyboard.type('alice-password');
    await page.keyboard.press('Tab');
    assert.equal(await win.focusedId(), 'toggle-password');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#toggle-password').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#password').getAttribute('type'), 'password');
    await page.keyboard.press('Tab');
    assert.equal(await win.focusedId(), 'sign-in');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.equal(ring.style, 'solid', 'the focused button shows a focus ring');
    assert.ok(ring.width >= 2, `focus ring is ${ring.width}px wide`);
    await win.screenshot('state-keyboard-focus');
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.equal((await secretToolItems(win.keychainService)).length, 1);
    assert.deepEqual(win.problems(), []);
  });

  test('opens on the password step with a notice that the session ended, with the last server and username', async (t) => {
    const win = await openLoginWindow(t, browser, {
      prepare: async ({ engine, server }) => {
        assert.equal((await engine.login(server.url, { user: 'alice', password: 'alice-password' })).kind, 'signed-in');
        server.revokeTokens('alice');
        const resumed = await engine.session(server.url).resume();
        assert.equal(resumed.kind === 'signed-out' && resumed.error?.code, 'session-expired');
      },
    });
    const { page, server } = win;
    await win.waitForStep('credentials');
    await page.getByRole('status').filter({ hasText: errorMessage({ code: 'session-expired', message: '' }) }).waitFor();
    assert.equal(await page.getByRole('alert').textContent(), '', 'an ended session is news, not an error');
    assert.equal(await page.getByLabel(STRINGS.credentials.username).inputValue(), 'alice');
    assert.equal(await win.focusedId(), 'password', 'the one field left to fill has focus');
    assert.equal(await page.locator('#server-name').textContent(), serverLabel(server.url));
    await page.locator('#server-version').filter({ hasText: serverVersion('7.10') }).waitFor();

    await page.keyboard.type('alice-password');
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.equal((await secretToolItems(win.keychainService)).length, 1);
    assert.deepEqual(win.problems(), []);
  });

  test('follows a state change pushed by the main process', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server, engine } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    await page.getByLabel(STRINGS.credentials.username).fill('alice');
    await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('wrong');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();
    const callsBefore = win.bridge.calls().length;
    // Main signs in on its own (say, a resume after the network came back): only a push tells the page.
    await engine.login(server.url, { user: 'alice', password: 'alice-password' });
    await win.waitForStep('signed-in');
    assert.equal(await page.locator('#intro').textContent(), signedInAs('Alice Example', 'alice'));
    assert.deepEqual(win.bridge.calls().slice(callsBefore), [], 'the page learnt it from the push alone');
    assert.deepEqual(win.problems(), []);
  });

  test('Change goes back to the address, and a new address replaces the old one', async (t) => {
    const other = await startTestServer({ version: '6.13.0' });
    t.after(() => other.close());
    const win = await openLoginWindow(t, browser);
    t.after(() => win.tokens.delete(other.url));
    const { page, server } = win;
    await submitPassword(win, 'alice', 'wrong-password', server.url);
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();

    await page.getByRole('button', { name: STRINGS.credentials.changeServerLabel }).click();
    await win.waitForStep('server');
    assert.equal(await win.focusedId(), 'server-address');
    assert.equal(await page.getByLabel(STRINGS.server.addressLabel).inputValue(), serverLabel(server.url));
    assert.equal(await page.getByRole('alert').textContent(), '', 'the old error went with the old step');

    await page.keyboard.type(other.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    assert.equal(await page.locator('#server-name').textContent(), serverLabel(other.url));
    assert.equal(await page.locator('#server-version').textContent(), serverVersion('6.13'));
    assert.equal(await win.focusedId(), 'password', 'the username is still there, so the password is next');
    await page.keyboard.type('alice-password');
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.deepEqual((await secretToolItems(win.keychainService)).map((item) => item.account), [other.url]);
    assert.deepEqual(win.problems(), []);
  });
});
