import type { UserStatus } from '../../common/session-state';
import { statusChoices } from '../../common/status-choices';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { onSignedInSession } from '../signed-in-session';

const WORD: Record<UserStatus, string> = { online: 'online', away: 'away', busy: 'busy', offline: 'invisible' };

/** What `set-status` accepts on this server: the statuses it allows and the admin's presets. */
export async function statuses(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  return onSignedInSession(args, io, async (session, server) => {
    const features = await session.statusFeatures(true);
    const choices = statusChoices(features).map((status) => WORD[status]);
    const presets = features.customStatuses.filter((preset) => preset.status !== 'offline' || features.invisibleAllowed);
    if (args.json) {
      writeLine(
        io.stdout,
        JSON.stringify({
          state: 'signed-in',
          server,
          statuses: choices,
          presets: presets.map((preset) => ({ name: preset.name, status: WORD[preset.status] })),
          expiringStatus: features.expiringStatus,
          messageChangeAllowed: features.messageChangeAllowed,
        }),
      );
      return EXIT.ok;
    }
    writeLine(io.stdout, `Statuses: ${choices.join(', ')}.`);
    if (presets.length === 0) writeLine(io.stdout, 'This server has no statuses of its own.');
    else {
      writeLine(io.stdout, "This server's statuses (rc-tray set-status --preset NAME):");
      for (const preset of presets) writeLine(io.stdout, `  ${preset.name} (${WORD[preset.status]})`);
    }
    if (!features.messageChangeAllowed) writeLine(io.stdout, 'This server does not allow changing the status message.');
    writeLine(
      io.stdout,
      features.expiringStatus
        ? 'For a while (--for/--until): the server puts the earlier status back by itself.'
        : 'For a while (--for/--until): only from the rc-tray app on this server (Rocket.Chat before 8.6).',
    );
    return EXIT.ok;
  });
}
