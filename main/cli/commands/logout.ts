import { serverLabel } from '../../common/server-address';
import type { Command } from '../cli-args';
import type { CliIo } from '../cli-io';
import { EXIT, type ExitCode } from '../exit-codes';
import { printReport } from '../print-state';
import { resolveServer } from '../resolve-server';

export async function logout(command: Extract<Command, { name: 'logout' }>, io: CliIo): Promise<ExitCode> {
  const engine = io.createEngine();
  try {
    const server = await resolveServer(engine, command.server);
    const result = await engine.session(server).logout();
    const human = result.revokedOnServer ? `Signed out of ${serverLabel(server)}.` : result.message;
    return printReport(io, command.json, { state: 'signed-out', server, message: result.message }, human, EXIT.ok);
  } finally {
    engine.dispose();
  }
}
