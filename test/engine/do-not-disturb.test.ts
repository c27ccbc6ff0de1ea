import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { desktopKind, doNotDisturbSource, parseInhibited, parseShowBanners } from '../../main/engine/presence/do-not-disturb';
import { eventually } from '../support/session-waits';

test('which desktop says what: GNOME, the freedesktop Inhibited property (KDE), and not macOS or Windows', () => {
  assert.equal(desktopKind('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }), 'gnome');
  assert.equal(desktopKind('linux', { XDG_CURRENT_DESKTOP: 'KDE', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }), 'freedesktop');
  assert.equal(desktopKind('linux', { XDG_CURRENT_DESKTOP: 'KDE' }), 'none', 'no session bus, nobody to ask');
  const mac = doNotDisturbSource('darwin', {});
  assert.deepEqual(mac.availability, { available: false, reason: 'Following the desktop’s do not disturb is not available on macOS (Focus is not readable by apps).' });
  const windows = doNotDisturbSource('win32', {});
  assert.equal(windows.availability.available, false);
  assert.match(windows.availability.available ? '' : windows.availability.reason, /not available on Windows/);
});

test('gsettings and gdbus output as the tools print it', () => {
  assert.equal(parseShowBanners('show-banners: false'), false);
  assert.equal(parseShowBanners('true'), true);
  assert.equal(parseShowBanners('No such key'), undefined);
  assert.equal(parseInhibited('(<true>,)'), true);
  assert.equal(
    parseInhibited("/org/freedesktop/Notifications: org.freedesktop.DBus.Properties.PropertiesChanged ('org.freedesktop.Notifications', {'Inhibited': <false>}, @as [])"),
    false,
  );
  assert.equal(parseInhibited("/org/freedesktop/Notifications: org.freedesktop.Notifications.NotificationClosed (uint32 4, uint32 2)"), undefined);
});

test("GNOME: the real gsettings tells rc-tray when banners (do not disturb) change", async (t) => {
  const config = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-gsettings-'));
  t.after(() => rm(config, { recursive: true, force: true }));
  // A private settings store: GLib's keyfile backend in a temporary XDG_CONFIG_HOME (never the person's own).
  const env = { ...process.env, XDG_CONFIG_HOME: config, GSETTINGS_BACKEND: 'keyfile', XDG_CURRENT_DESKTOP: 'GNOME' };
  const gsettings = (...args: string[]) => execFileSync('gsettings', args, { env });
  const source = doNotDisturbSource('linux', env);
  assert.deepEqual(source.availability, { available: true, desktop: 'GNOME' });
  const seen: boolean[] = [];
  const stop = source.watch((on) => seen.push(on));
  t.after(stop);
  await eventually(() => seen.length === 1, 'the current state');
  assert.deepEqual(seen, [false]);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the monitor is listening
  gsettings('set', 'org.gnome.desktop.notifications', 'show-banners', 'false');
  await eventually(() => seen.at(-1) === true, 'do not disturb on');
  gsettings('set', 'org.gnome.desktop.notifications', 'show-banners', 'true');
  await eventually(() => seen.at(-1) === false, 'do not disturb off');
  assert.deepEqual(seen, [false, true, false]);
});
