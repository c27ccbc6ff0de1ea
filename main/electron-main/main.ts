import * as electron from 'electron';
import * as os from 'node:os';
import { createEngine } from '../engine/create-engine';
import { appFilesBeside } from './app-files';
import { startDesktopApp } from './desktop-app';

// The only place the real Electron meets the app; everything after this takes its parts as arguments.
startDesktopApp({
  electron,
  createEngine,
  files: appFilesBeside(__dirname),
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  homeDir: os.homedir(),
  execPath: process.execPath,
  log: (line) => console.error(line),
});
