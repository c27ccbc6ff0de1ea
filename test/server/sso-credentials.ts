// What the server keeps between the end of a browser sign-in and the client's `login` call.
import { randomBytes } from 'node:crypto';

/** Meteor's stale-credential sweep removes pending OAuth credentials older than one minute (oauth_server.js `_cleanStaleResults`). */
export const PENDING_CREDENTIAL_MS = 60_000;
/**
 * RC's "Work-around to make the credentials reusable for 2FA": a retrieved OAuth credential is not
 * deleted but dated two minutes ahead, so the same credentialToken/secret can be sent again with
 * the code (apps/meteor/app/2fa/server/loginHandler.ts `OAuth._retrievePendingCredential`).
 */
export const TWO_FACTOR_REUSE_MS = 2 * 60_000;
/** CredentialTokens (SAML, CAS): `expireAt` one minute after creation (RC models CredentialTokens.create). */
export const CREDENTIAL_TOKEN_MS = 60_000;

export interface ExternalIdentity {
  service: string;
  id: string;
  username: string;
  email?: string;
  name?: string;
}

interface Pending {
  identity?: ExternalIdentity;
  error?: string;
  secret: string;
  createdAt: number;
}

export class SsoCredentials {
  private readonly oauth = new Map<string, Pending>();
  private readonly tokens = new Map<string, { identity: ExternalIdentity; createdAt: number }>();

  constructor(private readonly now: () => number) {}

  /** OAuth._storePendingCredential: keyed by the client's credentialToken, with a fresh Random.secret(). */
  storeOAuth(credentialToken: string, result: { identity: ExternalIdentity } | { error: string }): string {
    const secret = randomBytes(32).toString('base64url');
    this.oauth.set(credentialToken, { ...result, secret, createdAt: this.now() });
    return secret;
  }

  /** RC's `_retrievePendingCredential`: token and secret must both match; an error credential is consumed. */
  retrieveOAuth(credentialToken: string, secret: unknown): ExternalIdentity | { error: string } | undefined {
    const pending = this.oauth.get(credentialToken);
    if (!pending || typeof secret !== 'string' || pending.secret !== secret) return undefined;
    if (this.now() - pending.createdAt > PENDING_CREDENTIAL_MS) {
      this.oauth.delete(credentialToken);
      return undefined;
    }
    if (pending.error || !pending.identity) {
      this.oauth.delete(credentialToken);
      return { error: pending.error ?? 'unknown' };
    }
    pending.createdAt = this.now() + TWO_FACTOR_REUSE_MS;
    return pending.identity;
  }

  /** CredentialTokens.create (SAML's random id, CAS's client-chosen token). */
  storeToken(credentialToken: string, identity: ExternalIdentity): void {
    this.tokens.set(credentialToken, { identity, createdAt: this.now() });
  }

  /** CredentialTokens.findOneNotExpiredById; not deleted on use, as in RC (it just expires). */
  findToken(credentialToken: unknown): ExternalIdentity | undefined {
    if (typeof credentialToken !== 'string') return undefined;
    const found = this.tokens.get(credentialToken);
    if (!found || this.now() - found.createdAt > CREDENTIAL_TOKEN_MS) return undefined;
    return found.identity;
  }
}
