import * as path from 'node:path';

/** Where the built app's files are, relative to the bundled main.js (dist/app), in or out of an asar. */
export interface AppFiles {
  preload: string;
  rendererRoot: string;
  assets: string;
}

export function appFilesBeside(mainDir: string): AppFiles {
  return {
    preload: path.join(mainDir, 'preload.js'),
    rendererRoot: path.join(mainDir, '..', 'renderer'),
    assets: path.join(mainDir, 'assets'),
  };
}
