import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionState } from '../../main/common/session-state';
import { DEFAULT_QUIET_HOURS } from '../../main/common/quiet-hours';
import { nextLocalMidnight } from '../../main/common/status-timing';
import { nextTrayWordingChange } from '../../main/desktop/tray-wording-clock';
import { stateLine, type TrayInput } from '../../main/desktop/tray-view';
import { trayMenu } from '../../main/desktop/tray-menu';
import { signedIn } from './session-fixtures';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const NOW = at(1, 14, 30); // Tuesday 1 December 2026
const until = (ends: number, status: 'busy' | 'away' = 'busy'): SessionState => {
  const session = signedIn(status);
  assert.ok(session.kind === 'signed-in');
  return { ...session, user: { ...session.user, statusExpiresAt: ends } };
};
const input = (session: SessionState | null, extra: Partial<TrayInput> = {}): TrayInput => ({ session, resuming: false, startAtLogin: false, startAtLoginAvailable: true, now: NOW, ...extra });

test('the next local midnight, also across a daylight-saving change', () => {
  assert.equal(nextLocalMidnight(NOW), at(2, 0));
  assert.equal(nextLocalMidnight(at(31, 23, 59)), new Date(2027, 0, 1).getTime());
  const march = new Date(2026, 2, 28, 12).getTime();
  assert.equal(new Date(nextLocalMidnight(march)).getHours(), 0);
  assert.equal(new Date(nextLocalMidnight(march)).getDate(), 29);
});

test('an end time today: the only change is the end itself', () => {
  assert.equal(nextTrayWordingChange(input(until(at(1, 15, 30))), NOW), at(1, 15, 30));
});

test('an end time on a later day: midnight first, and the words really change there', () => {
  const tomorrow = input(until(at(2, 9)));
  assert.equal(nextTrayWordingChange(tomorrow, NOW), at(2, 0));
  assert.equal(stateLine(tomorrow), 'Busy until tomorrow 09:00');
  assert.equal(stateLine({ ...tomorrow, now: at(2, 0) }), 'Busy until 09:00');
  // After midnight the end is today: the next change is 09:00.
  assert.equal(nextTrayWordingChange(tomorrow, at(2, 0)), at(2, 9));
  // "Fri 18:00" becomes "tomorrow 18:00" on Thursday: every midnight counts.
  const friday = input(until(at(4, 18)));
  assert.equal(stateLine(friday), 'Busy until Fri 18:00');
  assert.equal(nextTrayWordingChange(friday, NOW), at(2, 0));
  assert.equal(stateLine({ ...friday, now: at(3, 0) }), 'Busy until tomorrow 18:00');
});

test('another server’s end time counts too (its menu line reads the same clock)', () => {
  const others = [{ ...until(at(3, 9), 'away'), server: 'https://other.example.com' }];
  const shown = input(signedIn(), { otherSessions: others });
  assert.equal(nextTrayWordingChange(shown, NOW), at(2, 0));
  const submenu = trayMenu({ ...shown, now: at(2, 0) }).find((item) => item.type === 'submenu' && item.label === 'Other servers');
  assert.ok(submenu?.type === 'submenu');
  assert.equal(submenu.submenu[0]?.type === 'submenu' && submenu.submenu[0].label, 'other.example.com — Away until tomorrow 09:00');
});

test('quiet hours: the next boundary (the submenu says "— now" from then)', () => {
  const hours = { ...DEFAULT_QUIET_HOURS, enabled: true };
  assert.equal(nextTrayWordingChange(input(signedIn(), { quietHours: hours }), NOW), at(1, 18));
  assert.equal(nextTrayWordingChange(input(signedIn(), { quietHours: DEFAULT_QUIET_HOURS }), NOW), undefined, 'off: no boundary');
});

test('nothing date-dependent shown: no timer', () => {
  assert.equal(nextTrayWordingChange(input(signedIn()), NOW), undefined);
  assert.equal(nextTrayWordingChange(input(until(at(1, 9))), NOW), undefined, 'an end already passed is not shown');
  assert.equal(nextTrayWordingChange(input(null), NOW), undefined);
});
