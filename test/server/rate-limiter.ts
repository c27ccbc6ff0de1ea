// RC's REST limiter: fixed window per {IPAddr, route} (route = path + lowercase method, e.g.
// '/api/v1/loginpost', '/api/v1/meget'); successful calls count too. Defaults 10 calls per 60 s
// (API_Enable_Rate_Limiter_Limit_Calls_Default / _Time_Default, apps/meteor/server/settings/rate.ts).
// X-RateLimit-Reset = new Date().getTime() + timeToReset: epoch ms on the *server's* clock
// (ApiClass.enforceRateLimit; develop apps/meteor/server/api/v1/middlewares/rateLimiter.ts@2e2355e7).

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

/**
 * Routes whose `rateLimiterOptions` override the default. `users.setStatus`: 5 calls per 60 s in
 * develop (`apps/meteor/server/api/v1/users.ts@00e428ca`: `rateLimiterOptions: { numRequestsAllowed:
 * 5, intervalTimeInMS: 60000 }`, next to the 8.6 `expiresAt` body). The 7.x route
 * (`apps/meteor/app/api/server/v1/users.ts@00a68da5`) has none, so the default applies there. The
 * release that added it is not pinned by a tag we can read; the stand-in ties it to 8.6, where the
 * same rewrite of the route (ajv body, `expiresAt`) landed (status-rules.ts `hasPresenceEngine`).
 */
export function routeRateLimit(route: string, method: string, presenceEngine: boolean): RateLimitOptions | undefined {
  if (route === '/api/v1/users.setStatus' && method === 'POST' && presenceEngine) return { limit: 5, windowMs: 60_000 };
  return undefined;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  waitSeconds: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: RateLimitOptions | false, private readonly now: () => number) {}

  /**
   * `key` looks like RC's: '/api/v1/loginpost' + client IP. `routeOptions`: the route's own
   * `rateLimiterOptions`; the master switch (`API_Enable_Rate_Limiter`, here `false`) turns those off too.
   */
  check(route: string, method: string, ip: string, routeOptions?: RateLimitOptions): RateDecision | undefined {
    if (!this.options) return undefined;
    const { limit, windowMs } = routeOptions ?? this.options;
    const now = this.now();
    const key = `${route}${method.toLowerCase()}${ip}`;
    let w = this.windows.get(key);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const reset = w.start + windowMs;
    const allowed = w.count <= limit;
    return {
      allowed,
      waitSeconds: Math.ceil((reset - now) / 1000),
      headers: {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, limit - w.count)),
        'X-RateLimit-Reset': String(reset),
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
