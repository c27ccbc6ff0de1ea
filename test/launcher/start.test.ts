// `npm start` where Electron cannot run: two plain lines saying what is wrong and what to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { test } from 'node:test';
import { listenOnLoopback } from '../support/loopback';

const ROOT = path.resolve(__dirname, '../..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules/electron');
const electronPackage = JSON.parse(readFileSync(path.join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

interface Launcher {
  nodeProblem(version: string, pkg: object): string[] | undefined;
  electronProblem(dir: string, env: NodeJS.ProcessEnv, pkg: object): string[] | undefined;
  sandboxProblem(binary: string, platform: string, restriction: () => string | undefined): string[] | undefined;
}
const launcher = () => import(path.join(ROOT, 'scripts/start.mjs')) as Promise<Launcher>;

const plain = (lines: string[]) => {
  assert.equal(lines.length, 2, lines.join('\n'));
  for (const line of lines) assert.doesNotMatch(line, /^\s+at |\.js:\d+|Error:/, 'no stack trace or raw error');
};

test('npm start on a Node older than Electron needs: two lines, exit 1, before anything is built', () => {
  const run = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  const [wantMajor, wantMinor] = /(\d+)\.(\d+)/.exec(electronPackage.engines.node)!.slice(1).map(Number) as [number, number];
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return; // This Node is new enough; the unit tests below cover the message.
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split('\n');
  plain(lines);
  assert.match(lines[0]!, new RegExp(`needs Node\\.js ${wantMajor}\\.${wantMinor} or newer .*this is Node\\.js ${process.versions.node}`));
  assert.match(lines[1]!, /Install Node\.js \d+ LTS or newer/);
  assert.equal(run.stdout.trim(), '', 'nothing else printed');
});

test('the Node check reads the version Electron declares', async () => {
  const { nodeProblem } = await launcher();
  assert.equal(nodeProblem('v22.12.0', electronPackage), undefined);
  assert.equal(nodeProblem('v24.1.0', electronPackage), undefined);
  plain(nodeProblem('v20.19.0', electronPackage)!);
  plain(nodeProblem('v22.11.9', electronPackage)!);
});

test("Electron's binary missing and its download failing (Electron's own installer, run for real): two lines", { timeout: 120_000 }, async () => {
  const { electronProblem } = await launcher();
  // A download server that is not there, whatever network this machine has.
  const gone = await listenOnLoopback(http.createServer());
  await gone.close();
  const lines = electronProblem(ELECTRON_DIR, { ...process.env, ELECTRON_MIRROR: `${gone.url}/`, ELECTRON_OVERRIDE_DIST_PATH: '' }, electronPackage);
  if (lines === undefined) return; // An Electron binary is installed here: nothing to report.
  plain(lines);
  assert.match(lines[0]!, new RegExp(`the Electron ${electronPackage.version.replace(/\./g, '\\.')} binary is not installed, and downloading it failed \\(.+\\)\\.$`));
  assert.match(lines[1]!, /Connect to the internet .* or set ELECTRON_OVERRIDE_DIST_PATH/);
});

test('ELECTRON_OVERRIDE_DIST_PATH pointing nowhere: two lines', async () => {
  const { electronProblem } = await launcher();
  const lines = electronProblem(ELECTRON_DIR, { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron' }, electronPackage)!;
  plain(lines);
  assert.match(lines[0]!, /\/nonexistent\/electron/);
});

test('Ubuntu 24.04+ restricting user namespaces, from source without a SUID sandbox: two lines with the fix', async () => {
  const { sandboxProblem } = await launcher();
  assert.equal(sandboxProblem('/x/electron', 'linux', () => '0'), undefined);
  assert.equal(sandboxProblem('/x/electron', 'linux', () => undefined), undefined);
  assert.equal(sandboxProblem('/x/electron', 'darwin', () => '1'), undefined);
  const lines = sandboxProblem('/x/electron', 'linux', () => '1')!;
  plain(lines);
  assert.match(lines[1]!, /sudo chown root:root \/x\/chrome-sandbox && sudo chmod 4755 \/x\/chrome-sandbox/);
});
