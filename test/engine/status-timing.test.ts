import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextBoundary, parseClock, parseDays, quietWindowAt, scheduleText, DEFAULT_QUIET_HOURS, type QuietHours } from '../../main/common/quiet-hours';
import { clockPhrase, durationEnd, parseForDuration, parseUntil, untilPhrase } from '../../main/common/status-timing';

const local = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const NOW = local(1, 14, 30); // Tuesday 1 December 2026, 14:30

test('--for: minutes and hours, within a minute and a week', () => {
  for (const [text, minutes] of [['30m', 30], ['1h', 60], ['90m', 90], ['1h30m', 90], ['2h', 120], [' 45 min ', 45]] as const) {
    assert.deepEqual(parseForDuration(text, NOW), { ok: true, at: NOW + minutes * 60_000 }, text);
  }
  for (const text of ['', 'soon', '1d', '-5m', '0m', '200h']) assert.equal(parseForDuration(text, NOW).ok, false, text);
});

test('--until: a time today, or tomorrow once it has passed; "tomorrow" is 09:00', () => {
  assert.deepEqual(parseUntil('17:30', NOW), { ok: true, at: local(1, 17, 30) });
  assert.deepEqual(parseUntil('9:15', NOW), { ok: true, at: local(2, 9, 15) });
  assert.deepEqual(parseUntil('14:30', NOW), { ok: true, at: local(2, 14, 30) }, 'now is not the future');
  assert.deepEqual(parseUntil('tomorrow', NOW), { ok: true, at: local(2, 9, 0) });
  assert.deepEqual(parseUntil('Tomorrow 08:30', NOW), { ok: true, at: local(2, 8, 30) });
  for (const text of ['24:00', '17.30', 'noon', 'tomorrow 7pm']) assert.equal(parseUntil(text, NOW).ok, false, text);
});

test('the tray durations on the local clock', () => {
  assert.equal(durationEnd({ kind: 'for', minutes: 30 }, NOW), NOW + 30 * 60_000);
  assert.equal(durationEnd({ kind: 'end-of-today' }, NOW), local(2, 0, 0));
  assert.equal(durationEnd({ kind: 'tomorrow-morning' }, NOW), local(2, 9, 0));
  assert.equal(durationEnd({ kind: 'until-changed' }, NOW), undefined);
});

test('"until" wording: today, tomorrow, this week, later', () => {
  assert.equal(untilPhrase(local(1, 15, 30), NOW), 'until 15:30');
  assert.equal(clockPhrase(local(2, 9, 0), NOW), 'tomorrow 09:00');
  assert.equal(clockPhrase(local(2, 0, 0), NOW), 'tomorrow 00:00');
  assert.equal(clockPhrase(local(4, 18, 0), NOW), 'Fri 18:00');
  assert.equal(clockPhrase(local(24, 18, 5), NOW), '24 Dec 18:05');
});

const EVENINGS: QuietHours = { ...DEFAULT_QUIET_HOURS, enabled: true }; // weekdays 18:00–09:00

test('quiet hours: the window now, overnight into the next day, none on the weekend', () => {
  assert.equal(quietWindowAt(EVENINGS, local(1, 17, 59)), undefined);
  assert.deepEqual(quietWindowAt(EVENINGS, local(1, 18, 0)), { start: local(1, 18, 0), end: local(2, 9, 0) });
  assert.deepEqual(quietWindowAt(EVENINGS, local(2, 8, 59)), { start: local(1, 18, 0), end: local(2, 9, 0) });
  assert.equal(quietWindowAt(EVENINGS, local(2, 9, 0)), undefined, 'the end is not inside');
  // Friday 4 Dec 18:00 → Saturday 09:00; then nothing until Monday 18:00.
  assert.deepEqual(quietWindowAt(EVENINGS, local(5, 8, 0)), { start: local(4, 18, 0), end: local(5, 9, 0) });
  assert.equal(quietWindowAt(EVENINGS, local(6, 12, 0)), undefined);
  assert.equal(quietWindowAt({ ...EVENINGS, enabled: false }, local(1, 20, 0)), undefined);
});

test('quiet hours: the next boundary is a start or an end, across the weekend', () => {
  assert.equal(nextBoundary(EVENINGS, local(1, 12, 0)), local(1, 18, 0));
  assert.equal(nextBoundary(EVENINGS, local(1, 18, 0)), local(2, 9, 0));
  assert.equal(nextBoundary(EVENINGS, local(5, 9, 0)), local(7, 18, 0), 'Saturday 09:00 → Monday 18:00');
  assert.equal(nextBoundary({ ...EVENINGS, enabled: false }, local(1, 12, 0)), undefined);
  const lunch: QuietHours = { ...EVENINGS, start: 12 * 60, end: 13 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
  assert.equal(nextBoundary(lunch, local(1, 12, 30)), local(1, 13, 0), 'a same-day window');
  const nightly: QuietHours = { ...EVENINGS, start: 22 * 60, end: 7 * 60, days: [0, 1, 2, 3, 4, 5, 6] };
  assert.deepEqual(quietWindowAt(nightly, local(2, 3, 0)), { start: local(1, 22, 0), end: local(2, 7, 0) });
});

test('days, clock and wording', () => {
  assert.deepEqual(parseDays('weekdays'), [1, 2, 3, 4, 5]);
  assert.deepEqual(parseDays('Mon-Thu'), [1, 2, 3, 4]);
  assert.deepEqual(parseDays('fri-mon'), [0, 1, 5, 6]);
  assert.deepEqual(parseDays('mon,wed,friday'), [1, 3, 5]);
  assert.equal(parseDays('someday'), undefined);
  assert.equal(parseClock('18:00'), 1080);
  assert.equal(parseClock('7:05'), 425);
  assert.equal(parseClock('24:00'), undefined);
  assert.equal(scheduleText(EVENINGS), 'weekdays 18:00–09:00');
  assert.equal(scheduleText({ days: [0, 6], start: 0, end: 23 * 60 + 59 }), 'weekends 00:00–23:59');
});
