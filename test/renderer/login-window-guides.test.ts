import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { serverLabel } from '../../renderer/login-flow';
import { STRINGS, codeServer, errorMessage, retryCountdown } from '../../renderer/strings';
import { loginRequests } from '../support/engine-fixture';
import { launchChromium } from './support/chromium';
import { openLoginWindow, type LoginWindow } from './support/login-window-fixture';
import { outsideTheWindow } from './support/page-checks';
import { loginWindowOptions } from '../../main/desktop/login-window-options';
import { openTokenStep, submitPassword, submitUnknownToken } from './support/login-steps';
import { selfSignedCertificate } from '../support/self-signed';

// Issue 9 §3: after a failure the window points at what to change, and says what it knows.

/** The field's invalid mark and the ids its description is read from. */
async function fieldState(page: Page, id: string): Promise<{ invalid: string | null; describedBy: string[] }> {
  const field = page.locator(`#${id}`);
  return { invalid: await field.getAttribute('aria-invalid'), describedBy: ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean) };
}

async function wrongTotp(win: LoginWindow): Promise<string> {
  const now = Date.now();
  const accepted = new Set([-30_000, 0, 30_000].map((offset) => win.server.totpCode('bob', now + offset)));
  return ['000000', '111111', '222222', '333333'].find((code) => !accepted.has(code))!;
}

describe('login window: it guides', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  test('a wrong password: focus on the password, marked invalid, the message tied to it; typing clears the mark', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    await submitPassword(win, 'alice', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();
    await page.locator('#sign-in:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'password');
    assert.deepEqual(await fieldState(page, 'password'), { invalid: 'true', describedBy: ['error-message'] });
    assert.deepEqual(await fieldState(page, 'username'), { invalid: null, describedBy: [] }, 'only the field to fix is marked');
    assert.equal(await page.locator('#error-message').getAttribute('tabindex'), null, 'the alert itself cannot take focus');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.equal(ring.style, 'solid', 'focus still shows on the red field');
    assert.ok(ring.width >= 2, `a ${ring.width}px ring`);
    await page.keyboard.type('x');
    assert.equal((await fieldState(page, 'password')).invalid, null, 'typing clears the mark');
    assert.deepEqual(win.problems(), []);
  });

  test('not a Rocket.Chat server: focus on the address, with the reason the engine gave (HTTP 404)', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    const address = `${server.url}/chat`;
    await page.getByLabel(STRINGS.server.addressLabel).fill(address);
    await page.keyboard.press('Enter');
    const expected = errorMessage({ code: 'not-rocketchat', message: '', detail: '/api/info answered HTTP 404' }, { server: serverLabel(address) });
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    assert.match(expected, /answered HTTP 404/);
    assert.equal(await win.focusedId(), 'server-address');
    const state = await fieldState(page, 'server-address');
    assert.equal(state.invalid, 'true');
    assert.deepEqual(state.describedBy, ['error-message', 'server-address-hint', 'server-check'], 'tied, and the field keeps its own hint');
    await page.keyboard.type(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    assert.deepEqual(await fieldState(page, 'server-address'), { invalid: null, describedBy: ['server-address-hint', 'server-check'] }, 'untied once the message is gone');
    assert.deepEqual(win.problems(), []);
  });

  test('a wrong code: focus on the code field, marked invalid', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    await submitPassword(win, 'bob', 'bob-password');
    await win.waitForStep('two-factor');
    await page.keyboard.type(await wrongTotp(win));
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'totp-invalid', message: '' }) }).waitFor();
    await page.locator('#verify:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'code');
    assert.deepEqual(await fieldState(page, 'code'), { invalid: 'true', describedBy: ['error-message', 'code-account', 'code-server', 'code-hint'] });
    assert.deepEqual(win.problems(), []);
  });

  test('the password toggle says what it does next: "Hide" while the password shows, aria-pressed following', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    const toggle = page.locator('#toggle-password');
    const password = page.getByLabel(STRINGS.credentials.password, { exact: true });
    await password.fill('secret');
    const look = async () => ({
      type: await password.getAttribute('type'),
      text: await toggle.textContent(),
      pressed: await toggle.getAttribute('aria-pressed'),
      named: await page.getByRole('button', { name: STRINGS.credentials.hidePasswordLabel, exact: true }).count(),
    });
    assert.deepEqual(await look(), { type: 'password', text: STRINGS.credentials.showPassword, pressed: 'false', named: 0 });
    await page.getByRole('button', { name: STRINGS.credentials.showPasswordLabel, exact: true }).click();
    assert.deepEqual(await look(), { type: 'text', text: STRINGS.credentials.hidePassword, pressed: 'true', named: 1 });
    assert.equal(STRINGS.credentials.hidePassword, 'Hide');
    await page.getByRole('button', { name: STRINGS.credentials.hidePasswordLabel, exact: true }).click();
    assert.deepEqual(await look(), { type: 'password', text: 'Show', pressed: 'false', named: 0 });
    assert.deepEqual(win.problems(), []);
  });

  test('the authenticator step names the account and the server, and the code length', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'bob', 'bob-password');
    await win.waitForStep('two-factor');
    assert.equal(await page.locator('#code-account').textContent(), 'bob');
    assert.equal(await page.locator('#code-server').textContent(), codeServer(serverLabel(server.url)));
    assert.match((await page.locator('#code-server').textContent()) ?? '', /^on http:\/\/127\.0\.0\.1:\d+$/, 'the scheme shows: it is http');
    assert.equal(await page.locator('#intro').textContent(), 'Enter the 6-digit code from your authenticator app.');
    assert.equal(await page.locator('#code-hint').textContent(), STRINGS.twoFactor.codeHintWithBackup);
    assert.deepEqual(win.problems(), []);
  });

  test('the e-mail step says the code went to the masked address, and so does a resend', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'carol@example.com', 'carol-password');
    await win.waitForStep('two-factor');
    assert.equal(await page.locator('#intro').textContent(), 'We e-mailed a 6-digit code to c•••@example.com.');
    assert.equal(await page.locator('#code-account').textContent(), 'carol@example.com');
    assert.equal(await page.locator('#code-hint').textContent(), STRINGS.twoFactor.codeHint);
    assert.equal(server.emailCount('carol'), 1);
    await page.getByRole('button', { name: STRINGS.twoFactor.resend }).click();
    await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'We e-mailed a new code to c•••@example.com.');
    assert.equal(server.emailCount('carol'), 2);
    assert.deepEqual(win.problems(), []);
  });

  test('a sign-in by username: the e-mail step names the account, not an address it does not know', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    await submitPassword(win, 'carol', 'carol-password');
    await win.waitForStep('two-factor');
    assert.equal(await page.locator('#intro').textContent(), 'We e-mailed a 6-digit code to the e-mail address of carol.');
    assert.deepEqual(win.problems(), []);
  });

  test('a locked account: how long, counting down live, Sign in disabled and Enter sends nothing', async (t) => {
    const win = await openLoginWindow(t, browser, { server: { lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 60_000 } } });
    const { page, server } = win;
    await submitPassword(win, 'alice', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();
    await page.locator('#sign-in:not([disabled])').click();
    await page.locator('#sign-in[disabled]').waitFor({ state: 'detached' });
    await page.locator('#sign-in:not([disabled])').click();
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'login-blocked-user', message: '' }) }).waitFor();
    const countdown = page.locator('#retry-countdown');
    const first = (await countdown.textContent()) ?? '';
    assert.match(first, /^You can try again in [56]:\d\d\.$/);
    // Live: the text changes by itself while the window waits.
    await page.waitForFunction((before) => document.getElementById('retry-countdown')?.textContent !== before, first, { timeout: 3_000 });
    assert.match((await countdown.textContent()) ?? '', /^You can try again in [56]:\d\d\.$/);
    assert.notEqual(await countdown.textContent(), retryCountdown(0));
    assert.equal(await page.locator('#sign-in').isDisabled(), true);
    assert.equal(await win.focusedId(), 'password', 'focus where the person goes on; nothing typed is wrong');
    assert.deepEqual(await fieldState(page, 'password'), { invalid: null, describedBy: ['error-message', 'retry-countdown'] });
    const attempts = loginRequests(server);
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(loginRequests(server), attempts, 'no attempt during the lock (it would extend it)');
    assert.deepEqual(win.problems(), []);
  });

  test('an expired session is a polite notice in a neutral style, not an error alert', async (t) => {
    const win = await openLoginWindow(t, browser, {
      prepare: async ({ engine, server }) => {
        await engine.login(server.url, { user: 'alice', password: 'alice-password' });
        server.revokeTokens('alice');
        await engine.session(server.url).resume();
      },
    });
    const { page } = win;
    const notice = errorMessage({ code: 'session-expired', message: '' });
    await page.getByRole('status').filter({ hasText: notice }).waitFor();
    assert.equal(await page.getByRole('alert').textContent(), '');
    assert.equal(await page.locator('#notice').getAttribute('class'), 'notice has-info');
    const colours = await page.evaluate(() => {
      const box = getComputedStyle(document.getElementById('notice')!);
      const root = getComputedStyle(document.documentElement);
      return { background: box.backgroundColor, text: box.color, errorText: root.getPropertyValue('--error-text').trim(), bodyText: getComputedStyle(document.body).color };
    });
    assert.equal(colours.text, colours.bodyText, 'the notice is in the body text colour, not the error red');
    assert.notEqual(colours.background, 'rgb(253, 236, 235)', 'not the error box');
    assert.equal(await win.focusedId(), 'password');
    assert.deepEqual(await fieldState(page, 'password'), { invalid: null, describedBy: ['info-message'] });
    assert.deepEqual(win.problems(), []);
  });

  test("a certificate problem is named in the engine's words: self-signed", async (t) => {
    const win = await openLoginWindow(t, browser, { server: { tls: selfSignedCertificate() } });
    const { page, server } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'self-signed' }).waitFor();
    assert.equal(
      await alert.textContent(),
      `The secure connection to ${serverLabel(server.url)} failed: it uses a self-signed certificate, which this computer does not trust.`,
    );
    assert.equal(await win.focusedId(), 'server-address');
    assert.equal(win.bridge.calls().includes('login'), false);
    assert.deepEqual(win.problems(), []);
  });

  test('a refused token: focus on the token, marked invalid', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page } = win;
    await openTokenStep(win);
    await submitUnknownToken(win);
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'token-refused', message: '' }) }).waitFor();
    await page.locator('#token-sign-in:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'token-value');
    assert.deepEqual(await fieldState(page, 'token-value'), { invalid: 'true', describedBy: ['error-message', 'token-hint'] });
    assert.deepEqual(win.problems(), []);
  });

  test('at the smallest window size the page scrolls down to everything, never sideways, and nothing is cut at the top', async (t) => {
    const { minWidth, minHeight } = loginWindowOptions({ preload: '', darkTheme: false, devTools: false });
    const win = await openLoginWindow(t, browser, { viewport: { width: minWidth, height: minHeight } });
    const { page } = win;
    await submitPassword(win, 'alice', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();
    const fit = await outsideTheWindow(page);
    assert.deepEqual(fit.outside.filter((each) => each.box.top < 0 || each.box.left < 0 || each.box.right > minWidth), [], 'only below the fold');
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    assert.ok(scrollWidth <= minWidth, `no sideways scrolling (${scrollWidth} > ${minWidth})`);
    await page.locator('#use-token').scrollIntoViewIfNeeded();
    assert.equal(await page.locator('#use-token').isVisible(), true);
    assert.deepEqual(win.problems(), []);
  });
});
