import { LOCKED_DOWN_WEB_PREFERENCES, type LockedDownWebPreferences } from './locked-down-web-preferences';

/**
 * The sign-in window for a provider's own pages. Unlike the login window it shows remote web
 * content, so (Electron security checklist, docs/tutorial/security.md §2-§4, §13-§15): no preload
 * at all (the page gets no bridge to rc-tray), the sandbox and context isolation on, no Node, its
 * own in-memory session partition (no cookies shared with anything, nothing kept on disk), and no
 * DevTools in packaged builds.
 */
export interface SsoWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  autoHideMenuBar: boolean;
  webPreferences: LockedDownWebPreferences & {
    partition: string;
    safeDialogs: true;
    devTools: boolean;
  };
}

/** An in-memory partition (no `persist:` prefix, docs/api/session.md `fromPartition`) unique to one flow. */
export function ssoPartition(flowId: string): string {
  return `rc-tray-sso-${flowId}`;
}

export function ssoWindowOptions(input: { partition: string; serviceLabel: string; devTools: boolean }): SsoWindowOptions {
  return {
    width: 520,
    height: 720,
    minWidth: 380,
    minHeight: 480,
    title: `Sign in with ${input.serviceLabel} — rc-tray`,
    // Shown at once: ready-to-show may never come on native Wayland (electron/electron#48859).
    show: true,
    autoHideMenuBar: true,
    webPreferences: {
      partition: input.partition,
      ...LOCKED_DOWN_WEB_PREFERENCES,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
