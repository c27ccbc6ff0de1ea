import type { SignInError } from './sign-in-error';

/** What others see: Rocket.Chat's status, where `offline` chosen by hand means "invisible". */
export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

/** Who holds the status on 8.6+ servers: the person (`manual`), the server (`internal`), an integration such as a calendar (`external`). */
export type StatusSource = 'manual' | 'internal' | 'external';

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
  /** 8.6+ servers say who set the status. */
  statusSource?: StatusSource;
  /** When the status ends (epoch ms): the server's `statusExpiresAt`, or rc-tray's own pending restore. */
  statusExpiresAt?: number;
  /** What comes back then, when known. */
  statusAfter?: UserStatus;
  /** A change the server's rate limit holds back (the app sends it at `sendsAt`, epoch ms). */
  statusWaiting?: { status?: UserStatus; message?: string; sendsAt: number };
}

/** An admin-defined status (`custom-user-status.list`). */
export interface CustomStatus {
  name: string;
  status: UserStatus;
}

/** What this server lets a person do with their status, read once per sign-in (live sessions). */
export interface ServerStatusFeatures {
  /** 8.6+: `expiresAt`, `statusSource`, the server restores the status itself. */
  expiringStatus: boolean;
  invisibleAllowed: boolean;
  messageChangeAllowed: boolean;
  /** False when the server sends no presence events (`Presence_broadcast_disabled`). */
  liveStatusShared: boolean;
  customStatuses: CustomStatus[];
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
  | {
      kind: 'signed-in';
      server: string;
      user: UserSummary;
      live: LiveConnection;
      features?: ServerStatusFeatures;
      /** Why the realtime sign-in is waiting (a failed-login block, a rate limit), and until when (epoch ms). */
      liveError?: SignInError;
      nextLiveRetryAt?: number;
    }
  | { kind: 'offline'; server: string; error: SignInError; nextRetryAt?: number };

export type SessionKind = SessionState['kind'];
