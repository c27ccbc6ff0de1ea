import type { LoginItemSettingsChange } from '../desktop/autostart';
import type { LoginWindowOptions } from '../desktop/login-window-options';
import type { SsoWindowOptions } from '../desktop/sso-window-options';

/**
 * The parts of Electron the app uses, as small structural interfaces: main.ts hands the real
 * modules over (tsc checks they fit), tests hand over fakes. Nothing here imports Electron.
 */

export interface AppPort {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  /** macOS: the app was opened again (Finder, Dock, Spotlight) while running. */
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: () => void): unknown;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin: boolean };
  setLoginItemSettings(settings: LoginItemSettingsChange): void;
  setAppUserModelId(id: string): void;
  readonly dock?: { hide(): void } | undefined;
}

/** What `Menu.buildFromTemplate` returns; only handed back to the tray. */
export type MenuHandle = object;

export interface MenuTemplateItem {
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  label?: string;
  role?: 'editMenu' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'quit' | 'appMenu';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export interface MenuPort {
  buildFromTemplate(template: MenuTemplateItem[]): MenuHandle;
  /** null removes Electron's default menu (File/Edit/View/Window/Help, lib/browser/default-menu.ts). */
  setApplicationMenu(menu: MenuHandle | null): void;
}

export interface TrayPort {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuHandle | null): void;
  popUpContextMenu(): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NavigationEvent {
  preventDefault(): void;
}

export interface SessionPort {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface WebContentsPort {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  once(event: 'did-finish-load', listener: () => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** `will-navigate`/`will-redirect` (docs/api/web-contents.md): the event carries the target URL (the positional `url` is deprecated). */
export interface NavigationAttempt extends NavigationEvent {
  readonly url?: string;
  readonly isMainFrame?: boolean;
}

/** What the single sign-on window watches on its webContents (docs/api/web-contents.md, instance events). */
export interface SsoContentsPort {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: NavigationAttempt, url: string) => void): unknown;
  on(event: 'did-navigate', listener: (event: unknown, url: string, httpResponseCode: number, httpStatusText: string) => void): unknown;
  on(event: 'did-navigate-in-page', listener: (event: unknown, url: string, isMainFrame: boolean) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'did-fail-load', listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  getURL(): string;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  isDestroyed(): boolean;
}

export interface SsoWindowPort {
  readonly webContents: SsoContentsPort;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  on(event: 'closed', listener: () => void): unknown;
}

/** A session of its own per sign-in (docs/api/session.md): permissions refused, storage cleared after. */
export interface PartitionSessionPort extends SessionPort {
  clearStorageData(): Promise<void>;
}

export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export interface NotificationPort {
  on(event: 'click' | 'close', listener: () => void): unknown;
  /** macOS/Windows: show() failed (an unsigned macOS build, a Windows dev run without an AUMID shortcut). */
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
  close(): void;
}

export interface NotificationConstructor {
  new (options: { title: string; body: string }): NotificationPort;
  isSupported(): boolean;
  /** Windows: every activation, also from Action Center after the object is gone. */
  handleActivation?(callback: (details: { type: string }) => void): void;
}

export interface PowerMonitorPort {
  getSystemIdleTime(): number;
  on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown;
}

export interface IncomingMessagePort {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** `net.request`'s ClientRequest, as far as a manual-redirect request needs it. */
export interface ClientRequestPort {
  on(event: 'response', listener: (response: IncomingMessagePort) => void): unknown;
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  setHeader(name: string, value: string): void;
  end(chunk?: string | Buffer): unknown;
  abort(): void;
}

/** The WHATWG WebSocket surface the realtime connection uses (Electron's net.WebSocket). */
export interface NetWebSocketPort {
  readonly readyState: number;
  /** 'message' brings a MessageEvent (text as string), 'close' a CloseEvent. */
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: Event) => void): void;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface NetPort {
  isOnline(): boolean;
  fetch(input: string | Request, init?: RequestInit): Promise<Response>;
  request(options: { method: string; url: string; redirect: 'manual' }): ClientRequestPort;
  WebSocket: new (url: string) => NetWebSocketPort;
}

/** The sending frame of an IPC message, as far as the sender check needs it. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface CustomSchemePort {
  scheme: string;
  privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean; corsEnabled: boolean; stream: boolean };
}

export interface ProtocolPort {
  registerSchemesAsPrivileged(schemes: CustomSchemePort[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface ElectronPorts {
  app: AppPort;
  Tray: new (image: string) => TrayPort;
  Menu: MenuPort;
  BrowserWindow: new (options: LoginWindowOptions | SsoWindowOptions) => WindowPort & SsoWindowPort;
  Notification: NotificationConstructor;
  powerMonitor: PowerMonitorPort;
  net: NetPort;
  ipcMain: IpcMainPort;
  protocol: ProtocolPort;
  shell: { openExternal(url: string): Promise<void> };
  session: { defaultSession: SessionPort; fromPartition(partition: string, options?: { cache: boolean }): PartitionSessionPort };
  nativeTheme: { readonly shouldUseDarkColors: boolean };
}
