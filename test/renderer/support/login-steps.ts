import { STRINGS } from '../../../renderer/strings';
import type { LoginWindow } from './login-window-fixture';

/** Server step, then username and password, submitted: what a person does before any 2FA. */
export async function submitPassword(win: LoginWindow, user: string, password: string, server = win.server.url): Promise<void> {
  const { page } = win;
  await win.waitForStep('server');
  await page.getByLabel(STRINGS.server.addressLabel).fill(server);
  await page.getByRole('button', { name: STRINGS.server.continue }).click();
  await win.waitForStep('credentials');
  await page.getByLabel(STRINGS.credentials.username).fill(user);
  await page.getByLabel(STRINGS.credentials.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: STRINGS.credentials.signIn }).click();
}

/** Waits for the polite status region (visually hidden, so not "visible" to Playwright) to say `text`. */
export async function waitForAnnouncement(win: LoginWindow, text: string): Promise<void> {
  await win.page.waitForFunction((expected) => document.getElementById('announcer')?.textContent === expected, text);
}

export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Server step, then "Use a personal access token": the token form, empty. */
export async function openTokenStep(win: LoginWindow): Promise<void> {
  const { page } = win;
  await page.getByLabel(STRINGS.server.addressLabel).fill(win.server.url);
  await page.keyboard.press('Enter');
  await win.waitForStep('credentials');
  await page.getByRole('button', { name: STRINGS.token.link }).click();
  await win.waitForStep('token');
}

/** A user id and token the stand-in never issued, submitted. */
export async function submitUnknownToken(win: LoginWindow): Promise<void> {
  await win.page.getByLabel(STRINGS.token.userId).fill('no-such-user');
  await win.page.getByLabel(STRINGS.token.token, { exact: true }).fill('not-a-token');
  await win.page.keyboard.press('Enter');
}
