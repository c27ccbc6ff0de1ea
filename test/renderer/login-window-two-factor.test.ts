import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { serverLabel } from '../../renderer/login-flow';
import { STRINGS, errorMessage, signedInAs, twoFactorInstruction } from '../../renderer/strings';
import { secretToolItems } from '../support/secret-tool';
import { launchChromium } from './support/chromium';
import { openLoginWindow } from './support/login-window-fixture';
import { eventually, submitPassword, waitForAnnouncement } from './support/login-steps';

describe('login window: two-step verification', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  test('TOTP: a wrong code is reported, a pasted "123 456" code signs in', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'bob', 'bob-password');
    await win.waitForStep('two-factor');
    assert.equal(await page.locator('#intro').textContent(), twoFactorInstruction({ method: 'totp', codeSent: false }, { account: 'bob', server: serverLabel(server.url) }));
    assert.equal(await win.focusedId(), 'code');
    assert.equal(await page.locator('#resend-code').isHidden(), true, 'an authenticator app code cannot be resent');
    const codeField = page.getByLabel(STRINGS.twoFactor.codeLabel);
    assert.equal(await codeField.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await codeField.getAttribute('inputmode'), 'numeric');
    assert.equal(await codeField.getAttribute('pattern'), '[0-9]*');

    // A code no nearby time step would accept.
    const now = Date.now();
    const accepted = new Set([-30_000, 0, 30_000].map((offset) => server.totpCode('bob', now + offset)));
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !accepted.has(code))!;
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'totp-invalid', message: '' }) }).waitFor();
    await page.locator('#verify:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'code', 'focus goes to the code to fix');
    assert.equal(await codeField.getAttribute('aria-invalid'), 'true');
    assert.equal(await codeField.inputValue(), '', 'the refused code is cleared for the next one');

    const code = server.totpCode('bob');
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${code.slice(0, 3)} ${code.slice(3)}`);
    await codeField.focus();
    await page.keyboard.press('ControlOrMeta+V');
    assert.equal(await codeField.inputValue(), code, 'the grouped code is pasted as digits only');
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.equal(await page.locator('#intro').textContent(), signedInAs('Bob Example', 'bob'));
    assert.deepEqual((await secretToolItems(win.keychainService)).map((item) => item.account), [server.url]);
    assert.deepEqual(win.problems(), []);
  });

  test('Cancel goes back to the password step; signing in again asks for a code again', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'bob', 'bob-password');
    await win.waitForStep('two-factor');
    await page.getByRole('button', { name: STRINGS.twoFactor.cancel }).click();
    await win.waitForStep('credentials');
    assert.equal(await win.focusedId(), 'password');
    assert.equal(await page.getByLabel(STRINGS.credentials.username).inputValue(), 'bob');
    assert.equal(await page.getByRole('alert').textContent(), '', 'cancelling is not an error');
    assert.equal(win.engine.session(server.url).state.kind, 'signed-out');

    await page.keyboard.press('Enter');
    await win.waitForStep('two-factor');
    await page.keyboard.type(server.totpCode('bob'));
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.deepEqual(win.problems(), []);
  });

  test('e-mail code: Resend mails another, a typed "123-456" code signs in', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'carol', 'carol-password');
    await win.waitForStep('two-factor');
    assert.equal(await page.locator('#intro').textContent(), twoFactorInstruction({ method: 'email', codeSent: true }, { account: 'carol', server: serverLabel(server.url) }));
    assert.equal(server.emailCount('carol'), 1);

    // Slowed so the busy Resend button can be seen.
    server.addFault({ path: '/api/v1/users.2fa.sendEmailCode', delayMs: 400, times: 1 });
    const resend = page.getByRole('button', { name: STRINGS.twoFactor.resend });
    await resend.click();
    await page.locator('#resend-code[disabled]').waitFor();
    await eventually(() => server.emailCount('carol') === 2, 'a second code is mailed');
    await waitForAnnouncement(win, STRINGS.twoFactor.codeResent);
    await page.locator('#resend-code:not([disabled])').waitFor();
    assert.equal(await win.focusedId(), 'code', 'focus returns to the code field');
    assert.equal(await page.locator('#intro').textContent(), twoFactorInstruction({ method: 'email', codeSent: true }, { account: 'carol', server: serverLabel(server.url) }));

    const code = server.lastEmailCode('carol')!;
    await page.keyboard.type(`${code.slice(0, 3)}-${code.slice(3)}`);
    assert.equal(await page.getByLabel(STRINGS.twoFactor.codeLabel).inputValue(), code);
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.equal(await page.locator('#intro').textContent(), signedInAs('Carol Example', 'carol'));
    assert.equal((await secretToolItems(win.keychainService)).length, 1);
    assert.deepEqual(win.problems(), []);
  });

  test('e-mail code already sent: the window points to the earlier e-mail', async (t) => {
    const win = await openLoginWindow(t, browser);
    const { page, server } = win;
    await submitPassword(win, 'carol', 'carol-password');
    await win.waitForStep('two-factor');
    await page.getByRole('button', { name: STRINGS.twoFactor.cancel }).click();
    await win.waitForStep('credentials');
    await page.keyboard.press('Enter');
    await page.locator('#intro').filter({ hasText: twoFactorInstruction({ method: 'email', codeSent: false }, { account: 'carol', server: serverLabel(server.url) }) }).waitFor();
    assert.equal(server.emailCount('carol'), 1, 'no second e-mail while the first code is still good');
    await page.keyboard.type(server.lastEmailCode('carol')!);
    await page.keyboard.press('Enter');
    await win.waitForStep('signed-in');
    assert.deepEqual(win.problems(), []);
  });
});
