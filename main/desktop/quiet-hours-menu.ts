import { QUIET_HOURS_PRESETS, quietWindowAt, sameSchedule, scheduleText, type QuietHours } from '../common/quiet-hours';
import type { TrayMenuItem } from './tray-menu';
import { TRAY_STRINGS } from './tray-strings';

export interface DoNotDisturbInfo {
  available: boolean;
  /** Why not, in a sentence (macOS, Windows, a desktop that does not say). */
  reason?: string;
}

/** What the menu needs of the source's answer. */
export function doNotDisturbInfo(availability: { available: true } | { available: false; reason: string }): DoNotDisturbInfo {
  return availability.available ? { available: true } : { available: false, reason: availability.reason };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Quiet hours: weekdays 18:00–09:00, Busy — now" (or "off"). */
export function quietHoursLine(hours: QuietHours, now: number): string {
  if (!hours.enabled) return TRAY_STRINGS.quietHoursOff;
  const as = TRAY_STRINGS.statusNames[hours.status];
  const active = quietWindowAt(hours, now) ? ` — ${TRAY_STRINGS.quietHoursNow}` : '';
  return `${capitalised(scheduleText(hours))}, ${as}${hours.message ? `: “${hours.message}”` : ''}${active}`;
}

/** The tray's quiet-hours submenu: on/off, a ready-made schedule, busy or invisible, following the desktop. */
export function quietHoursSubmenu(hours: QuietHours, dnd: DoNotDisturbInfo, now: number): TrayMenuItem {
  const items: TrayMenuItem[] = [
    { type: 'normal', label: quietHoursLine(hours, now), enabled: false },
    { type: 'checkbox', label: TRAY_STRINGS.quietHoursOn, checked: hours.enabled, action: { kind: 'quiet-hours', change: { enabled: !hours.enabled } } },
    { type: 'separator' },
  ];
  const presets = QUIET_HOURS_PRESETS.some((preset) => sameSchedule(preset, hours)) ? QUIET_HOURS_PRESETS : [...QUIET_HOURS_PRESETS, { days: hours.days, start: hours.start, end: hours.end }];
  for (const preset of presets) {
    items.push({
      type: 'radio',
      label: capitalised(scheduleText(preset)),
      checked: sameSchedule(preset, hours),
      action: { kind: 'quiet-hours', change: { days: [...preset.days], start: preset.start, end: preset.end, enabled: true } },
    });
  }
  items.push({ type: 'separator' });
  for (const status of ['busy', 'offline'] as const) {
    items.push({ type: 'radio', label: TRAY_STRINGS.quietHoursAs(TRAY_STRINGS.statusNames[status]), checked: hours.status === status, action: { kind: 'quiet-hours', change: { status } } });
  }
  items.push({ type: 'separator' });
  items.push(
    dnd.available
      ? { type: 'checkbox', label: TRAY_STRINGS.followDesktopDnd, checked: hours.followDesktop, action: { kind: 'quiet-hours', change: { followDesktop: !hours.followDesktop } } }
      : { type: 'normal', label: dnd.reason ?? TRAY_STRINGS.followDesktopDndUnavailable, enabled: false },
  );
  items.push({ type: 'normal', label: TRAY_STRINGS.quietHoursMore, enabled: false });
  return { type: 'submenu', label: TRAY_STRINGS.quietHoursMenu, submenu: items };
}
