import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from './cli-runner';

const WITH_KEYRING = path.resolve(__dirname, '../../scripts/with-keyring.sh');

export interface Step {
  code: number;
  output: string;
}

/**
 * Runs a bash script inside a D-Bus session and gnome-keyring of its own (not the suite's shared
 * one), so a test may lock or break that keyring without touching other tests. In the script,
 * `step NAME ARGS…` runs the built rc-tray (stdout and stderr together) and records its exit
 * code; `$CLI` is the built CLI. `unlock: false` leaves the bus with no keyring daemon at all.
 */
export function inPrivateSession(script: string, env: NodeJS.ProcessEnv, options: { keyring?: boolean } = {}): Promise<Record<string, Step>> {
  const prelude = `step() { local name=$1; shift; local out; out=$(node "$CLI" "$@" 2>&1); printf '@@step %s %s\\n%s\\n@@end\\n' "$name" "$?" "$out"; }\n`;
  const { RC_TRAY_IN_PRIVATE_KEYRING: _outer, DBUS_SESSION_BUS_ADDRESS: _bus, ...rest } = env;
  // Its own runtime and data folders, so a keyring daemon the bus starts on demand finds none of the suite's.
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-tray-session-'));
  const prepare = `mkdir -p "${home}/run" "${home}/data" && chmod 700 "${home}/run"\nexport XDG_RUNTIME_DIR="${home}/run" XDG_DATA_HOME="${home}/data"\n`;
  script = prepare + script;
  // keyring: false is a session bus with no service files, so no keyring daemon can be started on
  // demand: a machine with D-Bus but without gnome-keyring (or with its package missing).
  const busConfig = path.join(home, 'bus.conf');
  writeFileSync(
    busConfig,
    '<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>\n',
  );
  const command = options.keyring === false ? ['dbus-run-session', `--config-file=${busConfig}`, '--', 'bash', '-c', prelude + script] : ['bash', WITH_KEYRING, 'bash', '-c', prelude + script];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...rest, CLI }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      const steps: Record<string, Step> = {};
      for (const match of stdout.matchAll(/^@@step (\S+) (\d+)\n([\s\S]*?)\n?@@end$/gm)) steps[match[1]!] = { code: Number(match[2]), output: match[3]! };
      if (Object.keys(steps).length === 0) reject(new Error(`no steps ran:\n${stdout}\n${stderr}`));
      else resolve(steps);
    });
  });
}

/** Locks the private keyring's login collection, as a screen lock or a timeout would. */
export const LOCK_KEYRING =
  'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';
