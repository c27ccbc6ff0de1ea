import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { LoginWindowService } from '../../../main/desktop/login-window-service';
import { loginWindowOptions } from '../../../main/desktop/login-window-options';
import type { Step } from '../../../renderer/login-flow';
import type { TestServerOptions } from '../../server/rocketchat-test-server';
import { startAppFilesServer } from '../../support/app-files-server';
import { engineFixture, type EngineFixture } from '../../support/engine-fixture';
import { installRcTrayBridge, type RcTrayBridge } from './rc-tray-bridge';
import type { SsoRunner } from '../../../main/desktop/sso-runner';

const RENDERER_DIST = path.resolve(__dirname, '../../../dist/renderer');
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-results/screenshots');

export type ColorScheme = 'light' | 'dark';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export interface LoginWindow extends EngineFixture {
  page: Page;
  service: LoginWindowService;
  bridge: RcTrayBridge;
  colorScheme: ColorScheme;
  /** Console errors, uncaught exceptions and CSP refusals seen so far: a clean page has none. */
  problems(): string[];
  waitForStep(step: Step): Promise<void>;
  /** The id of the focused element ('' for none). */
  focusedId(): Promise<string>;
  /** Saves test-results/screenshots/<name>-<scheme>.png. */
  screenshot(name: string): Promise<void>;
  /** axe-core's WCAG 2.1 A/AA and best-practice rules on the page as it is now. */
  axeViolations(): Promise<AxeViolation[]>;
}

export interface LoginWindowOptions {
  server?: TestServerOptions;
  colorScheme?: ColorScheme;
  /** Runs on the engine before the window opens (e.g. a session that has since expired). */
  prepare?: (fixture: EngineFixture) => Promise<void>;
  /** Opens sign-in windows for single sign-on (test/renderer/support/chromium-sso-window.ts). */
  ssoRunner?: SsoRunner;
  /** The page's size; the app's window (main/desktop/login-window-options.ts) unless told. */
  viewport?: { width: number; height: number };
}

/** The content size of the app's login window: it opens with `useContentSize`, so the page gets exactly this. */
export function appWindowViewport(): { width: number; height: number } {
  const options = loginWindowOptions({ preload: '', darkTheme: false, devTools: false });
  return { width: options.width, height: options.height };
}

let axeSource: string | undefined;

/**
 * The built login page in a fresh browser context (the app window's content size), its
 * `window.rcTray` wired to a real LoginWindowService over a real engine, keychain and test
 * server. Everything is closed when the test ends.
 */
export async function openLoginWindow(t: TestContext, browser: Browser, options: LoginWindowOptions = {}): Promise<LoginWindow> {
  if (!existsSync(path.join(RENDERER_DIST, 'login.js'))) throw new Error(`${RENDERER_DIST} has no build: run "npm run build" first`);
  const fixture = await engineFixture(t, { server: options.server });
  await options.prepare?.(fixture);
  const service = new LoginWindowService(fixture.engine, undefined, options.ssoRunner);
  const files = await startAppFilesServer(RENDERER_DIST);
  const colorScheme = options.colorScheme ?? 'light';
  const context = await browser.newContext({ viewport: options.viewport ?? appWindowViewport(), deviceScaleFactor: 2, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: files.origin });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  const bridge = await installRcTrayBridge(page, service);
  t.after(async () => {
    bridge.dispose();
    await context.close();
    service.dispose();
    await files.close();
  });

  await page.goto(`${files.origin}/login.html`);
  await page.waitForSelector('#window[data-step]', { timeout: 10_000 }).catch((error: unknown) => {
    throw new Error(`the login page did not start: ${String(error)}\n${problems.join('\n')}`);
  });

  return {
    ...fixture,
    page,
    service,
    bridge,
    colorScheme,
    problems: () => [...problems],
    waitForStep: async (step) => {
      await page.waitForSelector(`#window[data-step="${step}"]`);
    },
    focusedId: () => page.evaluate(() => document.activeElement?.id ?? ''),
    screenshot: async (name) => {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      // The caret blinks and spinners turn: hide both so the same state gives the same picture.
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`), animations: 'disabled', caret: 'hide' });
    },
    axeViolations: async () => {
      axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      // Evaluated rather than added as a <script>: the page's CSP stays in force during the scan.
      await page.evaluate(axeSource);
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
        return result.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.join(' ')),
        }));
      });
    },
  };
}
