import type {
  AppPort,
  ElectronPorts,
  InvokeEvent,
  MenuHandle,
  MenuTemplateItem,
  NavigationEvent,
  NotificationPort,
  TrayPort,
  WebContentsPort,
  WindowPort,
} from '../../main/electron-main/electron-ports';
import type { LoginItemSettingsChange } from '../../main/desktop/autostart';
import type { LoginWindowOptions } from '../../main/desktop/login-window-options';

// Listeners of every event share one emitter, so their argument lists are typed by the ports, not here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/** A tiny event emitter the fakes share; `emit` is how a test plays the OS or Chromium. */
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((each) => each !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    [...(this.listeners.get(event) ?? [])].forEach((listener) => listener(...args));
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface BuiltMenu {
  template: MenuTemplateItem[];
}

export class FakeTray extends Emitter implements TrayPort {
  readonly images: string[] = [];
  readonly toolTips: string[] = [];
  readonly menus: BuiltMenu[] = [];
  popUps = 0;
  destroyed = false;
  constructor(
    readonly initialImage: string,
    private readonly log: string[],
  ) {
    super();
    log.push('tray:created');
  }
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(toolTip: string): void {
    this.toolTips.push(toolTip);
  }
  setContextMenu(menu: MenuHandle | null): void {
    if (menu) this.menus.push(menu as BuiltMenu);
  }
  popUpContextMenu(): void {
    this.popUps += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }
  get image(): string {
    return this.images.at(-1) ?? this.initialImage;
  }
  get menu(): MenuTemplateItem[] {
    return this.menus.at(-1)?.template ?? [];
  }
  /** Finds an item by its label path, e.g. ['Status', 'Busy']. */
  item(...labels: string[]): MenuTemplateItem | undefined {
    let items: MenuTemplateItem[] | undefined = this.menu;
    let found: MenuTemplateItem | undefined;
    for (const label of labels) {
      found = items?.find((item) => item.label === label);
      items = found?.submenu;
    }
    return found;
  }
  labels(): string[] {
    return this.menu.map((item) => (item.type === 'separator' ? '---' : (item.label ?? '')));
  }
}

let nextWebContentsId = 100;

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler?: () => { action: 'deny' };
  destroyed = false;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays a navigation attempt; true when the app prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate'): boolean {
    let prevented = false;
    const navigation: NavigationEvent = { preventDefault: () => (prevented = true) };
    this.emit(event, navigation, 'https://evil.example/');
    return prevented;
  }
}

export class FakeWindow extends Emitter implements WindowPort {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = 0;
  destroyed = false;
  constructor(
    readonly options: LoginWindowOptions,
    log: string[],
  ) {
    super();
    log.push('window:created');
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** The IPC event a call from this window's login page carries. */
  invokeEvent(frame: Partial<{ url: string; parent: unknown }> = {}): InvokeEvent {
    return { sender: { id: this.webContents.id }, senderFrame: { url: frame.url ?? 'app://rc-tray/login.html', parent: frame.parent ?? null } };
  }
}

export class FakeNotification extends Emitter implements NotificationPort {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close');
  }
}

export interface FakeElectron extends ElectronPorts {
  log: string[];
  trays: FakeTray[];
  windows: FakeWindow[];
  notifications: FakeNotification[];
  /** What happened on the fake app (quit, login item changes). */
  appCalls: { quit: number; loginItems: LoginItemSettingsChange[] };
  loginItem: { openAtLogin: boolean; wasOpenedAtLogin: boolean };
  online: { value: boolean };
  idleSeconds: { value: number };
  fetchCalls: { count: number };
  ipcHandlers: Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>;
  privilegedSchemes: string[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  openedExternally: string[];
  permissionHandlers: { request?: Parameters<ElectronPorts['session']['defaultSession']['setPermissionRequestHandler']>[0]; check?: Parameters<ElectronPorts['session']['defaultSession']['setPermissionCheckHandler']>[0] };
  appEvents: Emitter;
  powerEvents: Emitter;
  fireReady(): void;
  invoke(channel: string, event: InvokeEvent, payload?: unknown): Promise<unknown>;
}

/** `packaged`: an installed app (default) or `npm start` from source. */
export function fakeElectron(options: { lock?: boolean; userData: string; packaged?: boolean }): FakeElectron {
  const log: string[] = [];
  const trays: FakeTray[] = [];
  const windows: FakeWindow[] = [];
  const notifications: FakeNotification[] = [];
  const appEvents = new Emitter();
  const powerEvents = new Emitter();
  const appCalls = { quit: 0, loginItems: [] as LoginItemSettingsChange[] };
  const loginItem = { openAtLogin: false, wasOpenedAtLogin: false };
  const online = { value: true };
  const idleSeconds = { value: 0 };
  const fetchCalls = { count: 0 };
  const ipcHandlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  const privilegedSchemes: string[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const openedExternally: string[] = [];
  const permissionHandlers: FakeElectron['permissionHandlers'] = {};
  let fireReady = () => {};
  const ready = new Promise<void>((resolve) => (fireReady = resolve));

  const app: AppPort = {
    isPackaged: options.packaged ?? true,
    getAppPath: () => '/src/rc-tray',
    requestSingleInstanceLock: () => options.lock ?? true,
    whenReady: () => ready,
    quit: () => {
      appCalls.quit += 1;
      appEvents.emit('will-quit');
    },
    on: (event: string, listener: Listener) => appEvents.on(event, listener),
    getPath: () => options.userData,
    getLoginItemSettings: () => ({ ...loginItem }),
    setLoginItemSettings: (settings) => {
      appCalls.loginItems.push(settings);
      loginItem.openAtLogin = settings.openAtLogin;
    },
    setAppUserModelId: () => {},
    dock: undefined,
  };

  class Notification extends FakeNotification {
    static isSupported(): boolean {
      return true;
    }
    constructor(content: { title: string; body: string }) {
      super(content);
      notifications.push(this);
    }
  }

  return {
    log,
    trays,
    windows,
    notifications,
    appCalls,
    loginItem,
    online,
    idleSeconds,
    fetchCalls,
    ipcHandlers,
    privilegedSchemes,
    protocolHandlers,
    openedExternally,
    permissionHandlers,
    appEvents,
    powerEvents,
    fireReady: () => fireReady(),
    invoke: (channel, event, payload) => {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(event, payload);
    },
    app,
    Tray: class extends FakeTray {
      constructor(image: string) {
        super(image, log);
        trays.push(this);
      }
    },
    Menu: { buildFromTemplate: (template) => ({ template }) },
    BrowserWindow: class extends FakeWindow {
      constructor(windowOptions: LoginWindowOptions) {
        super(windowOptions, log);
        windows.push(this);
      }
    },
    Notification,
    powerMonitor: {
      getSystemIdleTime: () => idleSeconds.value,
      on: (event: string, listener: () => void) => powerEvents.on(event, listener),
      removeListener: (event: string, listener: () => void) => powerEvents.removeListener(event, listener),
    },
    net: {
      isOnline: () => online.value,
      fetch: (input, init) => {
        fetchCalls.count += 1;
        return fetch(input, init);
      },
    },
    ipcMain: {
      handle: (channel, listener) => {
        ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel) => {
        ipcHandlers.delete(channel);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        log.push('protocol:privileged');
        privilegedSchemes.push(...schemes.filter((scheme) => scheme.privileges.standard && scheme.privileges.secure).map((scheme) => scheme.scheme));
      },
      handle: (scheme, handler) => {
        protocolHandlers.set(scheme, handler);
      },
    },
    shell: {
      openExternal: async (url) => {
        openedExternally.push(url);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => (permissionHandlers.request = handler),
        setPermissionCheckHandler: (handler) => (permissionHandlers.check = handler),
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
  };
}
