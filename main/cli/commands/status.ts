import type { Command } from '../cli-args';
import type { CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { printState } from '../print-state';
import { resolveServer } from '../resolve-server';

/** Resumes the saved session with exactly one request and reports it. */
export async function status(command: Extract<Command, { name: 'status' }>, io: CliIo): Promise<ExitCode> {
  const engine = io.createEngine();
  try {
    const server = await resolveServer(engine, command.server);
    const state = await engine.session(server).resume();
    return printState(io, command.json, state);
  } finally {
    engine.dispose();
  }
}
