import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { STRINGS, errorMessage, signedInAs } from '../../renderer/strings';
import { signInError } from '../../main/common/sign-in-messages';
import { startFakeSsoProvider, type FakeSsoProvider } from '../server/fake-sso-provider';
import { casService, customOAuthService, FAKE_CLIENT, FAKE_SAML_SECRET, samlService } from '../server/sso-services';
import type { TestServerOptions } from '../server/rocketchat-test-server';
import { secretToolItems } from '../support/secret-tool';
import { SSO_USER } from '../support/sso-fixture';
import { launchChromium } from './support/chromium';
import { chromiumSsoWindows } from './support/chromium-sso-window';
import { openLoginWindow, type LoginWindow } from './support/login-window-fixture';
import type { EngineFixture } from '../support/engine-fixture';

// The whole flow in real Chromium: the login page, then the provider's and the server's own pages
// in a separate browser context (the sign-in window), through the same navigation decisions the
// Electron glue uses.

describe('login window: single sign-on and personal access tokens', () => {
  let browser: Browser;
  let provider: FakeSsoProvider;
  before(async () => {
    browser = await launchChromium();
    provider = await startFakeSsoProvider({ users: [SSO_USER], clients: [FAKE_CLIENT], samlSecret: FAKE_SAML_SECRET });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function open(t: TestContext, server: TestServerOptions = {}, prepare?: (fixture: EngineFixture) => Promise<void>) {
    provider.failLoginPage(false);
    const windows = chromiumSsoWindows(browser);
    const win = await openLoginWindow(t, browser, {
      server: { loginServices: [customOAuthService(provider), samlService(provider), casService(provider)], ...server },
      ssoRunner: windows.runner,
      prepare,
    });
    return { win, windows };
  }

  async function toCredentials(win: LoginWindow): Promise<void> {
    await win.waitForStep('server');
    await win.page.getByLabel(STRINGS.server.addressLabel).fill(win.server.url);
    await win.page.getByRole('button', { name: STRINGS.server.continue }).click();
    await win.waitForStep('credentials');
    await win.page.locator('#sso-buttons button').first().waitFor();
  }

  async function signInAtProvider(page: Page, action: 'allow' | 'deny' = 'allow'): Promise<void> {
    await page.locator('#provider-username').waitFor();
    await page.locator('#provider-username').fill(SSO_USER.username);
    await page.locator('#provider-password').fill(SSO_USER.password);
    await page.locator(action === 'allow' ? '#provider-sign-in' : '#provider-cancel').click();
  }

  test('an SSO-only server shows only its buttons; OAuth in the sign-in window signs in, and the token is in the keychain', async (t) => {
    const { win, windows } = await open(t, { showFormLogin: false });
    await toCredentials(win);
    const { page } = win;
    assert.equal(await page.locator('#password-fields').isHidden(), true, 'no password form');
    assert.deepEqual(await page.locator('#sso-buttons button').allTextContents(), ['Fake IdP', 'Company SAML', 'University CAS']);
    assert.equal(await page.locator('#sso-services-label').textContent(), STRINGS.sso.separatorOnly);
    assert.equal(await win.focusedId(), '', 'focus is on the first service button (no id)');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent), 'Fake IdP');

    await page.getByRole('button', { name: 'Fake IdP' }).click();
    await page.locator('#sso-waiting').filter({ hasText: STRINGS.sso.waiting }).waitFor();
    assert.equal(await page.getByRole('button', { name: STRINGS.sso.cancel }).isVisible(), true);
    const sso = await windows.opened();
    await signInAtProvider(sso);
    await win.waitForStep('signed-in');
    assert.equal(await page.locator('#intro').textContent(), signedInAs('Sam Single', 'sam'));
    assert.ok(windows.visited.some((url) => url.startsWith(`${win.server.url}/_oauth/fake-idp`) && url.includes('#')), 'the end page put the credential into the address');
    assert.equal((await secretToolItems(win.keychainService)).length, 1);
    assert.deepEqual(win.problems(), []);
    assert.deepEqual(await win.axeViolations(), []);
  });

  test('the password form and the buttons together; 2FA after SSO asks for the code in the login window', async (t) => {
    const { win, windows } = await open(t);
    win.server.addUser({ username: 'sam', password: 'unknown-local', email: SSO_USER.email, twoFactor: 'totp' });
    await toCredentials(win);
    assert.equal(await win.page.locator('#password-fields').isVisible(), true);
    assert.equal(await win.page.locator('#sso-services-label').textContent(), STRINGS.sso.separator);
    await win.page.getByRole('button', { name: 'Fake IdP' }).click();
    await signInAtProvider(await windows.opened());
    await win.waitForStep('two-factor');
    await win.page.getByLabel(STRINGS.twoFactor.codeLabel).fill(win.server.totpCode('sam'));
    await win.page.getByRole('button', { name: STRINGS.twoFactor.verify }).click();
    await win.waitForStep('signed-in');
  });

  test('SAML and CAS go through their own pages to a signed-in window', async (t) => {
    for (const label of ['Company SAML', 'University CAS']) {
      const { win, windows } = await open(t);
      await toCredentials(win);
      await win.page.getByRole('button', { name: label }).click();
      await signInAtProvider(await windows.opened());
      await win.waitForStep('signed-in');
    }
  });

  test('cancelled at the provider, a closed window, Cancel here: each says so and the form stays', async (t) => {
    const { win, windows } = await open(t);
    await toCredentials(win);
    const { page } = win;
    await page.getByRole('button', { name: 'Fake IdP' }).click();
    await signInAtProvider(await windows.opened(), 'deny');
    await page.locator('#info-message').filter({ hasText: errorMessage(signInError('cancelled')) }).waitFor();
    assert.equal(await page.locator('#window').getAttribute('data-step'), 'credentials');

    await page.getByRole('button', { name: 'Company SAML' }).click();
    await (await windows.opened()).close();
    await page.locator('#info-message').filter({ hasText: errorMessage(signInError('cancelled')) }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Company SAML' }).isEnabled(), true);

    await page.getByRole('button', { name: 'University CAS' }).click();
    await (await windows.opened()).locator('#provider-username').waitFor();
    await page.getByRole('button', { name: STRINGS.sso.cancel }).click();
    await page.locator('#info-message').filter({ hasText: errorMessage(signInError('cancelled')) }).waitFor();
    assert.equal(await page.locator('#sso-cancel').isHidden(), true);
  });

  test('a provider error page, and a server redirecting somewhere unexpected, end in clear messages', async (t) => {
    const { win, windows } = await open(t);
    await toCredentials(win);
    const { page } = win;
    provider.failLoginPage(true);
    await page.getByRole('button', { name: 'Fake IdP' }).click();
    await windows.opened();
    await page.locator('#error-message').filter({ hasText: errorMessage(signInError('sso-provider-error')) }).waitFor();
    provider.failLoginPage(false);

    win.server.addFault({ path: '/_oauth/fake-idp', status: 302, headers: { Location: `${win.server.url}/home` } });
    await page.getByRole('button', { name: 'Fake IdP' }).click();
    await signInAtProvider(await windows.opened());
    await page.locator('#error-message').filter({ hasText: errorMessage(signInError('sso-unexpected-redirect')) }).waitFor();
    assert.deepEqual(await secretToolItems(win.keychainService), []);
  });

  test('a failed sign-in over a saved session loses nothing: that session stays signed in', async (t) => {
    const { win, windows } = await open(t, {}, async (fixture) => {
      await fixture.engine.login(fixture.server.url, { user: 'alice', password: 'alice-password' });
    });
    await win.waitForStep('server');
    await win.page.getByLabel(STRINGS.server.addressLabel).fill(win.server.url);
    await win.page.getByRole('button', { name: STRINGS.server.continue }).click();
    await win.page.locator('#sso-buttons button').first().waitFor();
    await win.page.getByRole('button', { name: 'Fake IdP' }).click();
    await (await windows.opened()).close();
    await win.page.locator('#info-message').filter({ hasText: errorMessage(signInError('cancelled')) }).waitFor();
    const state = win.engine.session(win.server.url).state;
    assert.ok(state.kind === 'signed-in' && state.user.username === 'alice');
    assert.equal((await win.tokens.get(win.server.url))?.userId, state.user.id);
  });

  test('a personal access token: a refused one is said to be refused (not a wrong password); the right one signs in', async (t) => {
    const { win } = await open(t);
    await toCredentials(win);
    const { page } = win;
    const { token, userId } = win.server.createPersonalAccessToken('alice');
    await page.getByRole('button', { name: STRINGS.token.link }).click();
    await win.waitForStep('token');
    assert.equal(await win.focusedId(), 'token-user-id');
    await page.getByRole('button', { name: STRINGS.token.signIn }).click();
    await page.locator('#error-message').filter({ hasText: STRINGS.token.missingUserId }).waitFor();
    await page.getByLabel(STRINGS.token.userId).fill(userId);
    await page.getByLabel(STRINGS.token.token, { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: STRINGS.token.signIn }).click();
    await page.locator('#error-message').filter({ hasText: errorMessage(signInError('token-refused')) }).waitFor();
    assert.equal(await page.locator('#window').getAttribute('data-step'), 'token');
    assert.equal(await page.getByLabel(STRINGS.token.token, { exact: true }).getAttribute('type'), 'password');
    await page.getByLabel(STRINGS.token.token, { exact: true }).fill(token);
    await page.getByRole('button', { name: STRINGS.token.signIn }).click();
    await win.waitForStep('signed-in');
    const [item] = await secretToolItems(win.keychainService);
    assert.equal(JSON.parse(item!.secret).kind, 'personal-access-token');
    assert.deepEqual(win.problems(), []);
  });
});
