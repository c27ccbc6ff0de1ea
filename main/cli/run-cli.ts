import { SignInFailure } from '../common/sign-in-error';
import { signInError } from '../common/sign-in-messages';
import { USAGE, UsageError, parseCommand, type Command } from './cli-args';
import { writeLine, type CliIo } from './cli-io';
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes';
import { login } from './commands/login';
import { logout } from './commands/logout';
import { setStatus } from './commands/set-status';
import { status } from './commands/status';
import { watchStatus } from './commands/watch';
import { printReport } from './print-state';
import { errorReport } from './report';

async function dispatch(command: Command, io: CliIo): Promise<ExitCode> {
  switch (command.name) {
    case 'help':
      writeLine(io.stdout, USAGE);
      return EXIT.ok;
    case 'login':
      return login(command, io);
    case 'status':
      return command.watch ? watchStatus(command, io) : status(command, io);
    case 'logout':
      return logout(command, io);
    case 'set-status':
      return setStatus(command, io);
  }
}

/** Runs one command; every failure becomes a message and an exit code, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    writeLine(io.stderr, `${error instanceof Error ? error.message : 'Invalid arguments.'}\nRun "rc-tray --help" for usage.`);
    return EXIT.usage;
  }
  const json = command.name !== 'help' && command.json;
  try {
    return await dispatch(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(io.stderr, error.message);
      return EXIT.usage;
    }
    const failure = error instanceof SignInFailure ? error.toPlain() : signInError('unexpected');
    const server = 'server' in command && command.server ? command.server : '';
    return printReport(io, json, errorReport(server, failure), failure.message, exitCodeForError(failure.code));
  }
}
