import type { TwoFactorMethod } from './session-state';

/**
 * A two-factor code as people type or paste it: authenticator apps show "123 456", Rocket.Chat's
 * e-mail shows "123-456" (apps/meteor/app/2fa/server/code/EmailCheck.ts). Spaces and dashes go.
 */
export function normaliseTwoFactorCode(typed: string): string {
  return typed.replace(/[\s\u00a0\-\u2010-\u2015.·]/g, '');
}

/**
 * Whether a code can be right, checked here so a typo never uses up one of the server's tries:
 * six digits (RFC 6238 codes and Rocket.Chat's e-mail codes), or, for an authenticator account,
 * one of its backup codes (letters and digits, never only digits).
 */
export function isWellFormedCode(code: string, method: TwoFactorMethod | undefined): boolean {
  if (/^\d{6}$/.test(code)) return true;
  return method !== 'email' && /^[A-Za-z0-9]{8,32}$/.test(code) && /[A-Za-z]/.test(code);
}
