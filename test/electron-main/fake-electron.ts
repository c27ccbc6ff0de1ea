import type { AppPort, ElectronPorts, InvokeEvent, MenuHandle, NetPort } from '../../main/electron-main/electron-ports';
import type { LoginItemSettingsChange } from '../../main/desktop/autostart';
import type { LoginWindowOptions } from '../../main/desktop/login-window-options';
import type { SsoWindowOptions } from '../../main/desktop/sso-window-options';
import { FakeSession } from './fake/fake-session';
import { Emitter, refuse, type Listener } from './fake/emitter';
import { FakeMenu } from './fake/fake-menu';
import { fakeNetFetch, fakeNetRequest, fakeNetWebSocket } from './fake/fake-net';
import { FakeNotification, type NotificationCenter } from './fake/fake-notification';
import { fakePlatform, type FakePlatform } from './fake/fake-platform';
import { FakeTray } from './fake/fake-tray';
import { FakeWindow } from './fake/fake-window';

export { FakeTray } from './fake/fake-tray';
export { FakeSession } from './fake/fake-session';
export { FakeWindow, FakeWebContents } from './fake/fake-window';
export { FakeNotification } from './fake/fake-notification';
export { FakeMenu, FakeMenuItem, win32DisplayedLabel } from './fake/fake-menu';
export { FAKE_PLATFORMS, type FakePlatform } from './fake/fake-platform';

/**
 * What the renderer of a real Electron gets when main's reply cannot be delivered: nothing, its
 * `ipcRenderer.invoke` never settles. A test cannot wait for "never", so the fake rejects with
 * this instead: a test that expected an answer fails loudly.
 */
export class IpcReplyDropped extends Error {
  constructor(channel: string, why: string) {
    super(`the reply to '${channel}' was dropped: ${why} (the renderer's invoke never resolves)`);
    this.name = 'IpcReplyDropped';
  }
}

/** powerMonitor's events; `lock-screen`/`unlock-screen` exist on macOS and Windows only. */
class PowerEvents extends Emitter {
  constructor(private readonly platform: FakePlatform) {
    super();
  }
  /** docs/api/power-monitor.md: `lock-screen` and `unlock-screen` are _macOS_ _Windows_; Linux never emits them. */
  override emit(event: string, ...args: unknown[]): boolean {
    if (this.platform.os === 'linux' && (event === 'lock-screen' || event === 'unlock-screen')) {
      refuse(`powerMonitor never emits '${event}' on Linux (docs/api/power-monitor.md: macOS, Windows)`);
    }
    return super.emit(event, ...args);
  }
}

export interface FakeElectron extends ElectronPorts {
  platform: FakePlatform;
  log: string[];
  trays: FakeTray[];
  windows: FakeWindow[];
  notifications: FakeNotification[];
  notificationCenter: NotificationCenter;
  /** What happened on the fake app (quit, login item changes). */
  appCalls: { quit: number; loginItems: LoginItemSettingsChange[]; dockHidden: number; exited: boolean };
  loginItem: { openAtLogin: boolean; wasOpenedAtLogin: boolean };
  online: { value: boolean };
  idleSeconds: { value: number };
  notificationsSupported: { value: boolean };
  /** Calls of net.fetch and net.request. */
  fetchCalls: { count: number };
  /** URLs net.WebSocket connected to. */
  netWebSockets: string[];
  ipcHandlers: Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>;
  privilegedSchemes: string[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  openedExternally: string[];
  /** What Menu.setApplicationMenu was given: 'default' until the app sets one (lib/browser/init.ts:182). */
  applicationMenu(): FakeMenu | 'default' | null | 'unset';
  /** Sessions made by `session.fromPartition`, by partition name. */
  partitions: Map<string, FakeSession>;
  permissionHandlers: { request?: Parameters<ElectronPorts['session']['defaultSession']['setPermissionRequestHandler']>[0]; check?: Parameters<ElectronPorts['session']['defaultSession']['setPermissionCheckHandler']>[0] };
  appEvents: Emitter;
  powerEvents: Emitter;
  fireReady(): void;
  /** The person starts rc-tray again while it runs; `from: 'finder'` is a macOS Finder/Dock/Spotlight open. */
  launchAgain(argv: string[], from?: 'finder' | 'command-line'): void;
  invoke(channel: string, event: InvokeEvent, payload?: unknown): Promise<unknown>;
}

/**
 * Electron 45 as rc-tray's main process meets it, strict where Electron is: each rule cites the
 * doc page or source file (electron/electron) it follows, and test/electron-main/fake-electron.test.ts
 * holds the fake to it. `packaged`: an installed app (default) or `npm start` from source.
 */
export function fakeElectron(options: { lock?: boolean; userData: string; packaged?: boolean; platform?: NodeJS.Platform; display?: FakePlatform['display'] }): FakeElectron {
  const platform = fakePlatform(options.platform, options.display);
  const log: string[] = [];
  const trays: FakeTray[] = [];
  const windows: FakeWindow[] = [];
  const notifications: FakeNotification[] = [];
  const notificationCenter: NotificationCenter = { platform, inActionCenter: [] };
  const appEvents = new Emitter();
  const powerEvents = new PowerEvents(platform);
  const appCalls = { quit: 0, loginItems: [] as LoginItemSettingsChange[], dockHidden: 0, exited: false };
  const loginItem = { openAtLogin: false, wasOpenedAtLogin: false };
  const online = { value: true };
  const idleSeconds = { value: 0 };
  const notificationsSupported = { value: true };
  const fetchCalls = { count: 0 };
  const netWebSockets: string[] = [];
  const ipcHandlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  const privilegedSchemes: string[] = [];
  let schemesRegistered = false;
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const openedExternally: string[] = [];
  const permissionHandlers: FakeElectron['permissionHandlers'] = {};
  let applicationMenu: FakeMenu | 'default' | null | 'unset' = 'unset';
  let ready = false;
  let quitting = false;
  let resolveReady = () => {};
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const readiness = { isReady: () => ready };

  /** Each Electron class that "cannot be created before app is ready" (electron_api_tray.cc, electron_api_browser_window.cc:315, electron_api_notification.cc:128). */
  const requireReady = (what: string) => {
    if (!ready) refuse(`Cannot create ${what} before app is ready`);
  };
  /** electron_api_session.cc:1926: `session.defaultSession` before ready is a TypeError. */
  const defaultSessionReady = () => {
    if (!ready) refuse('Session can only be received when app is ready', 'TypeError');
  };
  const openWindows = () => windows.filter((window) => !window.destroyed);

  /** shell/browser/browser.cc `NotifyAndShutdown` then `Shutdown`: `will-quit` (cancellable), then `quit`. */
  const notifyAndShutdown = () => {
    let prevented = false;
    appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) {
      quitting = false;
      return;
    }
    appCalls.exited = true;
    appEvents.emit('quit', {}, 0);
  };

  const app: AppPort = {
    isPackaged: options.packaged ?? true,
    getAppPath: () => '/src/rc-tray',
    requestSingleInstanceLock: () => options.lock ?? true,
    whenReady: () => whenReady,
    /**
     * shell/browser/browser.cc `Browser::Quit`: `before-quit` (cancellable); with no window left,
     * `will-quit` and `quit` at once; otherwise every window is closed (each closes on a later
     * turn) and `OnWindowAllClosed` goes on to `will-quit`. `window-all-closed` is not emitted then.
     */
    quit: () => {
      appCalls.quit += 1;
      if (quitting || appCalls.exited) return;
      let prevented = false;
      appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      quitting = true;
      const open = openWindows();
      if (open.length === 0) notifyAndShutdown();
      else open.forEach((window) => window.close());
    },
    on: (event: string, listener: Listener) => appEvents.on(event, listener),
    getPath: () => options.userData,
    getLoginItemSettings: () => ({ ...loginItem }),
    setLoginItemSettings: (settings) => {
      // app.md history: `openAsHidden` was removed (PR #52351). Electron ignores it silently; the fake refuses it, so a test sees it.
      if ('openAsHidden' in settings) refuse('setLoginItemSettings: openAsHidden was removed from Electron');
      if (platform.os === 'linux') refuse('setLoginItemSettings is macOS/Windows only (docs/api/app.md)');
      appCalls.loginItems.push(settings);
      loginItem.openAtLogin = settings.openAtLogin;
    },
    setAppUserModelId: () => {
      if (platform.os !== 'win32') refuse('app.setAppUserModelId is Windows only (docs/api/app.md)');
    },
    // docs/api/dock.md: `app.dock` is macOS only (undefined elsewhere).
    dock: platform.os === 'darwin' ? { hide: () => void (appCalls.dockHidden += 1) } : undefined,
  };

  class Notification extends FakeNotification {
    static isSupported(): boolean {
      return notificationsSupported.value;
    }
    static handleActivation?: (callback: (details: { type: string }) => void) => void =
      platform.os === 'win32' ? (callback) => void (notificationCenter.activationHandler = callback) : undefined;
    constructor(content: { title: string; body: string }) {
      requireReady('Notification');
      super(content, notificationCenter);
      notifications.push(this);
    }
  }

  /**
   * lib/browser/init.ts:170-174: Electron's own `window-all-closed` listener quits the app when it
   * is the only one. browser.cc `OnWindowAllClosed`: while quitting, the shutdown goes on instead.
   */
  appEvents.on('window-all-closed', () => {
    if (appEvents.listenerCount('window-all-closed') === 1) app.quit();
  });
  const onWindowClosed = () => {
    if (openWindows().length > 0) return;
    if (quitting) notifyAndShutdown();
    else appEvents.emit('window-all-closed');
  };

  const windowContext = {
    platform,
    log,
    load: async (url: string) => {
      const scheme = new URL(url).protocol.replace(/:$/, '');
      const handler = protocolHandlers.get(scheme);
      return handler ? handler(new Request(url)) : undefined;
    },
    applicationMenu: () => (applicationMenu === 'unset' ? 'default' : applicationMenu),
    onClosed: onWindowClosed,
  };

  const net: NetPort = {
    isOnline: () => online.value,
    fetch: fakeNetFetch(readiness, fetchCalls),
    request: fakeNetRequest(readiness, fetchCalls),
    WebSocket: fakeNetWebSocket(readiness, netWebSockets),
  };

  const defaultSession = {
    setPermissionRequestHandler: (handler: NonNullable<FakeElectron['permissionHandlers']['request']>) => void (permissionHandlers.request = handler),
    setPermissionCheckHandler: (handler: NonNullable<FakeElectron['permissionHandlers']['check']>) => void (permissionHandlers.check = handler),
  };
  const partitions = new Map<string, FakeSession>();

  return {
    platform,
    log,
    trays,
    windows,
    notifications,
    notificationCenter,
    appCalls,
    loginItem,
    online,
    idleSeconds,
    notificationsSupported,
    fetchCalls,
    netWebSockets,
    ipcHandlers,
    privilegedSchemes,
    protocolHandlers,
    openedExternally,
    applicationMenu: () => applicationMenu,
    permissionHandlers,
    partitions,
    appEvents,
    powerEvents,
    fireReady: () => {
      if (ready) return;
      // lib/browser/init.ts:182: the default menu is set on 'will-finish-launching' unless the app set one first.
      appEvents.emit('will-finish-launching');
      if (applicationMenu === 'unset') applicationMenu = 'default';
      ready = true;
      appEvents.emit('ready', {}, {});
      resolveReady();
    },
    launchAgain: (argv, from = platform.os === 'darwin' ? 'finder' : 'command-line') => {
      // docs/api/app.md `requestSingleInstanceLock`: "On macOS, the system enforces single instance
      // automatically when users try to open a second instance of your app in Finder, and the
      // open-file and open-url events will be emitted for that." A reopen emits `activate`.
      if (platform.os === 'darwin' && from === 'finder') appEvents.emit('activate', {}, openWindows().length > 0);
      else appEvents.emit('second-instance', {}, argv, '/');
    },
    /**
     * lib/browser/ipc-dispatch.ts:94-121: the handler's result is sent back structured-cloned;
     * a thrown error reaches the renderer as "Error invoking remote method '…': <error.toString()>".
     * The reply goes down the sender frame's pipe (shell/common/gin_helper/reply_channel.cc), so a
     * sender destroyed before the handler settles never gets it.
     */
    invoke: async (channel, event, payload) => {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const senderGone = () => windows.some((window) => window.contentsForTest.id === event.sender.id && window.contentsForTest.destroyed);
      let result: unknown;
      try {
        result = await handler(event, payload);
      } catch (error) {
        if (senderGone()) throw new IpcReplyDropped(channel, 'the sender was destroyed before the handler settled');
        throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
      }
      if (senderGone()) throw new IpcReplyDropped(channel, 'the sender was destroyed before the handler settled');
      try {
        return structuredClone(result);
      } catch {
        throw new IpcReplyDropped(channel, 'the reply could not be cloned');
      }
    },
    app,
    Tray: class extends FakeTray {
      constructor(image: string) {
        requireReady('Tray');
        super(image, platform, log);
        trays.push(this);
      }
    },
    Menu: {
      buildFromTemplate: (template) => new FakeMenu(template),
      setApplicationMenu: (menu: MenuHandle | null) => {
        if (menu !== null && !(menu instanceof FakeMenu)) throw new TypeError('Invalid menu');
        applicationMenu = menu;
      },
    },
    BrowserWindow: class extends FakeWindow {
      constructor(windowOptions: LoginWindowOptions | SsoWindowOptions) {
        requireReady('BrowserWindow');
        super(windowOptions, windowContext);
        windows.push(this);
      }
    },
    Notification,
    powerMonitor: {
      getSystemIdleTime: () => idleSeconds.value,
      on: (event: string, listener: () => void) => powerEvents.on(event, listener),
      removeListener: (event: string, listener: () => void) => powerEvents.removeListener(event, listener),
    },
    net,
    ipcMain: {
      handle: (channel, listener) => {
        // lib/browser/ipc-main-impl.ts:17.
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel) => {
        ipcHandlers.delete(channel);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => {
        // shell/browser/api/electron_api_protocol.cc:362-368; docs/api/protocol.md: "can only be used
        // before the ready event of the app module gets emitted and can be called only once."
        if (ready) refuse('protocol.registerSchemesAsPrivileged should be called before app is ready');
        if (schemesRegistered) refuse('protocol.registerSchemesAsPrivileged can be called only once (docs/api/protocol.md)');
        schemesRegistered = true;
        log.push('protocol:privileged');
        privilegedSchemes.push(...schemes.filter((scheme) => scheme.privileges.standard && scheme.privileges.secure).map((scheme) => scheme.scheme));
      },
      handle: (scheme, handler) => {
        // lib/browser/api/protocol.ts:196 goes through session.defaultSession; :162 refuses a scheme handled twice.
        defaultSessionReady();
        if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
        protocolHandlers.set(scheme, handler);
      },
    },
    shell: {
      openExternal: async (url) => {
        openedExternally.push(url);
      },
    },
    session: {
      get defaultSession() {
        defaultSessionReady();
        return defaultSession;
      },
      // electron_api_session.cc FromPartition: the same ready check as defaultSession; one session per name.
      fromPartition: (partition: string) => {
        defaultSessionReady();
        let found = partitions.get(partition);
        if (!found) {
          found = new FakeSession(partition, partition.startsWith('persist:'));
          partitions.set(partition, found);
        }
        return found;
      },
    },
    nativeTheme: { shouldUseDarkColors: false },
  };
}
