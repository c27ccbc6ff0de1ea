import { serverLabel } from '../common/server-address';
import type { SignInEngine } from '../engine/sign-in-engine';

/**
 * Over SSH there is no browser for a single sign-on page. When the server hides its password form
 * and offers only sign-in services (Accounts_ShowFormLogin off, services in settings.oauth), say
 * how to get in with a personal access token instead. Undefined when the server offers passwords,
 * or cannot be asked: the caller's own message then stands alone.
 */
export async function ssoOnlyAdvice(engine: SignInEngine, typedServer: string): Promise<string | undefined> {
  try {
    const options = await engine.loginOptions(typedServer);
    if (options.passwordForm || options.services.length === 0) return undefined;
    const names = options.services.map((service) => service.label).join(', ');
    return [
      `${serverLabel(options.server)} signs people in with single sign-on (${names}) in a web browser, which a terminal cannot show.`,
      'Use a personal access token instead:',
      '  1. In Rocket.Chat (web or desktop app), open My Account → Personal Access Tokens, add a token,',
      '     and copy the token and your user id that it shows.',
      `  2. Run: rc-tray login --server ${options.server} --with-token --user-id YOUR_USER_ID`,
      '     and paste the token when asked (or pipe it in on standard input).',
    ].join('\n');
  } catch {
    return undefined;
  }
}
