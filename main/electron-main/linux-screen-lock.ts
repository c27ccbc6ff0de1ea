import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ScreenLockSignalParser, login1SessionPath, screenLockMatchRules } from '../desktop/screen-lock-signals';

/** Where screen lock and unlock come from; Linux has its own (D-Bus), the others powerMonitor's. */
export interface ScreenLockSource {
  /** Starts listening; returns the function that stops. `onUnavailable`: no lock events will come. */
  start(onLockChange: (locked: boolean) => void, onUnavailable?: () => void): () => void;
}

export interface DbusScreenLockDeps {
  env: NodeJS.ProcessEnv;
  /** The monitor program; `dbus-monitor` (package dbus-bin / dbus) by default. */
  command?: string;
  /** Told once per bus whose monitor could not start or stopped (no bus, no dbus-monitor). */
  onBusUnavailable?(bus: 'session' | 'system'): void;
}

/**
 * Screen lock on Linux from the session's D-Bus signals (see screen-lock-signals.ts), read by
 * `dbus-monitor` with match rules: on the system bus logind's Lock/Unlock for this session
 * (XDG_SESSION_ID), on the session bus the desktop's ScreenSaver ActiveChanged. dbus-monitor
 * falls back to a plain match where it may not become a monitor (a user on the system bus);
 * broadcast signals reach it either way.
 */
export function dbusScreenLockSource(deps: DbusScreenLockDeps): ScreenLockSource {
  return {
    start(onLockChange, onUnavailable) {
      const sessionId = deps.env.XDG_SESSION_ID?.trim() || undefined;
      const rules = screenLockMatchRules(sessionId);
      const sessionPath = sessionId ? login1SessionPath(sessionId) : undefined;
      const buses = (['session', 'system'] as const).filter((bus) => rules[bus].length > 0);
      const lost = new Set<string>();
      const busLost = (bus: 'session' | 'system') => {
        deps.onBusUnavailable?.(bus);
        lost.add(bus);
        if (lost.size === buses.length) onUnavailable?.();
      };
      const stops = buses.map((bus) => watch(bus, rules[bus], sessionPath, deps.command, deps.env, busLost, onLockChange));
      return () => stops.forEach((stop) => stop());
    },
  };
}

function watch(
  bus: 'session' | 'system',
  rules: string[],
  sessionPath: string | undefined,
  command: string | undefined,
  env: NodeJS.ProcessEnv,
  onLost: (bus: 'session' | 'system') => void,
  onLockChange: (locked: boolean) => void,
): () => void {
  let stopped = false;
  const child = spawn(command ?? 'dbus-monitor', [`--${bus}`, ...rules], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const parser = new ScreenLockSignalParser(sessionPath);
  const unavailable = () => {
    if (!stopped) onLost(bus);
    stopped = true;
  };
  child.on('error', unavailable);
  child.on('exit', unavailable);
  createInterface({ input: child.stdout }).on('line', (line) => {
    const locked = parser.feed(line);
    if (locked !== undefined && !stopped) onLockChange(locked);
  });
  return () => {
    stopped = true;
    child.kill();
  };
}
