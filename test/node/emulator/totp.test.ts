import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from 'otpauth';
import { verifyTotp } from '../../../src/emulator/index.js';

// RFC 6238 Appendix B: SHA-1, 8 digits, 30 s steps, secret "12345678901234567890".
const secret = Secret.fromLatin1('12345678901234567890').base32;
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('TOTP verification agrees with the RFC 6238 Appendix B SHA-1 vectors', () => {
  for (const [seconds, token] of vectors) {
    const counter = verifyTotp({ secret, token, timestamp: seconds * 1000, digits: 8, window: 0 });
    assert.equal(counter, Math.floor(seconds / 30), `T=${seconds}`);
  }
});

test('TOTP accepts the previous and next step, and nothing further', () => {
  const [seconds, token] = vectors[3]!;
  assert.notEqual(verifyTotp({ secret, token, timestamp: (seconds - 30) * 1000, digits: 8 }), null);
  assert.notEqual(verifyTotp({ secret, token, timestamp: (seconds + 30) * 1000, digits: 8 }), null);
  assert.equal(verifyTotp({ secret, token, timestamp: (seconds + 90) * 1000, digits: 8 }), null);
  assert.equal(verifyTotp({ secret, token: '0000000', timestamp: seconds * 1000, digits: 8 }), null);
  assert.equal(verifyTotp({ secret, token: 'abcdefgh', timestamp: seconds * 1000, digits: 8 }), null);
});
