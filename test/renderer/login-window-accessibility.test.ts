import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { STRINGS, errorMessage } from '../../renderer/strings';
import { startHtmlSite } from '../support/stand-in-servers';
import { launchChromium } from './support/chromium';
import { openLoginWindow, type ColorScheme, type LoginWindow } from './support/login-window-fixture';
import { submitPassword } from './support/login-steps';

/** No axe violations, and a screenshot of the same state for people to look at. */
async function checkStep(win: LoginWindow, name: string): Promise<void> {
  await win.screenshot(`step-${name}`);
  const violations = await win.axeViolations();
  assert.deepEqual(violations, [], `${name} (${win.colorScheme}): ${JSON.stringify(violations, null, 2)}`);
}

const tooManyRequests = (resetInMs: number) => ({
  path: '/api/v1/login',
  status: 429,
  body: JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. [error-too-many-requests]' }),
  headers: { 'X-RateLimit-Reset': String(Date.now() + resetInMs) },
  times: 1,
});

for (const colorScheme of ['light', 'dark'] as ColorScheme[]) {
  describe(`login window accessibility, ${colorScheme} theme`, () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
    });
    after(async () => {
      await browser.close();
    });

    test('address and password steps, with their errors', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background === 'rgb(244, 246, 249)', colorScheme === 'light', `the page follows the ${colorScheme} theme (${background})`);
      await win.waitForStep('server');
      await checkStep(win, '01-server');

      const address = page.getByLabel(STRINGS.server.addressLabel);
      await address.fill(server.url);
      await address.blur();
      await page.locator('#server-check.is-ok').waitFor();
      await checkStep(win, '02-server-checked');

      await page.getByRole('button', { name: STRINGS.server.continue }).click();
      await win.waitForStep('credentials');
      await page.getByLabel(STRINGS.credentials.username).fill('alice');
      await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('wrong-password');
      await checkStep(win, '04-credentials');

      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'invalid-credentials', message: '' }) }).waitFor();
      await page.locator('#sign-in:not([disabled])').waitFor();
      await checkStep(win, '05-credentials-wrong-password');

      server.addFault(tooManyRequests(75_000));
      await page.locator('#sign-in').click();
      await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'rate-limited', message: '' }) }).waitFor();
      await page.locator('#retry-countdown:not([hidden])').waitFor();
      await checkStep(win, '06-credentials-rate-limited');
      assert.deepEqual(win.problems(), []);
    });

    test('a server that is not Rocket.Chat', async (t) => {
      const site = await startHtmlSite();
      t.after(() => site.close());
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page } = win;
      await page.getByLabel(STRINGS.server.addressLabel).fill(site.url);
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'not-rocketchat', message: '' }, { server: site.url.replace('http://', '') }) }).waitFor();
      await checkStep(win, '03-server-not-rocketchat');
      assert.deepEqual(win.problems(), []);
    });

    test('authenticator code step, its error, and signed in', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      await submitPassword(win, 'bob', 'bob-password');
      await win.waitForStep('two-factor');
      await checkStep(win, '07-two-factor-app');

      const now = Date.now();
      const accepted = new Set([-30_000, 0, 30_000].map((offset) => server.totpCode('bob', now + offset)));
      await page.keyboard.type(['000000', '111111', '222222'].find((code) => !accepted.has(code))!);
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: errorMessage({ code: 'totp-invalid', message: '' }) }).waitFor();
      await page.locator('#verify:not([disabled])').waitFor();
      await checkStep(win, '08-two-factor-wrong-code');

      await page.getByLabel(STRINGS.twoFactor.codeLabel).fill(server.totpCode('bob'));
      await page.keyboard.press('Enter');
      await win.waitForStep('signed-in');
      await checkStep(win, '10-signed-in');
      assert.deepEqual(win.problems(), []);
    });

    test('e-mail code step', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      await submitPassword(win, 'carol', 'carol-password');
      await win.waitForStep('two-factor');
      await win.page.locator('#resend-code:not([hidden])').waitFor();
      await checkStep(win, '09-two-factor-email');
      assert.deepEqual(win.problems(), []);
    });
  });
}
