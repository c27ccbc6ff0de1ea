import type { SignInError } from './sign-in-error';

/** What others see: Rocket.Chat's status, where `offline` chosen by hand means "invisible". */
export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  /** What others see: `offline` whenever no client of the user holds a live connection. */
  status: UserStatus;
  /** What the user chose (Rocket.Chat's `statusDefault`), when the server says. */
  chosenStatus?: UserStatus;
  statusText: string;
  avatarUrl: string;
}

export type TwoFactorMethod = 'totp' | 'email';

export interface TwoFactorPrompt {
  method: TwoFactorMethod;
  /** True when the server just e-mailed a fresh code. */
  codeSent: boolean;
}

/** The state of the live (realtime) connection that carries presence while signed in. */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export type SessionState =
  | { kind: 'signed-out'; server: string; error?: SignInError }
  | { kind: 'signing-in'; server: string }
  | { kind: 'needs-2fa'; server: string; username: string; twoFactor: TwoFactorPrompt; error?: SignInError }
  | { kind: 'signed-in'; server: string; user: UserSummary; live: LiveConnection }
  | { kind: 'offline'; server: string; error: SignInError; nextRetryAt?: number };

export type SessionKind = SessionState['kind'];
