import type { UserStatus } from '../../common/session-state';
import { STATUS_CHOICES, type ParsedArgs } from '../command-table';
import type { CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { printReport, printState } from '../print-state';
import { reportFor } from '../report';
import { stringFlag } from '../parse-args';
import { resolveServer } from '../resolve-server';

/** "invisible" is what people call Rocket.Chat's chosen `offline` status. */
const SERVER_STATUS: Record<(typeof STATUS_CHOICES)[number], UserStatus> = {
  online: 'online',
  away: 'away',
  busy: 'busy',
  invisible: 'offline',
};

export async function setStatus(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  // parse-args has checked it is one of STATUS_CHOICES.
  const chosen = args.positionals[0] as (typeof STATUS_CHOICES)[number];
  const message = stringFlag(args, 'message');
  const engine = io.createEngine();
  try {
    const server = await resolveServer(engine, stringFlag(args, 'server'));
    const session = engine.session(server);
    const state = await session.resume();
    if (state.kind !== 'signed-in') return printState(io, args.json, state);
    const change: { status: UserStatus; message?: string } = { status: SERVER_STATUS[chosen] };
    if (message !== undefined) change.message = message;
    const after = await session.setStatus(change);
    const shown = after.kind === 'signed-in' ? after : state;
    // The text as the server keeps it (trimmed, at most 120 characters).
    const text = message !== undefined ? shown.user.statusText : '';
    const done = `Status set to ${chosen}${text ? ` — “${text}”` : ''}.`;
    const report = { ...reportFor(shown), message: done };
    return printReport(io, args.json, report, done, EXIT.ok);
  } finally {
    engine.dispose();
  }
}
