import { IPC_INVOKE, type IpcInvokeName, type IpcRequest } from '../common/ipc-contract';
import { APP_HOST, APP_SCHEME, LOGIN_PAGE_URL } from './app-protocol';

export type PayloadCheck<N extends IpcInvokeName> = { ok: true; request: IpcRequest<N> } | { ok: false };

/** Validates a payload against the channel's schema; unknown keys, wrong types and oversize text are refused. */
export function checkPayload<N extends IpcInvokeName>(name: N, payload: unknown): PayloadCheck<N> {
  const parsed = IPC_INVOKE[name].request.safeParse(payload ?? {});
  return parsed.success ? { ok: true, request: parsed.data as IpcRequest<N> } : { ok: false };
}

export interface SenderFacts {
  /** webContents id of the sender. */
  senderId: number;
  /** URL of the sending frame; null when the frame is gone. */
  frameUrl: string | null;
  /** True when the sending frame is the top-level frame (not an iframe). */
  isMainFrame: boolean;
  /** webContents id of the login window, or undefined when none is open. */
  loginWindowId: number | undefined;
}

/** Only the login window's own top frame, showing the app's login page, may call the main process. */
export function isTrustedSender(facts: SenderFacts): boolean {
  if (facts.loginWindowId === undefined || facts.senderId !== facts.loginWindowId) return false;
  if (!facts.isMainFrame || facts.frameUrl === null) return false;
  let url: URL;
  try {
    url = new URL(facts.frameUrl);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && `${url.protocol}//${url.host}${url.pathname}` === LOGIN_PAGE_URL;
}
