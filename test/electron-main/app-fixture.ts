import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { appFilesBeside } from '../../main/electron-main/app-files';
import { startDesktopApp, type DesktopAppHandle } from '../../main/electron-main/desktop-app';
import type { DesktopRuntime } from '../../main/electron-main/desktop-runtime';
import { createEngine, type EngineOptions } from '../../main/engine/create-engine';
import type { Credentials } from '../../main/engine/http/rocketchat-api';
import type { TokenStore } from '../../main/engine/keychain/token-store';
import type { LivePresenceFactory } from '../../main/engine/session/live-presence';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { startTestServer, type TestServer, type TestServerOptions } from '../server/rocketchat-test-server';
import { FakeScheduler } from '../support/fake-scheduler';
import { FAKE_PLATFORMS, fakeElectron, type FakeElectron, type FakePlatform, type FakeWindow } from './fake-electron';
import { SIGNED_IN_WINDOW_CLOSE_MS } from '../../main/electron-main/desktop-runtime';
import type { ScreenLockSource } from '../../main/electron-main/linux-screen-lock';

/** Tokens in memory: these tests are about the app's wiring, not the keychain (the engine tests cover it). */
export class MemoryTokenStore implements TokenStore {
  readonly items = new Map<string, Credentials>();
  async get(server: string) {
    return this.items.get(server);
  }
  async set(server: string, credentials: Credentials) {
    this.items.set(server, credentials);
  }
  async delete(server: string) {
    return this.items.delete(server);
  }
}

/** A stand-in realtime connection: goes live online at once and records what auto-away asks of it. */
export class FakeLivePresence {
  readonly awayCalls: boolean[] = [];
  retries = 0;
  closed = false;
  constructor(readonly events: Parameters<LivePresenceFactory>[0]['events']) {
    queueMicrotask(() => {
      events.connection('live');
      events.status('online', '');
    });
  }
  retryNow(): void {
    this.retries += 1;
  }
  setAway(away: boolean): void {
    this.awayCalls.push(away);
  }
  close(): void {
    this.closed = true;
  }
}

export interface AppWorld {
  /** The OS the fake plays for every launch of this world (unless a launch says otherwise). */
  platform: NodeJS.Platform;
  server: TestServer;
  tokens: MemoryTokenStore;
  configFolder: string;
  home: string;
  /** Engine timers (resume backoff) run only when a test advances this clock. */
  engineClock: FakeScheduler;
  /** The app's own timers (auto-away, network checks). */
  appClock: FakeScheduler;
  engineOptions: EngineOptions[];
  resumeCalls: { count: number };
  livePresences: FakeLivePresence[];
  /** Signs a user in once, as an earlier run of the app would have, so the next launch resumes. */
  /** Signs in as an earlier run of the app would have (to the world's server unless another is given). */
  signInBefore(username: string, password: string, serverUrl?: string): Promise<void>;
  launch(options?: LaunchOptions): Launched;
}

export interface LaunchOptions {
  argv?: string[];
  /** Default: the world's platform. */
  platform?: NodeJS.Platform;
  display?: FakePlatform['display'];
  lock?: boolean;
  packaged?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default: {@link FakeLivePresence}; the realtime protocol itself is the engine's tests' business. */
  livePresence?: LivePresenceFactory;
  /** The engine's real realtime connection (over the app's socket), instead of the stand-in. */
  realRealtime?: boolean;
}

export interface Launched {
  electron: FakeElectron;
  /** The person locks (true) or unlocks the screen: powerMonitor on macOS/Windows, the D-Bus seam on Linux. */
  lockScreen(locked: boolean): void;
  /** Linux: the D-Bus seam reports that no lock events can come (no bus, no dbus-monitor). */
  screenLockUnavailable(): void;
  /** A sign-in through the window succeeded: the window shows "Signed in", then closes by itself. */
  windowClosesAfterSignIn(window: FakeWindow): Promise<void>;
  handle: DesktopAppHandle;
  /** Fires `ready` and returns the runtime (tray made, resume started, not yet settled). */
  ready(): Promise<DesktopRuntime>;
  /** Fires `ready` and waits until the resume has settled and the startup decision is made. */
  started(): Promise<DesktopRuntime>;
}

export async function appWorld(t: TestContext, serverOptions: TestServerOptions = {}, worldOptions: { platform?: NodeJS.Platform } = {}): Promise<AppWorld> {
  const worldPlatform = worldOptions.platform ?? 'linux';
  const server = await startTestServer(serverOptions);
  const configFolder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-app-'));
  const home = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-home-'));
  const tokens = new MemoryTokenStore();
  const engineClock = new FakeScheduler();
  const appClock = new FakeScheduler();
  const engineOptions: EngineOptions[] = [];
  const resumeCalls = { count: 0 };
  const livePresences: FakeLivePresence[] = [];
  const fakeLive: LivePresenceFactory = ({ events }) => {
    const live = new FakeLivePresence(events);
    livePresences.push(live);
    return live;
  };
  const engines: SignInEngine[] = [];
  const launched: FakeElectron[] = [];
  const makeEngine = (options: EngineOptions, livePresence?: LivePresenceFactory) => {
    const engine = createEngine({ ...options, tokens, scheduler: engineClock, http: { ...options.http, timeoutMs: 3_000 }, ...(livePresence ? { livePresence } : {}) });
    engines.push(engine);
    return engine;
  };

  t.after(async () => {
    launched.forEach((electron) => electron.app.quit());
    engines.forEach((engine) => engine.dispose());
    await server.close();
    // A settings write the app started just before the end may still be landing: retry.
    await rm(configFolder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    await rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  });

  return {
    platform: worldPlatform,
    server,
    tokens,
    configFolder,
    home,
    engineClock,
    appClock,
    engineOptions,
    resumeCalls,
    livePresences,
    async signInBefore(username, password, serverUrl = server.url) {
      const engine = makeEngine({ configFolder });
      const state = await engine.login(serverUrl, { user: username, password });
      if (state.kind !== 'signed-in') throw new Error(`could not sign ${username} in: ${state.kind}`);
      engine.dispose();
    },
    launch(options = {}) {
      const platform = options.platform ?? worldPlatform;
      const electron = fakeElectron({ lock: options.lock ?? true, packaged: options.packaged ?? true, userData: path.join(configFolder, 'unused-user-data'), platform, display: options.display });
      launched.push(electron);
      // Linux's D-Bus lock signals through the seam here; screen-lock-dbus.test.ts runs the real one on a private bus.
      const lockListeners = new Set<(locked: boolean) => void>();
      const lockLost = new Set<() => void>();
      const screenLock: ScreenLockSource = {
        start(listener, onUnavailable) {
          lockListeners.add(listener);
          if (onUnavailable) lockLost.add(onUnavailable);
          return () => {
            lockListeners.delete(listener);
            if (onUnavailable) lockLost.delete(onUnavailable);
          };
        },
      };
      const handle = startDesktopApp({
        screenLock,
        electron,
        createEngine: (engineOptionsGiven) => {
          engineOptions.push(engineOptionsGiven);
          const engine = makeEngine(engineOptionsGiven, options.realRealtime ? undefined : (options.livePresence ?? fakeLive));
          const resumeAll = engine.resumeAll.bind(engine);
          engine.resumeAll = () => {
            resumeCalls.count += 1;
            electron.log.push('engine:resumeAll');
            return resumeAll();
          };
          return engine;
        },
        files: appFilesBeside(path.resolve(__dirname, '../../dist/app')),
        argv: options.argv ?? ['/opt/rc-tray/rc-tray'],
        env: { RC_TRAY_CONFIG_DIR: configFolder, XDG_CONFIG_HOME: path.join(home, '.config'), ...options.env },
        platform,
        homeDir: home,
        execPath: '/opt/rc-tray/rc-tray',
        scheduler: appClock,
      });
      const ready = async () => {
        electron.fireReady();
        const runtime = await handle.runtime;
        if (!runtime) throw new Error('not the primary instance');
        return runtime;
      };
      return {
        electron,
        handle,
        lockScreen(locked) {
          if (platform === 'linux') lockListeners.forEach((listener) => listener(locked));
          else electron.powerEvents.emit(locked ? 'lock-screen' : 'unlock-screen');
        },
        screenLockUnavailable() {
          lockLost.forEach((listener) => listener());
        },
        async windowClosesAfterSignIn(window) {
          assert.equal(window.destroyed, false, 'the window stays until the signed-in answer has reached it');
          appClock.advance(SIGNED_IN_WINDOW_CLOSE_MS);
          assert.equal(window.destroyed, true, 'the window closed by itself');
        },
        ready,
        async started() {
          const runtime = await ready();
          await runtime.started;
          return runtime;
        },
      };
    },
  };
}

/** Waits (briefly) for something the app does asynchronously, e.g. after a menu click. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Registers one test per platform the fake models (linux, darwin, win32): the app's wiring must
 * hold on each, with each OS's own behaviour (the fake's rules) in play.
 */
export function eachPlatform(name: string, body: (t: TestContext, platform: NodeJS.Platform) => Promise<void>, platforms: readonly NodeJS.Platform[] = FAKE_PLATFORMS): void {
  for (const platform of platforms) test(`${name} [${platform}]`, (t) => body(t, platform));
}

/** The tray icon file each OS gets for a look (see main/desktop/tray-icons.ts). */
export { trayIconFile } from '../../main/desktop/tray-icons';
