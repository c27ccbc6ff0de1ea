import type { SessionState } from '../../common/session-state';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import { EXIT, exitCodeForState, worstExitCode, type ExitCode } from '../exit-codes';
import { booleanFlag, stringFlag } from '../parse-args';
import { printState, safeForTerminal } from '../print-state';
import { humanReport, reportFor } from '../report';
import { resolveServer } from '../resolve-server';
import { withSavedTimedStatus } from '../timed-overlay';

const NONE_SAVED = 'You are not signed in to any server. Run: rc-tray login --server URL';

/**
 * One server (`--server`): its saved session, resumed with exactly one request. No `--server`:
 * every saved server, one line each (as `gh auth status`), checked at once; the default is marked.
 */
export async function status(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  if (booleanFlag(args, 'watch')) return (await import('./watch')).watchStatus(args, io);
  const engine = io.createEngine();
  try {
    const typed = stringFlag(args, 'server');
    if (typed !== undefined) {
      const state = await engine.session(await resolveServer(engine, typed)).resume();
      return printState(io, args.json, await withSavedTimedStatus(engine, state));
    }
    const servers = await engine.savedServers();
    if (servers.length === 0) {
      writeLine(args.json ? io.stdout : io.stderr, args.json ? JSON.stringify({ state: 'signed-out', server: '', message: NONE_SAVED }) : NONE_SAVED);
      return EXIT.signedOut;
    }
    const active = await engine.activeServer();
    const states: SessionState[] = await Promise.all(servers.map(async (server) => withSavedTimedStatus(engine, await engine.session(server).resume())));
    for (const state of states) {
      const code = exitCodeForState(state);
      if (args.json) writeLine(io.stdout, JSON.stringify(reportFor(state)));
      else {
        const marker = servers.length > 1 ? (state.server === active ? '* ' : '  ') : '';
        writeLine(code === EXIT.ok ? io.stdout : io.stderr, `${marker}${safeForTerminal(humanReport(state))}`);
      }
    }
    if (!args.json && servers.length > 1) writeLine(io.stdout, '* default server (change it with: rc-tray switch SERVER)');
    return worstExitCode(states.map(exitCodeForState));
  } finally {
    engine.dispose();
  }
}
