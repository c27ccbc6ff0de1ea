import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBrowsableUrl, trayMenu, type TrayMenuItem } from '../../main/desktop/tray-menu';
import type { TrayInput } from '../../main/desktop/tray-view';
import { SERVER, expired, needsCode, offline, signedIn, signingIn } from './session-fixtures';

const menu = (session: TrayInput['session'], extra: Partial<TrayInput> = {}) => trayMenu({ session, resuming: false, startAtLogin: false, startAtLoginAvailable: true, ...extra });
const labels = (items: TrayMenuItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));
const find = (items: TrayMenuItem[], label: string) => items.find((item) => item.type !== 'separator' && item.label === label);

test('signed in: who, status, server, status submenus, open, sign out, start at login, quit', () => {
  assert.deepEqual(labels(menu(signedIn('online'))), [
    'Alice Liddell (@alice)',
    'Online',
    'chat.example.com',
    '---',
    'Status',
    'Set status message',
    'Open chat.example.com in browser',
    'Sign out',
    'Sign in to another server…',
    '---',
    'Start at login',
    'Quit',
  ]);
});

test('other servers stay reachable: each with its state, "Show in tray" and "Sign out"', () => {
  const other: TrayInput['session'] = { ...signedIn('busy'), server: 'https://team.example.org/chat' };
  const items = menu(signedIn('online'), { otherSessions: [other, { ...offline, server: 'https://old.example.net' }] });
  const others = find(items, 'Other servers');
  assert.ok(others?.type === 'submenu');
  assert.deepEqual(labels(others.submenu), ['team.example.org/chat — Busy', 'old.example.net — Server unreachable, retrying']);
  const team = others.submenu[0];
  assert.ok(team?.type === 'submenu');
  assert.deepEqual(
    team.submenu.map((item) => (item.type === 'normal' ? item.action : undefined)),
    [
      { kind: 'follow-server', server: 'https://team.example.org/chat' },
      { kind: 'sign-out', server: 'https://team.example.org/chat' },
    ],
  );
  assert.equal(find(menu(signedIn('online'), { otherSessions: [] }), 'Other servers'), undefined);
});

test('the status submenu is radio items with the current status checked, each setting that status', () => {
  for (const status of ['online', 'away', 'busy', 'offline'] as const) {
    const submenu = find(menu(signedIn(status)), 'Status');
    assert.ok(submenu?.type === 'submenu');
    assert.deepEqual(labels(submenu.submenu), ['Online', 'Away', 'Busy', 'Invisible', '---', 'Online for…', 'Away for…', 'Busy for…', 'Invisible for…']);
    const checked = submenu.submenu.filter((item) => item.type === 'radio' && item.checked);
    assert.equal(checked.length, 1);
    assert.deepEqual(checked[0]?.type === 'radio' && checked[0].action, { kind: 'set-status', status });
  }
});

test('each status for a while: 30 minutes, 1 hour, 2 hours, end of today, tomorrow morning, until I change it', () => {
  const submenu = find(menu(signedIn()), 'Status');
  assert.ok(submenu?.type === 'submenu');
  const busyFor = find(submenu.submenu, 'Busy for…');
  assert.ok(busyFor?.type === 'submenu');
  assert.deepEqual(labels(busyFor.submenu), ['For 30 minutes', 'For 1 hour', 'For 2 hours', 'Until the end of today', 'Until tomorrow morning', 'Until I change it']);
  assert.deepEqual(
    busyFor.submenu.map((item) => item.type === 'normal' && item.action),
    [
      { kind: 'set-status', status: 'busy', duration: { kind: 'for', minutes: 30 } },
      { kind: 'set-status', status: 'busy', duration: { kind: 'for', minutes: 60 } },
      { kind: 'set-status', status: 'busy', duration: { kind: 'for', minutes: 120 } },
      { kind: 'set-status', status: 'busy', duration: { kind: 'end-of-today' } },
      { kind: 'set-status', status: 'busy', duration: { kind: 'tomorrow-morning' } },
      { kind: 'set-status', status: 'busy' },
    ],
  );
});

test('status message presets, each with "clear after"; clear is enabled only when a message is set', () => {
  const plain = find(menu(signedIn('online')), 'Set status message');
  assert.ok(plain?.type === 'submenu');
  const meeting = find(plain.submenu, 'In a meeting');
  assert.ok(meeting?.type === 'submenu');
  assert.deepEqual(labels(meeting.submenu), ['Clear after 30 minutes', 'Clear after 1 hour', 'Clear after 2 hours', 'Clear at the end of today', 'Clear tomorrow morning', "Don't clear"]);
  assert.deepEqual(meeting.submenu[1]?.type === 'normal' && meeting.submenu[1].action, { kind: 'set-status-message', message: 'In a meeting', duration: { kind: 'for', minutes: 60 } });
  assert.deepEqual(meeting.submenu[5]?.type === 'normal' && meeting.submenu[5].action, { kind: 'set-status-message', message: 'In a meeting' });
  const clearWhenEmpty = find(plain.submenu, 'Clear status message');
  assert.equal(clearWhenEmpty?.type === 'normal' && clearWhenEmpty.enabled, false);

  const withMessage = find(menu(signedIn('busy', { statusText: 'In a meeting' })), 'Set status message');
  assert.ok(withMessage?.type === 'submenu');
  assert.ok(find(withMessage.submenu, 'In a meeting ✓'), 'the current one is marked');
  const clear = find(withMessage.submenu, 'Clear status message');
  assert.deepEqual(clear?.type === 'normal' && clear.enabled && clear.action, { kind: 'set-status-message', message: '' });
});

test('signed out (or expired, or mid-2FA): "Sign in…" and no status or sign-out', () => {
  for (const session of [expired, needsCode, null]) {
    const items = menu(session);
    assert.deepEqual(find(items, 'Sign in…'), { type: 'normal', label: 'Sign in…', enabled: true, action: { kind: 'sign-in' } });
    assert.equal(find(items, 'Status'), undefined);
    assert.equal(find(items, 'Sign out'), undefined);
  }
  assert.deepEqual(labels(menu(null)), ['Signed out', '---', 'Sign in…', '---', 'Start at login', 'Quit']);
});

test('while connecting there is nothing to sign in to yet; unreachable keeps sign out', () => {
  assert.equal(find(menu(null, { resuming: true }), 'Sign in…'), undefined);
  assert.equal(find(menu(signingIn), 'Sign in…'), undefined);
  const unreachable = menu(offline);
  assert.ok(find(unreachable, 'Sign out'));
  assert.equal(find(unreachable, 'Sign in…'), undefined);
});

test('"Start at login" is a checkbox showing the real setting and flipping it', () => {
  assert.deepEqual(find(menu(null, { startAtLogin: true }), 'Start at login'), {
    type: 'checkbox',
    label: 'Start at login',
    checked: true,
    action: { kind: 'set-start-at-login', enabled: false },
  });
  const off = find(menu(null), 'Start at login');
  assert.deepEqual(off?.type === 'checkbox' && [off.checked, off.action], [false, { kind: 'set-start-at-login', enabled: true }]);
});

test('"Open in browser" carries the server URL, and only web URLs are opened', () => {
  const open = find(menu(signedIn()), 'Open chat.example.com in browser');
  assert.deepEqual(open?.type === 'normal' && open.action, { kind: 'open-server', url: SERVER });
  assert.equal(isBrowsableUrl('https://chat.example.com/sub'), true);
  assert.equal(isBrowsableUrl('http://localhost:3000'), true);
  assert.equal(isBrowsableUrl('file:///etc/passwd'), false);
  assert.equal(isBrowsableUrl('javascript:alert(1)'), false);
  assert.equal(isBrowsableUrl('not a url'), false);
  const odd = menu({ kind: 'signed-out', server: 'smb://share' });
  assert.equal(labels(odd).some((label) => label.startsWith('Open')), false);
});
