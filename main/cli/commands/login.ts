import type { SessionState } from '../../common/session-state';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { printState } from '../print-state';
import { ask, readFirstLine } from '../terminal-prompt';

const MAX_CODE_PROMPTS = 3;

interface LoginRequest {
  server: string;
  user: string;
  passwordStdin: boolean;
  code?: string;
  json: boolean;
}

function codeQuestion(state: Extract<SessionState, { kind: 'needs-2fa' }>): string {
  if (state.twoFactor.method === 'totp') return 'Code from your authenticator app: ';
  return state.twoFactor.codeSent
    ? 'Code we just e-mailed you (Enter alone sends a new one): '
    : 'Code from the e-mail we sent you (Enter alone sends a new one): ';
}

function readRequest(args: ParsedArgs): LoginRequest {
  const server = stringFlag(args, 'server');
  const user = stringFlag(args, 'user');
  if (!server) throw new UsageError('login needs --server URL.');
  if (!user) throw new UsageError('login needs --user NAME (username or e-mail).');
  return { server, user, passwordStdin: booleanFlag(args, 'password-stdin'), code: stringFlag(args, 'code'), json: args.json };
}

async function readPassword(request: LoginRequest, io: CliIo): Promise<string> {
  const password = request.passwordStdin
    ? await readFirstLine(io.stdin)
    : io.stdin.isTTY
      ? await ask(io.stdin, io.stderr, `Password for ${request.user}: `, true)
      : (() => {
          throw new UsageError('No terminal to ask for the password on. Pipe it in with --password-stdin.');
        })();
  if (!password) throw new UsageError('No password given.');
  return password;
}

export async function login(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const request = readRequest(args);
  const password = await readPassword(request, io);
  const engine = io.createEngine();
  try {
    let state = await engine.login(request.server, { user: request.user, password, code: request.code });
    const interactive = !request.passwordStdin && request.code === undefined && io.stdin.isTTY === true;
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
    return printState(io, request.json, state);
  } finally {
    engine.dispose();
  }
}
