import type { SessionState } from '../common/session-state';
import { writeLine, type CliIo } from './cli-io';
import { exitCodeForState, type ExitCode } from './exit-codes';
import { humanReport, reportFor, type CliReport } from './report';
import { sanitiseForTerminal } from './terminal-text';

/** Human output, line by line, through the terminal filter (server reasons, URLs, local values). */
export function safeForTerminal(text: string): string {
  return text.split('\n').map((line) => sanitiseForTerminal(line, 2_000)).join('\n');
}

export function printReport(io: CliIo, json: boolean, report: CliReport, human: string, exitCode: ExitCode): ExitCode {
  if (json) writeLine(io.stdout, JSON.stringify(report));
  else writeLine(exitCode === 0 ? io.stdout : io.stderr, safeForTerminal(human));
  return exitCode;
}

export function printState(io: CliIo, json: boolean, state: SessionState): ExitCode {
  return printReport(io, json, reportFor(state), humanReport(state), exitCodeForState(state));
}
