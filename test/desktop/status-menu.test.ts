import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerStatusFeatures, SessionState } from '../../main/common/session-state';
import { messagesAllowed, statusChoices } from '../../main/desktop/status-menu';
import { trayMenu, type TrayMenuItem } from '../../main/desktop/tray-menu';
import { stateLine, trayTooltip, type TrayInput } from '../../main/desktop/tray-view';
import { signedIn } from './session-fixtures';

const FEATURES: ServerStatusFeatures = { expiringStatus: true, invisibleAllowed: true, messageChangeAllowed: true, liveStatusShared: true, customStatuses: [] };
const NOW = new Date(2026, 11, 1, 14, 30).getTime();

function withFeatures(session: SessionState, features: Partial<ServerStatusFeatures>): SessionState {
  assert.ok(session.kind === 'signed-in');
  return { ...session, features: { ...FEATURES, ...features } };
}
function withUser(session: SessionState, user: Partial<Extract<SessionState, { kind: 'signed-in' }>['user']>): SessionState {
  assert.ok(session.kind === 'signed-in');
  return { ...session, user: { ...session.user, ...user } };
}
const input = (session: SessionState, extra: Partial<TrayInput> = {}): TrayInput => ({ session, resuming: false, startAtLogin: false, startAtLoginAvailable: true, now: NOW, ...extra });
const labels = (items: TrayMenuItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));
const find = (items: TrayMenuItem[], label: string) => items.find((item) => item.type !== 'separator' && item.label === label);

test('what the menu offers: Invisible only where allowed; Away on every version (RC PR #41414 reversed #40469)', () => {
  assert.deepEqual(statusChoices(undefined), ['online', 'away', 'busy', 'offline']);
  assert.deepEqual(statusChoices({ ...FEATURES, invisibleAllowed: false }), ['online', 'away', 'busy']);
  assert.deepEqual(statusChoices({ ...FEATURES, expiringStatus: true }), ['online', 'away', 'busy', 'offline']);
  const status = find(trayMenu(input(withFeatures(signedIn(), { invisibleAllowed: false }))), 'Status');
  assert.ok(status?.type === 'submenu');
  assert.deepEqual(labels(status.submenu).slice(0, 3), ['Online', 'Away', 'Busy']);
  assert.equal(find(status.submenu, 'Invisible'), undefined);
});

test('message changes refused by the server: no message menu', () => {
  assert.equal(messagesAllowed({ ...FEATURES, messageChangeAllowed: false }), false);
  assert.equal(messagesAllowed(undefined), true);
  assert.equal(find(trayMenu(input(withFeatures(signedIn(), { messageChangeAllowed: false }))), 'Set status message'), undefined);
  assert.ok(find(trayMenu(input(signedIn())), 'Set status message'));
});

test('a server that shares no live status says so in the menu and the tooltip', () => {
  const session = withFeatures(signedIn(), { liveStatusShared: false });
  assert.ok(find(trayMenu(input(session)), 'This server does not share live status'));
  assert.match(trayTooltip(input(session)), /\nThis server does not share live status\n/);
  assert.equal(find(trayMenu(input(signedIn())), 'This server does not share live status'), undefined);
});

test('the admin custom statuses appear in the status menu with their type', () => {
  const session = withFeatures(signedIn(), { customStatuses: [{ name: 'In a meeting', status: 'busy' }, { name: 'Hidden', status: 'offline' }] , invisibleAllowed: false });
  const status = find(trayMenu(input(session)), 'Status');
  assert.ok(status?.type === 'submenu');
  const meeting = find(status.submenu, 'In a meeting (Busy)');
  assert.ok(meeting?.type === 'submenu');
  assert.deepEqual(meeting.submenu[0]?.type === 'normal' && meeting.submenu[0].action, { kind: 'set-custom-status', name: 'In a meeting', status: 'busy', duration: { kind: 'for', minutes: 30 } });
  const last = meeting.submenu.at(-1);
  assert.deepEqual(last?.type === 'normal' && last.action, { kind: 'set-custom-status', name: 'In a meeting', status: 'busy' });
  assert.equal(find(status.submenu, 'Hidden (Invisible)'), undefined, 'a preset the server would refuse is not offered');
});

test('"Busy until 15:30", the message, and an integration\'s status shown as such', () => {
  const until = new Date(2026, 11, 1, 15, 30).getTime();
  const busy = withUser(signedIn('busy'), { statusText: 'In a meeting', statusExpiresAt: until, statusSource: 'external' });
  assert.equal(stateLine(input(busy)), 'Busy until 15:30: In a meeting (set by an integration)');
  assert.match(trayTooltip(input(busy)), /^rc-tray\nAlice Liddell \(@alice\)\nBusy until 15:30: In a meeting \(set by an integration\)\n/);
  const tomorrow = withUser(signedIn('away'), { statusExpiresAt: new Date(2026, 11, 2, 9, 0).getTime() });
  assert.equal(stateLine(input(tomorrow)), 'Away until tomorrow 09:00');
  assert.equal(stateLine(input(tomorrow, { now: new Date(2026, 11, 2, 9, 0).getTime() })), 'Away', 'a passed end is not shown');
});
