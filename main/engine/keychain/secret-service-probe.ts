/**
 * What keytar cannot say. libsecret (under keytar) answers "no such item" both when there is none
 * and when the item sits in a locked collection whose unlock prompt could not open (audit F-03),
 * and it only fails to *store* when there is no collection at all. So when keytar finds nothing,
 * rc-tray asks the Secret Service itself (freedesktop Secret Service API 0.2:
 * specifications.freedesktop.org/secret-service-spec: `SearchItems` returns unlocked and locked
 * items apart; `ReadAlias("default")` is "/" when there is no default collection; a collection's
 * `Locked` property), over the session bus with `dbus-send` (from the dbus package, present
 * wherever a session bus is).
 */
export type KeyringState =
  /** Nothing stored, and the default collection is there and unlocked: a token can be kept. */
  | 'ready'
  /** The item, or the collection a new one would go to, is locked. */
  | 'locked'
  /** A bus, but no keyring to keep anything in (no Secret Service, or no default collection). */
  | 'no-keyring'
  /** The platform could not be asked (no dbus-send, no bus): keytar's answer stands. */
  | 'unknown';

export interface KeyringProbe {
  stateFor(service: string, account: string): Promise<KeyringState>;
}

type Runner = (args: string[]) => Promise<string>;

const SECRETS = ['--session', '--print-reply', '--dest=org.freedesktop.secrets'];

function dbusSend(env: NodeJS.ProcessEnv): Runner {
  return (args) => {
    // Loaded here, not with the engine: only a keychain that answers "none" is asked (issue 9 §4).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFile } = require('node:child_process') as typeof import('node:child_process');
    return new Promise((resolve, reject) =>
      execFile('dbus-send', [...SECRETS, ...args], { env, timeout: 3_000, maxBuffer: 256 * 1024 }, (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr: String(stderr) })) : resolve(String(stdout)),
      ),
    );
  };
}

/** The object paths in each top-level `array [ … ]` of a dbus-send reply, in order. */
export function replyArrays(reply: string): string[][] {
  const arrays: string[][] = [];
  let current: string[] | undefined;
  for (const line of reply.split('\n')) {
    if (/^\s*array \[\s*$/.test(line)) current = [];
    else if (/^\s*\]\s*$/.test(line) && current) {
      arrays.push(current);
      current = undefined;
    } else {
      const path = /object path "([^"]*)"/.exec(line)?.[1];
      if (path !== undefined && current) current.push(path);
    }
  }
  return arrays;
}

export class SecretServiceProbe implements KeyringProbe {
  private readonly run: Runner;

  constructor(env: NodeJS.ProcessEnv, run?: Runner) {
    this.run = run ?? dbusSend(env);
  }

  async stateFor(service: string, account: string): Promise<KeyringState> {
    try {
      // dbus-send's dict syntax separates with commas: an account containing one cannot be asked for.
      if (!service.includes(',') && !account.includes(',')) {
        const search = await this.run(['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.SearchItems', `dict:string:string:service,${service},account,${account}`]);
        const [, locked = []] = replyArrays(search);
        if (locked.length > 0) return 'locked';
      }
      const alias = /object path "([^"]*)"/.exec(await this.run(['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default']))?.[1];
      if (!alias || alias === '/') return 'no-keyring';
      const locked = await this.run([alias, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
      return /boolean true/.test(locked) ? 'locked' : 'ready';
    } catch (error) {
      const text = `${(error as { stderr?: string }).stderr ?? ''} ${(error as Error).message}`;
      if (/ServiceUnknown|was not provided by any \.service/i.test(text)) return 'no-keyring';
      return 'unknown';
    }
  }
}
