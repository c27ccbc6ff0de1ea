import type { LoginWindowState } from '../common/ipc-contract';
import { IPC_EVENTS } from '../common/ipc-contract';
import { LOGIN_PAGE_URL } from '../desktop/app-protocol';
import type { LoginWindowService } from '../desktop/login-window-service';
import { loginWindowOptions } from '../desktop/login-window-options';
import type { PlatformBehaviour } from '../desktop/platform-behaviour';
import type { Scheduler } from '../engine/session/scheduler';
import type { WindowPort } from './electron-ports';
import type { ElectronPorts } from './electron-ports';

export interface LoginWindowDeps {
  BrowserWindow: ElectronPorts['BrowserWindow'];
  nativeTheme: ElectronPorts['nativeTheme'];
  preload: string;
  devTools: boolean;
  showOn: PlatformBehaviour['showLoginWindowOn'];
  scheduler: Scheduler;
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
  private pendingClose?: unknown;

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
    this.cancelPendingClose();
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
    let shown = false;
    const showOnce = () => {
      if (shown || window.isDestroyed()) return;
      shown = true;
      window.show();
      window.focus();
    };
    if (this.deps.showOn.includes('ready-to-show')) window.once('ready-to-show', showOnce);
    if (this.deps.showOn.includes('did-finish-load')) window.webContents.once('did-finish-load', showOnce);
    window.on('closed', () => this.release(window));
    // A failed load leaves an empty window the person can close; there is nothing to retry.
    window.loadURL(LOGIN_PAGE_URL).catch(() => undefined);
  }

  /**
   * After a sign-in: the window shows "Signed in" for a moment, then goes. Never in the same turn:
   * the IPC reply that carries the signed-in state must reach the page first (a reply to a
   * destroyed frame is dropped, lib/browser/ipc-dispatch.ts:116).
   */
  closeAfter(ms: number): void {
    this.cancelPendingClose();
    if (!this.window) return;
    this.pendingClose = this.deps.scheduler.setTimeout(() => {
      this.pendingClose = undefined;
      this.close();
    }, ms);
  }

  private cancelPendingClose(): void {
    if (this.pendingClose !== undefined) this.deps.scheduler.clearTimeout(this.pendingClose);
    this.pendingClose = undefined;
  }

  /** Destroys the window (the person closed it, or on quit). */
  close(): void {
    this.cancelPendingClose();
    const window = this.window;
    if (!window) return;
    this.release(window);
    if (!window.isDestroyed()) window.destroy();
  }

  private release(window: WindowPort): void {
    if (this.window !== window) return;
    this.cancelPendingClose();
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
