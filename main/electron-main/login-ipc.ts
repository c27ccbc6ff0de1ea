import { IPC_INVOKE, type IpcInvokeName, type IpcRequest, type IpcResponses } from '../common/ipc-contract';
import type { LoginWindowService } from '../desktop/login-window-service';
import { checkPayload, isTrustedSender } from '../desktop/ipc-guard';
import type { InvokeEvent, IpcMainPort } from './electron-ports';
import { callLoginWindow } from '../desktop/login-window-calls';

export interface LoginIpcTarget {
  readonly webContentsId: number | undefined;
  readonly service: LoginWindowService | undefined;
}

/** The reason a call was refused; deliberately plain, and never echoing the payload (it may hold a password). */
export class IpcRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'IpcRefused';
  }
}

function senderIsTrusted(event: InvokeEvent, target: LoginIpcTarget): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    senderId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && (frame.parent === null || frame.parent === undefined),
    loginWindowId: target.webContentsId,
  });
}

async function handle<N extends IpcInvokeName>(name: N, event: InvokeEvent, payload: unknown, target: LoginIpcTarget): Promise<IpcResponses[N]> {
  const service = target.service;
  if (!service || !senderIsTrusted(event, target)) throw new IpcRefused('This window may not talk to rc-tray.');
  const checked = checkPayload(name, payload);
  if (!checked.ok) throw new IpcRefused('rc-tray refused a malformed request.');
  try {
    return await callLoginWindow(service, name, checked.request);
  } catch {
    // The service reports failures as states; anything thrown is a fault whose details stay here.
    throw new IpcRefused('Something unexpected went wrong. Try again.');
  }
}

/** One handler per channel of the contract; each checks the sender and validates the payload first. */
export function registerLoginIpc(ipcMain: IpcMainPort, target: LoginIpcTarget): () => void {
  const names = Object.keys(IPC_INVOKE) as IpcInvokeName[];
  for (const name of names) ipcMain.handle(IPC_INVOKE[name].channel, (event, payload) => handle(name, event, payload, target));
  return () => names.forEach((name) => ipcMain.removeHandler(IPC_INVOKE[name].channel));
}
