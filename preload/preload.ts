import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENTS, IPC_INVOKE, type IpcInvokeName, type IpcRequest, type IpcResponses, type LoginWindowState, type RcTrayApi } from '../main/common/ipc-contract';

/** One request per call, shaped exactly as main's schema expects; main validates it again. */
function invoke<N extends IpcInvokeName>(name: N, request: IpcRequest<N>): Promise<IpcResponses[N]> {
  return ipcRenderer.invoke(IPC_INVOKE[name].channel, request) as Promise<IpcResponses[N]>;
}

const api: RcTrayApi = {
  getState: () => invoke('getState', {}),
  onStateChange(listener) {
    // The page gets the state only: the IPC event (and its sender) never crosses the bridge.
    const forward = (_event: unknown, state: LoginWindowState) => listener(state);
    ipcRenderer.on(IPC_EVENTS.stateChanged, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS.stateChanged, forward);
    };
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

contextBridge.exposeInMainWorld('rcTray', api);
