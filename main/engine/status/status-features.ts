import type { CustomStatus, ServerStatusFeatures, UserStatus } from '../../common/session-state';
import type { Credentials, RocketChatApi } from '../http/rocketchat-api';

/** The public settings that decide what the status menu offers (all public in RC, see the stand-in's routes-settings.ts). */
export const STATUS_SETTING_IDS = ['Accounts_AllowInvisibleStatusOption', 'Accounts_AllowUserStatusMessageChange', 'Presence_broadcast_disabled'] as const;

/** `major.minor[.patch]` compared numerically; an unreadable version counts as old. */
export function versionAtLeast(version: string, wanted: string): boolean {
  const parse = (text: string) => text.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const a = parse(version);
  const b = parse(wanted);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** Rocket.Chat 8.6 added `expiresAt` and `statusSource` (RC PRs #40274, #40469, #40557; Open-API PR #236). */
export function hasExpiringStatus(version: string): boolean {
  return versionAtLeast(version, '8.6');
}

const KNOWN_STATUSES: readonly UserStatus[] = ['online', 'away', 'busy', 'offline'];

/** Settings a server does not report keep Rocket.Chat's defaults (all allowed, broadcast on). */
export function statusFeatures(version: string, settings: ReadonlyMap<string, unknown>, custom: Array<{ name: string; statusType: string }> = []): ServerStatusFeatures {
  const flag = (id: string, fallback: boolean) => (typeof settings.get(id) === 'boolean' ? (settings.get(id) as boolean) : fallback);
  const customStatuses: CustomStatus[] = custom
    .filter((entry) => KNOWN_STATUSES.includes(entry.statusType as UserStatus) && entry.name.trim() !== '')
    .map((entry) => ({ name: entry.name.trim(), status: entry.statusType as UserStatus }));
  return {
    expiringStatus: hasExpiringStatus(version),
    invisibleAllowed: flag('Accounts_AllowInvisibleStatusOption', true),
    messageChangeAllowed: flag('Accounts_AllowUserStatusMessageChange', true),
    liveStatusShared: !flag('Presence_broadcast_disabled', false),
    customStatuses,
  };
}

/** `/api/info`, the public settings and (for the tray) the custom statuses: read once per sign-in. */
export async function loadStatusFeatures(api: RocketChatApi, credentials: Credentials, withCustomStatuses: boolean): Promise<ServerStatusFeatures> {
  const [info, settings, custom] = await Promise.all([
    api.serverInfo(),
    api.publicSettings(STATUS_SETTING_IDS),
    // Custom statuses are an extra; a server without the endpoint simply has none.
    withCustomStatuses ? api.customStatuses(credentials).catch(() => []) : Promise.resolve([]),
  ]);
  return statusFeatures(info.version, settings, custom);
}
