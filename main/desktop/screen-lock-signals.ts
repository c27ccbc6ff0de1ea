/**
 * Screen lock on Linux comes from D-Bus (powerMonitor's lock events are macOS/Windows only,
 * docs/api/power-monitor.md): logind's `org.freedesktop.login1.Session` `Lock`/`Unlock` for this
 * session (systemd org.freedesktop.login1(5)), and the desktop's ScreenSaver `ActiveChanged(b)`
 * (freedesktop idle-inhibition/ScreenSaver spec; GNOME's org.gnome.ScreenSaver has the same signal).
 * These pure parts turn `dbus-monitor` output into "locked" / "unlocked".
 */

export const SCREENSAVER_INTERFACES = ['org.freedesktop.ScreenSaver', 'org.gnome.ScreenSaver'] as const;
export const LOGIN1_SESSION_INTERFACE = 'org.freedesktop.login1.Session';

/** systemd's bus_label_escape: every byte outside [A-Za-z0-9], and a leading digit, becomes _xx. */
export function login1SessionPath(sessionId: string): string {
  const escaped = [...Buffer.from(sessionId, 'utf8')]
    .map((byte, index) => {
      const character = String.fromCharCode(byte);
      const plain = /[A-Za-z]/.test(character) || (/[0-9]/.test(character) && index > 0);
      return plain ? character : `_${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `/org/freedesktop/login1/session/${escaped || '_'}`;
}

/** The match rules for `dbus-monitor`: one per bus. */
export function screenLockMatchRules(sessionId: string | undefined): { session: string[]; system: string[] } {
  return {
    session: SCREENSAVER_INTERFACES.map((iface) => `type='signal',interface='${iface}',member='ActiveChanged'`),
    system: sessionId ? [`type='signal',interface='${LOGIN1_SESSION_INTERFACE}',path='${login1SessionPath(sessionId)}'`] : [],
  };
}

/**
 * Reads dbus-monitor's default output line by line: a header line per message
 * ("signal time=… path=…; interface=…; member=…"), then one indented line per argument.
 */
export class ScreenLockSignalParser {
  private pending?: 'active-changed';

  constructor(private readonly sessionPath: string | undefined) {}

  /** The lock state a line completes, if any. */
  feed(line: string): boolean | undefined {
    const header = /^signal .*path=([^;]+); interface=([^;]+); member=(\S+)/.exec(line);
    if (header) {
      const [, path, iface, member] = header;
      this.pending = undefined;
      if ((SCREENSAVER_INTERFACES as readonly string[]).includes(iface!) && member === 'ActiveChanged') this.pending = 'active-changed';
      if (iface === LOGIN1_SESSION_INTERFACE && path === this.sessionPath && (member === 'Lock' || member === 'Unlock')) return member === 'Lock';
      return undefined;
    }
    if (this.pending === 'active-changed') {
      const argument = /^\s+boolean (true|false)\s*$/.exec(line);
      if (argument) {
        this.pending = undefined;
        return argument[1] === 'true';
      }
    }
    return undefined;
  }
}
