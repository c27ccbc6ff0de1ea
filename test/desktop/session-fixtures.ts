import type { LiveConnection, SessionState, UserStatus } from '../../main/common/session-state';
import { signInError } from '../../main/common/sign-in-messages';

export const SERVER = 'https://chat.example.com';

export function signedIn(status: UserStatus = 'online', options: { live?: LiveConnection; statusText?: string; name?: string } = {}): SessionState {
  return {
    kind: 'signed-in',
    server: SERVER,
    live: options.live ?? 'live',
    user: { id: 'u1', username: 'alice', name: options.name ?? 'Alice Liddell', status, statusText: options.statusText ?? '', avatarUrl: `${SERVER}/avatar/alice` },
  };
}

export const signedOut: SessionState = { kind: 'signed-out', server: SERVER };
export const expired: SessionState = { kind: 'signed-out', server: SERVER, error: signInError('session-expired') };
export const signingIn: SessionState = { kind: 'signing-in', server: SERVER };
export const offline: SessionState = { kind: 'offline', server: SERVER, error: signInError('unreachable', { server: SERVER }) };
export const needsCode: SessionState = { kind: 'needs-2fa', server: SERVER, username: 'bob', twoFactor: { method: 'totp', codeSent: false } };
