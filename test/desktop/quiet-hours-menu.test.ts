import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../main/common/quiet-hours';
import { quietHoursLine, quietHoursSubmenu } from '../../main/desktop/quiet-hours-menu';
import { trayMenu, type TrayMenuItem } from '../../main/desktop/tray-menu';
import { signedIn, signedOut } from './session-fixtures';

const MONDAY_8PM = new Date(2026, 11, 7, 20, 0).getTime();
const MONDAY_NOON = new Date(2026, 11, 7, 12, 0).getTime();
const ON: QuietHours = { ...DEFAULT_QUIET_HOURS, enabled: true };
const labels = (items: TrayMenuItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));

test('the line says the schedule, the status and message, and "now" inside the window', () => {
  assert.equal(quietHoursLine(DEFAULT_QUIET_HOURS, MONDAY_8PM), 'Quiet hours are off');
  assert.equal(quietHoursLine(ON, MONDAY_NOON), 'Weekdays 18:00–09:00, Busy: “Outside working hours”');
  assert.equal(quietHoursLine({ ...ON, status: 'offline', message: '' }, MONDAY_8PM), 'Weekdays 18:00–09:00, Invisible — now');
});

test('on/off, ready-made schedules (a custom one shown too), busy or invisible, the desktop option', () => {
  const menu = quietHoursSubmenu(ON, { available: true }, MONDAY_NOON);
  assert.ok(menu.type === 'submenu');
  assert.deepEqual(labels(menu.submenu), [
    'Weekdays 18:00–09:00, Busy: “Outside working hours”',
    'Quiet hours on',
    '---',
    'Weekdays 18:00–09:00',
    'Weekdays 17:00–08:00',
    'Every day 22:00–07:00',
    '---',
    'During quiet hours: Busy',
    'During quiet hours: Invisible',
    '---',
    "Also while the desktop's do not disturb is on",
    'Other days, hours or message: rc-tray quiet-hours',
  ]);
  const toggle = menu.submenu[1];
  assert.deepEqual(toggle?.type === 'checkbox' && [toggle.checked, toggle.action], [true, { kind: 'quiet-hours', change: { enabled: false } }]);
  const nightly = menu.submenu[5];
  assert.deepEqual(nightly?.type === 'radio' && nightly.action, { kind: 'quiet-hours', change: { days: [0, 1, 2, 3, 4, 5, 6], start: 1320, end: 420, enabled: true } });

  const custom = quietHoursSubmenu({ ...ON, days: [1, 3], start: 12 * 60, end: 13 * 60 }, { available: false, reason: 'Not on macOS.' }, MONDAY_NOON);
  assert.ok(custom.type === 'submenu');
  const shown = custom.submenu.find((item) => item.type === 'radio' && item.checked);
  assert.equal(shown?.type === 'radio' && shown.label, 'Mon, Wed 12:00–13:00');
  assert.deepEqual(custom.submenu.at(-2), { type: 'normal', label: 'Not on macOS.', enabled: false });
});

test('offered in the tray only while signed in', () => {
  const input = { resuming: false, startAtLogin: false, startAtLoginAvailable: true, quietHours: ON, now: MONDAY_NOON };
  assert.ok(trayMenu({ ...input, session: signedIn() }).some((item) => item.type === 'submenu' && item.label === 'Quiet hours'));
  assert.ok(!trayMenu({ ...input, session: signedOut }).some((item) => item.type === 'submenu' && item.label === 'Quiet hours'));
});
