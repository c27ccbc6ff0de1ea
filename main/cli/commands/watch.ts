import type { SessionState } from '../../common/session-state';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import { EXIT, exitCodeForState, type ExitCode } from '../exit-codes';
import { safeForTerminal } from '../print-state';
import { humanReport, reportFor } from '../report';
import { stringFlag } from '../parse-args';
import { resolveServer } from '../resolve-server';
import { withSavedTimedStatus } from '../timed-overlay';

function line(state: SessionState, json: boolean, now: Date): string {
  if (json) {
    const report = reportFor(state);
    return JSON.stringify(state.kind === 'signed-in' ? { ...report, connection: state.live } : report);
  }
  const time = now.toTimeString().slice(0, 8);
  if (state.kind === 'signed-in' && state.live === 'reconnecting') return `${time} ${safeForTerminal(humanReport(state))} (reconnecting…)`;
  return `${time} ${safeForTerminal(humanReport(state))}`;
}

/** `status --watch`: one line per change, pushed by the server over the realtime connection. */
export async function watchStatus(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const engine = io.createEngine({ live: true });
  // The realtime socket keeps the process alive, but not while it waits to reconnect.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopWatchingSettings: (() => void) | undefined;
  try {
    const server = await resolveServer(engine, stringFlag(args, 'server'));
    const session = engine.session(server);
    let last = '';
    let ended: (code: ExitCode) => void = () => undefined;
    const finished = new Promise<ExitCode>((resolve) => (ended = resolve));
    const print = (state: SessionState) => {
      const text = line(state, args.json, new Date());
      const key = text.replace(/^\d\d:\d\d:\d\d /, '');
      if (key !== last) writeLine(io.stdout, text);
      last = key;
      if (state.kind === 'signed-out') ended(exitCodeForState(state));
    };
    // In order, each with what the settings say now: a status set for a while in another terminal
    // is recorded there (what comes back after it), so the line says what `status` would.
    let printing = Promise.resolve();
    const show = (state: SessionState) => {
      // Until the live connection answers, the status from the resume is not what others see yet.
      if (state.kind === 'signing-in' || (state.kind === 'signed-in' && state.live === 'connecting')) return;
      printing = printing.then(async () => print(await withSavedTimedStatus(engine, state))).catch(() => print(state));
    };
    session.onChange(show);
    // That record is written just after the server is told, so a change can come before it: show again once it lands.
    stopWatchingSettings = engine.settings.watch?.(() => show(session.state));
    show(await session.resume());
    return await Promise.race([finished, io.waitForInterrupt().then(() => EXIT.ok)]);
  } finally {
    clearInterval(keepAlive);
    stopWatchingSettings?.();
    engine.dispose();
  }
}
