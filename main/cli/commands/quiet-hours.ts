import { DEFAULT_QUIET_HOURS, parseClock, parseDays, scheduleText, type QuietHours } from '../../common/quiet-hours';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { stringFlag, UsageError } from '../parse-args';

const EDIT_FLAGS = ['days', 'from', 'to', 'as', 'message', 'follow-desktop'] as const;

/** The flags given, applied to the current quiet hours; every value checked before anything is saved. */
export function editedQuietHours(current: QuietHours, args: ParsedArgs): QuietHours {
  const next: QuietHours = { ...current, days: [...current.days] };
  const days = stringFlag(args, 'days');
  if (days !== undefined) {
    const parsed = parseDays(days);
    if (!parsed || parsed.length === 0) throw new UsageError(`"${days}" is not a set of days. Use weekdays, weekends, every day, mon-fri or mon,wed,fri.`);
    next.days = parsed;
  }
  for (const [flag, field] of [['from', 'start'], ['to', 'end']] as const) {
    const text = stringFlag(args, flag);
    if (text === undefined) continue;
    const minutes = parseClock(text);
    if (minutes === undefined) throw new UsageError(`--${flag} takes a 24-hour time such as 18:00, not "${text}".`);
    next[field] = minutes;
  }
  if (next.start === next.end) throw new UsageError('Quiet hours need different start and end times.');
  const as = stringFlag(args, 'as');
  if (as !== undefined) {
    if (as !== 'busy' && as !== 'invisible') throw new UsageError('--as takes busy or invisible.');
    next.status = as === 'busy' ? 'busy' : 'offline';
  }
  const message = stringFlag(args, 'message');
  if (message !== undefined) next.message = message.trim().slice(0, 120);
  const follow = stringFlag(args, 'follow-desktop');
  if (follow !== undefined) {
    if (follow !== 'yes' && follow !== 'no') throw new UsageError('--follow-desktop takes yes or no.');
    next.followDesktop = follow === 'yes';
  }
  return next;
}

export function quietHoursSentence(hours: QuietHours): string {
  const as = hours.status === 'busy' ? 'busy' : 'invisible';
  const message = hours.message ? ` with “${hours.message}”` : '';
  const desktop = hours.followDesktop ? " Also while the desktop's do-not-disturb is on." : '';
  if (!hours.enabled) return `Quiet hours are off (when on: ${scheduleText(hours)}, ${as}${message}).`;
  return `Quiet hours: ${scheduleText(hours)}, ${as}${message}. The rc-tray app switches your status at both ends.${desktop}`;
}

/** `rc-tray quiet-hours [show|on|off]`: a setting only; the rc-tray app acts on it (and picks up the change at once). */
export async function quietHours(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const action = args.positionals[0] ?? 'show';
  const editing = EDIT_FLAGS.some((flag) => args.flags[flag] !== undefined);
  if (editing && action !== 'on') throw new UsageError('Those flags change quiet hours: use "rc-tray quiet-hours on --days … --from … --to …".');
  const engine = io.createEngine();
  try {
    let hours = (await engine.settings.read()).quietHours ?? DEFAULT_QUIET_HOURS;
    if (action !== 'show') {
      const next = action === 'off' ? { ...hours, enabled: false } : { ...editedQuietHours(hours, args), enabled: true };
      hours = (await engine.settings.update((settings) => ({ ...settings, quietHours: next }))).quietHours ?? next;
    }
    if (args.json) writeLine(io.stdout, JSON.stringify({ quietHours: { ...hours, status: hours.status === 'busy' ? 'busy' : 'invisible', schedule: scheduleText(hours) } }));
    else writeLine(io.stdout, quietHoursSentence(hours));
    return EXIT.ok;
  } finally {
    engine.dispose();
  }
}
