import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The desktop's own do-not-disturb, where the desktop says it: GNOME's `show-banners` setting
 * (org.gnome.desktop.notifications; off = do not disturb) and the notification server's
 * `Inhibited` property, KDE Plasma's extension of org.freedesktop.Notifications (plasma-workspace
 * libnotificationmanager/dbus/org.freedesktop.Notifications.xml@3c52fc3b: `Inhibited` b, read,
 * EmitsChangedSignal; server_p.cpp@0181f961 sends PropertiesChanged and lists the "inhibitions"
 * capability, while GetServerInformation reports spec 1.2, which has no such property). Other
 * notification servers lack it: rc-tray asks the running one (probe) and says so when it does not.
 * Where the OS gives apps no way to read it at all (macOS, Windows) the caller says why
 * (platform-behaviour.ts `doNotDisturbUnavailable`).
 */
export type DoNotDisturbAvailability = { available: true; desktop: string } | { available: false; reason: string };

export interface DoNotDisturbSource {
  /** What is known now: final where nothing needs asking; otherwise "checking" until `probe` answers. */
  readonly availability: DoNotDisturbAvailability;
  /** Asks the desktop whether it says (again at each call: after a wake the notification server may be another one). */
  probe(): Promise<DoNotDisturbAvailability>;
  /** Calls `onChange` with the current state, then on every change; returns the stop function. */
  watch(onChange: (on: boolean) => void): () => void;
}

export type DesktopKind = 'gnome' | 'freedesktop' | 'none';

/** Which source a Linux (or other Unix) desktop has. */
export function desktopKind(env: NodeJS.ProcessEnv): DesktopKind {
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toUpperCase();
  if (/GNOME|UNITY|BUDGIE|PANTHEON/.test(desktop)) return 'gnome';
  // KDE, and any desktop whose notification server may have the `Inhibited` property: asked by probe().
  return env.DBUS_SESSION_BUS_ADDRESS ? 'freedesktop' : 'none';
}

const NOT_AVAILABLE = 'Following the desktop’s do not disturb is not available';
export const DO_NOT_DISTURB_REASONS = {
  noBus: `${NOT_AVAILABLE} on this desktop.`,
  checking: 'Checking whether this desktop says when do not disturb is on…',
  noServer: `${NOT_AVAILABLE}: no notification server is running.`,
  noGdbus: `${NOT_AVAILABLE}: gdbus (from GLib) is not installed.`,
  lacks: (server: string) => `${NOT_AVAILABLE}: ${server}, this desktop’s notification server, does not say when do not disturb is on.`,
} as const;

/** `gsettings monitor` prints `show-banners: false`; `gsettings get` prints `false`. */
export function parseShowBanners(line: string): boolean | undefined {
  const value = /(?:^|:\s*)(true|false)\s*$/.exec(line.trim())?.[1];
  return value === undefined ? undefined : value === 'true';
}

/** `gdbus call … Properties.Get … Inhibited` prints `(<true>,)`; `gdbus monitor` prints `… {'Inhibited': <true>} …`. */
export function parseInhibited(line: string): boolean | undefined {
  const value = /'Inhibited':\s*<(true|false)>/.exec(line)?.[1] ?? /^\(<(true|false)>,\)$/.exec(line.trim())?.[1];
  return value === undefined ? undefined : value === 'true';
}

/** `gdbus call … GetServerInformation` prints `('Plasma', 'KDE', '6.3.0', '1.2')`: the name. */
export function parseServerName(output: string): string | undefined {
  const name = /^\('((?:[^'\\]|\\.)*)'/.exec(output.trim())?.[1];
  return name ? name.replace(/\\(.)/g, '$1') : undefined;
}

/** `gdbus monitor` says so when the name gets an owner: at its start, and when another server takes over. */
const OWNER_LINE = /^The name org\.freedesktop\.Notifications is owned by /;

type Spawn = (command: string, args: string[], env: NodeJS.ProcessEnv) => ChildProcess;
interface RunResult { ok: boolean; stdout: string; stderr: string; missing: boolean }
type Run = (command: string, args: string[], env: NodeJS.ProcessEnv) => Promise<RunResult>;

const defaultSpawn: Spawn = (command, args, env) => spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
const PROBE_TIMEOUT_MS = 10_000;
const defaultRun: Run = (command, args, env) =>
  new Promise((resolve) => {
    execFile(command, args, { env, timeout: PROBE_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  child.on('error', () => undefined);
}

/** Reports a value only when it changed, and nothing after stop. */
function changes(onChange: (on: boolean) => void) {
  let last: boolean | undefined;
  let stopped = false;
  return {
    emit(value: boolean | undefined) {
      if (stopped || value === undefined || value === last) return;
      last = value;
      onChange(value);
    },
    stop() {
      stopped = true;
    },
  };
}

const settled = (availability: DoNotDisturbAvailability) => ({ availability, probe: async () => availability });

function gnomeSource(env: NodeJS.ProcessEnv, spawnFor: Spawn): DoNotDisturbSource {
  const key = ['org.gnome.desktop.notifications', 'show-banners'];
  // Banners off is GNOME's "Do Not Disturb".
  const quiet = (line: string) => {
    const banners = parseShowBanners(line);
    return banners === undefined ? undefined : !banners;
  };
  return {
    ...settled({ available: true, desktop: 'GNOME' }),
    watch(onChange) {
      const seen = changes(onChange);
      const monitor = spawnFor('gsettings', ['monitor', ...key], env);
      lines(monitor, (line) => seen.emit(quiet(line)));
      const reader = spawnFor('gsettings', ['get', ...key], env);
      lines(reader, (line) => seen.emit(quiet(line)));
      return () => {
        seen.stop();
        monitor.kill();
        reader.kill();
      };
    },
  };
}

const NOTIFICATIONS = ['--session', '--dest', 'org.freedesktop.Notifications', '--object-path', '/org/freedesktop/Notifications'];
const GET_INHIBITED = ['call', ...NOTIFICATIONS, '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.Notifications', 'Inhibited'];
const SERVER_INFORMATION = ['call', ...NOTIFICATIONS, '--method', 'org.freedesktop.Notifications.GetServerInformation'];

function freedesktopSource(env: NodeJS.ProcessEnv, spawnFor: Spawn, run: Run): DoNotDisturbSource {
  let availability: DoNotDisturbAvailability = { available: false, reason: DO_NOT_DISTURB_REASONS.checking };
  const serverName = async () => parseServerName((await run('gdbus', SERVER_INFORMATION, env)).stdout) ?? 'the notification server';
  return {
    get availability() {
      return availability;
    },
    async probe() {
      const read = await run('gdbus', GET_INHIBITED, env);
      if (read.ok && parseInhibited(read.stdout) !== undefined) availability = { available: true, desktop: await serverName() };
      else if (read.missing) availability = { available: false, reason: DO_NOT_DISTURB_REASONS.noGdbus };
      // No owner and nothing to activate (spec: a client may start the server by D-Bus activation).
      else if (/ServiceUnknown|NameHasNoOwner/.test(read.stderr)) availability = { available: false, reason: DO_NOT_DISTURB_REASONS.noServer };
      // InvalidArgs / UnknownProperty / UnknownInterface: a server without KDE's extension.
      else availability = { available: false, reason: DO_NOT_DISTURB_REASONS.lacks(await serverName()) };
      return availability;
    },
    watch(onChange) {
      const seen = changes(onChange);
      const readers = new Set<ChildProcess>();
      // Read once the monitor has its owner (it subscribed before asking), so no change falls between.
      const readNow = () => {
        const reader = spawnFor('gdbus', GET_INHIBITED, env);
        readers.add(reader);
        reader.on('exit', () => readers.delete(reader));
        lines(reader, (line) => seen.emit(parseInhibited(line)));
      };
      const monitor = spawnFor('gdbus', ['monitor', ...NOTIFICATIONS], env);
      lines(monitor, (line) => (OWNER_LINE.test(line) ? readNow() : seen.emit(parseInhibited(line))));
      return () => {
        seen.stop();
        monitor.kill();
        readers.forEach((reader) => reader.kill());
      };
    },
  };
}

export interface DoNotDisturbOptions {
  env: NodeJS.ProcessEnv;
  /** Why the OS gives apps no way to read it (platform-behaviour.ts); undefined: ask the desktop. */
  unavailable?: string;
  spawn?: Spawn;
  run?: Run;
}

export function doNotDisturbSource({ env, unavailable, spawn: spawnFor = defaultSpawn, run = defaultRun }: DoNotDisturbOptions): DoNotDisturbSource {
  const none = (reason: string): DoNotDisturbSource => ({ ...settled({ available: false, reason }), watch: () => () => undefined });
  if (unavailable !== undefined) return none(unavailable);
  switch (desktopKind(env)) {
    case 'gnome':
      return gnomeSource(env, spawnFor);
    case 'freedesktop':
      return freedesktopSource(env, spawnFor, run);
    case 'none':
      return none(DO_NOT_DISTURB_REASONS.noBus);
  }
}
