import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { serverLabel } from '../../renderer/login-flow';
import { STRINGS, errorMessage, retryCountdown } from '../../renderer/strings';
import { loginRequests } from '../support/engine-fixture';
import { secretToolItems } from '../support/secret-tool';
import { closedLoopbackUrl, startHtmlSite } from '../support/stand-in-servers';
import { launchChromium } from './support/chromium';
import { openLoginWindow } from './support/login-window-fixture';
import { submitPassword, waitForAnnouncement } from './support/login-steps';

const message = (code: Parameters<typeof errorMessage>[0]['code'], server?: string) => errorMessage({ code, message: '' }, server ? { server } : {});

describe('login window: errors', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  test('a web site that is not Rocket.Chat is named as such, and never sees a password', async (t) => {
    const site = await startHtmlSite();
    t.after(() => site.close());
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    const address = page.getByLabel(STRINGS.server.addressLabel);
    await address.fill(site.url);
    await address.blur();
    // The reason stays, in the engine's words (rocketchat-api.ts serverInfo).
    const expected = errorMessage({ code: 'not-rocketchat', message: '', detail: 'it answered with a web page' }, { server: serverLabel(site.url) });
    assert.match(expected, /\(it answered with a web page\)/);
    await page.locator('#server-check.is-problem').filter({ hasText: expected }).waitFor();

    await page.getByRole('button', { name: STRINGS.server.continue }).click();
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    assert.equal(await win.focusedId(), 'server-address', 'focus goes to the address to fix');
    await win.waitForStep('server');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.locator('#server-check').textContent(), '');
    assert.equal(win.bridge.calls().filter((call) => call === 'checkServer').length, 2, 'one check on leaving the field, one on Continue');
    assert.equal(win.bridge.calls().includes('login'), false);
    assert.deepEqual(win.problems(), []);
  });

  test('an unreachable server is reported on the address step', async (t) => {
    const url = await closedLoopbackUrl();
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(url);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'unreachable', message: '', detail: 'connection refused' }, { server: serverLabel(url) }) }).waitFor();
    assert.equal(await win.focusedId(), 'server-address');
    assert.equal(await page.locator('#server-continue').isEnabled(), true, 'the person can try again at once');
    assert.deepEqual(win.problems(), []);
  });

  test('an empty address or username is asked for, on the field itself', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: STRINGS.server.missingAddress }).waitFor();
    assert.equal(await win.focusedId(), 'server-address');
    assert.equal(await page.locator('#server-address').getAttribute('aria-invalid'), 'true');
    await page.keyboard.type(server.url);
    assert.equal(await page.locator('#server-address').getAttribute('aria-invalid'), null, 'typing clears the mark');
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: STRINGS.credentials.missingUsername }).waitFor();
    assert.equal(await win.focusedId(), 'username');
    assert.deepEqual(win.bridge.calls().filter((call) => call === 'login'), [], 'nothing is sent half filled in');
    assert.deepEqual(win.problems(), []);
  });

  test('rate limited: Sign in waits out a live countdown, then works again', async (t) => {
    const win = await openLoginWindow(t, browser, { server: { rateLimit: { limit: 2, windowMs: 3_000 } } });
    const { page, server } = win;
    const signIn = page.locator('#sign-in');
    await submitPassword(win, 'alice', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: message('invalid-credentials') }).waitFor();
    // Sign in turns busy as it is clicked, so "enabled again" means the attempt has been answered.
    await page.locator('#sign-in:not([disabled])').click();
    await page.locator('#sign-in:not([disabled])').waitFor();
    await signIn.click();
    await page.getByRole('alert').filter({ hasText: message('rate-limited') }).waitFor();
    assert.equal(await signIn.isDisabled(), true, 'Sign in waits while the server refuses');
    assert.equal(await win.focusedId(), 'password', 'no field is at fault: focus stays where the step starts');

    // Enter in the password field must not sneak past the wait either.
    const attempts = loginRequests(server);
    await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('alice-password');
    await page.keyboard.press('Enter');

    const shown: string[] = [];
    const deadline = Date.now() + 6_000;
    while ((await signIn.isDisabled()) && Date.now() < deadline) {
      const text = (await page.locator('#retry-countdown').textContent()) ?? '';
      if (shown.at(-1) !== text) shown.push(text);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await signIn.isEnabled(), true, 'Sign in is enabled once the wait is over');
    // The countdown may already read "now" a moment before the button is enabled: only the ticks count here.
    const seconds = shown.filter((text) => text !== STRINGS.retryReady).map((text) => [3, 2, 1].find((n) => text === retryCountdown(n)));
    assert.ok(seconds.length >= 2 && seconds.every((n) => n !== undefined), `a ticking countdown, saw ${JSON.stringify(shown)}`);
    assert.deepEqual(seconds, [...seconds].sort().reverse(), 'it counts down');
    assert.equal(await page.locator('#retry-countdown').textContent(), STRINGS.retryReady);
    await waitForAnnouncement(win, STRINGS.retryReady);
    assert.equal(loginRequests(server), attempts, 'no request was sent during the wait');

    await signIn.click();
    await win.waitForStep('signed-in');
    assert.equal((await secretToolItems(win.keychainService)).length, 1);
    assert.deepEqual(win.problems(), []);
  });

  test('a locked account is reported as locked, not as a wrong password', async (t) => {
    const win = await openLoginWindow(t, browser, { server: { lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 60_000 } } });
    const { page } = win;
    await submitPassword(win, 'alice', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: message('invalid-credentials') }).waitFor();
    await page.locator('#sign-in:not([disabled])').click();
    await page.locator('#sign-in[disabled]').waitFor({ state: 'detached' });
    await page.locator('#sign-in:not([disabled])').click();
    await page.getByRole('alert').filter({ hasText: message('login-blocked-user') }).waitFor();
    assert.equal(await win.focusedId(), 'password');
    // An attempt during the block would extend it: Sign in waits rc-tray's 6 minutes, and says so.
    assert.match((await page.locator('#retry-countdown').textContent()) ?? '', /^You can try again in [56]:\d\d\.$/);
    assert.equal(await page.locator('#sign-in').isDisabled(), true);
    assert.deepEqual(win.problems(), []);
  });
});
