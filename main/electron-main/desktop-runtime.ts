import type { SessionState } from '../common/session-state';
import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import { LoginWindowService } from '../desktop/login-window-service';
import { appConfigFolder, isStartedHidden } from '../desktop/launch-options';
import { actionFailedNotification, sessionEndedNotification, startupAction, statusWaitNotification, type NotificationContent } from '../desktop/notifications';
import { shouldTurnOnStartAtLogin } from '../desktop/autostart';
import { browserAddress, type TrayAction } from '../desktop/tray-menu';
import { TRAY_STRINGS } from '../desktop/tray-strings';
import { statusWaitLine, trayLook, type TrayInput } from '../desktop/tray-view';
import { IdleTimeProbe, autoAwayNotice, idleTimeMayBeMissing, type SourceState } from '../desktop/auto-away-availability';
import { notificationActivationAction, platformBehaviour, relaunchAction, trayClickAction, type PlatformBehaviour, type ShowAction } from '../desktop/platform-behaviour';
import type { EngineOptions } from '../engine/create-engine';
import { AutoAway } from '../engine/presence/auto-away';
import { systemScheduler, type Scheduler } from '../engine/session/scheduler';
import type { SignInEngine } from '../engine/sign-in-engine';
import type { ServerSession } from '../engine/session/server-session';
import type { StatusChange } from '../engine/session/status-control';
import type { StatusDuration } from '../common/status-timing';
import type { AppFiles } from './app-files';
import type { ElectronPorts, NotificationPort } from './electron-ports';
import { registerLoginIpc } from './login-ipc';
import { LoginWindow } from './login-window';
import { openSsoWindow } from './sso-window';
import { createStartAtLogin, type StartAtLogin } from './start-at-login';
import { electronFetch } from './electron-fetch';
import { netWebSocketOpener } from './net-websocket-socket';
import { wireSystemEvents } from './system-events';
import { dbusScreenLockSource, type ScreenLockSource } from './linux-screen-lock';
import { TrayController } from './tray-controller';
import { TrayRedrawTimer } from './tray-redraw-timer';
import { nextTrayWordingChange } from '../desktop/tray-wording-clock';
import { watchSettingsFile } from './settings-watch';
import { doNotDisturbInfo } from '../desktop/quiet-hours-menu';
import { doNotDisturbSource } from '../engine/presence/do-not-disturb';
import { QuietHoursControl } from '../engine/status/quiet-hours-control';
import type { DoNotDisturbInfo } from '../desktop/quiet-hours-menu';

export interface DesktopAppDeps {
  electron: ElectronPorts;
  createEngine(options: EngineOptions): SignInEngine;
  files: AppFiles;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  execPath: string;
  scheduler?: Scheduler;
  /** Linux screen lock; by default the session's D-Bus signals (dbus-monitor). */
  screenLock?: ScreenLockSource;
  /** Where a fault that cannot be shown goes (stderr in the app). */
  log?(line: string): void;
}

/** How long the login window shows "Signed in" before it closes by itself. */
export const SIGNED_IN_WINDOW_CLOSE_MS = 1_500;

function messageOf(error: unknown): string {
  return error instanceof SignInFailure ? error.message : signInError('unexpected').message;
}

/**
 * The running app after `ready`: one engine, one tray, and a login window only while needed.
 * The tray and the resume start in the constructor, in the same tick, before any window.
 */
export class DesktopRuntime {
  readonly engine: SignInEngine;
  /** Settles once the saved sessions' resume has settled and the startup decision is made. */
  readonly started: Promise<void>;
  private readonly hidden: boolean;
  private readonly tray: TrayController;
  private readonly redraw: TrayRedrawTimer;
  private readonly loginWindow: LoginWindow;
  private readonly startAtLogin: StartAtLogin;
  private readonly autoAway: AutoAway;
  private readonly quietHours: QuietHoursControl;
  private doNotDisturb: DoNotDisturbInfo;
  private readonly lastStates = new Map<string, SessionState>();
  private readonly notifications = new Set<NotificationPort>();
  private readonly cleanups: Array<() => void> = [];
  private readonly behaviour: PlatformBehaviour;
  private readonly idleProbe: IdleTimeProbe;
  private screenLockState: SourceState = 'available';
  private readonly scheduler: Scheduler;
  private primary?: string;
  private resuming = true;
  private disposed = false;

  constructor(private readonly deps: DesktopAppDeps) {
    const { electron } = deps;
    const scheduler = deps.scheduler ?? systemScheduler;
    this.behaviour = platformBehaviour(deps.platform);
    this.idleProbe = new IdleTimeProbe(idleTimeMayBeMissing(deps.platform, deps.env));
    this.scheduler = scheduler;
    const configFolder = appConfigFolder(deps.env, electron.app.getPath('userData'));
    this.hidden = isStartedHidden(deps.argv, deps.platform === 'darwin' && electron.app.getLoginItemSettings().wasOpenedAtLogin);
    this.engine = deps.createEngine({
      env: deps.env,
      configFolder,
      http: { adapter: 'fetch', fetch: electronFetch(electron.net) },
      // The tray shows what others see, which only a live connection makes true (contract §9);
      // it goes through Chromium's stack like REST (system proxy, OS certificate store).
      live: { openSocket: netWebSocketOpener(electron.net) },
      onSettingsNotice: (sentence) => this.notify(actionFailedNotification(TRAY_STRINGS.settingsRepairedTitle, sentence)),
    });
    const dnd = doNotDisturbSource({ env: deps.env, unavailable: this.behaviour.doNotDisturbUnavailable });
    this.doNotDisturb = doNotDisturbInfo(dnd.availability);
    // The notification server is asked once started, and again on wake (it may be another one then).
    const probeDoNotDisturb = () =>
      void dnd.probe().then((availability) => {
        this.doNotDisturb = doNotDisturbInfo(availability);
        this.render();
      }, () => undefined);
    this.quietHours = new QuietHoursControl({ sessions: () => this.engine.allSessions(), settings: this.engine.settings, scheduler, doNotDisturb: dnd, onChange: () => this.render() });
    this.redraw = new TrayRedrawTimer(scheduler, () => this.render());
    this.startAtLogin = createStartAtLogin({ platform: deps.platform, app: electron.app, env: deps.env, homeDir: deps.homeDir, execPath: deps.execPath });
    this.tray = new TrayController(
      {
        Tray: electron.Tray,
        Menu: electron.Menu,
        assetsDir: deps.files.assets,
        platform: deps.platform,
        behaviour: this.behaviour,
        onAction: (action) => this.perform(action),
        onClick: () => this.onTrayClick(),
      },
      this.trayInput(),
    );
    this.started = this.resume();

    const engine = this.engine;
    this.loginWindow = new LoginWindow({
      BrowserWindow: electron.BrowserWindow,
      nativeTheme: electron.nativeTheme,
      preload: deps.files.preload,
      devTools: !electron.app.isPackaged,
      showOn: this.behaviour.showLoginWindowOn,
      scheduler,
      createService: () =>
        new LoginWindowService(
          engine,
          (server) => this.onWindowSignedIn(server),
          (flow) => openSsoWindow({ BrowserWindow: electron.BrowserWindow, session: electron.session, devTools: !electron.app.isPackaged }, flow),
        ),
      onClosed: () => this.render(),
    });
    this.cleanups.push(registerLoginIpc(electron.ipcMain, this.loginWindow));
    this.cleanups.push(this.engine.onChange((state) => this.onSessionChange(state)));
    const systemIdleSeconds = () => {
      const seconds = electron.powerMonitor.getSystemIdleTime();
      if (this.idleProbe.sample(seconds, scheduler.now())) this.render();
      return seconds;
    };
    const autoAway = new AutoAway({ sessions: () => engine.allSessions(), idle: { systemIdleSeconds }, scheduler });
    const screenLock = this.behaviour.screenLock === 'dbus' ? (deps.screenLock ?? dbusScreenLockSource({ env: deps.env })) : undefined;
    const onScreenLockUnavailable = () => {
      this.screenLockState = 'unavailable';
      this.render();
    };
    this.cleanups.push(wireSystemEvents({ powerMonitor: electron.powerMonitor, net: electron.net, engine, autoAway, scheduler, screenLock, onScreenLockUnavailable }));
    this.autoAway = autoAway;
    const quietHours = this.quietHours;
    // Timers stand still while asleep: a boundary passed meanwhile is acted on at wake, and the
    // tray's date words ("tomorrow 09:00") are redrawn for the day it woke up in.
    const onWake = () => {
      this.render();
      probeDoNotDisturb();
      void quietHours.evaluate().catch(() => undefined);
    };
    electron.powerMonitor.on('resume', onWake);
    this.cleanups.push(() => electron.powerMonitor.removeListener('resume', onWake));
    this.cleanups.push(watchSettingsFile(configFolder, () => void quietHours.reload().catch(() => undefined)));
    this.cleanups.push(() => quietHours.dispose());
    this.cleanups.push(() => this.redraw.dispose());
    probeDoNotDisturb();
    // Windows: a click on a notice in Action Center reaches only this, once its toast timed out.
    if (this.behaviour.notificationActivation === 'handle-activation') {
      electron.Notification.handleActivation?.(() => this.show(notificationActivationAction(trayLook(this.trayInput()))));
    }
  }

  get loginWindowOpen(): boolean {
    return this.loginWindow.isOpen;
  }

  /** A second launch (or a macOS reopen): the person wants to see rc-tray. */
  showYourself(): void {
    this.show(relaunchAction(this.behaviour, trayLook(this.trayInput())));
  }

  private show(action: ShowAction): void {
    if (this.disposed) return;
    if (action === 'open-login') this.loginWindow.open();
    if (action === 'pop-up-menu') this.tray.popUpMenu();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.loginWindow.close();
    this.notifications.forEach((notification) => notification.close());
    this.notifications.clear();
    this.tray.dispose();
    this.engine.dispose();
  }

  private async resume(): Promise<void> {
    // resumeAll is called before anything is awaited: same tick as the tray's creation.
    const resumed = this.engine.resumeAll().catch(() => []);
    const active = this.engine.activeServer().catch(() => undefined);
    const [, server] = await Promise.all([resumed, active]);
    if (this.disposed) return;
    this.primary ??= server;
    this.resuming = false;
    void this.quietHours.reload().catch(() => undefined);
    this.render();
    const action = startupAction(this.primarySession(), this.hidden);
    if (action.kind === 'open-login') this.loginWindow.open();
    if (action.kind === 'notify') this.notify(action.notification);
  }

  private onSessionChange(state: SessionState): void {
    if (this.disposed) return;
    const previous = this.lastStates.get(state.server);
    this.lastStates.set(state.server, state);
    if (state.kind === 'signed-in') this.autoAway.evaluate();
    // A session that (re)appears signed in during quiet hours gets them (once per window and server).
    if (state.kind === 'signed-in' && previous?.kind !== 'signed-in' && !this.resuming) void this.quietHours.evaluate().catch(() => undefined);
    if (!this.resuming && state.server === this.primary) {
      const notification = sessionEndedNotification(previous, state, this.loginWindow.isOpen);
      if (notification) this.notify(notification);
      const waits = statusWaitNotification(previous, state, state.kind === 'signed-in' ? statusWaitLine(state.user) : undefined);
      if (waits) this.notify(waits);
    }
    // While resuming, the server used last is the one to follow, whichever answers first.
    if (!this.resuming) this.primary ??= state.kind === 'signed-in' ? state.server : undefined;
    this.render();
  }

  /** Signed in through the window: the tray follows that server, and the window goes away. */
  private onWindowSignedIn(server: string): void {
    if (this.disposed) return;
    this.primary = server;
    this.loginWindow.closeAfter(SIGNED_IN_WINDOW_CLOSE_MS);
    this.render();
    void this.turnOnStartAtLoginOnce();
  }

  private async turnOnStartAtLoginOnce(): Promise<void> {
    try {
      const settings = await this.engine.settings.read();
      const available = this.startAtLogin.available;
      if (!shouldTurnOnStartAtLogin({ available, chosenBefore: settings.startAtLoginChosen === true, enabledNow: this.startAtLogin.isEnabled() })) return;
      await this.startAtLogin.setEnabled(true);
      await this.engine.settings.update((current) => ({ ...current, startAtLoginChosen: true }));
      this.render();
    } catch {
      // Not fatal: the menu shows the real setting and the person can turn it on there.
    }
  }

  private perform(action: TrayAction): void {
    if (this.disposed) return;
    const session = this.primary ? this.engine.session(this.primary) : undefined;
    switch (action.kind) {
      case 'sign-in':
        this.loginWindow.open();
        return;
      case 'open-server': {
        const address = browserAddress(action.url);
        if (address) this.deps.electron.shell.openExternal(address).catch(() => undefined);
        return;
      }
      case 'set-status':
        this.setStatusFor(session, { status: action.status }, action.duration);
        return;
      case 'set-status-message':
        this.setStatusFor(session, { message: action.message }, action.duration);
        return;
      case 'set-custom-status':
        this.setStatusFor(session, { status: action.status, message: action.name }, action.duration);
        return;
      case 'quiet-hours': {
        const change = action.change;
        this.engine.settings
          .update((settings) => ({ ...settings, quietHours: { ...(settings.quietHours ?? this.quietHours.current), ...change } }))
          .then(() => this.quietHours.reload())
          .catch((error: unknown) => this.notify(actionFailedNotification(TRAY_STRINGS.quietHoursNotChangedTitle, messageOf(error))));
        return;
      }
      case 'follow-server':
        this.primary = action.server;
        void this.engine.settings.update((settings) => ({ ...settings, activeServer: action.server })).catch(() => undefined);
        this.render();
        return;
      case 'sign-out':
        (action.server ? this.engine.session(action.server) : session)
          ?.logout()
          .then((result) => {
            if (!result.revokedOnServer) this.notify(actionFailedNotification(TRAY_STRINGS.signOutTitle, result.message));
          })
          .catch((error: unknown) => this.notify(actionFailedNotification(TRAY_STRINGS.signOutTitle, messageOf(error))));
        return;
      case 'set-start-at-login':
        this.startAtLogin
          .setEnabled(action.enabled)
          .then(() => this.engine.settings.update((settings) => ({ ...settings, startAtLoginChosen: true })))
          .then(
          () => this.render(),
          () => this.notify(actionFailedNotification(TRAY_STRINGS.startAtLoginFailedTitle, TRAY_STRINGS.startAtLoginFailed)),
        );
        return;
      case 'quit':
        this.deps.electron.app.quit();
        return;
    }
  }

  /**
   * The OS already flipped the clicked radio item (menu-item.ts): the menu is rebuilt from the
   * real status, so it does not keep showing the refused one.
   */
  private statusNotChanged(error: unknown): void {
    this.render();
    this.notify(actionFailedNotification(TRAY_STRINGS.statusNotChangedTitle, messageOf(error)));
  }

  /** A status from the tray, for a while when a duration was picked. */
  private setStatusFor(session: ServerSession | undefined, change: StatusChange, duration: StatusDuration | undefined): void {
    session?.setStatus(duration ? { ...change, duration } : change).catch((error: unknown) => this.statusNotChanged(error));
  }

  private onTrayClick(): void {
    this.show(trayClickAction(this.behaviour, trayLook(this.trayInput())));
  }

  private notify(content: NotificationContent): void {
    const { Notification } = this.deps.electron;
    if (this.disposed || !Notification.isSupported()) return;
    const notification = new Notification({ title: content.title, body: content.body });
    // Held until clicked or closed: a collected notification loses its click handler.
    this.notifications.add(notification);
    notification.on('close', () => this.notifications.delete(notification));
    notification.on('click', () => {
      this.notifications.delete(notification);
      if (content.opensLogin) this.loginWindow.open();
    });
    // An unsigned macOS build (or a Windows run without its shortcut) cannot show it: a notice that
    // asks the person to sign in then becomes the login window, which says the same.
    notification.on('failed', () => {
      this.notifications.delete(notification);
      if (content.opensLogin) this.show(notificationActivationAction(trayLook(this.trayInput())));
    });
    notification.show();
  }

  private primarySession(): SessionState | null {
    return this.primary ? this.engine.session(this.primary).state : null;
  }

  private trayInput(): TrayInput {
    return {
      session: this.primarySession(),
      resuming: this.resuming,
      startAtLogin: this.startAtLogin.isEnabled(),
      startAtLoginAvailable: this.startAtLogin.available,
      now: this.scheduler.now(),
      quietHours: this.quietHours.current,
      doNotDisturb: this.doNotDisturb,
      otherSessions: this.engine
        .allSessions()
        .map((session) => session.state)
        .filter((state) => state.server !== this.primary && state.kind !== 'signed-out'),
      autoAwayNotice: autoAwayNotice({ idleTime: this.idleProbe?.current ?? 'unknown', screenLock: this.screenLockState }),
    };
  }

  private render(): void {
    if (this.disposed) return;
    const input = this.trayInput();
    this.tray.render(input);
    this.redraw.arm(nextTrayWordingChange(input, input.now ?? this.scheduler.now()));
  }
}
