import { sanitiseCode, type FieldName, type NoticeTone, type Step } from './login-flow';
import { STRINGS } from './strings';

/** A request the window is waiting for; its button shows this instead of its label. */
export type BusyAction = 'checking' | 'signing-in' | 'verifying' | 'resending' | 'waiting-for-sso';

export type { FieldName } from './login-flow';

/** A sign-in service button, as main describes it. */
export interface ServiceButton {
  id: string;
  label: string;
}

export type ServerCheckLook = 'pending' | 'ok' | 'problem';

export interface LoginViewEvents {
  serverSubmitted(): void;
  serverLeft(): void;
  serverEdited(): void;
  credentialsSubmitted(): void;
  changeServerPressed(): void;
  codeSubmitted(): void;
  resendPressed(): void;
  cancelPressed(): void;
  servicePressed(id: string): void;
  tokenPressed(): void;
  tokenSubmitted(): void;
  tokenBackPressed(): void;
}

function element<T extends HTMLElement>(doc: Document, id: string, kind: { new (): T; prototype: T }): T {
  const found = doc.getElementById(id);
  if (!(found instanceof kind)) throw new Error(`login.html has no <${kind.name}> #${id}`);
  return found;
}

/** The DOM of login.html: shows what the controller decides, reports what the person does. */
export class LoginView {
  private readonly heading: HTMLHeadingElement;
  private readonly intro: HTMLParagraphElement;
  private readonly notice: HTMLDivElement;
  private readonly errorMessage: HTMLDivElement;
  private readonly infoMessage: HTMLDivElement;
  private readonly countdown: HTMLParagraphElement;
  private readonly announcer: HTMLParagraphElement;
  private readonly steps: Record<Step, HTMLElement>;
  private readonly fields: Record<FieldName, HTMLInputElement>;
  private readonly submitButtons: Record<Exclude<Step, 'signed-in'>, HTMLButtonElement>;
  private readonly serverCheck: HTMLParagraphElement;
  private readonly serverName: HTMLSpanElement;
  private readonly serverVersion: HTMLSpanElement;
  private readonly changeServer: HTMLButtonElement;
  private readonly togglePassword: HTMLButtonElement;
  private readonly resendCode: HTMLButtonElement;
  private readonly cancelCode: HTMLButtonElement;
  private readonly signedInClosing: HTMLParagraphElement;
  private readonly root: HTMLElement;
  private readonly signedInMark: HTMLDivElement;
  private readonly passwordFields: HTMLDivElement;
  private readonly ssoServices: HTMLDivElement;
  private readonly ssoLabel: HTMLParagraphElement;
  private readonly ssoButtons: HTMLDivElement;
  private readonly ssoWaiting: HTMLParagraphElement;
  private readonly ssoCancel: HTMLButtonElement;
  private readonly useToken: HTMLButtonElement;
  private readonly tokenBack: HTMLButtonElement;
  private serviceHandler: (id: string) => void = () => undefined;
  private passwordForm = true;
  private current: Step | undefined;
  private busy: BusyAction | undefined;
  private locked = false;

  constructor(private readonly doc: Document) {
    this.heading = element(doc, 'heading', HTMLHeadingElement);
    this.intro = element(doc, 'intro', HTMLParagraphElement);
    this.notice = element(doc, 'notice', HTMLDivElement);
    this.errorMessage = element(doc, 'error-message', HTMLDivElement);
    this.infoMessage = element(doc, 'info-message', HTMLDivElement);
    this.countdown = element(doc, 'retry-countdown', HTMLParagraphElement);
    this.announcer = element(doc, 'announcer', HTMLParagraphElement);
    this.steps = {
      server: element(doc, 'server-form', HTMLFormElement),
      credentials: element(doc, 'credentials-form', HTMLFormElement),
      token: element(doc, 'token-form', HTMLFormElement),
      'two-factor': element(doc, 'code-form', HTMLFormElement),
      'signed-in': element(doc, 'signed-in', HTMLElement),
    };
    this.fields = {
      server: element(doc, 'server-address', HTMLInputElement),
      username: element(doc, 'username', HTMLInputElement),
      password: element(doc, 'password', HTMLInputElement),
      code: element(doc, 'code', HTMLInputElement),
      'token-user-id': element(doc, 'token-user-id', HTMLInputElement),
      'token-value': element(doc, 'token-value', HTMLInputElement),
    };
    this.submitButtons = {
      server: element(doc, 'server-continue', HTMLButtonElement),
      credentials: element(doc, 'sign-in', HTMLButtonElement),
      token: element(doc, 'token-sign-in', HTMLButtonElement),
      'two-factor': element(doc, 'verify', HTMLButtonElement),
    };
    this.serverCheck = element(doc, 'server-check', HTMLParagraphElement);
    this.serverName = element(doc, 'server-name', HTMLSpanElement);
    this.serverVersion = element(doc, 'server-version', HTMLSpanElement);
    this.changeServer = element(doc, 'change-server', HTMLButtonElement);
    this.togglePassword = element(doc, 'toggle-password', HTMLButtonElement);
    this.resendCode = element(doc, 'resend-code', HTMLButtonElement);
    this.cancelCode = element(doc, 'cancel-code', HTMLButtonElement);
    this.signedInClosing = element(doc, 'signed-in-closing', HTMLParagraphElement);
    this.root = element(doc, 'window', HTMLElement);
    this.signedInMark = element(doc, 'signed-in-mark', HTMLDivElement);
    this.passwordFields = element(doc, 'password-fields', HTMLDivElement);
    this.ssoServices = element(doc, 'sso-services', HTMLDivElement);
    this.ssoLabel = element(doc, 'sso-services-label', HTMLParagraphElement);
    this.ssoButtons = element(doc, 'sso-buttons', HTMLDivElement);
    this.ssoWaiting = element(doc, 'sso-waiting', HTMLParagraphElement);
    this.ssoCancel = element(doc, 'sso-cancel', HTMLButtonElement);
    this.useToken = element(doc, 'use-token', HTMLButtonElement);
    this.tokenBack = element(doc, 'token-back', HTMLButtonElement);
    this.writeFixedText();
  }

  bind(events: LoginViewEvents): void {
    const onSubmit = (form: HTMLElement, handler: () => void) =>
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        handler();
      });
    onSubmit(this.steps.server, () => events.serverSubmitted());
    onSubmit(this.steps.credentials, () => events.credentialsSubmitted());
    onSubmit(this.steps['two-factor'], () => events.codeSubmitted());
    onSubmit(this.steps.token, () => events.tokenSubmitted());
    this.serviceHandler = (id) => events.servicePressed(id);
    this.useToken.addEventListener('click', () => events.tokenPressed());
    this.tokenBack.addEventListener('click', () => events.tokenBackPressed());
    this.ssoCancel.addEventListener('click', () => events.cancelPressed());
    this.fields.server.addEventListener('blur', () => events.serverLeft());
    this.changeServer.addEventListener('click', () => events.changeServerPressed());
    this.resendCode.addEventListener('click', () => events.resendPressed());
    this.cancelCode.addEventListener('click', () => events.cancelPressed());
    this.togglePassword.addEventListener('click', () => this.setPasswordShown(this.fields.password.type === 'password'));
    // Codes are pasted grouped ("123 456"); the field keeps only what the server wants.
    this.fields.code.addEventListener('input', () => {
      const clean = sanitiseCode(this.fields.code.value);
      if (clean !== this.fields.code.value) this.fields.code.value = clean;
    });
    for (const field of Object.values(this.fields)) field.addEventListener('input', () => field.removeAttribute('aria-invalid'));
    this.fields.server.addEventListener('input', () => events.serverEdited());
  }

  get step(): Step | undefined {
    return this.current;
  }

  showStep(step: Step, intro: string): void {
    if (step !== this.current) {
      for (const [name, section] of Object.entries(this.steps)) section.hidden = name !== step;
      this.heading.textContent = HEADINGS[step];
      this.root.dataset.step = step;
      this.signedInMark.hidden = step !== 'signed-in';
      this.current = step;
      this.busy = undefined;
      this.locked = false;
      this.setCountdown(undefined);
      if (step !== 'credentials') this.setPasswordShown(false);
    }
    this.intro.textContent = intro;
    this.refreshActions();
  }

  /** Focus where the person continues: the first field still to fill in. */
  focusStepStart(): void {
    switch (this.current) {
      case 'server':
        return this.focus(this.fields.server);
      case 'credentials': {
        if (!this.passwordForm) {
          const first = this.ssoButtons.querySelector('button');
          return this.focus(first instanceof HTMLButtonElement ? first : this.useToken);
        }
        return this.focus(this.fields.username.value.trim() === '' ? this.fields.username : this.fields.password);
      }
      case 'token':
        return this.focus(this.fields['token-user-id'].value.trim() === '' ? this.fields['token-user-id'] : this.fields['token-value']);
      case 'two-factor':
        return this.focus(this.fields.code);
      case 'signed-in':
        return this.focus(this.heading);
    }
  }

  /**
   * The message of the step: an error goes into the alert, a notice into the polite status
   * region. A new message unties the old one from every field.
   */
  showError(message: string | undefined, tone: NoticeTone = 'error'): void {
    this.errorMessage.textContent = tone === 'error' ? (message ?? '') : '';
    this.infoMessage.textContent = tone === 'info' ? (message ?? '') : '';
    this.notice.classList.toggle('has-error', message !== undefined && tone === 'error');
    this.notice.classList.toggle('has-info', message !== undefined && tone === 'info');
    for (const name of Object.keys(this.fields) as FieldName[]) this.untie(name);
    if (message === undefined) this.setCountdown(undefined);
  }

  /** A field the person must change before going on: marked invalid, the message tied to it, focused. */
  flagField(field: FieldName): void {
    this.tie(field);
    this.fields[field].setAttribute('aria-invalid', 'true');
    this.focus(this.fields[field]);
  }

  /** After a message no field is at fault for: focus where the step starts, the message read with that field. */
  focusStepStartWithMessage(): void {
    this.focusStepStart();
    const focused = Object.entries(this.fields).find(([, input]) => input === this.doc.activeElement);
    if (focused) this.tie(focused[0] as FieldName);
  }

  private tie(field: FieldName): void {
    const input = this.fields[field];
    const own = input.dataset.describedBy ?? input.getAttribute('aria-describedby') ?? '';
    input.dataset.describedBy = own;
    const message = this.notice.classList.contains('has-info') ? this.infoMessage.id : this.errorMessage.id;
    // A wait is part of the message: "You can try again in 5:59." is read with the field too.
    const wait = this.countdown.hidden ? '' : this.countdown.id;
    input.setAttribute('aria-describedby', [message, wait, own].filter(Boolean).join(' '));
  }

  private untie(field: FieldName): void {
    const input = this.fields[field];
    input.removeAttribute('aria-invalid');
    const own = input.dataset.describedBy;
    if (own === undefined) return;
    if (own) input.setAttribute('aria-describedby', own);
    else input.removeAttribute('aria-describedby');
  }

  setCountdown(text: string | undefined): void {
    this.countdown.textContent = text ?? '';
    this.countdown.hidden = text === undefined;
  }

  setBusy(action: BusyAction | undefined): void {
    this.busy = action;
    this.refreshActions();
  }

  /** Locked: the server will refuse any attempt until a wait is over. */
  setLocked(locked: boolean): void {
    this.locked = locked;
    this.refreshActions();
  }

  announce(text: string): void {
    // Cleared first so the same sentence twice is still read out twice.
    this.announcer.textContent = '';
    this.doc.defaultView?.setTimeout(() => (this.announcer.textContent = text), 50);
  }

  setServerCheck(look: ServerCheckLook | undefined, text = ''): void {
    this.serverCheck.textContent = text;
    this.serverCheck.className = look ? `server-check is-${look}` : 'server-check';
  }

  setServerCard(name: string, look: ServerCheckLook, detail: string): void {
    this.serverName.textContent = name;
    this.serverVersion.textContent = detail;
    this.serverVersion.className = `server-version is-${look}`;
  }

  /**
   * The server's sign-in services as buttons beside the password form, or alone when the server
   * hides its form (Accounts_ShowFormLogin). Labels are the server's own, set as text (never HTML).
   */
  setLoginServices(services: readonly ServiceButton[], passwordForm: boolean): void {
    this.passwordForm = passwordForm || services.length === 0;
    this.passwordFields.hidden = !this.passwordForm;
    this.ssoButtons.replaceChildren(
      ...services.map((service) => {
        const button = this.doc.createElement('button');
        button.type = 'button';
        button.className = 'button secondary sso-button';
        button.dataset.service = service.id;
        button.textContent = service.label;
        button.addEventListener('click', () => this.serviceHandler(service.id));
        return button;
      }),
    );
    this.ssoLabel.textContent = this.passwordForm ? STRINGS.sso.separator : STRINGS.sso.separatorOnly;
    this.ssoServices.hidden = services.length === 0;
    this.refreshActions();
  }

  get offersPassword(): boolean {
    return this.passwordForm;
  }

  /** The 2FA step: whose sign-in the code is for, on which server, and what a code looks like. */
  setCodeContext(account: string, server: string, hint: string): void {
    element(this.doc, 'code-account', HTMLSpanElement).textContent = account;
    element(this.doc, 'code-server', HTMLSpanElement).textContent = server;
    element(this.doc, 'code-hint', HTMLParagraphElement).textContent = hint;
  }

  setResendAvailable(available: boolean): void {
    this.resendCode.hidden = !available;
  }

  value(field: FieldName): string {
    return this.fields[field].value;
  }

  setValue(field: FieldName, value: string): void {
    this.fields[field].value = value;
    this.fields[field].removeAttribute('aria-invalid');
  }

  /** The toggle says what pressing it does next: "Hide" while the password shows. */
  private setPasswordShown(shown: boolean): void {
    this.fields.password.type = shown ? 'text' : 'password';
    this.togglePassword.setAttribute('aria-pressed', String(shown));
    this.togglePassword.textContent = shown ? STRINGS.credentials.hidePassword : STRINGS.credentials.showPassword;
    this.togglePassword.setAttribute('aria-label', shown ? STRINGS.credentials.hidePasswordLabel : STRINGS.credentials.showPasswordLabel);
  }

  private refreshActions(): void {
    for (const [step, button] of Object.entries(this.submitButtons) as [Exclude<Step, 'signed-in'>, HTMLButtonElement][]) {
      const active = step === this.current;
      const busyHere = active && this.busy !== undefined && this.busy !== 'resending' && this.busy !== 'waiting-for-sso';
      button.disabled = active && (this.busy !== undefined || this.locked);
      button.textContent = busyHere && this.busy ? BUSY_LABELS[this.busy] : SUBMIT_LABELS[step];
      button.classList.toggle('is-busy', busyHere);
      this.steps[step].setAttribute('aria-busy', String(active && this.busy !== undefined));
    }
    const waiting = this.busy === 'waiting-for-sso';
    for (const button of this.ssoButtons.querySelectorAll('button')) button.disabled = this.busy !== undefined || this.locked;
    this.useToken.disabled = this.busy !== undefined;
    // While another window signs in, this one offers only Cancel there (and stays one screen).
    this.useToken.hidden = this.busy === 'waiting-for-sso';
    this.ssoWaiting.hidden = !waiting;
    this.ssoWaiting.textContent = waiting ? STRINGS.sso.waiting : '';
    this.ssoCancel.hidden = !waiting;
    this.resendCode.disabled = this.busy !== undefined;
    this.resendCode.textContent = this.busy === 'resending' ? BUSY_LABELS.resending : STRINGS.twoFactor.resend;
    this.resendCode.classList.toggle('is-busy', this.busy === 'resending');
  }

  private focus(target: HTMLElement): void {
    target.focus();
    if (target instanceof HTMLInputElement && target.value) target.select();
  }

  private writeFixedText(): void {
    const text = (id: string, value: string) => (element(this.doc, id, HTMLElement).textContent = value);
    this.doc.title = STRINGS.documentTitle;
    text('brand-name', STRINGS.appName);
    text('server-address-label', STRINGS.server.addressLabel);
    text('server-address-hint', STRINGS.server.addressHint);
    text('username-label', STRINGS.credentials.username);
    text('password-label', STRINGS.credentials.password);
    text('code-label', STRINGS.twoFactor.codeLabel);
    this.changeServer.textContent = STRINGS.credentials.changeServer;
    this.changeServer.setAttribute('aria-label', STRINGS.credentials.changeServerLabel);
    this.setPasswordShown(false);
    this.cancelCode.textContent = STRINGS.twoFactor.cancel;
    text('token-user-id-label', STRINGS.token.userId);
    text('token-value-label', STRINGS.token.token);
    text('token-hint', STRINGS.token.hint);
    this.useToken.textContent = STRINGS.token.link;
    this.tokenBack.textContent = STRINGS.token.back;
    this.ssoCancel.textContent = STRINGS.sso.cancel;
    this.signedInClosing.textContent = STRINGS.signedIn.closing;
  }
}

const HEADINGS: Record<Step, string> = {
  server: STRINGS.server.heading,
  credentials: STRINGS.credentials.heading,
  token: STRINGS.token.heading,
  'two-factor': STRINGS.twoFactor.heading,
  'signed-in': STRINGS.signedIn.heading,
};

const SUBMIT_LABELS: Record<Exclude<Step, 'signed-in'>, string> = {
  server: STRINGS.server.continue,
  credentials: STRINGS.credentials.signIn,
  token: STRINGS.token.signIn,
  'two-factor': STRINGS.twoFactor.verify,
};

const BUSY_LABELS: Record<BusyAction, string> = {
  checking: STRINGS.server.checking,
  'signing-in': STRINGS.credentials.signingIn,
  verifying: STRINGS.twoFactor.verifying,
  resending: STRINGS.twoFactor.resending,
  'waiting-for-sso': STRINGS.sso.waiting,
};
