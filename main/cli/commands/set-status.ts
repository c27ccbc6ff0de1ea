import type { UserStatus } from '../../common/session-state';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { parseForDuration, parseUntil, untilPhrase } from '../../common/status-timing';
import { STATUS_CHOICES, type ParsedArgs } from '../command-table';
import type { CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { printReport } from '../print-state';
import { reportFor } from '../report';
import { stringFlag, UsageError } from '../parse-args';
import { onSignedInSession } from '../signed-in-session';

/** "invisible" is what people call Rocket.Chat's chosen `offline` status. */
const SERVER_STATUS: Record<(typeof STATUS_CHOICES)[number], UserStatus> = {
  online: 'online',
  away: 'away',
  busy: 'busy',
  invisible: 'offline',
};

/** Before 8.6 the server cannot end a status, and this command does not stay to do it (issue 11 §1). */
export const EXPIRY_REFUSED =
  'This server runs a Rocket.Chat version older than 8.6: it cannot end a status by itself, and rc-tray set-status does not stay running to put the old one back. Nothing was changed. Choose "Busy for…" in the rc-tray app (it restores the status itself), or leave out --for/--until.';

/** Reads --for / --until before anything is sent, so a typo never reaches the server. */
function endTime(args: ParsedArgs, now: number): number | undefined {
  const forText = stringFlag(args, 'for');
  const untilText = stringFlag(args, 'until');
  if (forText !== undefined && untilText !== undefined) throw new UsageError('Use --for or --until, not both.');
  const parsed = forText !== undefined ? parseForDuration(forText, now) : untilText !== undefined ? parseUntil(untilText, now) : undefined;
  if (parsed && !parsed.ok) throw new UsageError(parsed.message);
  return parsed?.ok ? parsed.at : undefined;
}

export async function setStatus(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const typed = args.positionals[0] as (typeof STATUS_CHOICES)[number] | undefined;
  const preset = stringFlag(args, 'preset');
  let message = stringFlag(args, 'message');
  if (typed === undefined && preset === undefined) throw new UsageError(`"rc-tray set-status" needs one of: ${STATUS_CHOICES.join(', ')}, or --preset NAME.\nRun "rc-tray set-status --help" for its flags.`);
  if (typed !== undefined && preset !== undefined) throw new UsageError('Give a status or --preset NAME, not both (a preset brings its own status).');
  const expiresAt = endTime(args, Date.now());
  return onSignedInSession(args, io, async (session, _server, state) => {
    let status = typed === undefined ? undefined : SERVER_STATUS[typed];
    let word: string = typed ?? '';
    if (preset !== undefined || expiresAt !== undefined) {
      const features = await session.statusFeatures(preset !== undefined);
      if (expiresAt !== undefined && !features.expiringStatus) {
        throw new SignInFailure(signInError('status-expiry-unsupported', { detail: EXPIRY_REFUSED }));
      }
      if (preset !== undefined) {
        const found = features.customStatuses.find((entry) => entry.name.toLowerCase() === preset.trim().toLowerCase());
        if (!found) {
          const names = features.customStatuses.map((entry) => `"${entry.name}"`).join(', ');
          throw new SignInFailure(
            signInError('request-refused', { serverMessage: `it has no status called "${preset}"${names ? ` (its statuses: ${names})` : ' (it has no custom statuses)'}. See: rc-tray statuses` }),
          );
        }
        status = found.status;
        word = found.status === 'offline' ? 'invisible' : found.status;
        message ??= found.name;
      }
    }
    const change: { status?: UserStatus; message?: string; expiresAt?: number } = { status };
    if (message !== undefined) change.message = message;
    if (expiresAt !== undefined) change.expiresAt = expiresAt;
    const after = await session.setStatus(change);
    const shown = after.kind === 'signed-in' ? after : state;
    // The text as the server keeps it (trimmed, at most 120 characters).
    const text = message !== undefined ? shown.user.statusText : '';
    const until = expiresAt !== undefined ? ` ${untilPhrase(expiresAt, Date.now())}${shown.user.statusAfter ? ` (then ${shown.user.statusAfter})` : ''}` : '';
    const done = `Status set to ${word}${until}${text ? ` — “${text}”` : ''}.`;
    const report = { ...reportFor(shown), message: done };
    return printReport(io, args.json, report, done, EXIT.ok);
  });
}
