import type { SessionState } from '../common/session-state';
import { messagesAllowed, statusChoices } from '../common/status-choices';
import { DURATION_CHOICES, durationLabel, type StatusDuration } from '../common/status-timing';
import type { TrayAction, TrayMenuItem } from './tray-menu';

export { messagesAllowed, statusChoices };
import { TRAY_STRINGS } from './tray-strings';

type SignedIn = Extract<SessionState, { kind: 'signed-in' }>;

function durationItems(label: (duration: StatusDuration) => string, action: (duration: StatusDuration) => TrayAction): TrayMenuItem[] {
  return DURATION_CHOICES.map((duration) => ({ type: 'normal', label: label(duration), enabled: true, action: action(duration) }));
}

const forever = (duration: StatusDuration) => (duration.kind === 'until-changed' ? undefined : duration);

function withDuration<T extends TrayAction>(action: T, duration: StatusDuration): T {
  const until = forever(duration);
  return until ? { ...action, duration: until } : action;
}

/** "Clear after 30 minutes" etc.: the same choices as the statuses, worded for a message. */
export function clearAfterLabel(duration: StatusDuration): string {
  switch (duration.kind) {
    case 'for':
      return durationLabel(duration).replace(/^For/, 'Clear after');
    case 'end-of-today':
      return 'Clear at the end of today';
    case 'tomorrow-morning':
      return 'Clear tomorrow morning';
    case 'until-changed':
      return "Don't clear";
  }
}

export function statusSubmenu(session: SignedIn): TrayMenuItem {
  const choices = statusChoices(session.features);
  const current = session.user.status;
  const items: TrayMenuItem[] = choices.map((status) => ({
    type: 'radio',
    label: TRAY_STRINGS.statusNames[status],
    checked: status === current,
    action: { kind: 'set-status', status },
  }));
  items.push({ type: 'separator' });
  for (const status of choices) {
    items.push({
      type: 'submenu',
      label: TRAY_STRINGS.statusFor(TRAY_STRINGS.statusNames[status]),
      submenu: durationItems(durationLabel, (duration) => withDuration({ kind: 'set-status', status }, duration)),
    });
  }
  const custom = (session.features?.customStatuses ?? []).filter((preset) => choices.includes(preset.status));
  if (custom.length > 0) {
    items.push({ type: 'separator' }, { type: 'normal', label: TRAY_STRINGS.serverPresets, enabled: false });
    for (const preset of custom) {
      items.push({
        type: 'submenu',
        label: `${preset.name} (${TRAY_STRINGS.statusNames[preset.status]})`,
        submenu: durationItems(durationLabel, (duration) => withDuration({ kind: 'set-custom-status', name: preset.name, status: preset.status }, duration)),
      });
    }
  }
  return { type: 'submenu', label: TRAY_STRINGS.statusMenu, submenu: items };
}

export function messageSubmenu(session: SignedIn): TrayMenuItem | undefined {
  if (!messagesAllowed(session.features)) return undefined;
  const items: TrayMenuItem[] = TRAY_STRINGS.statusMessagePresets.map((message) => ({
    type: 'submenu',
    label: session.user.statusText === message ? `${message} ✓` : message,
    submenu: durationItems(clearAfterLabel, (duration) => withDuration({ kind: 'set-status-message', message }, duration)),
  }));
  items.push({ type: 'separator' });
  items.push({ type: 'normal', label: TRAY_STRINGS.clearStatusMessage, enabled: session.user.statusText !== '', action: { kind: 'set-status-message', message: '' } });
  return { type: 'submenu', label: TRAY_STRINGS.statusMessageMenu, submenu: items };
}
