import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ssoNavigationAllowed, ssoPageOutcome, type SsoPage } from '../../../main/desktop/sso-navigation';
import type { SsoRunner, SsoWindowResult } from '../../../main/desktop/sso-runner';
import type { SsoFlow } from '../../../main/engine/sso/sso-flow';

export interface ChromiumSsoWindows {
  runner: SsoRunner;
  /** Each sign-in window's page, as it opens: the test plays the person on the provider's pages. */
  opened(): Promise<Page>;
  /** Every URL the windows' main frames committed, in order. */
  visited: string[];
}

/**
 * The sign-in window in real Chromium: a browser context of its own (the app's own partition),
 * every main-frame navigation fed through the same decisions the Electron glue uses
 * (desktop/sso-navigation.ts), navigations it refuses aborted, pop-ups closed.
 */
export function chromiumSsoWindows(browser: Browser): ChromiumSsoWindows {
  const waiting: Array<(page: Page) => void> = [];
  const ready: Page[] = [];
  const visited: string[] = [];
  const runner: SsoRunner = (flow: SsoFlow) => {
    let settle: (result: SsoWindowResult) => void = () => undefined;
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    const result = new Promise<SsoWindowResult>((resolve) => {
      let settled = false;
      settle = (value) => {
        if (settled) return;
        settled = true;
        resolve(value);
        void context?.close().catch(() => undefined);
      };
    });
    const judge = (view: SsoPage) => {
      const outcome = ssoPageOutcome(flow, view);
      if (outcome.kind === 'credential') settle({ kind: 'credential', credential: outcome.credential });
      if (outcome.kind === 'failed') settle({ kind: 'failed', error: outcome.error });
    };
    void (async () => {
      context = await browser.newContext({ viewport: { width: 520, height: 720 } });
      await context.route('**/*', async (route) => {
        const request = route.request();
        if (request.isNavigationRequest() && request.frame() === page?.mainFrame() && !ssoNavigationAllowed(flow, request.url())) {
          judge({ url: request.url(), phase: 'navigated' });
          await route.abort('blockedbyclient');
          return;
        }
        await route.continue();
      });
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('popup', (popup) => void popup.close());
      page.on('framenavigated', (frame) => {
        if (frame !== page!.mainFrame()) return;
        visited.push(frame.url());
        judge({ url: frame.url(), phase: 'navigated' });
      });
      page.on('response', (response) => {
        const request = response.request();
        if (request.isNavigationRequest() && request.frame() === page!.mainFrame() && response.status() >= 400) judge({ url: response.url(), phase: 'navigated', httpStatus: response.status() });
      });
      page.on('load', () => judge({ url: page!.url(), phase: 'loaded' }));
      page.on('close', () => settle({ kind: 'closed' }));
      const waiter = waiting.shift();
      if (waiter) waiter(page);
      else ready.push(page);
      await page.goto(flow.startUrl).catch(() => undefined);
    })();
    return { result, cancel: () => settle({ kind: 'closed' }), focus: () => void page?.bringToFront() };
  };
  return {
    runner,
    visited,
    opened: () => {
      const page = ready.shift();
      return page ? Promise.resolve(page) : new Promise<Page>((resolve) => waiting.push(resolve));
    },
  };
}
