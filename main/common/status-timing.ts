/**
 * "For a while" as data: the durations a person picks, what they mean on the local clock, and how
 * an end time reads ("until 15:30", "until tomorrow 09:00"). Pure; every function takes `now`.
 */

/** "Tomorrow morning" means this local hour (Slack's and Teams' choice too). */
export const MORNING_HOUR = 9;

export type StatusDuration =
  | { kind: 'for'; minutes: number }
  | { kind: 'end-of-today' }
  | { kind: 'tomorrow-morning' }
  | { kind: 'until-changed' };

/** The tray's "for a while" choices, in menu order. */
export const DURATION_CHOICES: readonly StatusDuration[] = [
  { kind: 'for', minutes: 30 },
  { kind: 'for', minutes: 60 },
  { kind: 'for', minutes: 120 },
  { kind: 'end-of-today' },
  { kind: 'tomorrow-morning' },
  { kind: 'until-changed' },
];

function atLocal(now: number, dayOffset: number, hour: number, minute: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + dayOffset, hour, minute, 0, 0).getTime();
}

/** When a chosen duration ends, or undefined for "until I change it". */
export function durationEnd(duration: StatusDuration, now: number): number | undefined {
  switch (duration.kind) {
    case 'for':
      return now + duration.minutes * 60_000;
    case 'end-of-today':
      return atLocal(now, 1, 0, 0);
    case 'tomorrow-morning':
      return atLocal(now, 1, MORNING_HOUR, 0);
    case 'until-changed':
      return undefined;
  }
}

export function durationLabel(duration: StatusDuration): string {
  switch (duration.kind) {
    case 'for':
      if (duration.minutes % 60 === 0) {
        const hours = duration.minutes / 60;
        return `For ${hours} hour${hours === 1 ? '' : 's'}`;
      }
      return `For ${duration.minutes} minutes`;
    case 'end-of-today':
      return 'Until the end of today';
    case 'tomorrow-morning':
      return 'Until tomorrow morning';
    case 'until-changed':
      return 'Until I change it';
  }
}

export type ParsedTime = { ok: true; at: number } | { ok: false; message: string };

/** `--for`: `30m`, `1h`, `90m`, `1h30m`, `2h`; at least a minute, at most a week. */
export function parseForDuration(text: string, now: number): ParsedTime {
  const match = /^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$/i.exec(text);
  const hours = match?.[1] === undefined ? 0 : Number(match[1]);
  const minutes = match?.[2] === undefined ? 0 : Number(match[2]);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return { ok: false, message: `"${text}" is not a duration. Use minutes or hours, such as 30m, 1h, 90m or 1h30m.` };
  }
  const total = hours * 60 + minutes;
  if (total < 1) return { ok: false, message: 'The duration must be at least one minute.' };
  if (total > 7 * 24 * 60) return { ok: false, message: 'The duration can be at most a week (use --until for a date further away).' };
  return { ok: true, at: now + total * 60_000 };
}

/** `--until`: `HH:MM` (today, or tomorrow when that time has passed), `tomorrow` (tomorrow morning), `tomorrow HH:MM`. */
export function parseUntil(text: string, now: number): ParsedTime {
  const value = text.trim().toLowerCase();
  if (value === 'tomorrow') return { ok: true, at: atLocal(now, 1, MORNING_HOUR, 0) };
  const match = /^(tomorrow\s+)?([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) return { ok: false, message: `"${text}" is not a time. Use HH:MM (24-hour, such as 17:30), "tomorrow" or "tomorrow HH:MM".` };
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (match[1]) return { ok: true, at: atLocal(now, 1, hour, minute) };
  const today = atLocal(now, 0, hour, minute);
  return { ok: true, at: today > now ? today : atLocal(now, 1, hour, minute) };
}

const pad = (value: number) => String(value).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The next local midnight after `now`: the moment every date-relative phrase ("tomorrow 09:00",
 * "Fri 18:00") changes by the clock alone. DST-safe (the Date constructor normalises the day).
 */
export function nextLocalMidnight(now: number): number {
  return atLocal(now, 1, 0, 0);
}

/** "15:30" today, "tomorrow 09:00", "Fri 18:00" within a week, "24 Dec 18:00" further away. */
export function clockPhrase(at: number, now: number): string {
  const when = new Date(at);
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  const days = Math.round((atLocal(at, 0, 0, 0) - atLocal(now, 0, 0, 0)) / 86_400_000);
  if (days <= 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  if (days < 7) return `${WEEKDAYS[when.getDay()]} ${time}`;
  return `${when.getDate()} ${MONTHS[when.getMonth()]} ${time}`;
}

/** "until 15:30" (the phrase the tray, the menu and the CLI share). */
export function untilPhrase(at: number, now: number): string {
  return `until ${clockPhrase(at, now)}`;
}
