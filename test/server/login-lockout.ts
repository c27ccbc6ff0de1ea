// RC's brute-force protection (Block_Multiple_Failed_Logins_*), per IP and per user, as in
// RocketChat/Rocket.Chat apps/meteor/app/authentication/server/lib/restrictLoginAttempts.ts@045982c8
// (isValidLoginAttemptByIp / isValidAttemptByUser / saveFailedLoginAttempts / saveSuccessfulLogin)
// and hooks/login.ts@16088215 (every Accounts.onLoginFailure saves a FAILED_LOGIN_ATTEMPT; every
// validated login saves a LOGIN):
// - blocked when the failures since the last successful login (of that IP / that user) reach the
//   limit (defaults 50 per IP, 10 per user) AND now < last failure + unblock minutes (default 5);
// - the checks run before anything else in validateLoginAttempt, so a refused attempt during a
//   block is itself a failure: it moves "last failure" forward and the block slides with it.
// (Newer develop code counts failures in the last N minutes instead; @045982c8 is what the review
// cites and what 6.x–8.x servers run.)

export interface LockoutOptions {
  userAttempts: number;
  ipAttempts: number;
  blockMs: number;
}

interface History {
  /** Failures since the last successful login. */
  failures: number;
  lastFailureAt: number;
}

export class LoginLockout {
  private readonly byUser = new Map<string, History>();
  private readonly byIp = new Map<string, History>();

  constructor(private readonly options: LockoutOptions | false, private readonly now: () => number) {}

  /** IP is checked before the user, as in validateLoginAttempt (startup/index.js@0137f511). */
  blocked(ip: string, username: string | undefined): 'ip' | 'user' | undefined {
    if (!this.options) return undefined;
    if (this.isBlocked(this.byIp.get(ip), this.options.ipAttempts)) return 'ip';
    if (username !== undefined && this.isBlocked(this.byUser.get(username.toLowerCase()), this.options.userAttempts)) return 'user';
    return undefined;
  }

  /** When the block on this IP / user ends if nobody tries again (undefined: not blocked). */
  blockedUntil(ip: string, username?: string): number | undefined {
    if (!this.options) return undefined;
    const kind = this.blocked(ip, username);
    const history = kind === 'ip' ? this.byIp.get(ip) : kind === 'user' ? this.byUser.get(username!.toLowerCase()) : undefined;
    return history ? history.lastFailureAt + this.options.blockMs : undefined;
  }

  /** saveFailedLoginAttempts: `u.username` is the found user's, else the username typed (never an e-mail). */
  recordFailure(ip: string, username: string | undefined): void {
    if (!this.options) return;
    this.bump(this.byIp, ip);
    if (username !== undefined) this.bump(this.byUser, username.toLowerCase());
  }

  /** saveSuccessfulLogin: the IP's last session and the user's lastLogin both move to now. */
  recordSuccess(ip: string, username: string): void {
    this.byIp.delete(ip);
    this.byUser.delete(username.toLowerCase());
  }

  reset(): void {
    this.byUser.clear();
    this.byIp.clear();
  }

  private isBlocked(history: History | undefined, limit: number): boolean {
    if (!history || !this.options) return false;
    if (limit && history.failures < limit) return false;
    return this.now() < history.lastFailureAt + this.options.blockMs;
  }

  private bump(map: Map<string, History>, key: string): void {
    const history = map.get(key) ?? { failures: 0, lastFailureAt: 0 };
    history.failures += 1;
    history.lastFailureAt = this.now();
    map.set(key, history);
  }
}
