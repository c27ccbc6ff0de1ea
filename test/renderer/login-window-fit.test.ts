import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SessionState } from '../../main/common/session-state';
import type { SignInErrorCode } from '../../main/common/sign-in-error';
import { signInError } from '../../main/common/sign-in-messages';
import { tlsFailureWords } from '../../main/engine/http/tls-failure-words';
import { stepForSession } from '../../renderer/login-flow';
import { STRINGS } from '../../renderer/strings';
import { casService, customOAuthService, samlService } from '../server/sso-services';
import { startFakeSsoProvider, type FakeSsoProvider } from '../server/fake-sso-provider';
import { launchChromium } from './support/chromium';
import { openLoginWindow, type LoginWindow } from './support/login-window-fixture';
import { outsideTheWindow } from './support/page-checks';
import { pushState } from './support/rc-tray-bridge';

// Issue 9 §3 "the alert does not push the form off the window": every message the engine can
// send, at its longest (with its detail and wait), shown on the step it leads to, in the app's
// window size. The states are pushed into the page as main would push them.

const EVERY_CODE: Record<SignInErrorCode, true> = {
  'invalid-address': true, 'insecure-address': true, 'not-rocketchat': true, unreachable: true, 'tls-failure': true,
  timeout: true, 'server-error': true, 'bad-response': true, redirected: true, 'invalid-credentials': true,
  'session-expired': true, 'totp-invalid': true, 'code-malformed': true, 'totp-max-attempts': true,
  'login-blocked-user': true, 'login-blocked-ip': true, 'user-deactivated': true, 'app-user-not-allowed': true,
  'email-not-verified': true, 'user-has-no-roles': true, 'license-user-limit': true, 'login-refused': true,
  'rate-limited': true, 'keychain-unavailable': true, 'keychain-locked': true, 'status-not-allowed': true,
  'status-message-not-allowed': true, 'status-expiry-unsupported': true, 'request-refused': true,
  'not-signed-in': true, cancelled: true, 'token-refused': true, 'token-not-allowed': true, 'sso-refused': true,
  'sso-provider-error': true, 'sso-unexpected-redirect': true, 'sso-unavailable': true, unexpected: true,
};

/** The longest detail each code may carry, from the engine's own wording. */
const LONGEST_DETAIL: Partial<Record<SignInErrorCode, string>> = {
  'not-rocketchat': 'its /api/info answer has no Rocket.Chat version',
  unreachable: 'the connection was closed',
  'tls-failure': tlsFailureWords('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'https://chat.example.com'),
  cancelled: 'The sign-in waited too long for the code. Enter your password again.',
};

const TWO_FACTOR_CODES = new Set<SignInErrorCode>(['totp-invalid', 'code-malformed', 'totp-max-attempts']);

function stateFor(code: SignInErrorCode, server: string): SessionState {
  const error = signInError(code, {
    server,
    ...(LONGEST_DETAIL[code] ? { detail: LONGEST_DETAIL[code] } : {}),
    ...(['rate-limited', 'login-blocked-user', 'login-blocked-ip'].includes(code) ? { retryAfterSeconds: 600 } : {}),
  });
  if (TWO_FACTOR_CODES.has(code)) return { kind: 'needs-2fa', server, username: 'carol@example.com', twoFactor: { method: 'email', codeSent: true }, error };
  return { kind: 'signed-out', server, error };
}

describe('login window: every message fits the window', () => {
  let browser: Browser;
  let provider: FakeSsoProvider;
  before(async () => {
    browser = await launchChromium();
    provider = await startFakeSsoProvider({ users: [], clients: [] });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function everyCode(t: TestContext, win: LoginWindow, layout: string): Promise<void> {
    const { page, server } = win;
    await page.getByLabel(STRINGS.server.addressLabel).fill(server.url);
    await page.keyboard.press('Enter');
    await win.waitForStep('credentials');
    await page.locator('#server-version.is-ok').waitFor();
    let step: Parameters<typeof stepForSession>[1] = 'credentials';
    // The token codes last: after them the window stays on the token form (login-flow.ts).
    const codes = (Object.keys(EVERY_CODE) as SignInErrorCode[]).sort((a, b) => Number(a.startsWith('token-')) - Number(b.startsWith('token-')));
    for (const code of codes) {
      await t.test(code, async () => {
        const session = stateFor(code, server.url);
        // Between two messages, none: each push is a change of its own.
        await pushState(page, { session: { kind: 'signed-out', server: server.url } });
        await page.locator('#notice:not(.has-error):not(.has-info)').waitFor({ state: 'attached' });
        const before = (await page.locator('#window').getAttribute('data-step')) as typeof step;
        await pushState(page, { session });
        step = stepForSession(session, before);
        await win.waitForStep(step);
        await page.locator('#notice.has-error, #notice.has-info').waitFor();
        const fit = await outsideTheWindow(page);
        await win.screenshot(`message-${code}-${layout}`);
        assert.deepEqual(fit.outside, [], `${code} on the ${step} step: ${JSON.stringify(fit)}`);
        assert.ok(fit.scrollHeight <= fit.viewport.height, `${code} on the ${step} step: the page scrolls (${fit.scrollHeight} > ${fit.viewport.height})`);
      });
    }
    assert.deepEqual(win.problems(), []);
  }

  test('on a server with the password form only', async (t) => {
    await everyCode(t, await openLoginWindow(t, browser), 'password-form');
  });

  test('on a server that offers three sign-in services beside the form', async (t) => {
    const services = [customOAuthService(provider), samlService(provider), casService(provider)];
    const win = await openLoginWindow(t, browser, { server: { loginServices: services } });
    await win.page.getByLabel(STRINGS.server.addressLabel).fill(win.server.url);
    await win.page.keyboard.press('Enter');
    await win.page.locator('#sso-buttons button').first().waitFor();
    await win.page.getByRole('button', { name: STRINGS.credentials.changeServerLabel }).click();
    await everyCode(t, win, 'with-sso');
  });
});
