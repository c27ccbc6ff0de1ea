import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autostartCommand, isStartAtLoginAvailable, linuxAutostartEntry, linuxAutostartPath, loginItemSettings, quoteExecArgument, shouldTurnOnStartAtLogin } from '../../main/desktop/autostart';

test('the autostart file lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
  assert.equal(linuxAutostartPath({ XDG_CONFIG_HOME: '/home/a/cfg' }, '/home/a'), '/home/a/cfg/autostart/rc-tray.desktop');
  assert.equal(linuxAutostartPath({}, '/home/a'), '/home/a/.config/autostart/rc-tray.desktop');
  assert.equal(linuxAutostartPath({ XDG_CONFIG_HOME: '' }, '/home/a'), '/home/a/.config/autostart/rc-tray.desktop');
  // The spec ignores a relative XDG_CONFIG_HOME.
  assert.equal(linuxAutostartPath({ XDG_CONFIG_HOME: 'cfg' }, '/home/a'), '/home/a/.config/autostart/rc-tray.desktop');
});

test('an AppImage starts itself by its file, not its temporary mount', () => {
  assert.deepEqual(autostartCommand({ APPIMAGE: '/home/a/Apps/rc-tray.AppImage' }, '/tmp/.mount_rcXYZ/rc-tray'), ['/home/a/Apps/rc-tray.AppImage']);
  assert.deepEqual(autostartCommand({}, '/opt/rc-tray/rc-tray'), ['/opt/rc-tray/rc-tray']);
});

test('run from source (npm start), Electron is started with the app folder', () => {
  assert.deepEqual(autostartCommand({}, '/src/node_modules/electron/dist/electron', '/src'), ['/src/node_modules/electron/dist/electron', '/src']);
  assert.match(linuxAutostartEntry(['/src/node_modules/electron/dist/electron', '/src']), /^Exec="\/src\/node_modules\/electron\/dist\/electron" "\/src" --hidden$/m);
});

test('start at login: offered where it can work, turned on once by the first sign-in, then the choice stands', () => {
  assert.equal(isStartAtLoginAvailable('linux', false), true);
  assert.equal(isStartAtLoginAvailable('darwin', false), false);
  assert.equal(isStartAtLoginAvailable('win32', true), true);
  assert.equal(shouldTurnOnStartAtLogin({ available: true, chosenBefore: false, enabledNow: false }), true);
  assert.equal(shouldTurnOnStartAtLogin({ available: true, chosenBefore: true, enabledNow: false }), false);
  assert.equal(shouldTurnOnStartAtLogin({ available: true, chosenBefore: false, enabledNow: true }), false);
  assert.equal(shouldTurnOnStartAtLogin({ available: false, chosenBefore: false, enabledNow: false }), false);
});

test('the entry starts rc-tray hidden, with the path quoted', () => {
  assert.equal(
    linuxAutostartEntry(['/home/a/My Apps/rc-tray.AppImage']),
    [
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=rc-tray',
      'Comment=Rocket.Chat status in the system tray',
      'Exec="/home/a/My Apps/rc-tray.AppImage" --hidden',
      'Terminal=false',
      'StartupNotify=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  );
});

test('reserved characters are escaped per the Desktop Entry spec', () => {
  assert.equal(quoteExecArgument('/opt/a"b'), '"/opt/a\\\\"b"');
  assert.equal(quoteExecArgument('/opt/$HOME/`x`'), '"/opt/\\\\$HOME/\\\\`x\\\\`"');
  assert.equal(quoteExecArgument('C:\\x'), '"C:\\\\\\\\x"');
  assert.equal(quoteExecArgument('/opt/100%/rc'), '"/opt/100%%/rc"');
  assert.throws(() => quoteExecArgument('/opt/a\nb'), /control characters/);
});

test('macOS and Windows login items carry the hidden flag their own way', () => {
  assert.deepEqual(loginItemSettings('win32', true), { openAtLogin: true, args: ['--hidden'] });
  assert.deepEqual(loginItemSettings('darwin', true), { openAtLogin: true });
  assert.deepEqual(loginItemSettings('darwin', false), { openAtLogin: false });
});
