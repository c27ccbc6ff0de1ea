import type { LoginWindowState } from '../common/ipc-contract';
import { IPC_EVENTS } from '../common/ipc-contract';
import { LOGIN_PAGE_URL } from '../desktop/app-protocol';
import type { LoginWindowService } from '../desktop/login-window-service';
import { loginWindowOptions } from '../desktop/login-window-options';
import type { WindowPort } from './electron-ports';
import type { ElectronPorts } from './electron-ports';

export interface LoginWindowDeps {
  BrowserWindow: ElectronPorts['BrowserWindow'];
  nativeTheme: ElectronPorts['nativeTheme'];
  preload: string;
  devTools: boolean;
  /** A fresh service per window: it lives exactly as long as the window. */
  createService(): LoginWindowService;
  onClosed(): void;
}

/**
 * The login window exists only while it is needed: created on demand, destroyed after sign-in or
 * when closed. A signed-in rc-tray has no BrowserWindow at all, not even a hidden one.
 */
export class LoginWindow {
  private window?: WindowPort;
  private active?: { service: LoginWindowService; stopPushing: () => void };

  constructor(private readonly deps: LoginWindowDeps) {}

  get isOpen(): boolean {
    return this.window !== undefined;
  }

  get webContentsId(): number | undefined {
    return this.window?.webContents.id;
  }

  get service(): LoginWindowService | undefined {
    return this.active?.service;
  }

  /** Shows the window, creating it if needed; the person asked for it (or no session exists). */
  open(): void {
    const existing = this.window;
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const options = loginWindowOptions({ preload: this.deps.preload, darkTheme: this.deps.nativeTheme.shouldUseDarkColors, devTools: this.deps.devTools });
    const window = new this.deps.BrowserWindow(options);
    this.window = window;
    lockDown(window);
    const service = this.deps.createService();
    const stopPushing = service.onChange((state: LoginWindowState) => {
      if (!window.webContents.isDestroyed()) window.webContents.send(IPC_EVENTS.stateChanged, state);
    });
    this.active = { service, stopPushing };
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window.on('closed', () => this.release(window));
    // A failed load leaves an empty window the person can close; there is nothing to retry.
    window.loadURL(LOGIN_PAGE_URL).catch(() => undefined);
  }

  /** Destroys the window (after sign-in, or on quit). */
  close(): void {
    const window = this.window;
    if (!window) return;
    this.release(window);
    if (!window.isDestroyed()) window.destroy();
  }

  private release(window: WindowPort): void {
    if (this.window !== window) return;
    this.window = undefined;
    const active = this.active;
    this.active = undefined;
    active?.stopPushing();
    active?.service.dispose();
    this.deps.onClosed();
  }
}

/** The page may not leave app://, open windows, or navigate anywhere (Electron security checklist). */
function lockDown(window: WindowPort): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
