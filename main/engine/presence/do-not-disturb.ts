import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The desktop's own do-not-disturb, where the desktop says it: GNOME's `show-banners` setting
 * (org.gnome.desktop.notifications; off = do not disturb) and the freedesktop notification
 * server's `Inhibited` property (KDE Plasma 5.22+, org.freedesktop.Notifications spec 1.2+).
 * macOS and Windows give apps no way to read Focus / Focus Assist, so there it is unavailable.
 */
export interface DoNotDisturbSource {
  readonly availability: { available: true; desktop: string } | { available: false; reason: string };
  /** Calls `onChange` with the current state, then on every change; returns the stop function. */
  watch(onChange: (on: boolean) => void): () => void;
}

export type DesktopKind = 'gnome' | 'freedesktop' | 'macos' | 'windows' | 'none';

/** Which source a platform and desktop have (data, not scattered ifs). */
export function desktopKind(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): DesktopKind {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return 'none';
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toUpperCase();
  if (/GNOME|UNITY|BUDGIE|PANTHEON/.test(desktop)) return 'gnome';
  // KDE and other desktops whose notification server implements the freedesktop `Inhibited` property.
  return env.DBUS_SESSION_BUS_ADDRESS ? 'freedesktop' : 'none';
}

export const UNAVAILABLE_REASONS: Record<Exclude<DesktopKind, 'gnome' | 'freedesktop'>, string> = {
  macos: 'Following the desktop’s do not disturb is not available on macOS (Focus is not readable by apps).',
  windows: 'Following the desktop’s do not disturb is not available on Windows (Focus Assist is not readable by apps).',
  none: 'Following the desktop’s do not disturb is not available on this desktop.',
};

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

type Spawn = (command: string, args: string[], env: NodeJS.ProcessEnv) => ChildProcess;

const defaultSpawn: Spawn = (command, args, env) => spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  child.on('error', () => undefined);
}

/** A command that prints the state once, then a monitor that prints each change. */
function commandSource(desktop: string, read: [string, string[]], monitor: [string, string[]], parse: (line: string) => boolean | undefined, env: NodeJS.ProcessEnv, run: Spawn): DoNotDisturbSource {
  return {
    availability: { available: true, desktop },
    watch(onChange) {
      let last: boolean | undefined;
      let stopped = false;
      const emit = (value: boolean | undefined) => {
        if (stopped || value === undefined || value === last) return;
        last = value;
        onChange(value);
      };
      const monitorProcess = run(monitor[0], monitor[1], env);
      lines(monitorProcess, (line) => emit(parse(line)));
      const reader = run(read[0], read[1], env);
      lines(reader, (line) => emit(parse(line)));
      return () => {
        stopped = true;
        monitorProcess.kill();
        reader.kill();
      };
    },
  };
}

const NOTIFICATIONS = ['--session', '--dest', 'org.freedesktop.Notifications', '--object-path', '/org/freedesktop/Notifications'];

export function doNotDisturbSource(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, run: Spawn = defaultSpawn): DoNotDisturbSource {
  const kind = desktopKind(platform, env);
  switch (kind) {
    case 'gnome': {
      const key = ['org.gnome.desktop.notifications', 'show-banners'];
      // Banners off is GNOME's "Do Not Disturb".
      return commandSource('GNOME', ['gsettings', ['get', ...key]], ['gsettings', ['monitor', ...key]], (line) => {
        const banners = parseShowBanners(line);
        return banners === undefined ? undefined : !banners;
      }, env, run);
    }
    case 'freedesktop':
      return commandSource(
        'KDE',
        ['gdbus', ['call', ...NOTIFICATIONS, '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.Notifications', 'Inhibited']],
        ['gdbus', ['monitor', ...NOTIFICATIONS]],
        parseInhibited,
        env,
        run,
      );
    default:
      return { availability: { available: false, reason: UNAVAILABLE_REASONS[kind] }, watch: () => () => undefined };
  }
}
