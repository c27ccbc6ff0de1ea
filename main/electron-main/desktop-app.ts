import { registerAppScheme, serveAppFiles } from './app-protocol-handler';
import { applicationMenuTemplate, platformBehaviour } from '../desktop/platform-behaviour';
import { DesktopRuntime, type DesktopAppDeps } from './desktop-runtime';

export type { DesktopAppDeps } from './desktop-runtime';

/** Windows shows notifications only for an app with this id (it matches electron-builder's appId). */
export const APP_USER_MODEL_ID = 'io.github.rctray';

export interface DesktopAppHandle {
  /** False when another rc-tray already runs: this one has asked to quit. */
  readonly primaryInstance: boolean;
  /** The running app once `ready` has fired (undefined for a second instance). */
  readonly runtime: Promise<DesktopRuntime | undefined>;
}

/** Everything the Electron main process does, given the Electron parts it uses. */
export function startDesktopApp(deps: DesktopAppDeps): DesktopAppHandle {
  const { app, protocol, session, Menu } = deps.electron;
  const behaviour = platformBehaviour(deps.platform);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primaryInstance: false, runtime: Promise.resolve(undefined) };
  }
  registerAppScheme(protocol);
  let runtime: DesktopRuntime | undefined;
  for (const event of behaviour.relaunchEvents) {
    if (event === 'activate') app.on('activate', () => runtime?.showYourself());
    else app.on('second-instance', () => runtime?.showYourself());
  }
  // A tray app lives on without windows; without this listener Electron would quit.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => runtime?.dispose());

  const ready = app.whenReady().then(() => {
    if (deps.platform === 'darwin') app.dock?.hide();
    if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    // Replaces Electron's default File/Edit/View/Window/Help menu before any window exists.
    const menu = applicationMenuTemplate(behaviour);
    Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
    denyPermissions(session.defaultSession);
    serveAppFiles(protocol, deps.files.rendererRoot);
    runtime = new DesktopRuntime(deps);
    return runtime;
  });
  // A fault while starting must not leave a process with no tray: say so (no stack) and quit.
  ready.catch((error: unknown) => {
    deps.log?.(`rc-tray could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
  });
  return { primaryInstance: true, runtime: ready };
}

/** The login page needs no camera, notifications, clipboard or anything else: every request is denied. */
function denyPermissions(session: DesktopAppDeps['electron']['session']['defaultSession']): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
