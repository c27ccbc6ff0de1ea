import type { UserStatus } from '../../common/session-state';
import type { Command } from '../cli-args';
import type { CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { printReport, printState } from '../print-state';
import { reportFor } from '../report';
import { resolveServer } from '../resolve-server';

/** "invisible" is what people call Rocket.Chat's chosen `offline` status. */
const SERVER_STATUS: Record<Extract<Command, { name: 'set-status' }>['status'], UserStatus> = {
  online: 'online',
  away: 'away',
  busy: 'busy',
  invisible: 'offline',
};

export async function setStatus(command: Extract<Command, { name: 'set-status' }>, io: CliIo): Promise<ExitCode> {
  const engine = io.createEngine();
  try {
    const server = await resolveServer(engine, command.server);
    const session = engine.session(server);
    const state = await session.resume();
    if (state.kind !== 'signed-in') return printState(io, command.json, state);
    const change: { status: UserStatus; message?: string } = { status: SERVER_STATUS[command.status] };
    if (command.message !== undefined) change.message = command.message;
    await session.setStatus(change);
    const user = { ...state.user, chosenStatus: change.status, statusText: change.message ?? state.user.statusText };
    const message = `Status set to ${command.status}${command.message ? ` — “${command.message}”` : ''}.`;
    const report = { ...reportFor({ ...state, user }), message };
    return printReport(io, command.json, report, message, EXIT.ok);
  } finally {
    engine.dispose();
  }
}
