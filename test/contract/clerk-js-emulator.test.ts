// The facts about Clerk, checked with the real clerk-js against the emulator mounted at /__clerk.
import type { ClerkLike } from '../../src/clerk-types.js';
import { addUser, ageSession, lastMessage, loadClerk, signOutAll, totpCode, TOTP_SECRET } from '../integration/clerk-js/support.js';
import { clerkFacts, PASSWORD, type ClerkModel } from './clerk-facts.js';
import { manageFacts } from './manage-facts.js';
import { setupAdapterFacts } from './setup-adapter-facts.js';

/** A code the authenticator shows neither now nor one step either side (the emulator accepts those too). */
function wrongTotpCode(): string {
  const valid = new Set([-30_000, 0, 30_000].map((delta) => totpCode(TOTP_SECRET, Date.now() + delta)));
  for (let n = 0; ; n++) {
    const code = String((n * 111_111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

const model: ClerkModel = {
  async start(user) {
    const identifier = await addUser({
      password: PASSWORD,
      totp_secret: user.totp ? TOTP_SECRET : undefined,
      backup_codes: user.backupCodes ?? [],
      ...(user.setupMfa ? { tasks: ['setup-mfa'] } : {}),
      phone_number: user.phone,
      phone_numbers: [
        ...(user.morePhones ?? []).map((phone_number) => ({ phone_number, reserved_for_second_factor: true })),
        ...(user.sparePhones ?? []).map((phone_number) => ({ phone_number, reserved_for_second_factor: false })),
      ],
      password_reset_required: user.needsNewPassword,
      client_trust: user.clientTrust,
      // Facts try many codes in a row; a locked user is locked by the first failure.
      limits: { signInCreateLimit: 100, signInAttemptLimit: 100, identifierLimit: 100, ...(user.locked ? { lockoutAttempts: 1 } : {}) },
    });
    const clerk = await loadClerk('production');
    if (user.locked) await clerk.client!.signIn.create({ identifier, password: 'a wrong password' }).catch(() => {});
    return { clerk: clerk as unknown as ClerkLike, identifier };
  },
  totpCode: () => totpCode(),
  wrongTotpCode,
  lastCodeSentTo: async (_clerk, to) => (await lastMessage(to)).code,
  enrolmentCode: (secret) => totpCode(secret),
  // Past Clerk's `strict` level (ten minutes), the emulator's default.
  ageSession: (clerk) => ageSession(clerk.session!.id, 11),
  async signOut(clerk) {
    await (clerk as unknown as { signOut(callback: () => void): Promise<void> }).signOut(() => {});
  },
};

describe('Clerk facts: the real clerk-js against the emulator', () => {
  afterEach(signOutAll);
  clerkFacts(model);
  manageFacts(model);
  setupAdapterFacts(model);
});
