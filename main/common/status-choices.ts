import type { ServerStatusFeatures, UserStatus } from './session-state';

/**
 * The statuses a person may choose on this server. Invisible only where the server allows it
 * (`Accounts_AllowInvisibleStatusOption`, as the web client's `useStatusItems.tsx` does). Away
 * stays on every version: Rocket.Chat PR #40469 and mobile PR #7392 hid it on 8.6+, and both were
 * reversed on 2026-07-16 (Rocket.Chat PR #41414 "Restore Away to quick status menu", mobile PR
 * #7498 "restore Away status option on servers 8.6.0 and above"): `users.setStatus` accepts it.
 */
export function statusChoices(features: ServerStatusFeatures | undefined): UserStatus[] {
  const all: UserStatus[] = ['online', 'away', 'busy', 'offline'];
  return features?.invisibleAllowed === false ? all.filter((status) => status !== 'offline') : all;
}

/** The message menu is offered unless the server refuses message changes (the web client hides it too). */
export function messagesAllowed(features: ServerStatusFeatures | undefined): boolean {
  return features?.messageChangeAllowed !== false;
}
