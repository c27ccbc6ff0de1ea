import type { SessionState } from '../../common/session-state';
import type { SignInError } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { LoginOutcome, RocketChatApi } from '../http/rocketchat-api';
import { pendingName, resendTarget, type PendingSignIn } from './pending-sign-in';
import type { Scheduler } from './scheduler';

/** How long the password may wait in memory for the two-factor code. */
export const PASSWORD_HOLD_MS = 10 * 60_000;

type NeedsCode = Extract<SessionState, { kind: 'needs-2fa' }>;

/**
 * The two-factor step: the password (or SSO credential) waiting in memory for the code, for at
 * most PASSWORD_HOLD_MS (audit F-12), and the e-mailed code sent again on request.
 */
export class TwoFactorStep {
  private pending?: PendingSignIn;
  private holdTimer?: unknown;

  constructor(
    private readonly server: string,
    private readonly api: RocketChatApi,
    private readonly scheduler: Scheduler,
    /** The hold ran out while the step was still shown: the session abandons it. */
    private readonly expired: (reason: SignInError) => void,
  ) {}

  /** The sign-in waiting for its code, if any. */
  get held(): PendingSignIn | undefined {
    return this.pending;
  }

  forget(): void {
    this.pending = undefined;
    if (this.holdTimer !== undefined) this.scheduler.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
  }

  /** The server asked for a code: hold the sign-in and say what the step should show. */
  async challenge(pending: PendingSignIn, outcome: Extract<LoginOutcome, { kind: 'needs-2fa' }>): Promise<NeedsCode> {
    const held: PendingSignIn = { ...pending, emailOrUsername: outcome.emailOrUsername ?? pending.emailOrUsername };
    this.hold(held);
    let codeSent = outcome.codeSent;
    const target = resendTarget(held);
    if (outcome.error?.code === 'totp-max-attempts' && outcome.method === 'email' && target) {
      // The server mails a fresh code on the next attempt; ask for it now so the message is true.
      codeSent = await this.api.sendEmailCode(target).then(() => true, () => false);
    }
    const state: NeedsCode = { kind: 'needs-2fa', server: this.server, username: pendingName(held), twoFactor: { method: outcome.method, codeSent } };
    if (outcome.error) state.error = outcome.error;
    return state;
  }

  /**
   * Asks the server to e-mail a fresh code (contract §4, `users.2fa.sendEmailCode`); undefined when
   * nothing is held that could be sent to. A refusal throws, for the session to show on the step.
   */
  async resend(asked: NeedsCode): Promise<NeedsCode | undefined> {
    const target = this.pending && resendTarget(this.pending);
    if (!target) return undefined;
    await this.api.sendEmailCode(target);
    return { kind: 'needs-2fa', server: this.server, username: asked.username, twoFactor: { method: 'email', codeSent: true } };
  }

  private hold(held: PendingSignIn): void {
    this.forget();
    this.pending = held;
    this.holdTimer = this.scheduler.setTimeout(() => {
      this.holdTimer = undefined;
      if (this.pending === held) {
        this.expired(signInError('cancelled', { detail: 'The sign-in waited too long for the code. Enter your password again.' }));
      }
    }, PASSWORD_HOLD_MS);
  }
}
