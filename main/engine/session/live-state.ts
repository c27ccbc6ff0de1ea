import type { SessionState } from '../../common/session-state';
import type { LivePresenceEvents } from './live-presence';

type SignedIn = Extract<SessionState, { kind: 'signed-in' }>;

export interface LiveStateHooks {
  /** The signed-in state this live connection belongs to, or undefined once it is stale. */
  current(): SignedIn | undefined;
  set(state: SignedIn): void;
  /** A status pushed by the server (the status control decides what it means). */
  status: LivePresenceEvents['status'];
  /** The server ended the session (refused token, force_logout). */
  ended(): void;
}

/** How the realtime connection's events change a signed-in session's state (pure mapping). */
export function liveStateEvents(hooks: LiveStateHooks): LivePresenceEvents {
  const update = (change: (state: SignedIn) => SignedIn | undefined) => {
    const state = hooks.current();
    const next = state && change(state);
    if (next) hooks.set(next);
  };
  return {
    status: (status, statusText, claim) => {
      if (hooks.current()) hooks.status(status, statusText, claim);
    },
    connection: (connection) =>
      update((state) => {
        if (connection !== 'live') return state.live === connection ? undefined : { ...state, live: connection };
        const { liveError, nextLiveRetryAt: _at, ...rest } = state;
        return state.live === 'live' && !liveError ? undefined : { ...rest, live: 'live' };
      }),
    deferred: (error, nextLiveRetryAt) => update((state) => ({ ...state, live: 'reconnecting', liveError: error, nextLiveRetryAt })),
    rejected: () => {
      if (hooks.current()) hooks.ended();
    },
    forcedLogout: () => {
      if (hooks.current()) hooks.ended();
    },
  };
}
