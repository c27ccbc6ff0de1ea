import { LOCKED_DOWN_WEB_PREFERENCES, type LockedDownWebPreferences } from './locked-down-web-preferences';

/** The BrowserWindow options rc-tray uses, declared here so the choice is testable without Electron. */
export interface LoginWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  resizable: boolean;
  maximizable: boolean;
  fullscreenable: boolean;
  autoHideMenuBar: boolean;
  skipTaskbar: boolean;
  backgroundColor?: string;
  webPreferences: LockedDownWebPreferences & {
    preload: string;
    spellcheck: false;
    devTools: boolean;
  };
}

export function loginWindowOptions(input: { preload: string; darkTheme: boolean; devTools: boolean }): LoginWindowOptions {
  return {
    width: 420,
    height: 600,
    minWidth: 360,
    minHeight: 480,
    title: 'Sign in to Rocket.Chat — rc-tray',
    // Shown on 'ready-to-show', so the window never flashes blank.
    show: false,
    resizable: true,
    maximizable: false,
    fullscreenable: false,
    autoHideMenuBar: true,
    skipTaskbar: false,
    // Matches the page's own background in each theme until it paints.
    backgroundColor: input.darkTheme ? '#1f2329' : '#ffffff',
    webPreferences: {
      preload: input.preload,
      ...LOCKED_DOWN_WEB_PREFERENCES,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
