import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { LOGIN_PAGE_BACKGROUND } from '../../main/desktop/login-window-options';
import type { SsoRunner, SsoWindowResult } from '../../main/desktop/sso-runner';
import { STRINGS } from '../../renderer/strings';
import { casService, customOAuthService, FAKE_CLIENT, FAKE_SAML_SECRET, samlService } from '../server/sso-services';
import { SSO_USER } from '../support/sso-fixture';
import { startFakeSsoProvider, type FakeSsoProvider } from '../server/fake-sso-provider';
import { closedLoopbackUrl, startHtmlSite } from '../support/stand-in-servers';
import { launchChromium } from './support/chromium';
import { openLoginWindow, type ColorScheme, type LoginWindow } from './support/login-window-fixture';
import { openTokenStep, submitPassword, submitUnknownToken } from './support/login-steps';
import { selfSignedCertificate } from '../support/self-signed';
import { disabledButtonContrast, outsideTheWindow } from './support/page-checks';

// Every state of the login window, in light and dark: a screenshot for people to look at
// (test-results/screenshots/state-<name>-<scheme>.png), and, measured in real Chromium, no axe
// violation, nothing outside the app's window, and every disabled button readable (≥ 4.5:1).

interface StateExpectations {
  /** A disabled button must be on screen (a countdown, a busy request): its contrast is measured. */
  disabledButton?: boolean;
}

async function checkState(win: LoginWindow, name: string, expect: StateExpectations = {}): Promise<void> {
  const where = `${name} (${win.colorScheme})`;
  // Quick measurements first: a busy state lasts only as long as the stand-in's delay.
  const pairs = await disabledButtonContrast(win.page);
  const fit = await outsideTheWindow(win.page);
  await win.screenshot(`state-${name}`);
  for (const pair of pairs) assert.ok(pair.ratio >= 4.5, `${where}: ${pair.what} is ${pair.text} on ${pair.background}, ${pair.ratio}:1`);
  if (expect.disabledButton) assert.ok(pairs.length > 0, `${where}: a disabled button was expected`);
  assert.deepEqual(fit.outside, [], `${where}: outside the ${fit.viewport.width}×${fit.viewport.height} window`);
  assert.ok(fit.scrollHeight <= fit.viewport.height, `${where}: the page scrolls (${fit.scrollHeight} > ${fit.viewport.height})`);
  const violations = await win.axeViolations();
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(win.problems(), [], where);
}

/**
 * How long the stand-in holds a request whose busy state is measured: as long as it can while
 * staying under the engine fixture's 3 s HTTP timeout (test/support/engine-fixture.ts).
 */
const BUSY_MS = 2_500;

const tooManyRequests = (resetInMs: number) => ({
  path: '/api/v1/login',
  status: 429,
  body: JSON.stringify({ success: false, error: 'Error, too many requests. Please slow down. [error-too-many-requests]' }),
  headers: { 'X-RateLimit-Reset': String(Date.now() + resetInMs) },
  times: 1,
});

/** A sign-in window that stays open until cancelled: the login window waits meanwhile. */
const pendingSsoWindow: SsoRunner = () => {
  let close: (result: SsoWindowResult) => void = () => undefined;
  const result = new Promise<SsoWindowResult>((resolve) => (close = resolve));
  return { result, cancel: () => close({ kind: 'closed' }), focus: () => undefined };
};

for (const colorScheme of ['light', 'dark'] as ColorScheme[]) {
  describe(`login window, every state, ${colorScheme} theme`, () => {
    let browser: Browser;
    let provider: FakeSsoProvider;
    let tls: { key: Buffer; cert: Buffer };
    before(async () => {
      browser = await launchChromium();
      provider = await startFakeSsoProvider({ users: [SSO_USER], clients: [FAKE_CLIENT], samlSecret: FAKE_SAML_SECRET });
      tls = selfSignedCertificate();
    });
    after(async () => {
      await browser.close();
      await provider.close();
    });

    test('the address step: empty, checking, checked, and each way an address fails', async (t) => {
      const site = await startHtmlSite();
      t.after(() => site.close());
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const expected = LOGIN_PAGE_BACKGROUND[colorScheme];
      const rgb = `rgb(${[1, 3, 5].map((at) => parseInt(expected.slice(at, at + 2), 16)).join(', ')})`;
      assert.equal(background, rgb, 'the page has the background the window paints before it (login-window-options.ts)');
      await win.waitForStep('server');
      await checkState(win, 'server-empty');

      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: STRINGS.server.missingAddress }).waitFor();
      await checkState(win, 'server-missing-address');

      const address = page.getByLabel(STRINGS.server.addressLabel);
      server.addFault({ path: '/api/info', delayMs: BUSY_MS, times: 1 });
      await address.fill(server.url);
      await address.blur();
      await page.locator('#server-check.is-pending').waitFor();
      await checkState(win, 'server-checking');
      await page.locator('#server-check.is-ok').waitFor();
      await checkState(win, 'server-checked');

      const failures: [string, string][] = [
        ['server-not-rocketchat-web-page', site.url],
        // Nothing is served under /chat of the stand-in: its /chat/api/info answers 404.
        ['server-not-rocketchat-http-404', `${server.url}/chat`],
        ['server-unreachable', await closedLoopbackUrl()],
        ['server-insecure-address', 'http://chat.example.com'],
      ];
      for (const [name, url] of failures) {
        await address.fill(url);
        await page.getByRole('button', { name: STRINGS.server.continue }).click();
        await page.locator('#notice.has-error').waitFor();
        await page.locator('#server-continue:not([disabled])').waitFor();
        await checkState(win, name);
      }
    });

    test('a certificate this computer does not trust', async (t) => {
      const win = await openLoginWindow(t, browser, {
        colorScheme,
        server: { tls },
      });
      const { page, server } = win;
      await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
      await page.keyboard.press('Enter');
      await page.locator('#notice.has-error').waitFor();
      await checkState(win, 'server-tls-self-signed');
    });

    test('the password step: empty, password shown, wrong password, rate limited, signing in, signed in', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
      await page.keyboard.press('Enter');
      await win.waitForStep('credentials');
      await page.locator('#server-version.is-ok').waitFor();
      await checkState(win, 'credentials-empty');

      await page.getByLabel(STRINGS.credentials.username).fill('alice');
      await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('wrong-password');
      await page.locator('#toggle-password').click();
      await checkState(win, 'credentials-password-shown');
      await page.locator('#toggle-password').click();

      await page.locator('#sign-in').click();
      await page.locator('#notice.has-error').waitFor();
      await page.locator('#sign-in:not([disabled])').waitFor();
      await checkState(win, 'credentials-wrong-password');

      server.addFault(tooManyRequests(75_000));
      await page.locator('#sign-in').click();
      await page.locator('#retry-countdown:not([hidden])').waitFor();
      await checkState(win, 'credentials-rate-limited-countdown', { disabledButton: true });
      server.clearFaults();
    });

    test('signing in, and signed in', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      server.addFault({ path: '/api/v1/login', delayMs: BUSY_MS, times: 1 });
      await submitPassword(win, 'alice', 'alice-password');
      await page.locator('#credentials-form[aria-busy="true"]').waitFor({ state: 'attached' });
      await checkState(win, 'credentials-signing-in', { disabledButton: true });
      await win.waitForStep('signed-in');
      await checkState(win, 'signed-in');
    });

    test('a locked account counts down', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme, server: { lockout: { userAttempts: 2, ipAttempts: 50, blockMs: 60_000 } } });
      const { page } = win;
      await submitPassword(win, 'alice', 'wrong-password');
      await page.locator('#notice.has-error').waitFor();
      await page.locator('#sign-in:not([disabled])').click();
      await page.locator('#sign-in[disabled]').waitFor({ state: 'detached' });
      await page.locator('#sign-in:not([disabled])').click();
      await page.locator('#retry-countdown:not([hidden])').waitFor();
      await checkState(win, 'credentials-account-locked-countdown', { disabledButton: true });
    });

    test('an expired session is a notice', async (t) => {
      const win = await openLoginWindow(t, browser, {
        colorScheme,
        prepare: async ({ engine, server }) => {
          await engine.login(server.url, { user: 'alice', password: 'alice-password' });
          server.revokeTokens('alice');
          await engine.session(server.url).resume();
        },
      });
      await win.page.locator('#notice.has-info').waitFor();
      await win.page.locator('#server-version.is-ok').waitFor();
      await checkState(win, 'credentials-session-expired-notice');
    });

    test('authenticator code: asked, wrong, verifying', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      await submitPassword(win, 'bob', 'bob-password');
      await win.waitForStep('two-factor');
      await checkState(win, 'two-factor-app');

      const now = Date.now();
      const accepted = new Set([-30_000, 0, 30_000].map((offset) => server.totpCode('bob', now + offset)));
      await page.keyboard.type(['000000', '111111', '222222'].find((code) => !accepted.has(code))!);
      await page.keyboard.press('Enter');
      await page.locator('#notice.has-error').waitFor();
      await page.locator('#verify:not([disabled])').waitFor();
      await checkState(win, 'two-factor-app-wrong-code');

      server.addFault({ path: '/api/v1/login', delayMs: BUSY_MS, times: 1 });
      await page.getByLabel(STRINGS.twoFactor.codeLabel).fill(server.totpCode('bob'));
      await page.keyboard.press('Enter');
      await page.locator('#code-form[aria-busy="true"]').waitFor({ state: 'attached' });
      await checkState(win, 'two-factor-verifying', { disabledButton: true });
      await win.waitForStep('signed-in');
    });

    test('e-mail code: sent to a masked address, sending another, sent earlier', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page, server } = win;
      await submitPassword(win, 'carol@example.com', 'carol-password');
      await win.waitForStep('two-factor');
      await page.locator('#resend-code:not([hidden])').waitFor();
      await checkState(win, 'two-factor-email-masked-address');

      server.addFault({ path: '/api/v1/users.2fa.sendEmailCode', delayMs: BUSY_MS, times: 1 });
      await page.getByRole('button', { name: STRINGS.twoFactor.resend }).click();
      await page.locator('#resend-code.is-busy').waitFor();
      await checkState(win, 'two-factor-email-resending', { disabledButton: true });
      await page.locator('#resend-code:not([disabled])').waitFor();

      await page.getByRole('button', { name: STRINGS.twoFactor.cancel }).click();
      await win.waitForStep('credentials');
      await page.getByLabel(STRINGS.credentials.username).fill('carol');
      await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('carol-password');
      await page.keyboard.press('Enter');
      await win.waitForStep('two-factor');
      await checkState(win, 'two-factor-email-sent-earlier');
    });

    test('sign-in services beside the password form, waiting for one, and alone', async (t) => {
      const services = [customOAuthService(provider), samlService(provider), casService(provider)];
      const win = await openLoginWindow(t, browser, { colorScheme, server: { loginServices: services }, ssoRunner: pendingSsoWindow });
      const { page, server } = win;
      await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
      await page.keyboard.press('Enter');
      await win.waitForStep('credentials');
      await page.locator('#sso-buttons button').first().waitFor();
      await page.locator('#server-version.is-ok').waitFor();
      await checkState(win, 'credentials-with-sso-buttons');

      await page.getByLabel(STRINGS.credentials.username).fill('alice');
      await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill('wrong-password');
      await page.keyboard.press('Enter');
      await page.locator('#notice.has-error').waitFor();
      await page.locator('#sign-in:not([disabled])').waitFor();
      await checkState(win, 'credentials-with-sso-buttons-wrong-password');

      await page.locator('#sso-buttons button').first().click();
      await page.locator('#sso-waiting:not([hidden])').waitFor();
      await checkState(win, 'credentials-waiting-for-sso', { disabledButton: true });
      await page.getByRole('button', { name: STRINGS.sso.cancel }).click();
      await page.locator('#sso-waiting').waitFor({ state: 'hidden' });
      await page.locator('#notice.has-info').waitFor();
      await checkState(win, 'credentials-sso-cancelled-notice');

      server.setOption('showFormLogin', false);
      await page.getByRole('button', { name: STRINGS.credentials.changeServerLabel }).click();
      await win.waitForStep('server');
      await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
      await page.keyboard.press('Enter');
      await win.waitForStep('credentials');
      await page.locator('#password-fields').waitFor({ state: 'hidden' });
      await checkState(win, 'credentials-sso-only');
    });

    test('a personal access token: asked, refused', async (t) => {
      const win = await openLoginWindow(t, browser, { colorScheme });
      const { page } = win;
      await openTokenStep(win);
      await checkState(win, 'token-empty');
      await submitUnknownToken(win);
      await page.locator('#notice.has-error').waitFor();
      await page.locator('#token-sign-in:not([disabled])').waitFor();
      await checkState(win, 'token-refused');
    });
  });
}
