import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskedEmail } from '../../main/common/masked-email';
import { emailCodeRecipient } from '../../main/desktop/login-window-service';

test('an e-mail address is masked to its first letter and its domain', () => {
  assert.equal(maskedEmail('carol@example.com'), 'c•••@example.com');
  assert.equal(maskedEmail('  c@mail.example.org '), 'c•••@mail.example.org');
  assert.equal(maskedEmail('carol'), undefined, 'a username is no address');
  assert.equal(maskedEmail('carol@localhost'), undefined, 'no dot, no mail domain');
  assert.equal(maskedEmail('a b@example.com'), undefined);
  assert.equal(maskedEmail('@example.com'), undefined);
});

test('the login window learns where an e-mailed code went only for an e-mail code and an e-mail address', () => {
  const server = 'https://chat.example.com';
  const email = { method: 'email' as const, codeSent: true };
  assert.equal(emailCodeRecipient({ kind: 'needs-2fa', server, username: 'carol@example.com', twoFactor: email }), 'c•••@example.com');
  // Rocket.Chat names the account by username (details.emailOrUsername) and mails every verified address.
  assert.equal(emailCodeRecipient({ kind: 'needs-2fa', server, username: 'carol', twoFactor: email }), undefined);
  assert.equal(emailCodeRecipient({ kind: 'needs-2fa', server, username: 'bob@example.com', twoFactor: { method: 'totp', codeSent: false } }), undefined);
  assert.equal(emailCodeRecipient({ kind: 'signed-out', server }), undefined);
  assert.equal(emailCodeRecipient(null), undefined);
});
