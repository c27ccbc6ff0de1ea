import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (Playwright's own download does not work here; platform notes §3). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.RC_TRAY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
