import type { SessionState } from '../../common/session-state';
import { UsageError, type Command } from '../cli-args';
import { writeLine, type CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { printState } from '../print-state';
import { ask, readFirstLine } from '../terminal-prompt';

const MAX_CODE_PROMPTS = 3;

function codeQuestion(state: Extract<SessionState, { kind: 'needs-2fa' }>): string {
  if (state.twoFactor.method === 'totp') return 'Code from your authenticator app: ';
  return state.twoFactor.codeSent
    ? 'Code we just e-mailed you (Enter alone sends a new one): '
    : 'Code from the e-mail we sent you (Enter alone sends a new one): ';
}

async function readPassword(command: Extract<Command, { name: 'login' }>, io: CliIo): Promise<string> {
  const password = command.passwordStdin
    ? await readFirstLine(io.stdin)
    : io.stdin.isTTY
      ? await ask(io.stdin, io.stderr, `Password for ${command.user}: `, true)
      : (() => {
          throw new UsageError('No terminal to ask for the password on. Pipe it in with --password-stdin.');
        })();
  if (!password) throw new UsageError('No password given.');
  return password;
}

export async function login(command: Extract<Command, { name: 'login' }>, io: CliIo): Promise<ExitCode> {
  const password = await readPassword(command, io);
  const engine = io.createEngine();
  try {
    let state = await engine.login(command.server, { user: command.user, password, code: command.code });
    const interactive = !command.passwordStdin && command.code === undefined && io.stdin.isTTY === true;
    for (let prompts = 0; interactive && state.kind === 'needs-2fa' && prompts < MAX_CODE_PROMPTS; prompts += 1) {
      if (state.error) writeLine(io.stderr, state.error.message);
      const code = await ask(io.stdin, io.stderr, codeQuestion(state));
      if (code === undefined) break;
      const session = engine.session(state.server);
      if (code.trim() === '' && state.twoFactor.method === 'email') {
        state = await session.resendCode();
        prompts -= 1;
      } else {
        state = await session.submitCode(code);
      }
    }
    if (state.kind === 'needs-2fa') engine.session(state.server).cancel();
    return printState(io, command.json, state);
  } finally {
    engine.dispose();
  }
}
