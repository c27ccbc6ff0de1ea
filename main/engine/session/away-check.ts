import type { UserStatus } from '../../common/session-state';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';

export interface AwayCheckDeps {
  api: RocketChatApi;
  credentials(): Promise<Credentials | undefined>;
}

/**
 * "away" on the realtime stream means one of two things: the person chose away (in any client), or
 * they chose online and every connection of theirs went idle — Rocket.Chat shows
 * `statusConnection` whenever `statusDefault` is online (ee/packages/presence/src/lib/processStatus.ts;
 * contract §9), and neither `user-status` nor `stream-user-presence` carries `statusDefault`.
 * `GET /api/v1/me` does (getBaseUserFields), so each "away" is followed by one read; only the
 * newest read counts, and any other status meanwhile makes it moot.
 */
export class AwayCheck {
  private asked = 0;

  constructor(private readonly deps: AwayCheckDeps) {}

  /** Reads the chosen status and hands it to `apply`, unless a newer event came first. */
  confirm(apply: (chosen: UserStatus) => void): void {
    const ask = ++this.asked;
    void (async () => {
      const credentials = await this.deps.credentials();
      if (!credentials || ask !== this.asked) return;
      const me = await this.deps.api.me(credentials);
      if (ask === this.asked && me.statusDefault) apply(me.statusDefault);
    })().catch(() => undefined); // a fault leaves the guess; the next event or reconnect reads again
  }

  cancel(): void {
    this.asked += 1;
  }
}
