import type { SessionState } from '../../common/session-state';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { printReport, printState, safeForTerminal } from '../print-state';
import { ask, readFirstLine } from '../terminal-prompt';
import { ssoOnlyAdvice } from '../sso-advice';
import { EXIT } from '../exit-codes';
import { loginWithToken, wantsToken } from './login-with-token';

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

/** No user given on an SSO-only server: the person needs a token, not a usage line. */
async function adviseIfSsoOnly(args: ParsedArgs, io: CliIo): Promise<ExitCode | undefined> {
  const server = stringFlag(args, 'server');
  if (!server || stringFlag(args, 'user')) return undefined;
  const engine = io.createEngine();
  try {
    const advice = await ssoOnlyAdvice(engine, server);
    if (!advice) return undefined;
    return printReport(io, args.json, { state: 'signed-out', server, message: advice }, advice, EXIT.signedOut);
  } finally {
    engine.dispose();
  }
}

export async function login(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  if (wantsToken(args)) return loginWithToken(args, io);
  const advised = await adviseIfSsoOnly(args, io);
  if (advised !== undefined) return advised;
  const request = readRequest(args);
  const password = await readPassword(request, io);
  const engine = io.createEngine({ insecureStorage: booleanFlag(args, 'insecure-storage') });
  try {
    let state = await engine.login(request.server, { user: request.user, password, code: request.code });
    const interactive = !request.passwordStdin && request.code === undefined && io.stdin.isTTY === true;
    for (let prompts = 0; interactive && state.kind === 'needs-2fa' && prompts < MAX_CODE_PROMPTS; prompts += 1) {
      if (state.error) writeLine(io.stderr, safeForTerminal(state.error.message));
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
    const code = printState(io, request.json, state);
    if (state.kind === 'signed-out' && state.error?.code === 'invalid-credentials' && !request.json) {
      const advice = await ssoOnlyAdvice(engine, state.server);
      if (advice) writeLine(io.stderr, advice);
    }
    return code;
  } finally {
    engine.dispose();
  }
}
