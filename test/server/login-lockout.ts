// RC's brute-force protection (Block_Multiple_Failed_Logins_*): per user and per IP.

export interface LockoutOptions {
  userAttempts: number;
  ipAttempts: number;
  blockMs: number;
}

interface Counter {
  failures: number;
  blockedUntil: number;
}

export class LoginLockout {
  private readonly byUser = new Map<string, Counter>();
  private readonly byIp = new Map<string, Counter>();

  constructor(private readonly options: LockoutOptions | false, private readonly now: () => number) {}

  /** IP is checked before the user, as in validateLoginAttempt. */
  blocked(ip: string, userKey: string | undefined): 'ip' | 'user' | undefined {
    if (!this.options) return undefined;
    if (this.isBlocked(this.byIp, ip)) return 'ip';
    if (userKey !== undefined && this.isBlocked(this.byUser, userKey.toLowerCase())) return 'user';
    return undefined;
  }

  recordFailure(ip: string, userKey: string | undefined): void {
    if (!this.options) return;
    this.bump(this.byIp, ip, this.options.ipAttempts);
    if (userKey !== undefined) this.bump(this.byUser, userKey.toLowerCase(), this.options.userAttempts);
  }

  recordSuccess(userKey: string): void {
    this.byUser.delete(userKey.toLowerCase());
  }

  reset(): void {
    this.byUser.clear();
    this.byIp.clear();
  }

  private isBlocked(map: Map<string, Counter>, key: string): boolean {
    const c = map.get(key);
    if (!c || c.blockedUntil === 0) return false;
    if (c.blockedUntil > this.now()) return true;
    map.delete(key);
    return false;
  }

  private bump(map: Map<string, Counter>, key: string, limit: number): void {
    const c = map.get(key) ?? { failures: 0, blockedUntil: 0 };
    c.failures += 1;
    if (c.failures >= limit && this.options) c.blockedUntil = this.now() + this.options.blockMs;
    map.set(key, c);
  }
}
