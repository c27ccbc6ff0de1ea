// REST dispatch: route match, rate limit, body parsing, token auth, then the handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './context';
import { INTERNAL_ERROR_BODY, isAtLeast, NOT_FOUND_BODY, notLoggedInBody, tooManyRequestsBody } from './error-bodies';
import { clientIp, header, readBody, send, type Reply } from './http-io';
import { hashToken, type ServerUser } from './users';
import { routeRateLimit } from './rate-limiter';
import { hasPresenceEngine } from './status-rules';

export interface RouteRequest {
  ctx: ServerContext;
  req: IncomingMessage;
  url: URL;
  ip: string;
  body: unknown;
  /** The body as sent, for routes outside the REST API that parse their own (SAML's POST binding). */
  raw: string;
  auth?: { user: ServerUser; hashedToken: string };
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  prefix?: boolean;
  auth?: boolean;
  /** Not an API route: Meteor WebApp middleware (OAuth, SAML, CAS) that reads its own body. */
  rawBody?: boolean;
  handle(r: RouteRequest): Reply | Promise<Reply>;
}

export function findRoute(routes: Route[], method: string, path: string): Route | undefined {
  return routes.find((r) => r.method === method && (r.prefix ? path.startsWith(r.path) : path === r.path));
}

export async function handleRest(ctx: ServerContext, routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = findRoute(routes, req.method ?? 'GET', url.pathname);
  if (!route) {
    req.resume();
    send(res, { status: 404, json: NOT_FOUND_BODY });
    return;
  }
  const ip = clientIp(req);
  // Only versioned routes go through RC's limiter; /api/info and static paths do not.
  const rate = route.path.startsWith('/api/v1/')
    ? ctx.rateLimiter.check(route.path, route.method, ip, routeRateLimit(route.path, route.method, hasPresenceEngine(ctx.settings.version)))
    : undefined;
  const rateHeaders = rate?.headers ?? {};
  if (rate && !rate.allowed) {
    req.resume();
    send(res, { status: 429, json: tooManyRequestsBody(rate.waitSeconds), headers: rateHeaders });
    return;
  }
  let body: unknown = {};
  let raw = '';
  if (route.method === 'POST' && route.rawBody) {
    raw = await readBody(req);
  } else if (route.method === 'POST') {
    const parsed = parseBody(ctx, header(req, 'content-type'), await readBody(req));
    if (!parsed.ok) {
      send(res, { status: 500, json: INTERNAL_ERROR_BODY, headers: rateHeaders });
      return;
    }
    body = parsed.value;
  } else {
    req.resume();
  }
  const r: RouteRequest = { ctx, req, url, ip, body, raw };
  if (route.auth) {
    const auth = authenticate(ctx, req);
    if (!auth) {
      send(res, { status: 401, json: notLoggedInBody(ctx.settings.version), headers: rateHeaders });
      return;
    }
    r.auth = auth;
  }
  let reply: Reply;
  try {
    reply = await route.handle(r);
  } catch {
    reply = { status: 500, json: INTERNAL_ERROR_BODY };
  }
  send(res, { ...reply, headers: { ...rateHeaders, ...reply.headers } });
}

function parseBody(ctx: ServerContext, contentType: string | undefined, raw: string): { ok: true; value: unknown } | { ok: false } {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    // RC 7.6.0 stopped reading form bodies on login (issue #36073): they arrive empty.
    if (isAtLeast(ctx.settings.version, '7.6.0')) return { ok: true, value: {} };
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

function authenticate(ctx: ServerContext, req: IncomingMessage): RouteRequest['auth'] {
  const userId = header(req, 'x-user-id');
  const token = header(req, 'x-auth-token');
  if (!userId || !token) return undefined;
  const found = ctx.users.findByIdAndToken(userId, token);
  return found ? { user: found.user, hashedToken: hashToken(token) } : undefined;
}
