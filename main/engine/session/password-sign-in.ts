import { BareLoginRefusal } from '../http/login-failure';
import type { LoginOutcome, PasswordLogin, RocketChatApi } from '../http/rocketchat-api';
import type { DdpPasswordLogin } from '../realtime/ddp-password-login';

/**
 * Which way a password (and code) goes to the server. REST `POST /api/v1/login` first, as every
 * version understands it; when the server answers with 9.0's bare `{"error":"unauthorized"}`, the
 * same attempt is made over DDP `login`, whose errors keep their ids and details, and this server
 * is remembered as one that needs DDP, so later attempts (the code step, a retype) are not counted
 * twice by its failed-login lockout. Below 9.0 the bare body never comes, so REST stays.
 */
export class PasswordSignIn {
  private overDdp = false;

  constructor(
    private readonly api: RocketChatApi,
    private readonly ddpLogin?: DdpPasswordLogin,
  ) {}

  async login(request: PasswordLogin): Promise<LoginOutcome> {
    if (this.overDdp && this.ddpLogin) return this.ddpLogin(this.api, request);
    try {
      return await this.api.login(request);
    } catch (error) {
      if (!(error instanceof BareLoginRefusal) || !this.ddpLogin) throw error;
      this.overDdp = true;
      return this.ddpLogin(this.api, request);
    }
  }
}
