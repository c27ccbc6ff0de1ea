import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import { writeLine, type CliIo } from './cli-io';
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes';
import { VERSION_LINE, commandHelp, globalHelp } from './help';
import { UsageError, parseInvocation, stringFlag, type Invocation } from './parse-args';
import { printReport, safeForTerminal } from './print-state';
import { withKeychainAdvice } from './keychain-advice';
import { errorReport } from './report';

function usageFailure(io: CliIo, json: boolean, error: UsageError, server = ''): ExitCode {
  if (json) writeLine(io.stdout, JSON.stringify({ state: 'error', server, error: { code: 'usage', message: error.message.replace(/\n/g, ' ') } }));
  else writeLine(io.stderr, safeForTerminal(error.message).includes('\n') || error.message.includes('--help') ? safeForTerminal(error.message) : `${safeForTerminal(error.message)}\nRun "rc-tray --help" for usage.`);
  return EXIT.usage;
}

/** Runs one command; every failure becomes a message and an exit code, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  // Known before parsing, so even a malformed command line answers in JSON when asked to.
  const json = argv.includes('--json');
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    return usageFailure(io, json, error instanceof UsageError ? error : new UsageError('Invalid arguments.'));
  }
  if (invocation.kind === 'version') {
    writeLine(io.stdout, VERSION_LINE);
    return EXIT.ok;
  }
  if (invocation.kind === 'help') {
    writeLine(io.stdout, invocation.command ? commandHelp(invocation.command) : globalHelp());
    return EXIT.ok;
  }
  const { command, args } = invocation;
  const server = stringFlag(args, 'server') ?? '';
  try {
    const handler = await command.load();
    return await handler(args, io);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, args.json, error, server);
    const failure = withKeychainAdvice(error instanceof SignInFailure ? error.toPlain() : signInError('unexpected'));
    return printReport(io, args.json, errorReport(server, failure), failure.message, exitCodeForError(failure.code));
  }
}
