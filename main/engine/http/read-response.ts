import type * as z from 'zod/mini';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';

export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** Parses a body with a schema, or throws a `bad-response` that says what was wrong (never the body). */
export function readBody<T extends z.ZodMiniType>(response: RawResponse, schema: T, server: string): z.infer<T> {
  const json = parseJson(response.body);
  if (json === undefined) {
    const detail = looksLikeHtml(response.body) ? 'a web page instead of data' : 'not valid JSON';
    throw new SignInFailure(signInError('bad-response', { server, detail }));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SignInFailure(signInError('bad-response', { server, detail: 'unexpected data' }));
  return parsed.data;
}

export function header(response: RawResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] === undefined ? undefined : String(value[0]);
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Seconds until a rate limit lifts. The body's "wait N seconds" first: it is a duration, while
 * `X-RateLimit-Reset` is `Date.now() + timeToReset` in epoch ms on the *server's* clock
 * (ApiClass.enforceRateLimit; develop middlewares/rateLimiter.ts@2e2355e7), so a skewed client
 * clock would inflate or erase the wait. The header (then Retry-After) is only the fallback.
 */
export function retryAfterSeconds(response: RawResponse, message: string | undefined, now: number): number | undefined {
  const fromText = /wait (\d+) seconds?/i.exec(message ?? '');
  if (fromText?.[1]) return Math.max(1, Number(fromText[1]));
  const reset = Number(header(response, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > now) return Math.max(1, Math.ceil((reset - now) / 1000));
  const retryAfter = Number(header(response, 'retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
}
