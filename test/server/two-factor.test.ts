import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, serverFor } from './test-helpers';

const TOTP_DETAILS = { method: 'totp', codeGenerated: false, availableMethods: ['totp'] };

test('TOTP: required, invalid, accepted within one step, backup code once', async (t) => {
  let clock = 1_700_000_000_000;
  const server = await serverFor(t, {
    rateLimit: false,
    now: () => clock,
    users: [{ username: 'bob', password: 'pw', twoFactor: 'totp', backupCodes: ['backup-1'] }],
  });
  const required = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw' });
  assert.equal(required.status, 401);
  assert.deepEqual(required.body, {
    success: false,
    error: 'totp-required',
    status: 'error',
    details: TOTP_DETAILS,
    message: 'TOTP Required',
  });
  const invalid = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: '000000' === server.totpCode('bob') ? '111111' : '000000' });
  assert.deepEqual(invalid.body, { success: false, error: 'totp-invalid', status: 'error', details: TOTP_DETAILS, message: 'TOTP Invalid' });

  const previousStep = server.totpCode('bob', clock - 30_000);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: previousStep })).status, 200);
  const old = server.totpCode('bob', clock - 120_000);
  if (old !== server.totpCode('bob') && old !== previousStep && old !== server.totpCode('bob', clock + 30_000)) {
    assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: old })).body.error, 'totp-invalid');
  }
  clock += 10 * 60_000;
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: server.totpCode('bob') })).status, 200);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: 'backup-1' })).status, 200);
  assert.equal((await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'pw', code: 'backup-1' })).body.error, 'totp-invalid');

  const wrongPassword = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'nope', code: server.totpCode('bob') });
  assert.equal(wrongPassword.body.error, 'Unauthorized');
});

test('resume never asks for the second factor', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const ok = await call(server, 'POST', '/api/v1/login', { user: 'bob', password: 'bob-password', code: server.totpCode('bob') });
  const resumed = await call(server, 'POST', '/api/v1/login', { resume: ok.body.data.authToken });
  assert.equal(resumed.status, 200);
});

test('e-mail 2FA: mails a code, reuses it, strips non-digits, burns after 5 misses', async (t) => {
  let clock = 1_700_000_000_000;
  const server = await serverFor(t, { rateLimit: false, now: () => clock });
  const creds = { user: 'carol', password: 'carol-password' };
  const first = await call(server, 'POST', '/api/v1/login', creds);
  assert.equal(first.status, 401);
  assert.deepEqual(first.body, {
    success: false,
    error: 'totp-required',
    status: 'error',
    details: { method: 'email', emailOrUsername: 'carol', codeGenerated: true, availableMethods: ['email'] },
    message: 'TOTP Required',
  });
  assert.equal(server.emailCount('carol'), 1);
  const code = server.lastEmailCode('carol')!;
  assert.match(code, /^\d{6}$/);

  const again = await call(server, 'POST', '/api/v1/login', creds);
  assert.equal(again.body.details.codeGenerated, false);
  assert.equal(again.body.details.codeExpires, new Date(clock + 3600_000).toISOString());
  assert.equal(server.emailCount('carol'), 1);

  const dashed = `${code.slice(0, 3)}-${code.slice(3)}`;
  const ok = await call(server, 'POST', '/api/v1/login', { ...creds, code: dashed });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.data.me.services.email2fa, { enabled: true });

  // Next login: fresh code; five wrong tries, the fifth reports max attempts.
  await call(server, 'POST', '/api/v1/login', creds);
  assert.equal(server.emailCount('carol'), 2);
  const wrong = server.lastEmailCode('carol') === '999999' ? '888888' : '999999';
  for (let i = 1; i <= 5; i++) {
    const res = await call(server, 'POST', '/api/v1/login', { ...creds, code: wrong });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, i < 5 ? 'totp-invalid' : 'totp-max-attempts');
    assert.equal(res.body.message, i < 5 ? 'TOTP Invalid' : 'TOTP Maximun Failed Attempts Reached');
  }
  const afterMax = await call(server, 'POST', '/api/v1/login', creds);
  assert.equal(afterMax.body.details.codeGenerated, true);
  assert.equal(server.emailCount('carol'), 3);

  clock += 3600_000 + 1;
  const expired = server.lastEmailCode('carol')!;
  const res = await call(server, 'POST', '/api/v1/login', { ...creds, code: expired });
  assert.equal(res.body.error, 'totp-invalid');
  assert.equal(res.body.details.codeGenerated, true);
  assert.equal(server.emailCount('carol'), 4);
});

test('users.2fa.sendEmailCode', async (t) => {
  const server = await serverFor(t, { rateLimit: false });
  const missing = await call(server, 'POST', '/api/v1/users.2fa.sendEmailCode', {});
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body, {
    success: false,
    error: 'emailOrUsername is required [error-parameter-required]',
    errorType: 'error-parameter-required',
  });
  const unknown = await call(server, 'POST', '/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'ghost' });
  assert.deepEqual([unknown.status, unknown.body], [200, { success: true }]);
  await call(server, 'POST', '/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'carol@example.com' });
  const firstCode = server.lastEmailCode('carol');
  await call(server, 'POST', '/api/v1/users.2fa.sendEmailCode', { emailOrUsername: 'carol' });
  assert.equal(server.emailCount('carol'), 2);
  assert.equal(server.emailCount('alice'), 0);
  const ok = await call(server, 'POST', '/api/v1/login', { user: 'carol', password: 'carol-password', code: firstCode });
  assert.equal(ok.status, 200, 'any unexpired mailed code is accepted');
});

test('unverified address disables e-mail 2FA', async (t) => {
  const server = await serverFor(t, {
    users: [{ username: 'u', password: 'pw', email: 'u@example.com', emailVerified: false, twoFactor: 'email' }],
  });
  const res = await call(server, 'POST', '/api/v1/login', { user: 'u', password: 'pw' });
  assert.equal(res.status, 200);
  assert.equal(res.body.data.me.email, undefined);
});
