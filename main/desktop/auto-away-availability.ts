/**
 * Whether auto-away can work on this desktop, and what the tray says when it cannot. Idle time
 * comes from powerMonitor.getSystemIdleTime(), which reads 0 forever on some Wayland compositors
 * (electron/electron#34826, #27912); screen lock from powerMonitor (macOS/Windows) or D-Bus (Linux).
 */

export type SourceState = 'available' | 'unavailable' | 'unknown';

/** How long idle time must read exactly 0 on a Wayland session before it counts as not reported. */
export const IDLE_NEVER_REPORTED_MS = 20 * 60_000;

/**
 * Watches the idle readings. Any reading above 0 proves idle time works; only where it may be
 * missing (Linux under Wayland) does a long unbroken run of zeros mean it is not reported. A
 * person at work resets idle often, but not one 5-second sample in 20 minutes reads 1 s or more.
 */
export class IdleTimeProbe {
  private state: SourceState;
  private zerosSince?: number;

  constructor(private readonly mayBeMissing: boolean) {
    this.state = mayBeMissing ? 'unknown' : 'available';
  }

  get current(): SourceState {
    return this.state;
  }

  /** One reading at time `now` (ms); true when the state changed. */
  sample(idleSeconds: number, now: number): boolean {
    if (this.state === 'available') return false;
    if (idleSeconds > 0) {
      this.state = 'available';
      return true;
    }
    this.zerosSince ??= now;
    if (this.state === 'unknown' && now - this.zerosSince >= IDLE_NEVER_REPORTED_MS) {
      this.state = 'unavailable';
      return true;
    }
    return false;
  }
}

/** Linux under Wayland is where idle time may be missing (X11 has the XScreenSaver extension). */
export function idleTimeMayBeMissing(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'darwin' || platform === 'win32') return false;
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}

export const AUTO_AWAY_STRINGS = {
  off: 'Auto-away is off: this desktop reports neither idle time nor screen lock',
  lockOnly: 'Auto-away on idle is off: this desktop does not report idle time (away while the screen is locked)',
} as const;

/** The tray's line about auto-away, or undefined when it works (or it is too early to tell). */
export function autoAwayNotice(sources: { idleTime: SourceState; screenLock: SourceState }): string | undefined {
  if (sources.idleTime !== 'unavailable') return undefined;
  return sources.screenLock === 'unavailable' ? AUTO_AWAY_STRINGS.off : AUTO_AWAY_STRINGS.lockOnly;
}
