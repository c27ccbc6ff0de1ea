import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DO_NOT_DISTURB_REASONS, desktopKind, doNotDisturbSource, parseInhibited, parseServerName, parseShowBanners } from '../../main/engine/presence/do-not-disturb';
import { platformBehaviour } from '../../main/desktop/platform-behaviour';
import { eventually } from '../support/session-waits';

test('which desktop says what: GNOME, the freedesktop Inhibited property (KDE), and not macOS or Windows', async () => {
  assert.equal(desktopKind({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }), 'gnome');
  assert.equal(desktopKind({ XDG_CURRENT_DESKTOP: 'KDE', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }), 'freedesktop');
  assert.equal(desktopKind({ XDG_CURRENT_DESKTOP: 'KDE' }), 'none', 'no session bus, nobody to ask');
  // Platform differences are data (platform-behaviour.ts): the OSes that give apps no way to read it.
  const mac = doNotDisturbSource({ env: {}, unavailable: platformBehaviour('darwin').doNotDisturbUnavailable });
  assert.deepEqual(mac.availability, { available: false, reason: 'Following the desktop’s do not disturb is not available on macOS (Focus is not readable by apps).' });
  assert.deepEqual(await mac.probe(), mac.availability, 'nothing to ask');
  const windows = doNotDisturbSource({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, unavailable: platformBehaviour('win32').doNotDisturbUnavailable });
  assert.match(windows.availability.available ? '' : windows.availability.reason, /not available on Windows/);
  assert.equal(platformBehaviour('linux').doNotDisturbUnavailable, undefined, 'Linux desktops are asked');
  assert.deepEqual(doNotDisturbSource({ env: { XDG_CURRENT_DESKTOP: 'KDE' } }).availability, { available: false, reason: DO_NOT_DISTURB_REASONS.noBus });
  assert.deepEqual(doNotDisturbSource({ env: { XDG_CURRENT_DESKTOP: 'KDE', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' } }).availability, { available: false, reason: DO_NOT_DISTURB_REASONS.checking });
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
  assert.equal(parseServerName("('Plasma', 'KDE', '6.3.0', '1.2')"), 'Plasma');
  assert.equal(parseServerName("('Bob\\'s notifier', 'x', '1', '1.2')"), "Bob's notifier");
  assert.equal(parseServerName(''), undefined);
});

test("GNOME: the real gsettings tells rc-tray when banners (do not disturb) change", async (t) => {
  const config = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-gsettings-'));
  t.after(() => rm(config, { recursive: true, force: true }));
  // A private settings store: GLib's keyfile backend in a temporary XDG_CONFIG_HOME (never the person's own).
  const env = { ...process.env, XDG_CONFIG_HOME: config, GSETTINGS_BACKEND: 'keyfile', XDG_CURRENT_DESKTOP: 'GNOME' };
  const gsettings = (...args: string[]) => execFileSync('gsettings', args, { env });
  const source = doNotDisturbSource({ env });
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
