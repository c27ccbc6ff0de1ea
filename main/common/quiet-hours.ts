/**
 * Quiet hours as data and their boundaries on the local clock. A window starts on each chosen day
 * at `start` and ends at `end` the same day, or the next day when `end` is not after `start`
 * ("weekdays 18:00–09:00" runs Friday 18:00 to Saturday 09:00). Pure; every function takes `now`.
 */
import type { UserStatus } from './session-state';

export interface QuietHours {
  enabled: boolean;
  /** The days a window starts on: 0 Sunday … 6 Saturday (Date#getDay). */
  days: number[];
  /** Minutes after local midnight. */
  start: number;
  end: number;
  /** What others see meanwhile: busy, or invisible (`offline`). */
  status: Extract<UserStatus, 'busy' | 'offline'>;
  message: string;
  /** Also be quiet while the desktop's own do-not-disturb is on (where the desktop says). */
  followDesktop: boolean;
}

export const DEFAULT_QUIET_HOURS: QuietHours = {
  enabled: false,
  days: [1, 2, 3, 4, 5],
  start: 18 * 60,
  end: 9 * 60,
  status: 'busy',
  message: 'Outside working hours',
  followDesktop: false,
};

export interface QuietWindow {
  start: number;
  end: number;
}

function localAt(now: number, dayOffset: number, minutes: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + dayOffset, Math.floor(minutes / 60), minutes % 60, 0, 0).getTime();
}

/** Every window that starts from `fromDay` to `toDay` days around `now`, in order. */
function windowsAround(hours: QuietHours, now: number, fromDay: number, toDay: number): QuietWindow[] {
  const windows: QuietWindow[] = [];
  const overnight = hours.end <= hours.start;
  for (let offset = fromDay; offset <= toDay; offset++) {
    const start = localAt(now, offset, hours.start);
    if (!hours.days.includes(new Date(start).getDay())) continue;
    windows.push({ start, end: localAt(now, offset + (overnight ? 1 : 0), hours.end) });
  }
  // Back-to-back windows (every day 18:00–18:00 is refused by the parser; 22:00–07:00 every day is not) merge.
  const merged: QuietWindow[] = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

/** The window `now` is in, if any. */
export function quietWindowAt(hours: QuietHours, now: number): QuietWindow | undefined {
  if (!hours.enabled || hours.days.length === 0) return undefined;
  return windowsAround(hours, now, -8, 1).find((window) => window.start <= now && now < window.end);
}

/** The next moment quiet hours start or end after `now` (a timer, never a poll). */
export function nextBoundary(hours: QuietHours, now: number): number | undefined {
  if (!hours.enabled || hours.days.length === 0) return undefined;
  const times = windowsAround(hours, now, -8, 8)
    .flatMap((window) => [window.start, window.end])
    .filter((time) => time > now)
    .sort((a, b) => a - b);
  return times[0];
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_WORDS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `weekdays`, `weekends`, `every day`, `mon-fri`, `mon,wed,fri`, `sat-sun`. */
export function parseDays(text: string): number[] | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'weekdays') return [1, 2, 3, 4, 5];
  if (value === 'weekends') return [0, 6];
  if (value === 'every day' || value === 'everyday' || value === 'daily' || value === 'all') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of value.split(',').map((piece) => piece.trim())) {
    const range = /^([a-z]{3})[a-z]*(?:\s*-\s*([a-z]{3})[a-z]*)?$/.exec(part);
    if (!range) return undefined;
    const from = DAY_NAMES.indexOf(range[1]!);
    const to = range[2] === undefined ? from : DAY_NAMES.indexOf(range[2]);
    if (from < 0 || to < 0) return undefined;
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** `HH:MM` (24-hour) → minutes after midnight. */
export function parseClock(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

const pad = (value: number) => String(value).padStart(2, '0');
export const clockText = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

export function daysText(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(',');
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '0,6') return 'weekends';
  if (key === '0,1,2,3,4,5,6') return 'every day';
  return [...days].sort((a, b) => a - b).map((day) => DAY_WORDS[day]).join(', ');
}

/** "weekdays 18:00–09:00". */
export function scheduleText(hours: Pick<QuietHours, 'days' | 'start' | 'end'>): string {
  return `${daysText(hours.days)} ${clockText(hours.start)}–${clockText(hours.end)}`;
}

/** The tray's ready-made schedules (a custom one comes from `rc-tray quiet-hours set`). */
export const QUIET_HOURS_PRESETS: ReadonlyArray<Pick<QuietHours, 'days' | 'start' | 'end'>> = [
  { days: [1, 2, 3, 4, 5], start: 18 * 60, end: 9 * 60 },
  { days: [1, 2, 3, 4, 5], start: 17 * 60, end: 8 * 60 },
  { days: [0, 1, 2, 3, 4, 5, 6], start: 22 * 60, end: 7 * 60 },
];

export function sameSchedule(a: Pick<QuietHours, 'days' | 'start' | 'end'>, b: Pick<QuietHours, 'days' | 'start' | 'end'>): boolean {
  return a.start === b.start && a.end === b.end && [...a.days].sort().join(',') === [...b.days].sort().join(',');
}
