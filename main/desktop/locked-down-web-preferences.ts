/**
 * The web preferences every rc-tray window shares (Electron security checklist,
 * docs/tutorial/security.md): sandbox and context isolation on, no Node anywhere, web security on,
 * no mixed content, no <webview>, no navigation by drag and drop. Each window adds only what
 * differs (its preload or partition), so a hardening cannot be forgotten in one of them.
 */
export const LOCKED_DOWN_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const;

export type LockedDownWebPreferences = typeof LOCKED_DOWN_WEB_PREFERENCES;
