import { registerAppScheme, serveAppFiles } from './app-protocol-handler';
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
  const { app, protocol, session } = deps.electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primaryInstance: false, runtime: Promise.resolve(undefined) };
  }
  registerAppScheme(protocol);
  let runtime: DesktopRuntime | undefined;
  app.on('second-instance', () => runtime?.showYourself());
  // A tray app lives on without windows; without this listener Electron would quit.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => runtime?.dispose());

  const ready = app.whenReady().then(() => {
    if (deps.platform === 'darwin') app.dock?.hide();
    if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    denyPermissions(session.defaultSession);
    serveAppFiles(protocol, deps.files.rendererRoot);
    runtime = new DesktopRuntime(deps);
    return runtime;
  });
  return { primaryInstance: true, runtime: ready };
}

/** The login page needs no camera, notifications, clipboard or anything else: every request is denied. */
function denyPermissions(session: DesktopAppDeps['electron']['session']['defaultSession']): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
