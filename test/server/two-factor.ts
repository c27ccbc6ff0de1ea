// The login 2FA callback (RC loginHandler.ts + checkCodeForUser), run after the password passed.
import type { EmailTwoFactor } from './email-2fa';
import type { MeteorError } from './error-bodies';
import { verifyTotp } from './totp';
import { sha256Base64, type ServerUser } from './users';

export interface TwoFactorDeps {
  email: EmailTwoFactor;
  now: () => number;
}

export function checkLoginSecondFactor(deps: TwoFactorDeps, user: ServerUser, code: string | undefined): MeteorError | undefined {
  if (user.twoFactor === 'totp' && user.totpSecret) return checkTotp(deps, user, code);
  if (deps.email.enabled(user)) return checkEmail(deps, user, code);
  return undefined; // disablePasswordFallback: no 2FA method, no second factor
}

function checkTotp(deps: TwoFactorDeps, user: ServerUser, code: string | undefined): MeteorError | undefined {
  const details = { method: 'totp', codeGenerated: false, availableMethods: ['totp'] };
  if (!code) return { error: 'totp-required', reason: 'TOTP Required', details };
  if (verifyTotp(user.totpSecret!, code, deps.now())) return undefined;
  const backupIdx = user.backupCodeHashes.indexOf(sha256Base64(code));
  if (backupIdx >= 0) {
    user.backupCodeHashes.splice(backupIdx, 1);
    return undefined;
  }
  return { error: 'totp-invalid', reason: 'TOTP Invalid', details };
}

function checkEmail(deps: TwoFactorDeps, user: ServerUser, code: string | undefined): MeteorError | undefined {
  // processInvalidCode runs before the code is looked at, as in RC, so any attempt may mail.
  const data = deps.email.processInvalidCode(user);
  const details = { method: 'email', ...data, availableMethods: ['email'] };
  if (!code) return { error: 'totp-required', reason: 'TOTP Required', details };
  if (deps.email.verify(user, code)) return undefined;
  if (deps.email.registerInvalid(user)) {
    return { error: 'totp-max-attempts', reason: 'TOTP Maximun Failed Attempts Reached', details };
  }
  return { error: 'totp-invalid', reason: 'TOTP Invalid', details };
}
