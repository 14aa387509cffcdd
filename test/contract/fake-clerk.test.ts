// The facts about Clerk, checked against the in-memory fake that component tests and users' tests use.
import { FakeClerk } from '../../src/testing/index.js';
import type { ClerkLike } from '../../src/clerk-types.js';
import { clerkFacts, PASSWORD, type ClerkModel } from './clerk-facts.js';
import { manageFacts } from './manage-facts.js';
import { setupAdapterFacts } from './setup-adapter-facts.js';

const TOTP = '123456';
let users = 0;

const model: ClerkModel = {
  async start(user) {
    const identifier = `fact-${++users}@example.com`;
    const clerk = new FakeClerk({
      users: [
        {
          email: identifier,
          password: PASSWORD,
          ...(user.totp ? { totp: TOTP } : {}),
          ...(user.phone ? { phone: user.phone } : {}),
          phoneNumbers: [
            ...(user.morePhones ?? []).map((phoneNumber) => ({ phoneNumber, reserved: true })),
            ...(user.sparePhones ?? []).map((phoneNumber) => ({ phoneNumber, reserved: false })),
          ],
          ...(user.backupCodes ? { backupCodes: user.backupCodes } : {}),
          ...(user.needsNewPassword ? { needsNewPassword: true } : {}),
          ...(user.clientTrust ? { needsClientTrust: true } : {}),
          ...(user.locked ? { lockedForSeconds: 3600 } : {}),
          ...(user.setupMfa ? { task: 'setup-mfa' } : {}),
        },
      ],
    });
    return { clerk, identifier };
  },
  totpCode: () => TOTP,
  wrongTotpCode: () => '000000',
  async lastCodeSentTo(clerk: ClerkLike, to: string) {
    const sent = (clerk as FakeClerk).sentCodes.filter((code) => code.to === to).at(-1);
    if (!sent) throw new Error(`no code sent to ${to}`);
    return sent.code;
  },
  signOut: (clerk: ClerkLike) => (clerk as FakeClerk).signOut(),
  // The fake's authenticator app shows one code (`enrolTotp`, default 123456) whatever its key.
  enrolmentCode: () => '123456',
  ageSession: async (clerk: ClerkLike) => void (clerk as FakeClerk).requireReverification(),
};

describe('Clerk facts: the fake Clerk (clerk-mfa-sign-in/testing)', () => {
  clerkFacts(model);
  manageFacts(model);
  setupAdapterFacts(model);
});
