// RC's EmailCheck: codes are "mailed", expire after an hour, 5 wrong tries burn them.
import { randomInt } from 'node:crypto';
import type { ServerUser } from './users';

export const EMAIL_CODE_TTL_MS = 3600 * 1000;
export const MAX_INVALID_EMAIL_CODE_ATTEMPTS = 5;

export type EmailSentListener = (user: ServerUser, code: string) => void;

export class EmailTwoFactor {
  constructor(private readonly now: () => number, private readonly onSent?: EmailSentListener) {}

  /** EmailCheck.isEnabled: only users with a verified address. */
  enabled(user: ServerUser): boolean {
    return user.twoFactor === 'email' && !!user.email && user.emailVerified;
  }

  send(user: ServerUser): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    user.emailCodes.push({ code, expiresAt: this.now() + EMAIL_CODE_TTL_MS });
    user.emailsSent.push(code);
    this.onSent?.(user, code);
    return code;
  }

  /** Runs on every login attempt: mails a code unless a valid one is pending. */
  processInvalidCode(user: ServerUser): Record<string, unknown> {
    this.dropExpired(user);
    const emailOrUsername = user.username || user.email;
    const latest = user.emailCodes[user.emailCodes.length - 1];
    if (latest) {
      return { emailOrUsername, codeGenerated: false, codeExpires: new Date(latest.expiresAt).toISOString() };
    }
    this.send(user);
    return { emailOrUsername, codeGenerated: true };
  }

  verify(user: ServerUser, code: string): boolean {
    this.dropExpired(user);
    const digits = code.replace(/\D/g, '');
    if (!digits || !user.emailCodes.some((c) => c.code === digits)) return false;
    user.emailCodes = [];
    user.invalidEmailCodeAttempts = 0;
    return true;
  }

  /** True once the limit is hit; the codes are then dropped so the next try mails a new one. */
  registerInvalid(user: ServerUser): boolean {
    user.invalidEmailCodeAttempts += 1;
    if (user.invalidEmailCodeAttempts < MAX_INVALID_EMAIL_CODE_ATTEMPTS) return false;
    user.invalidEmailCodeAttempts = 0;
    user.emailCodes = [];
    return true;
  }

  private dropExpired(user: ServerUser): void {
    const now = this.now();
    user.emailCodes = user.emailCodes.filter((c) => c.expiresAt > now);
  }
}
