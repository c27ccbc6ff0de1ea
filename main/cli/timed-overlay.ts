import type { SessionState } from '../common/session-state';
import type { SignInEngine } from '../engine/sign-in-engine';
import { entryFor, withTimedStatus } from '../engine/status/timed-status';

/**
 * "busy until 15:30 (then online)": the end time and what comes back, from the server (8.6+) and
 * from rc-tray's own record of it (settings, no request), which also holds the app's pending restores.
 */
export async function withSavedTimedStatus(engine: SignInEngine, state: SessionState, now = Date.now()): Promise<SessionState> {
  if (state.kind !== 'signed-in') return state;
  const entries = (await engine.settings.read().catch(() => undefined))?.timedStatuses;
  return { ...state, user: withTimedStatus(state.user, entryFor(entries, state.server, state.user.id), now) };
}
