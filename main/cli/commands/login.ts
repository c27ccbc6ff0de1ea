import type { SessionState } from '../../common/session-state';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { printReport, printState, safeForTerminal } from '../print-state';
import { exitCodeForState } from '../exit-codes';
import { humanReport, reportFor, type ReplacedAccount } from '../report';
import { normaliseServerAddress } from '../../common/server-address';
import { PromptCancelled, askOrCancel as askOn, readFirstLine } from '../terminal-prompt';
import { ssoOnlyAdvice } from '../sso-advice';
import { EXIT } from '../exit-codes';
import type { SignInEngine } from '../../engine/sign-in-engine';
import { loginServer, loginUser, requireKeychain, requireServerOffTerminal } from './login-target';
import { loginWithToken, wantsToken } from './login-with-token';
import { maskedEmail } from '../../common/masked-email';

const MAX_CODE_PROMPTS = 3;
const MAX_PASSWORD_PROMPTS = 3;
/** Enter alone asks for another e-mailed code at most this often: mail takes a while to arrive. */
export const RESEND_INTERVAL_MS = 30_000;

interface LoginRequest {
  server: string;
  user: string;
  passwordStdin: boolean;
  code?: string;
  json: boolean;
}

function codeQuestion(state: Extract<SessionState, { kind: 'needs-2fa' }>, user: string): string {
  if (state.twoFactor.method === 'totp') return 'Code from your authenticator app (6 digits): ';
  const to = maskedEmail(user);
  return state.twoFactor.codeSent
    ? `Code we just e-mailed you${to ? ` at ${to}` : ''} (6 digits; Enter alone sends a new one): `
    : `Code from the e-mail we sent you${to ? ` at ${to}` : ''} (6 digits; Enter alone sends a new one): `;
}

const askOrCancel = (io: CliIo, question: string, hidden = false) => askOn(io.stdin, io.stderr, question, hidden);

function readRequest(args: ParsedArgs, server: string, user: string): LoginRequest {
  return { server, user, passwordStdin: booleanFlag(args, 'password-stdin'), code: stringFlag(args, 'code'), json: args.json };
}

async function readPassword(request: LoginRequest, io: CliIo): Promise<string> {
  const password = request.passwordStdin
    ? await readFirstLine(io.stdin)
    : io.stdin.isTTY
      ? await askOrCancel(io, `Password for ${request.user}: `, true)
      : (() => {
          throw new UsageError('No terminal to ask for the password on. Pipe it in with --password-stdin.');
        })();
  if (!password) throw new UsageError('No password given.');
  return password;
}

/** No user given on an SSO-only server: the person needs a token, not a usage line (or a username prompt). */
async function adviseIfSsoOnly(args: ParsedArgs, io: CliIo, engine: SignInEngine, server: string): Promise<ExitCode | undefined> {
  if (stringFlag(args, 'user')) return undefined;
  const advice = await ssoOnlyAdvice(engine, server);
  if (!advice) return undefined;
  return printReport(io, args.json, { state: 'signed-out', server, message: advice }, advice, EXIT.signedOut);
}

export async function login(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  if (wantsToken(args)) return loginWithToken(args, io);
  requireServerOffTerminal(args, io);
  const engine = io.createEngine({ insecureStorage: booleanFlag(args, 'insecure-storage') });
  let asking: string | undefined;
  try {
    await requireKeychain(engine, stringFlag(args, 'server'));
    const server = await loginServer(args, io, engine);
    const advised = await adviseIfSsoOnly(args, io, engine, server);
    if (advised !== undefined) return advised;
    const request = readRequest(args, server, await loginUser(args, io, engine, server));
    let password = await readPassword(request, io);
    const address = normaliseServerAddress(request.server);
    const saved = address.ok ? await engine.savedAccount(address.url) : undefined;
    let state = await engine.login(request.server, { user: request.user, password, code: request.code });
    asking = state.server;
    const interactive = !request.passwordStdin && request.code === undefined && io.stdin.isTTY === true;
    // As ssh and sudo do: a mistyped password can be typed again on a terminal.
    for (let tries = 1; interactive && tries < MAX_PASSWORD_PROMPTS && state.kind === 'signed-out' && state.error?.code === 'invalid-credentials'; tries += 1) {
      writeLine(io.stderr, safeForTerminal(state.error.message));
      password = await askOrCancel(io, `Password for ${request.user}: `, true);
      if (!password) throw new UsageError('No password given.');
      state = await engine.login(request.server, { user: request.user, password });
    }
    const now = () => (io.now ? io.now() : Date.now());
    let lastSent = state.kind === 'needs-2fa' && state.twoFactor.codeSent ? now() : undefined;
    for (let prompts = 0; interactive && state.kind === 'needs-2fa' && prompts < MAX_CODE_PROMPTS; prompts += 1) {
      if (state.error) writeLine(io.stderr, safeForTerminal(state.error.message));
      const code = await askOrCancel(io, codeQuestion(state, request.user));
      const session = engine.session(state.server);
      if (code.trim() === '' && state.twoFactor.method === 'email') {
        prompts -= 1;
        const waitMs = lastSent === undefined ? 0 : lastSent + RESEND_INTERVAL_MS - now();
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          writeLine(io.stderr, `A code was e-mailed moments ago; wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before asking for another (mail can take a minute to arrive).`);
          continue;
        }
        state = await session.resendCode();
        if (state.kind === 'needs-2fa' && !state.error) {
          lastSent = now();
          writeLine(io.stderr, `New code sent to ${maskedEmail(request.user) ?? `the e-mail address of ${safeForTerminal(request.user)}`}.`);
        }
      } else {
        state = await session.submitCode(code);
      }
    }
    if (state.kind === 'needs-2fa') engine.session(state.server).cancel();
    const replaced: ReplacedAccount | undefined =
      saved && state.kind === 'signed-in' && state.user.id !== saved.userId ? { id: saved.userId, ...(saved.signedInAs ? { signedInAs: saved.signedInAs } : {}) } : undefined;
    const code = replaced
      ? printReport(io, request.json, { ...reportFor(state), replaced }, humanReport(state, Date.now(), replaced), exitCodeForState(state))
      : printState(io, request.json, state);
    if (state.kind === 'signed-out' && state.error?.code === 'invalid-credentials' && !request.json) {
      const advice = await ssoOnlyAdvice(engine, state.server);
      if (advice) writeLine(io.stderr, advice);
    }
    return code;
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    if (asking) engine.session(asking).cancel();
    writeLine(io.stderr, '\nCancelled.');
    return EXIT.cancelled;
  } finally {
    engine.dispose();
  }
}
