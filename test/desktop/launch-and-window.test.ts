import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { appConfigFolder, isStartedHidden } from '../../main/desktop/launch-options';
import { loginWindowOptions } from '../../main/desktop/login-window-options';

test('--hidden (or a macOS login item launch) means started hidden', () => {
  assert.equal(isStartedHidden(['/opt/rc-tray/rc-tray', '--hidden'], false), true);
  assert.equal(isStartedHidden(['/opt/rc-tray/rc-tray'], true), true);
  assert.equal(isStartedHidden(['/opt/rc-tray/rc-tray', '.'], false), false);
  assert.equal(isStartedHidden(['/opt/rc-tray/rc-tray', '--hiddenx'], false), false);
});

test("the config folder is Electron's userData unless RC_TRAY_CONFIG_DIR says otherwise", () => {
  assert.equal(appConfigFolder({}, '/home/a/.config/rc-tray'), '/home/a/.config/rc-tray');
  assert.equal(appConfigFolder({ RC_TRAY_CONFIG_DIR: '  ' }, '/home/a/.config/rc-tray'), '/home/a/.config/rc-tray');
  assert.equal(appConfigFolder({ RC_TRAY_CONFIG_DIR: '/tmp/rc' }, '/home/a/.config/rc-tray'), '/tmp/rc');
  assert.equal(appConfigFolder({ RC_TRAY_CONFIG_DIR: 'rel' }, '/x'), path.resolve('rel'));
});

test('the login window is sandboxed, isolated, without Node, and hidden until painted', () => {
  const options = loginWindowOptions({ preload: '/app/dist/app/preload.js', darkTheme: false, devTools: false });
  assert.deepEqual(options.webPreferences, {
    preload: '/app/dist/app/preload.js',
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
  });
  assert.equal(options.show, false);
  assert.equal(options.useContentSize, true, 'the size is the page viewport the browser tests measure');
  assert.equal(options.backgroundColor, '#f4f6f9');
  assert.equal(loginWindowOptions({ preload: 'p', darkTheme: true, devTools: true }).backgroundColor, '#15171b');
  assert.equal(loginWindowOptions({ preload: 'p', darkTheme: true, devTools: true }).webPreferences.devTools, true);
});
