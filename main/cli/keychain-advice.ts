import type { SignInError } from '../common/sign-in-error';

/**
 * The CLI's own sentence for a keychain that cannot keep a session, with the ways out for this
 * OS (as data). In a terminal without a desktop (SSH, a server, a container) there is no Secret
 * Service until one is started for the shell; --insecure-storage is the other way out.
 */
interface KeychainAdvice {
  unavailable(reason: string): string;
  locked: string;
}

const READ_PASSWORD = `read -rsp 'Keyring password: ' pw && printf %s "$pw" | gnome-keyring-daemon`;

const SECRET_SERVICE: KeychainAdvice = {
  unavailable: (reason) =>
    `rc-tray cannot keep your session: there is no system keychain here (${reason}); start one for this shell with \`dbus-run-session -- bash\` and then, in it, \`${READ_PASSWORD} --unlock --components=secrets >/dev/null; unset pw\` (see the README), or sign in with --insecure-storage to keep the token in a file only you can read.`,
  locked:
    `The system keychain is locked, so rc-tray can neither read nor keep your session: unlock it (on a desktop, with the keyring's unlock prompt or "Passwords and Keys"; in a terminal, \`${READ_PASSWORD} --replace --unlock --components=secrets >/dev/null; unset pw\`) and run the command again.`,
};

const ADVICE: Partial<Record<NodeJS.Platform, KeychainAdvice>> = {
  linux: SECRET_SERVICE,
  freebsd: SECRET_SERVICE,
  openbsd: SECRET_SERVICE,
  darwin: {
    unavailable: (reason) => `rc-tray cannot keep your session: the macOS keychain is not available (${reason}); unlock your login keychain in Keychain Access, or sign in with --insecure-storage to keep the token in a file only you can read.`,
    locked: 'The macOS login keychain is locked, so rc-tray can neither read nor keep your session: unlock it in Keychain Access and run the command again.',
  },
  win32: {
    unavailable: (reason) => `rc-tray cannot keep your session: Windows Credential Manager is not available (${reason}); sign in with --insecure-storage to keep the token in a file only you can read.`,
    locked: 'Windows Credential Manager is locked, so rc-tray can neither read nor keep your session: sign in to Windows again and run the command again.',
  },
};

/** The reason in the engine's message, e.g. "(no desktop session bus)". */
function reasonOf(message: string): string {
  return /^The system keychain is not available \((.*)\)\. rc-tray keeps/.exec(message)?.[1] ?? 'the keychain refused the request';
}

export function withKeychainAdvice(error: SignInError, platform: NodeJS.Platform = process.platform): SignInError {
  const advice = ADVICE[platform];
  if (!advice) return error;
  if (error.code === 'keychain-unavailable' && !error.message.startsWith('The system keychain')) return error;
  if (error.code === 'keychain-unavailable') return { ...error, message: advice.unavailable(reasonOf(error.message)) };
  if (error.code === 'keychain-locked') return { ...error, message: advice.locked };
  return error;
}
