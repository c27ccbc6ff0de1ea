import type { CheckServerResult, LoginWindowState, RcTrayApi } from '../main/common/ipc-contract';
import type { SessionState, TwoFactorPrompt } from '../main/common/session-state';
import type { SignInError } from '../main/common/sign-in-error';
import { fieldToFix, noticeTone, retryDeadline, sameSession, sanitiseCode, secondsLeft, serverLabel, sessionError, stepForSession, type Step } from './login-flow';
import type { BusyAction, LoginView } from './login-view';
import {
  STRINGS,
  checkingServer,
  codeResent,
  codeServer,
  errorMessage,
  retryCountdown,
  serverVersion,
  signedInAs,
  twoFactorInstruction,
  type TwoFactorContext,
} from './strings';

export interface Clock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const browserClock: Clock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = window.setInterval(tick, ms);
    return () => window.clearInterval(timer);
  },
};

/** Where the password will go: the checked base URL, and its version once known. */
interface ChosenServer {
  url: string;
  version?: string;
}

const UNEXPECTED: SignInError = { code: 'unexpected', message: 'The main process did not answer.' };

/**
 * The login window's flow: which step shows, what each button does, when Sign in must wait.
 * Every state comes from `window.rcTray` (answers and pushes alike); the window never guesses
 * a sign-in outcome itself.
 */
export class LoginController {
  /** The session last drawn; undefined forces the next state to be drawn even if it repeats. */
  private drawn: SessionState | null | undefined;
  private server?: ChosenServer;
  private prompt?: TwoFactorPrompt;
  /** Whose code the 2FA step asks for, and where an e-mailed one went. */
  private codeFor?: TwoFactorContext;
  private busy?: BusyAction;
  /** The address whose check is on screen, so leaving the field again does not say it twice. */
  private addressShown?: string;
  private stopCountdown?: () => void;
  /** Server checks by address, shared between leaving the field and pressing Continue. */
  private readonly checks = new Map<string, Promise<CheckServerResult>>();

  constructor(
    private readonly api: RcTrayApi,
    private readonly view: LoginView,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<void> {
    this.view.bind({
      serverSubmitted: () => void this.submitServer(),
      serverLeft: () => void this.previewServer(),
      serverEdited: () => this.forgetAddressCheck(),
      credentialsSubmitted: () => void this.submitCredentials(),
      changeServerPressed: () => this.changeServer(),
      codeSubmitted: () => void this.submitCode(),
      resendPressed: () => void this.resend(),
      cancelPressed: () => void this.cancel(),
      servicePressed: (id) => void this.startSso(id),
      tokenPressed: () => this.showTokenStep(),
      tokenSubmitted: () => void this.submitToken(),
      tokenBackPressed: () => this.leaveTokenStep(),
    });
    this.api.onStateChange((state) => this.draw(state, 'changes'));
    let state: LoginWindowState;
    try {
      state = await this.api.getState();
    } catch {
      this.view.showStep('server', STRINGS.server.intro);
      this.showFailure(UNEXPECTED);
      return;
    }
    if (state.lastServer) this.view.setValue('server', state.lastServer);
    if (state.lastUsername) this.view.setValue('username', state.lastUsername);
    // Drawn even if a push already showed the same state: opening puts focus on the first field.
    this.drawn = undefined;
    this.draw(state, 'step-start');
  }

  /**
   * Shows a state. `focus` says where focus may go: 'changes' moves it only for a new step or an
   * error (a push must not pull focus for nothing); 'step-start' to the step's first field.
   */
  private draw(state: LoginWindowState, focus: 'changes' | 'step-start' | 'none'): void {
    const session = state.session;
    if (sameSession(this.drawn, session)) return;
    this.drawn = session;
    if (session && session.server !== this.server?.url) this.chooseServer({ url: session.server });
    if (session?.kind === 'needs-2fa') {
      this.prompt = session.twoFactor;
      this.codeFor = { account: session.username, server: serverLabel(session.server) };
      if (state.codeSentTo) this.codeFor.sentTo = state.codeSentTo;
    }

    const previousStep = this.view.step;
    const step = stepForSession(session, previousStep ?? 'server');
    this.view.showStep(step, this.introFor(step, session));
    this.refreshBusy();
    if (session?.kind === 'needs-2fa') {
      this.view.setResendAvailable(session.twoFactor.method === 'email');
      const hint = session.twoFactor.method === 'email' ? STRINGS.twoFactor.codeHint : STRINGS.twoFactor.codeHintWithBackup;
      // A single sign-on names no account until the server does: then the server alone.
      const where = serverLabel(session.server);
      this.view.setCodeContext(session.username || where, session.username ? codeServer(where) : '', hint);
    }
    if (session?.kind === 'signed-in') this.view.announce(signedInAs(session.user.name, session.user.username));

    const error = sessionError(session);
    this.showFailure(error);
    if (error && step === 'two-factor') this.view.setValue('code', '');

    if (error && focus !== 'none') this.focusAfter(error);
    else if (focus === 'step-start') this.view.focusStepStart();
    else if (focus === 'changes' && step !== previousStep) this.view.focusStepStart();
  }

  private introFor(step: Step, session: SessionState | null): string {
    switch (step) {
      case 'server':
        return STRINGS.server.intro;
      case 'credentials':
        // The server card above the form says where the password goes; no sentence needed.
        return this.view.offersPassword ? '' : STRINGS.sso.intro;
      case 'token':
        return STRINGS.token.intro;
      case 'two-factor':
        return this.prompt && this.codeFor ? twoFactorInstruction(this.prompt, this.codeFor) : '';
      case 'signed-in':
        return session?.kind === 'signed-in' ? signedInAs(session.user.name, session.user.username) : '';
    }
  }

  private async submitServer(): Promise<void> {
    if (this.busy || this.stopCountdown) return;
    const typed = this.view.value('server').trim();
    if (!typed) {
      this.view.showError(STRINGS.server.missingAddress);
      this.view.flagField('server');
      return;
    }
    this.view.showError(undefined);
    this.setBusy('checking');
    const result = await this.check(typed);
    this.setBusy(undefined);
    if (this.view.step !== 'server') return;
    this.addressShown = typed;
    if (!result.ok) {
      this.view.setServerCheck(undefined);
      this.showFailure(result.error, serverLabel(typed));
      this.focusAfter(result.error);
      return;
    }
    this.view.setServerCheck('ok', serverVersion(result.version));
    this.chooseServer({ url: result.url, version: result.version });
    this.view.showStep('credentials', this.introFor('credentials', null));
    this.view.showError(undefined);
    this.view.focusStepStart();
  }

  /** Leaving the address field checks it at once, so a typo shows before the password is typed. */
  private async previewServer(): Promise<void> {
    const typed = this.view.value('server').trim();
    if (!typed || typed === this.addressShown || this.view.step !== 'server' || this.busy) return;
    this.view.setServerCheck('pending', checkingServer(serverLabel(typed)));
    const result = await this.check(typed);
    // A Continue press in the meantime reports the same answer itself.
    if (this.busy === 'checking' || this.view.step !== 'server' || this.view.value('server').trim() !== typed) return;
    this.addressShown = typed;
    if (result.ok) this.view.setServerCheck('ok', serverVersion(result.version));
    else this.view.setServerCheck('problem', errorMessage(result.error, { server: serverLabel(typed) }));
  }

  /** What was said about the address no longer holds once it changes. */
  private forgetAddressCheck(): void {
    this.addressShown = undefined;
    this.view.setServerCheck(undefined);
  }

  private changeServer(): void {
    if (this.busy) return;
    this.endCountdown();
    this.view.showStep('server', STRINGS.server.intro);
    this.view.showError(undefined);
    if (this.server) this.view.setValue('server', serverLabel(this.server.url));
    this.view.focusStepStart();
  }

  private async submitCredentials(): Promise<void> {
    if (this.busy || this.stopCountdown) return;
    const user = this.view.value('username').trim();
    const password = this.view.value('password');
    if (!user) return this.flagMissing('username', STRINGS.credentials.missingUsername);
    if (!password) return this.flagMissing('password', STRINGS.credentials.missingPassword);
    const server = this.server?.url ?? this.view.value('server').trim();
    await this.run('signing-in', () => this.api.login({ server, user, password }));
  }

  /** One sign-in service, in its own window; this window waits, and Cancel ends it. */
  private async startSso(serviceId: string): Promise<void> {
    if (this.busy || this.stopCountdown || !this.server) return;
    const server = this.server.url;
    await this.run('waiting-for-sso', () => this.api.startSso({ server, serviceId }));
  }

  private showTokenStep(): void {
    if (this.busy) return;
    this.endCountdown();
    this.view.showStep('token', STRINGS.token.intro);
    this.view.showError(undefined);
    this.view.focusStepStart();
  }

  private leaveTokenStep(): void {
    if (this.busy) return;
    this.view.showStep('credentials', this.introFor('credentials', null));
    this.view.showError(undefined);
    this.view.focusStepStart();
  }

  private async submitToken(): Promise<void> {
    if (this.busy || this.stopCountdown) return;
    const userId = this.view.value('token-user-id').trim();
    const token = this.view.value('token-value').trim();
    if (!userId) return this.flagMissing('token-user-id', STRINGS.token.missingUserId);
    if (!token) return this.flagMissing('token-value', STRINGS.token.missingToken);
    const server = this.server?.url ?? this.view.value('server').trim();
    await this.run('signing-in', () => this.api.loginWithToken({ server, userId, token }));
  }

  /** Which buttons the server offers beside (or instead of) the password form; asked once per server. */
  private showLoginServices(server: ChosenServer): void {
    this.view.setLoginServices([], true);
    void this.api
      .loginOptions(server.url)
      .catch(() => undefined)
      .then((options) => {
        if (this.server !== server || !options?.ok) return;
        this.view.setLoginServices(options.services, options.passwordForm);
        if (this.view.step === 'credentials') {
          this.view.showStep('credentials', this.introFor('credentials', null));
          if (!options.passwordForm && !this.busy) this.view.focusStepStart();
        }
      });
  }

  private async submitCode(): Promise<void> {
    if (this.busy || this.stopCountdown) return;
    const code = sanitiseCode(this.view.value('code'));
    if (!code) return this.flagMissing('code', STRINGS.twoFactor.missingCode);
    await this.run('verifying', () => this.api.submitCode(code));
  }

  private async resend(): Promise<void> {
    if (this.busy) return;
    const state = await this.run('resending', () => this.api.resendCode());
    if (state?.session?.kind === 'needs-2fa' && !state.session.error) this.view.announce(codeResent(state.codeSentTo));
  }

  /** Cancel works while a code is being checked too: the engine drops the late answer. */
  private async cancel(): Promise<void> {
    let state: LoginWindowState;
    try {
      state = await this.api.cancel();
    } catch {
      this.showFailure(UNEXPECTED);
      this.focusAfter(UNEXPECTED);
      return;
    }
    this.draw(state, 'none');
    this.view.focusStepStart();
  }

  /** One request to the main process, with the button busy until it answers. */
  private async run(action: BusyAction, request: () => Promise<LoginWindowState>): Promise<LoginWindowState | undefined> {
    if (this.busy) return undefined;
    // Whatever answers next is news, even when it repeats the last error word for word.
    this.drawn = undefined;
    this.endCountdown();
    this.view.showError(undefined);
    this.setBusy(action);
    let state: LoginWindowState;
    try {
      state = await request();
    } catch {
      this.setBusy(undefined);
      this.showFailure(UNEXPECTED);
      this.focusAfter(UNEXPECTED);
      return undefined;
    }
    this.setBusy(undefined);
    this.draw(state, 'none');
    // A disabled button loses focus; put it where the person goes on.
    const error = sessionError(state.session);
    if (error) this.focusAfter(error);
    else this.view.focusStepStart();
    return state;
  }

  private flagMissing(field: 'username' | 'password' | 'code' | 'token-user-id' | 'token-value', message: string): void {
    this.view.showError(message);
    this.view.flagField(field);
  }

  private check(address: string): Promise<CheckServerResult> {
    let pending = this.checks.get(address);
    if (!pending) {
      pending = this.api.checkServer(address).catch((): CheckServerResult => ({ ok: false, error: UNEXPECTED }));
      this.checks.set(address, pending);
      // Only a good answer is kept: a server that was down may be up on the next try.
      void pending.then((result) => {
        if (!result.ok) this.checks.delete(address);
      });
    }
    return pending;
  }

  private chooseServer(server: ChosenServer): void {
    this.server = server;
    this.showLoginServices(server);
    const label = serverLabel(server.url);
    if (server.version) {
      this.view.setServerCard(label, 'ok', serverVersion(server.version));
      return;
    }
    this.view.setServerCard(label, 'pending', checkingServer(label));
    void this.check(server.url).then((result) => {
      if (this.server !== server) return;
      if (result.ok) server.version = result.version;
      this.view.setServerCard(label, result.ok ? 'ok' : 'problem', result.ok ? serverVersion(result.version) : errorMessage(result.error, { server: label }));
    });
  }

  /** Focus goes to the field that needs changing (marked, the message tied to it), never to the message. */
  private focusAfter(error: SignInError): void {
    const field = this.view.step ? fieldToFix(error, this.view.step) : undefined;
    if (field) this.view.flagField(field);
    else this.view.focusStepStartWithMessage();
  }

  private showFailure(error: SignInError | undefined, server = this.server ? serverLabel(this.server.url) : undefined): void {
    this.endCountdown();
    this.view.showError(error ? errorMessage(error, server ? { server } : {}) : undefined, error ? noticeTone(error) : 'error');
    const deadline = retryDeadline(error, this.clock.now());
    if (deadline !== undefined) this.countDownTo(deadline);
  }

  /** Sign in stays disabled until the server will listen again, with the seconds shown. */
  private countDownTo(deadline: number): void {
    const tick = () => {
      const left = secondsLeft(deadline, this.clock.now());
      if (left > 0) {
        this.view.setCountdown(retryCountdown(left));
        return;
      }
      this.endCountdown();
      this.view.setCountdown(STRINGS.retryReady);
      this.view.announce(STRINGS.retryReady);
    };
    this.view.setLocked(true);
    this.stopCountdown = this.clock.every(250, tick);
    tick();
  }

  private endCountdown(): void {
    this.stopCountdown?.();
    this.stopCountdown = undefined;
    this.view.setLocked(false);
  }

  private setBusy(action: BusyAction | undefined): void {
    this.busy = action;
    this.refreshBusy();
  }

  /** Busy for this window's own request, or while the main process signs in on its own. */
  private refreshBusy(): void {
    const signingIn = this.drawn?.kind === 'signing-in';
    const sessionBusy: BusyAction | undefined = signingIn ? (this.view.step === 'two-factor' ? 'verifying' : 'signing-in') : undefined;
    this.view.setBusy(this.busy ?? sessionBusy);
  }
}
