import { SecretServiceProbe, type KeyringProbe } from './secret-service-probe';

/**
 * What each OS's keychain needs besides keytar, as data. On Linux keytar's libsecret cannot tell
 * a locked keyring from an empty one, so the Secret Service is asked directly; macOS's Keychain
 * and Windows' Credential Manager report a locked or missing store as errors keytar passes on.
 */
const KEYRING_PROBES: Partial<Record<NodeJS.Platform, (env: NodeJS.ProcessEnv) => KeyringProbe>> = {
  linux: (env) => new SecretServiceProbe(env),
  freebsd: (env) => new SecretServiceProbe(env),
  openbsd: (env) => new SecretServiceProbe(env),
};

export function keyringProbeFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeyringProbe | undefined {
  return KEYRING_PROBES[platform]?.(env);
}
