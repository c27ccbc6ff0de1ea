import type { TestUserSpec } from './users';

/** Fixed TOTP secret so people can add bob to an authenticator app once. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export const DEMO_USERS: TestUserSpec[] = [
  { username: 'alice', password: 'alice-password', name: 'Alice Example', email: 'alice@example.com' },
  { username: 'bob', password: 'bob-password', name: 'Bob Example', email: 'bob@example.com', twoFactor: 'totp', totpSecret: DEMO_TOTP_SECRET },
  { username: 'carol', password: 'carol-password', name: 'Carol Example', email: 'carol@example.com', twoFactor: 'email' },
  { username: 'dave', password: 'dave-password', name: 'Dave Example', email: 'dave@example.com', ldap: true },
  { username: 'erin', password: 'erin-password', name: 'Erin Example', email: 'erin@example.com', active: false },
];
