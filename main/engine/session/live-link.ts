import type { SessionState, UserSummary } from '../../common/session-state';
import type { Credentials } from '../http/rocketchat-api';
import type { LivePresence, LivePresenceFactory } from './live-presence';
import { liveStateEvents, type LiveStateHooks } from './live-state';
import type { SessionCell } from './session-cell';

type SignedIn = Extract<SessionState, { kind: 'signed-in' }>;

/**
 * A signed-in session's one realtime connection: opened at sign-in, closed at sign-out, and
 * deaf to its own late events once the session it was opened for is gone (a new generation).
 */
export class LiveLink {
  private live?: LivePresence;

  constructor(
    private readonly cell: SessionCell,
    private readonly factory: LivePresenceFactory | undefined,
    private readonly hooks: Pick<LiveStateHooks, 'status' | 'ended'>,
  ) {}

  /** Whether this session has a realtime connection at all (the CLI's one-shot commands do not). */
  get available(): boolean {
    return this.factory !== undefined;
  }

  open(server: string, credentials: Credentials, user: UserSummary): void {
    this.close();
    if (!this.factory) return;
    const owner = this.cell.generation;
    const current = (): SignedIn | undefined => {
      const state = this.cell.state;
      return this.cell.isCurrent(owner) && state.kind === 'signed-in' ? state : undefined;
    };
    this.live = this.factory({
      server,
      credentials,
      user,
      events: liveStateEvents({ current, set: (state) => this.cell.set(state), ...this.hooks }),
    });
  }

  retryNow(): void {
    this.live?.retryNow();
  }

  setAway(away: boolean): void {
    this.live?.setAway(away);
  }

  close(): void {
    const live = this.live;
    this.live = undefined;
    live?.close();
  }
}
