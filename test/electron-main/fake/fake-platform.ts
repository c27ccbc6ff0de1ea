/**
 * Which OS the fake plays, and on Linux which display server: Electron 38+ runs native Wayland
 * by default (ozone platform "auto"), where `ready-to-show` may never fire (electron/electron#48859).
 */
export interface FakePlatform {
  os: 'linux' | 'darwin' | 'win32';
  display: 'wayland' | 'x11' | 'native';
}

export function fakePlatform(os: NodeJS.Platform = 'linux', display?: FakePlatform['display']): FakePlatform {
  if (os !== 'linux' && os !== 'darwin' && os !== 'win32') throw new Error(`the fake models linux, darwin and win32, not ${os}`);
  return { os, display: display ?? (os === 'linux' ? 'wayland' : 'native') };
}

/** Every platform the fake models: the app's tests run on each. */
export const FAKE_PLATFORMS = ['linux', 'darwin', 'win32'] as const;
