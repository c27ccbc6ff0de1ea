// users.setStatus as each Rocket.Chat version decides it, and the 8.6 presence engine's expiring claims.
//
// Before 8.6 (6.x/7.x `apps/meteor/app/api/server/v1/users.ts`, e.g. @7bf6c349): the
// `Accounts_AllowUserStatusMessageChange` check runs before anything else and refuses the whole
// call, status included; `setStatusText` trims and cuts the text to 120 characters.
// From 8.6 (develop `apps/meteor/server/api/v1/users.ts@00e428ca`, RC PRs #40274 #40469 #40557,
// Rocket.Chat-Open-API `user-management.yaml` / PR #236): `error-not-allowed` only when a `message`
// is sent while the setting is off; `expiresAt` must be a valid future date (`error-invalid-date`);
// `effectiveStatus = status || statusDefault || 'online'` is checked against
// `Accounts_AllowInvisibleStatusOption`; then `Presence.setStatus` (`ee/packages/presence/src/Presence.ts@00c0f09c`):
// `online` without text resets to Online with no text (`clearActiveState`), the text goes through
// `normalizeStatusText` (`lib/normalizeStatusText.ts@8ace62ae`: trim, cut to 120), and the claim is
// `manual` with its `statusExpiresAt`; when that passes the engine restores what was there before.
import type { ServerContext } from './context';
import { isAtLeast } from './error-bodies';
import { USER_STATUSES, type ServerUser, type StatusSource, type UserStatus } from './users';

export const STATUS_TEXT_MAX_LENGTH = 120;

export function normalizeStatusText(text: string): string {
  return text.trim().substring(0, STATUS_TEXT_MAX_LENGTH);
}

export function hasPresenceEngine(version: string): boolean {
  return isAtLeast(version, '8.6.0');
}

export type StatusRefusal = { error: string; reason: string };

export interface StatusRequest {
  status?: string;
  message?: string;
  expiresAt?: unknown;
}

function refusal(error: string, reason: string): StatusRefusal {
  return { error, reason };
}

const INVALID_STATUS = refusal('error-invalid-status', 'Valid status types include online, away, offline, and busy.');
const INVISIBLE_DISABLED = refusal('error-status-not-allowed', 'Invisible status is disabled');
const NOT_ALLOWED = refusal('error-not-allowed', 'Change status is not allowed');

/** Applies a users.setStatus body to `user`, or says why the server refuses it. */
export function applySetStatus(ctx: ServerContext, user: ServerUser, request: StatusRequest): StatusRefusal | undefined {
  const { settings } = ctx;
  const status = request.status === '' ? undefined : request.status;
  if (!hasPresenceEngine(settings.version)) {
    if (!settings.allowStatusMessageChange) return NOT_ALLOWED;
    if (status !== undefined) {
      if (!USER_STATUSES.includes(status as UserStatus)) return INVALID_STATUS;
      if (status === 'offline' && !settings.allowInvisibleStatus) return INVISIBLE_DISABLED;
    }
    if (typeof request.message === 'string') user.statusText = normalizeStatusText(request.message);
    if (status !== undefined) user.statusDefault = status as UserStatus;
    return undefined;
  }

  if (request.message !== undefined && !settings.allowStatusMessageChange) return NOT_ALLOWED;
  let expiresAt: number | undefined;
  if (request.expiresAt !== undefined) {
    const parsed = typeof request.expiresAt === 'string' ? Date.parse(request.expiresAt) : Number.NaN;
    if (!Number.isFinite(parsed) || parsed <= ctx.now()) return refusal('error-invalid-date', 'Invalid date');
    expiresAt = parsed;
  }
  if (status !== undefined && !USER_STATUSES.includes(status as UserStatus)) return INVALID_STATUS;
  const effective = (status ?? user.statusDefault ?? 'online') as UserStatus;
  if (effective === 'offline' && !settings.allowInvisibleStatus) return INVISIBLE_DISABLED;

  const restore = user.statusRestore ?? { statusDefault: user.statusDefault, statusText: user.statusText, statusSource: user.statusSource };
  user.statusDefault = effective;
  if (effective === 'online' && request.message === undefined) {
    // clearActiveState: back to Online with no text and no claim.
    user.statusText = '';
    clearClaim(user);
    return undefined;
  }
  if (typeof request.message === 'string') user.statusText = normalizeStatusText(request.message);
  user.statusSource = 'manual';
  if (expiresAt === undefined) {
    user.statusExpiresAt = undefined;
    user.statusRestore = undefined;
  } else {
    user.statusExpiresAt = expiresAt;
    user.statusRestore = restore;
  }
  return undefined;
}

/** A change made any other way (another client, a DDP method) replaces the claim and its expiry. */
export function clearClaim(user: ServerUser, source?: StatusSource): void {
  user.statusSource = source;
  user.statusExpiresAt = undefined;
  user.statusRestore = undefined;
}

/** The presence engine's expiry: every claim whose time has passed gives back what it replaced. */
export function expireDueClaims(ctx: ServerContext): ServerUser[] {
  const expired: ServerUser[] = [];
  for (const user of ctx.users.all()) {
    if (user.statusExpiresAt === undefined || user.statusExpiresAt > ctx.now()) continue;
    const restore = user.statusRestore;
    user.statusDefault = restore?.statusDefault ?? 'online';
    user.statusText = restore?.statusText ?? '';
    clearClaim(user, restore?.statusSource);
    expired.push(user);
  }
  for (const user of expired) ctx.presence.userEdited(user);
  return expired;
}
