import type { SessionState } from '../common/session-state';
import { nextBoundary } from '../common/quiet-hours';
import { nextLocalMidnight } from '../common/status-timing';
import type { TrayInput } from './tray-view';

/**
 * When the tray's words change by the clock alone, with no state change to redraw them: the next
 * local midnight while an end time on a later day is shown ("until tomorrow 09:00" becomes "until
 * 09:00"; "Fri 18:00" becomes "tomorrow 18:00"), the end itself (the "until" goes), and the next
 * quiet-hours boundary (the submenu's "— now"). Undefined when nothing shown depends on the clock,
 * so an idle tray holds no timer at all. Pure: the app arms one timer for the answer.
 */
export function nextTrayWordingChange(input: TrayInput, now: number): number | undefined {
  const moments: number[] = [];
  const sessions = [input.session, ...(input.otherSessions ?? [])].filter((session): session is Extract<SessionState, { kind: 'signed-in' }> => session?.kind === 'signed-in');
  for (const { user } of sessions) {
    const ends = user.statusExpiresAt;
    if (ends === undefined || ends <= now) continue;
    moments.push(ends);
    const midnight = nextLocalMidnight(now);
    if (ends > midnight) moments.push(midnight);
  }
  if (input.session?.kind === 'signed-in' && input.quietHours) {
    const boundary = nextBoundary(input.quietHours, now);
    if (boundary !== undefined) moments.push(boundary);
  }
  return moments.length === 0 ? undefined : Math.min(...moments);
}
