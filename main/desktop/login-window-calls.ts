import type { IpcInvokeName, IpcRequest, IpcResponses } from '../common/ipc-contract';
import type { LoginWindowService } from './login-window-service';

type LoginWindowCalls = { [N in IpcInvokeName]: (service: LoginWindowService, request: IpcRequest<N>) => Promise<IpcResponses[N]> };

/** One service method per channel of the contract: main's IPC handlers and the browser tests' bridge both use this. */
export const LOGIN_WINDOW_CALLS: LoginWindowCalls = {
  getState: (service) => service.getState(),
  checkServer: (service, request) => service.checkServer(request),
  login: (service, request) => service.login(request),
  submitCode: (service, request) => service.submitCode(request),
  resendCode: (service) => service.resendCode(),
  cancel: (service) => service.cancel(),
  loginOptions: (service, request) => service.loginOptions(request),
  startSso: (service, request) => service.startSso(request),
  loginWithToken: (service, request) => service.loginWithToken(request),
};

export function callLoginWindow<N extends IpcInvokeName>(service: LoginWindowService, name: N, request: IpcRequest<N>): Promise<IpcResponses[N]> {
  return LOGIN_WINDOW_CALLS[name](service, request);
}
