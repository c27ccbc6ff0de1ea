// Meteor's `login` method as RC configures it: handlers, then validateLoginAttempt, then 2FA.
import type { ServerContext } from './context';
import { USER_NOT_FOUND, type MeteorError } from './error-bodies';
import { checkLoginSecondFactor } from './two-factor';
import type { ExternalIdentity } from './sso-credentials';
import { type ServerUser, type StoredToken } from './users';
import { randomBytes } from 'node:crypto';

type LoginType = 'password' | 'resume' | 'oauth' | 'saml' | 'cas';

export type LoginResult =
  | { ok: true; user: ServerUser; token: string; stored: StoredToken; type: LoginType }
  | { ok: false; error: MeteorError; internal?: false }
  | { ok: false; internal: true };

/** Stands for a Match.Error: not a Meteor.Error, so REST answers 500. */
class MatchFailure extends Error {}

type Attempt =
  | { kind: 'user'; user: ServerUser; type: LoginType; token?: string; stored?: StoredToken }
  /** `user`: Meteor's attempt.user, set when the handler found the account (a wrong password). */
  | { kind: 'failed'; user?: ServerUser };

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RC ApiClass.loginCompatibility: maps the REST body to a Meteor login request. */
export function loginCompatibility(body: Obj, headerCode: string | undefined): unknown {
  const { user, username, email, password, code: bodyCode } = body;
  if (password == null) return body;
  if (Object.keys(body).some((k) => !['user', 'username', 'email', 'password', 'code'].includes(k))) return body;
  const code = bodyCode || headerCode;
  let authUser: Obj | undefined;
  if (typeof user === 'string') authUser = user.includes('@') ? { email: user } : { username: user };
  else if (username) authUser = { username };
  else if (email) authUser = { email };
  if (!authUser) return body;
  const pass = isObject(password) && password.hashed ? { digest: password, algorithm: 'sha-256' } : password;
  const auth = { user: authUser, password: pass };
  return code ? { totp: { code, login: auth } } : auth;
}

/**
 * Meteor's `_attemptLogin`: the handlers run, then every `validateLoginAttempt` hook, and any
 * refusal at all (blocked, bad token, wrong password, deactivated, `totp-required`…) goes through
 * `_failedLogin` → `Accounts.onLoginFailure`, which RC saves as a failed attempt (hooks/login.ts).
 */
export function meteorLogin(ctx: ServerContext, request: unknown, ip: string): LoginResult {
  try {
    if (!isObject(request)) throw new MatchFailure('Match failed');
    const attempt = runHandlers(ctx, request);
    const found = attempt.user;
    // methodArguments[0].user?.username: only a plain `{user:{username}}` request carries one.
    const typed = isObject(request.user) && typeof request.user.username === 'string' ? request.user.username : undefined;
    const result = validate(ctx, request, attempt, ip, found ?? (typed ? ctx.users.byUsername(typed) : undefined));
    if (!result.ok) ctx.lockout.recordFailure(ip, found?.username ?? typed);
    else ctx.lockout.recordSuccess(ip, result.user.username);
    return result;
  } catch (e) {
    if (e instanceof MatchFailure) return { ok: false, internal: true };
    throw e;
  }
}

// RocketChat/Rocket.Chat apps/meteor/app/authentication/server/startup/index.js@0137f511:
// the IP and user block checks come first, for every login type (resume included), before
// `if (login.allowed !== true)`; then active, roles; then onValidateLogin runs the 2FA check.
function validate(ctx: ServerContext, request: Obj, attempt: Attempt, ip: string, userForBlock: ServerUser | undefined): LoginResult {
  const blocked = ctx.lockout.blocked(ip, userForBlock?.username);
  if (blocked) return fail(blockedError(blocked));
  if (attempt.kind === 'failed') return fail(USER_NOT_FOUND);
  const { user } = attempt;
  if (user.type === 'app') return fail(validationError('error-app-user-is-not-allowed-to-login', 'App user is not allowed to login'));
  if (!user.active) return fail(validationError('error-user-is-not-activated', 'User is not activated'));
  if (user.roles.length === 0) return fail(validationError('error-user-has-no-roles', 'User has no roles'));
  // Accounts_EmailVerification: non-admin password logins need a verified address; the reason
  // keeps its unreplaced i18n placeholder, exactly as the server sends it.
  if (ctx.settings.emailVerification && attempt.type === 'password' && !user.roles.includes('admin') && !(user.email && user.emailVerified)) {
    return fail(validationError('error-invalid-email', 'Invalid email __email__'));
  }
  // The 2FA login callback returns early for resume and cas (apps/meteor/server/lib/2fa/loginHandler.ts);
  // OAuth and SAML sign-ins are asked for the code like a password one.
  if (attempt.type !== 'resume' && attempt.type !== 'cas') {
    const totp = request.totp;
    const code = isObject(totp) && totp.code != null ? String(totp.code) : undefined;
    const secondFactor = checkLoginSecondFactor({ email: ctx.email, now: ctx.now }, user, code);
    if (secondFactor) return fail(secondFactor);
  }
  user.lastLogin = ctx.now();
  if (attempt.type === 'resume') return { ok: true, user, token: attempt.token!, stored: attempt.stored!, type: 'resume' };
  const { token, stored } = ctx.users.createToken(user);
  return { ok: true, user, token, stored, type: attempt.type };
}

function fail(error: MeteorError): LoginResult {
  return { ok: false, error };
}

function validationError(error: string, reason: string): MeteorError {
  return { error, reason, details: { function: 'Accounts.validateLoginAttempt' } };
}

function blockedError(kind: 'ip' | 'user'): MeteorError {
  return kind === 'ip'
    ? validationError('error-login-blocked-for-ip', 'Login has been temporarily blocked For IP')
    : validationError('error-login-blocked-for-user', 'Login has been temporarily blocked For User');
}

// Handler order as registered in RC: resume, password, ldap, totp. Every handler error
// is later rewritten to 'User not found' (loginErrorMessageOverride), so they just fail.
function runHandlers(ctx: ServerContext, req: Obj): Attempt {
  if (req.resume !== undefined && req.resume !== null && req.resume !== '') return resumeHandler(ctx, req.resume);
  if (req.password) return passwordHandler(ctx, req);
  if (req.oauth !== undefined) return oauthHandler(ctx, req.oauth);
  if (req.saml) return credentialTokenHandler(ctx, 'saml', req.credentialToken);
  if (req.cas !== undefined) return credentialTokenHandler(ctx, 'cas', isObject(req.cas) ? req.cas.credentialToken : undefined);
  if (req.ldap) return ldapHandler(ctx, req);
  if (isObject(req.totp) && req.totp.code) {
    if (!isObject(req.totp.login)) throw new MatchFailure('totp.login must be an object');
    return runHandlers(ctx, req.totp.login);
  }
  return { kind: 'failed' };
}

function resumeHandler(ctx: ServerContext, resume: unknown): Attempt {
  if (typeof resume !== 'string') throw new MatchFailure('resume must be a string');
  const found = ctx.users.findByToken(resume);
  if (!found) return { kind: 'failed' };
  return { kind: 'user', user: found.user, type: 'resume', token: resume, stored: found.stored };
}

function passwordHandler(ctx: ServerContext, req: Obj): Attempt {
  if (Object.keys(req).some((k) => !['user', 'password', 'code'].includes(k))) throw new MatchFailure('unknown key');
  const { user: query, password } = req;
  const validPassword =
    typeof password === 'string' ||
    (isObject(password) && typeof password.digest === 'string' && password.algorithm === 'sha-256');
  if (!validPassword) throw new MatchFailure('bad password');
  if (query !== undefined) {
    const q = query;
    const validQuery =
      isObject(q) &&
      Object.keys(q).length === 1 &&
      ['id', 'username', 'email'].some((k) => typeof q[k] === 'string' && q[k] !== '');
    if (!validQuery) throw new MatchFailure('User property must have exactly one field');
  }
  const q = (query ?? {}) as { id?: string; username?: string; email?: string };
  const user = q.id
    ? ctx.users.get(q.id)
    : q.username
      ? ctx.users.byUsername(q.username)
      : q.email
        ? ctx.users.byEmail(q.email)
        : undefined;
  if (!user) return { kind: 'failed' };
  const ok =
    typeof password === 'string'
      ? ctx.users.checkPassword(user, password)
      : ctx.users.checkPasswordDigest(user, (password as { digest: string }).digest);
  return ok ? { kind: 'user', user, type: 'password' } : { kind: 'failed', user };
}

// The LDAP handler falls back to the local password when the directory has no answer;
// this server has no directory, so that fallback is all there is.
function ldapHandler(ctx: ServerContext, req: Obj): Attempt {
  const { username, ldapPass } = req;
  if (typeof username !== 'string' || typeof ldapPass !== 'string') return { kind: 'failed' };
  const user = ctx.users.byUsernameOrEmail(username);
  if (!user || !ctx.users.checkPassword(user, ldapPass)) return { kind: 'failed', user };
  return { kind: 'user', user, type: 'password' };
}

// Meteor accounts-oauth's handler: check(options.oauth, {credentialToken: String, credentialSecret:
// Match.Optional(String)}), OAuth.retrieveCredential, then updateOrCreateUserFromExternalService.
function oauthHandler(ctx: ServerContext, oauth: unknown): Attempt {
  if (!isObject(oauth) || typeof oauth.credentialToken !== 'string') throw new MatchFailure('oauth');
  const result = ctx.sso.retrieveOAuth(oauth.credentialToken, oauth.credentialSecret);
  // "No matching login attempt found" and a stored provider error both become 'User not found'.
  if (!result || 'error' in result) return { kind: 'failed' };
  return { kind: 'user', user: externalUser(ctx, result), type: 'oauth' };
}

// SAML (meteor-accounts-saml/server/loginHandler.ts: `{saml:true, credentialToken}`) and CAS
// (server/lib/cas/loginHandler.ts: `{cas:{credentialToken}}`), both read from CredentialTokens.
function credentialTokenHandler(ctx: ServerContext, type: 'saml' | 'cas', credentialToken: unknown): Attempt {
  const identity = ctx.sso.findToken(credentialToken);
  if (!identity) return { kind: 'failed' };
  return { kind: 'user', user: externalUser(ctx, identity), type };
}

/** Merge by e-mail, then username (custom OAuth `merge_users`, SAML's EMail immutable property); else a new account. */
function externalUser(ctx: ServerContext, identity: ExternalIdentity): ServerUser {
  const found = (identity.email ? ctx.users.byEmail(identity.email) : undefined) ?? ctx.users.byUsername(identity.username);
  if (found) return found;
  // No password of its own: the account exists only through the identity provider.
  return ctx.users.add({ username: identity.username, password: randomBytes(24).toString('hex'), name: identity.name, email: identity.email });
}
