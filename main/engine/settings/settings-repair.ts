import { isCanonicalServerAddress } from '../../common/server-address';

export type SettingsProblem =
  | { kind: 'damaged' }
  | { kind: 'newer'; version: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; code: string }
  | { kind: 'bad-addresses'; count: number };

interface SalvagedSettings {
  version: 1;
  servers: Array<{ url: string; lastUsername?: string }>;
  activeServer?: string;
  startAtLoginChosen?: boolean;
}

const MAX_USERNAME = 512;

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * What can still be trusted in a settings file: every server whose address is exactly what
 * rc-tray makes of a typed one (normalised, no control characters, no credentials, https unless
 * loopback — audit F-01/F-10), then every server that has a sign-in in the keychain. A server
 * address that fails is dropped here, so it is never resumed and never names a keychain item.
 */
export function salvageSettings(raw: unknown, fromKeychain: readonly string[]): { settings: SalvagedSettings; dropped: number } {
  const servers: SalvagedSettings['servers'] = [];
  const dropped = new Set<unknown>();
  const listed = field(raw, 'servers');
  for (const entry of Array.isArray(listed) ? listed : []) {
    const url = field(entry, 'url');
    if (typeof url !== 'string' || !isCanonicalServerAddress(url)) {
      dropped.add(typeof url === 'string' ? url : entry);
      continue;
    }
    if (servers.some((server) => server.url === url)) continue;
    const username = field(entry, 'lastUsername');
    servers.push(typeof username === 'string' && username.length <= MAX_USERNAME && !/[\u0000-\u001f\u007f]/.test(username) ? { url, lastUsername: username } : { url });
  }
  const active = field(raw, 'activeServer');
  if (active !== undefined && !(typeof active === 'string' && isCanonicalServerAddress(active))) dropped.add(active);
  for (const url of fromKeychain) {
    if (isCanonicalServerAddress(url) && !servers.some((server) => server.url === url)) servers.push({ url });
  }
  const settings: SalvagedSettings = { version: 1, servers };
  if (typeof active === 'string' && servers.some((server) => server.url === active)) settings.activeServer = active;
  const chosen = field(raw, 'startAtLoginChosen');
  if (typeof chosen === 'boolean') settings.startAtLoginChosen = chosen;
  return { settings, dropped: dropped.size };
}

const WHAT: Record<SettingsProblem['kind'], (problem: SettingsProblem) => string> = {
  damaged: () => 'was damaged',
  newer: (problem) => `was written by a newer rc-tray (format ${(problem as { version: number }).version})`,
  'too-large': (problem) => `was too large to be rc-tray's (${Math.ceil((problem as { bytes: number }).bytes / 1024)} KiB)`,
  unreadable: (problem) => `could not be read (${(problem as { code: string }).code})`,
  'bad-addresses': (problem) => {
    const count = (problem as { count: number }).count;
    return `held ${count} server address${count === 1 ? '' : 'es'} rc-tray would not accept, now ignored`;
  },
};

/** The one sentence a person reads when the settings file had to be repaired. */
export function describeSettingsProblem(problem: SettingsProblem, outcome: { aside?: string; file: string; recovered: number }): string {
  const what = WHAT[problem.kind](problem);
  const kept = outcome.aside
    ? `it was set aside as ${outcome.aside}`
    : `it could not be set aside, so changes to settings cannot be saved until ${outcome.file} is fixed or removed`;
  const found = outcome.recovered > 0 ? ` and ${outcome.recovered} saved server${outcome.recovered === 1 ? ' was' : 's were'} kept or found again in the keychain` : '';
  return `rc-tray's settings file ${what}; ${kept}${found}.`;
}
