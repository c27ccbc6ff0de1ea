import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp';

test('RFC 6238 SHA1 vector: T=59 gives 94287082', () => {
  const key = Buffer.from('12345678901234567890');
  assert.equal(hotp(key, Math.floor(59 / 30), 8), '94287082');
  assert.equal(totp(base32Encode(key), 59_000), '287082');
});

test('RFC 4226 appendix D HOTP values', () => {
  const key = Buffer.from('12345678901234567890');
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(key, counter), code));
});

test('base32 round trip and lenient decoding', () => {
  assert.equal(base32Encode(Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1')), 'JBSWY3DPEHPK3PXP');
  assert.deepEqual(base32Decode('jbsw y3dp ehpk 3pxp'), Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1'));
  assert.throws(() => base32Decode('not base32!'));
});

test('verification window is one step either side', () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const at = 1_700_000_000_000;
  assert.ok(verifyTotp(secret, totp(secret, at - 30_000), at));
  assert.ok(verifyTotp(secret, totp(secret, at + 30_000), at));
  assert.ok(!verifyTotp(secret, totp(secret, at - 90_000), at));
  assert.ok(!verifyTotp(secret, '12345', at));
});
