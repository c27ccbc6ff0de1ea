import { LOCKED_DOWN_WEB_PREFERENCES, type LockedDownWebPreferences } from './locked-down-web-preferences';

/** The BrowserWindow options rc-tray uses, declared here so the choice is testable without Electron. */
export interface LoginWindowOptions {
  width: number;
  height: number;
  /**
   * width and height are the page's, the frame comes on top (Electron's BrowserWindow docs,
   * `useContentSize`): the layout is tested in exactly that viewport (test/renderer).
   */
  useContentSize: true;
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

/** renderer/login.css's `--bg` in each theme (a browser test compares them). */
export const LOGIN_PAGE_BACKGROUND = { light: '#f4f6f9', dark: '#15171b' } as const;

export function loginWindowOptions(input: { preload: string; darkTheme: boolean; devTools: boolean }): LoginWindowOptions {
  return {
    width: 420,
    height: 660,
    useContentSize: true,
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
    backgroundColor: input.darkTheme ? LOGIN_PAGE_BACKGROUND.dark : LOGIN_PAGE_BACKGROUND.light,
    webPreferences: {
      preload: input.preload,
      ...LOCKED_DOWN_WEB_PREFERENCES,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
