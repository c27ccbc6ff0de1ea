import { SignInFailure, type SignInError } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import type { LoginOutcome, PasswordLogin, RocketChatApi } from '../http/rocketchat-api';
import type { SsoCredential } from '../sso/sso-flow';

/**
 * A sign-in that may still need its 2FA code: held in memory only, between the first answer and
 * the code. A password is kept for the retry; an SSO credential is sent again with the code (RC
 * keeps it reusable for that, apps/meteor/app/2fa/server/loginHandler.ts).
 */
export type PendingSignIn =
  /** `emailOrUsername`: the challenge's `details.emailOrUsername`, where the server mails codes. */
  | { kind: 'password'; login: PasswordLogin; emailOrUsername?: string }
  | { kind: 'sso'; credential: SsoCredential; emailOrUsername?: string };

export function sendSignIn(
  api: RocketChatApi,
  pending: PendingSignIn,
  code?: string,
  passwords: { login(request: PasswordLogin): Promise<LoginOutcome> } = api,
): Promise<LoginOutcome> {
  if (pending.kind === 'password') return passwords.login(code === undefined ? pending.login : { ...pending.login, code });
  return api.ssoLogin(pending.credential, code);
}

/**
 * Where `users.2fa.sendEmailCode` should send a fresh code: the challenge's own target
 * (`details.emailOrUsername`, EmailCheck.ts@0e7b205e), else the typed name. The endpoint looks a
 * username up exactly and answers 200 when nobody matched, sending nothing (users.ts@00e428ca), so
 * "Carol" typed for the account "carol" would get no mail.
 */
export function resendTarget(pending: PendingSignIn): string | undefined {
  return pending.emailOrUsername ?? (pending.kind === 'password' ? pending.login.user : undefined);
}

/** The name the 2FA step shows. */
export function pendingName(pending: PendingSignIn): string {
  return pending.kind === 'password' ? pending.login.user : (pending.emailOrUsername ?? '');
}

/**
 * An SSO credential the server refuses (a stale or reused credential, or no matching account)
 * comes back as the ambiguous 'Unauthorized' of a wrong password (RC loginErrorMessageOverride):
 * it is reported as an SSO refusal, never as a wrong password the person never typed.
 */
export function refusal(pending: PendingSignIn, error: unknown): SignInError {
  const plain = error instanceof SignInFailure ? error.toPlain() : signInError('unexpected');
  if (pending.kind === 'sso' && plain.code === 'invalid-credentials') return signInError('sso-refused');
  return plain;
}
