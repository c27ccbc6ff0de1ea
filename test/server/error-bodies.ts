// Response bodies exactly as RC sends them; 9.0 (applyBreakingChanges) shortens the 401s.

export interface MeteorError {
  error: string | number;
  reason: string;
  details?: Record<string, unknown>;
}

export function parseVersion(version: string): [number, number, number] {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0];
}

export function isAtLeast(version: string, wanted: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(wanted);
  for (let i = 0; i < 3; i++) {
    if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  }
  return true;
}

export function usesBreakingBodies(version: string): boolean {
  return isAtLeast(version, '9.0.0');
}

export const USER_NOT_FOUND: MeteorError = { error: 401, reason: 'User not found' };

/**
 * REST login failures: RC turns 'User not found' into the ambiguous Unauthorized body. From 9.0
 * (RocketChat/Rocket.Chat apps/meteor/server/api/ApiClass.ts@0358e0dc `_initAuth`: with
 * `applyBreakingChanges = shouldBreakInVersion('9.0.0')` the catch answers `self.unauthorized()`
 * without merging `error`/`details`/`message`), *every* failure is the same bare body: wrong
 * password, the 2FA challenge, the lockout, a deactivated account alike. DDP `login` is unaffected.
 */
export function loginFailureBody(version: string, e: MeteorError): Record<string, unknown> {
  const ambiguous = e.reason === 'User not found';
  if (usesBreakingBodies(version)) return { success: false, error: 'unauthorized' };
  if (ambiguous) return { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' };
  return { success: false, error: e.error, status: 'error', ...(e.details ? { details: e.details } : {}), message: e.reason };
}

export function notLoggedInBody(version: string): Record<string, unknown> {
  if (usesBreakingBodies(version)) return { success: false, error: 'unauthorized' };
  const text = 'You must be logged in to do this.';
  return { success: false, error: text, status: 'error', message: text };
}

/** API.v1.failure for a Meteor.Error thrown inside an endpoint (HTTP 400). */
export function endpointErrorBody(e: MeteorError): Record<string, unknown> {
  return {
    success: false,
    error: `${e.reason} [${e.error}]`,
    errorType: e.error,
    ...(e.details ? { details: e.details } : {}),
  };
}

export const INTERNAL_ERROR_BODY = { success: false, error: 'Internal server error' };
export const NOT_FOUND_BODY = { success: false, error: 'Not found' };
export const MATCH_ERROR_BODY = {
  success: false,
  error: 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation',
};

export function tooManyRequestsBody(waitSeconds: number): Record<string, unknown> {
  return {
    success: false,
    error: `Error, too many requests. Please slow down. You must wait ${waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`,
  };
}

/** How Meteor serialises a client-safe error in a DDP `result` or `nosub`. */
export function ddpErrorBody(e: MeteorError): Record<string, unknown> {
  return {
    isClientSafe: true,
    error: e.error,
    reason: e.reason,
    ...(e.details ? { details: e.details } : {}),
    message: `${e.reason} [${e.error}]`,
    errorType: 'Meteor.Error',
  };
}
