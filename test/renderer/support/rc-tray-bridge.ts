import type { Page } from 'playwright-core';
import type { IpcInvokeName, LoginWindowState } from '../../../main/common/ipc-contract';
import { checkPayload } from '../../../main/desktop/ipc-guard';
import type { LoginWindowService } from '../../../main/desktop/login-window-service';
import { LOGIN_WINDOW_CALLS, callLoginWindow } from '../../../main/desktop/login-window-calls';

const INVOKE_BINDING = '__rcTrayInvoke';
const PUSH_FUNCTION = '__rcTrayPush';

export interface RcTrayBridge {
  /** Channel names the page called, in order (never payloads: they hold passwords). */
  calls(): IpcInvokeName[];
  /** Payloads the contract's schemas refused; a correct page sends none. */
  refused(): IpcInvokeName[];
  dispose(): void;
}

/**
 * Runs in the page before its scripts, shaped exactly like preload/preload.ts: each method sends
 * only the contract's fields. A string, not a function: the test's compiler would add helpers
 * to a function that do not exist in the page.
 */
const PRELOAD_STAND_IN = `(() => {
  const listeners = new Set();
  const invoke = (name, payload) => window[${JSON.stringify(INVOKE_BINDING)}](name, payload);
  const api = {
    getState: () => invoke('getState', {}),
    onStateChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    checkServer: (address) => invoke('checkServer', { address }),
    login: (request) => invoke('login', { server: request.server, user: request.user, password: request.password }),
    submitCode: (code) => invoke('submitCode', { code }),
    resendCode: () => invoke('resendCode', {}),
    cancel: () => invoke('cancel', {}),
    loginOptions: (server) => invoke('loginOptions', { server }),
    startSso: (request) => invoke('startSso', { server: request.server, serviceId: request.serviceId }),
    loginWithToken: (request) => invoke('loginWithToken', { server: request.server, userId: request.userId, token: request.token }),
  };
  Object.defineProperty(window, 'rcTray', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(window, ${JSON.stringify(PUSH_FUNCTION)}, { value: (state) => listeners.forEach((listener) => listener(state)) });
})();`;

function isInvokeName(name: unknown): name is IpcInvokeName {
  return typeof name === 'string' && name in LOGIN_WINDOW_CALLS;
}

/**
 * Stands in for the preload in a real browser: `window.rcTray` is defined before the page's
 * scripts run, each method goes through one Playwright binding to the real service (payloads
 * validated by the contract's zod schemas, as main does), and the service's changes are pushed
 * into the page like main's `state-changed` event.
 */
export async function installRcTrayBridge(page: Page, service: LoginWindowService): Promise<RcTrayBridge> {
  const calls: IpcInvokeName[] = [];
  const refused: IpcInvokeName[] = [];
  await page.exposeBinding(INVOKE_BINDING, async (_source, name: unknown, payload: unknown) => {
    if (!isInvokeName(name)) throw new Error('rc-tray refused an unknown request.');
    calls.push(name);
    const checked = checkPayload(name, payload);
    if (!checked.ok) {
      refused.push(name);
      throw new Error('rc-tray refused a malformed request.');
    }
    return callLoginWindow(service, name, checked.request);
  });
  await page.addInitScript(PRELOAD_STAND_IN);
  const unsubscribe = service.onChange((state: LoginWindowState) => {
    // A push to a page that is loading or gone is dropped, as webContents.send would drop it.
    page
      .evaluate(({ pushFunction, pushed }) => (window as unknown as Record<string, (state: unknown) => void>)[pushFunction]?.(pushed), {
        pushFunction: PUSH_FUNCTION,
        pushed: state,
      })
      .catch(() => undefined);
  });
  return { calls: () => [...calls], refused: () => [...refused], dispose: unsubscribe };
}

/**
 * Shows `state` as if main had pushed it, whatever the engine's own state is: for layout checks
 * of states a test cannot easily bring about (every error code, say).
 */
export async function pushState(page: Page, state: LoginWindowState): Promise<void> {
  await page.evaluate(({ pushFunction, pushed }) => (window as unknown as Record<string, (state: unknown) => void>)[pushFunction]!(pushed), { pushFunction: PUSH_FUNCTION, pushed: state });
}
