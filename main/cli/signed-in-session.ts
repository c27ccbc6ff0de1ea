import type { SessionState } from '../common/session-state';
import type { ServerSession } from '../engine/session/server-session';
import type { ParsedArgs } from './command-table';
import type { CliIo } from './cli-io';
import type { ExitCode } from './exit-codes';
import { stringFlag } from './parse-args';
import { printState } from './print-state';
import { resolveServer } from './resolve-server';

/**
 * For commands that act on a signed-in session: resumes the server `--server` names (or the
 * default), runs `work` on it, or prints why it is not signed in; the engine is disposed after.
 */
export async function onSignedInSession(args: ParsedArgs, io: CliIo, work: (session: ServerSession, server: string, state: Extract<SessionState, { kind: 'signed-in' }>) => Promise<ExitCode>): Promise<ExitCode> {
  const engine = io.createEngine();
  try {
    const server = await resolveServer(engine, stringFlag(args, 'server'));
    const session = engine.session(server);
    const state = await session.resume();
    if (state.kind !== 'signed-in') return printState(io, args.json, state);
    return await work(session, server, state);
  } finally {
    engine.dispose();
  }
}
