/**
 * Facts about Clerk, written once and checked against every model of Clerk in this project: the
 * in-memory fake (`src/testing/fake-clerk.ts`) and the real clerk-js against the emulator. When
 * one model changes and the other does not, a fact fails, so the two cannot drift apart.
 *
 * Each runner gives a `ClerkModel` and calls `clerkFacts(model)` inside its `describe`.
 */
import { expect } from '@open-wc/testing';
import { ClerkAdapter } from '../../src/clerk-adapter.js';
import type { ClerkFactorLike, ClerkLike, ClerkSignInLike } from '../../src/clerk-types.js';
import type { MfaOutcome } from '../../src/mfa/enrol-types.js';
import { MfaAdapter } from '../../src/mfa/mfa-adapter.js';

export const PASSWORD = 'correct horse battery staple';

/** What a fact needs its user to have; every user is new, with its own email and this password. */
export interface FactUser {
  totp?: boolean;
  /** E.164; facts that read codes sent give each user a number of its own. */
  phone?: string;
  /** More verified numbers reserved for two-step sign-in, after `phone` (which stays the default). */
  morePhones?: string[];
  /** Verified numbers not reserved for two-step sign-in, after those. */
  sparePhones?: string[];
  backupCodes?: string[];
  /** Clerk asks for a new password after the right one. */
  needsNewPassword?: boolean;
  /** Clerk's Client Trust: a new device verifies an email code. */
  clientTrust?: boolean;
  /** The account is locked after too many failures. */
  locked?: boolean;
  /** No second factor, on an app that requires one: the session is pending with `setup-mfa`. */
  setupMfa?: boolean;
}

export interface ClerkModel {
  /** Creates the user, and a loaded Clerk without a session. */
  start(user: FactUser): Promise<{ clerk: ClerkLike; identifier: string }>;
  /** The code the user's authenticator app shows now, and one it does not. */
  totpCode(): string;
  wrongTotpCode(): string;
  /** The last code Clerk sent to `to` (a phone number or an email address). */
  lastCodeSentTo(clerk: ClerkLike, to: string): Promise<string>;
  /** Ends the sessions of `clerk`, so the same user can sign in again. */
  signOut(clerk: ClerkLike): Promise<void>;
  /** The code an authenticator app enrolled with `secret` shows now. */
  enrolmentCode(secret: string): string;
  /** As if the signed-in session had last verified long ago (past Clerk's `strict` ten minutes). */
  ageSession(clerk: ClerkLike): Promise<void>;
}

export const randomPhone = () => `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;

interface Refusal {
  status: number | undefined;
  code: string | undefined;
  paramName: string | undefined;
}

/** What Clerk answers when it refuses: the HTTP status, the error code and the field it names. */
export async function refusal(action: () => Promise<unknown>): Promise<Refusal> {
  try {
    await action();
  } catch (error) {
    const e = error as { status?: number; errors?: Array<{ code?: string; meta?: { paramName?: string } }> };
    return { status: e.status, code: e.errors?.[0]?.code, paramName: e.errors?.[0]?.meta?.paramName };
  }
  throw new Error('expected Clerk to refuse');
}

export const fieldError = (code: string, paramName: string): Refusal => ({ status: 422, code, paramName });

export function signIn(clerk: ClerkLike, identifier: string, password = PASSWORD): Promise<ClerkSignInLike> {
  return clerk.client!.signIn.create({ identifier, password });
}

export function factor(signIn: ClerkSignInLike, strategy: string): ClerkFactorLike {
  const found = signIn.supportedSecondFactors?.find((f) => f.strategy === strategy);
  if (!found) throw new Error(`no ${strategy} factor offered`);
  return found;
}

const BACKUP_CODE = 'h2j6-b8n4';
const SPARE_CODE = 'w5q7-z9x3';

export function clerkFacts(model: ClerkModel): void {
  enrolmentFacts(model);
  describe('backup codes', () => {
    const spellings: [string, string][] = [
      ['as written', 'h2j6-b8n4'],
      ['without the dash', 'h2j6b8n4'],
      ['with an en dash, in capitals', 'H2J6\u2013B8N4'],
      ['with spaces around and inside', ' h2j6 b8n4 '],
    ];
    for (const [how, typed] of spellings) {
      it(`accepts a backup code ${how}`, async () => {
        const { clerk, identifier } = await model.start({ backupCodes: [BACKUP_CODE, SPARE_CODE] });
        const done = await (await signIn(clerk, identifier)).attemptSecondFactor({ strategy: 'backup_code', code: typed });
        expect(done.status).to.equal('complete');
        expect(done.createdSessionId).to.be.a('string').and.not.equal('');
      });
    }

    it('accepts any dash: em dash, minus sign, non-breaking hyphen, small and full-width hyphens, full-width letters', async () => {
      const typed = ['k3n8\u2014x2q9', 'p7d4\u2212m6w2', 'r9t5\u2011c3v8', 'a1b2\ufe63c3d4', '\uff45\uff15\uff46\uff16\uff0dg7h8'];
      const stored = ['k3n8-x2q9', 'p7d4-m6w2', 'r9t5-c3v8', 'a1b2-c3d4', 'e5f6-g7h8'];
      const { clerk, identifier } = await model.start({ backupCodes: [...stored, SPARE_CODE] });
      for (const code of typed) {
        const done = await (await signIn(clerk, identifier)).attemptSecondFactor({ strategy: 'backup_code', code });
        expect(done.status, JSON.stringify(code)).to.equal('complete');
        await model.signOut(clerk);
      }
    });

    it('accepts each code once: used again, however written, it is form_code_incorrect on the code', async () => {
      const { clerk, identifier } = await model.start({ backupCodes: [BACKUP_CODE, SPARE_CODE] });
      expect((await (await signIn(clerk, identifier)).attemptSecondFactor({ strategy: 'backup_code', code: BACKUP_CODE })).status).to.equal('complete');
      await model.signOut(clerk);
      const again = await signIn(clerk, identifier);
      for (const code of [BACKUP_CODE, 'H2J6B8N4', ' h2j6\u2013b8n4 ']) {
        expect(await refusal(() => again.attemptSecondFactor({ strategy: 'backup_code', code })), code).to.deep.equal(fieldError('form_code_incorrect', 'code'));
      }
    });
  });

  describe('second factors offered', () => {
    it('authenticator app, then SMS, then backup codes; the first is the default', async () => {
      const { clerk, identifier } = await model.start({ totp: true, phone: randomPhone(), backupCodes: [BACKUP_CODE] });
      const started = await signIn(clerk, identifier);
      expect(started.status).to.equal('needs_second_factor');
      expect(started.supportedSecondFactors!.map((f) => [f.strategy, f.default === true])).to.deep.equal([
        ['totp', true],
        ['phone_code', false],
        ['backup_code', false],
      ]);
      expect(factor(started, 'phone_code').phoneNumberId).to.be.a('string').and.not.equal('');
    });

    it('masks the phone number: the country prefix, stars, the last four digits', async () => {
      const phone = randomPhone();
      const { clerk, identifier } = await model.start({ phone });
      const started = await signIn(clerk, identifier);
      expect(factor(started, 'phone_code').safeIdentifier).to.equal(`+1${'*'.repeat(7)}${phone.slice(-4)}`);
      expect(factor(started, 'phone_code').default).to.equal(true);
    });

    it("masks a new device's email: the first letter, a star for each other letter, the domain", async () => {
      const { clerk, identifier } = await model.start({ clientTrust: true });
      const started = await signIn(clerk, identifier);
      expect(started.status).to.equal('needs_client_trust');
      const [local, domain] = identifier.split('@') as [string, string];
      const email = factor(started, 'email_code');
      expect(email.safeIdentifier).to.equal(`${local[0]}${'*'.repeat(local.length - 1)}@${domain}`);
      expect(email.emailAddressId).to.be.a('string').and.not.equal('');
    });
  });

  describe('what each refusal says', () => {
    it('a wrong password: form_password_incorrect on the password', async () => {
      const { clerk, identifier } = await model.start({ totp: true });
      expect(await refusal(() => signIn(clerk, identifier, 'not the password'))).to.deep.equal(fieldError('form_password_incorrect', 'password'));
    });

    it('an unknown email: form_identifier_not_found on the identifier', async () => {
      const { clerk } = await model.start({ totp: true });
      expect(await refusal(() => signIn(clerk, `nobody-${Date.now()}@example.com`))).to.deep.equal(fieldError('form_identifier_not_found', 'identifier'));
    });

    it('a wrong authenticator code: form_code_incorrect on the code; the right one then signs in', async () => {
      const { clerk, identifier } = await model.start({ totp: true });
      const started = await signIn(clerk, identifier);
      expect(await refusal(() => started.attemptSecondFactor({ strategy: 'totp', code: model.wrongTotpCode() }))).to.deep.equal(fieldError('form_code_incorrect', 'code'));
      expect((await started.attemptSecondFactor({ strategy: 'totp', code: model.totpCode() })).status).to.equal('complete');
    });

    it('three wrong SMS codes fail the verification: then even the right code is verification_failed', async () => {
      const phone = randomPhone();
      const { clerk, identifier } = await model.start({ phone });
      const started = await signIn(clerk, identifier);
      const prepared = await started.prepareSecondFactor({ strategy: 'phone_code', phoneNumberId: factor(started, 'phone_code').phoneNumberId! });
      const sent = await model.lastCodeSentTo(clerk, phone);
      const wrong = sent === '000000' ? '111111' : '000000';
      for (let i = 0; i < 3; i++) {
        expect(await refusal(() => prepared.attemptSecondFactor({ strategy: 'phone_code', code: wrong }))).to.deep.equal(fieldError('form_code_incorrect', 'code'));
      }
      expect(await refusal(() => prepared.attemptSecondFactor({ strategy: 'phone_code', code: sent }))).to.deep.equal(fieldError('verification_failed', 'code'));
    });

    it('a locked account: user_locked (403), even with the right password', async () => {
      const { clerk, identifier } = await model.start({ totp: true, locked: true });
      expect(await refusal(() => signIn(clerk, identifier))).to.deep.equal({ status: 403, code: 'user_locked', paramName: undefined });
    });
  });

  describe('a new password (needs_new_password)', () => {
    it('is asked for after the right password, and only then', async () => {
      const { clerk, identifier } = await model.start({ totp: true, needsNewPassword: true });
      expect(await refusal(() => signIn(clerk, identifier, 'not the password'))).to.deep.equal(fieldError('form_password_incorrect', 'password'));
      const started = await signIn(clerk, identifier);
      expect(started.status).to.equal('needs_new_password');
      expect(started.createdSessionId).to.equal(null);
    });

    it('must follow the password rules: too short, found in a breach, the current one, each refused on the password', async () => {
      const { clerk, identifier } = await model.start({ totp: true, needsNewPassword: true });
      const started = await signIn(clerk, identifier);
      for (const [password, code] of [
        ['short', 'form_password_length_too_short'],
        ['password123', 'form_password_pwned'],
        ['12345678', 'form_password_pwned'],
        [PASSWORD, 'form_new_password_matches_current'],
      ] as const) {
        expect(await refusal(() => started.resetPassword({ password, signOutOfOtherSessions: true })), password).to.deep.equal(fieldError(code, 'password'));
      }
    });

    it('then continues to the second factor; afterwards the old password is refused and the new one works', async () => {
      const { clerk, identifier } = await model.start({ totp: true, needsNewPassword: true });
      const renewed = await (await signIn(clerk, identifier)).resetPassword({ password: 'a brand new passphrase', signOutOfOtherSessions: true });
      expect(renewed.status).to.equal('needs_second_factor');
      expect(renewed.supportedSecondFactors!.map((f) => f.strategy)).to.deep.equal(['totp']);
      expect((await renewed.attemptSecondFactor({ strategy: 'totp', code: model.totpCode() })).status).to.equal('complete');
      await model.signOut(clerk);
      expect(await refusal(() => signIn(clerk, identifier))).to.deep.equal(fieldError('form_password_incorrect', 'password'));
      expect((await signIn(clerk, identifier, 'a brand new passphrase')).status).to.equal('needs_second_factor');
    });

    it('without a second factor, the new password completes the sign-in', async () => {
      const { clerk, identifier } = await model.start({ needsNewPassword: true });
      const done = await (await signIn(clerk, identifier)).resetPassword({ password: 'a brand new passphrase' });
      expect(done.status).to.equal('complete');
      expect(done.createdSessionId).to.be.a('string').and.not.equal('');
    });
  });

  describe('"Forgot password?" (reset_password_email_code)', () => {
    const RESET = 'reset_password_email_code';
    const started = async (user: FactUser) => {
      const { clerk, identifier } = await model.start(user);
      return { clerk, identifier, signIn: await clerk.client!.signIn.create({ identifier }) };
    };
    const resetFactor = (signIn: ClerkSignInLike) => signIn.supportedFirstFactors?.find((f) => f.strategy === RESET);

    it('a sign-in with only the email waits for a first factor and offers the reset, naming the email as typed', async () => {
      const { identifier, signIn: waiting } = await started({ totp: true });
      expect(waiting.status).to.equal('needs_first_factor');
      expect(resetFactor(waiting)!.safeIdentifier).to.equal(identifier);
      expect(resetFactor(waiting)!.emailAddressId).to.be.a('string').and.not.equal('');
    });

    it('the emailed code: a wrong one is form_code_incorrect on the code, three fail the verification', async () => {
      const { clerk, identifier, signIn: waiting } = await started({ totp: true });
      const prepared = await waiting.prepareFirstFactor({ strategy: RESET, emailAddressId: resetFactor(waiting)!.emailAddressId! });
      const sent = await model.lastCodeSentTo(clerk, identifier);
      const wrong = sent === '000000' ? '111111' : '000000';
      for (let i = 0; i < 3; i++) {
        expect(await refusal(() => prepared.attemptFirstFactor({ strategy: RESET, code: wrong }))).to.deep.equal(fieldError('form_code_incorrect', 'code'));
      }
      expect(await refusal(() => prepared.attemptFirstFactor({ strategy: RESET, code: sent }))).to.deep.equal(fieldError('verification_failed', 'code'));
    });

    it('the right code asks for a new password, then the second factor; afterwards only the new password works', async () => {
      const { clerk, identifier, signIn: waiting } = await started({ totp: true });
      const prepared = await waiting.prepareFirstFactor({ strategy: RESET, emailAddressId: resetFactor(waiting)!.emailAddressId! });
      const verified = await prepared.attemptFirstFactor({ strategy: RESET, code: await model.lastCodeSentTo(clerk, identifier) });
      expect(verified.status).to.equal('needs_new_password');
      const renewed = await verified.resetPassword({ password: 'a brand new passphrase', signOutOfOtherSessions: true });
      expect(renewed.status).to.equal('needs_second_factor');
      expect((await renewed.attemptSecondFactor({ strategy: 'totp', code: model.totpCode() })).status).to.equal('complete');
      await model.signOut(clerk);
      expect(await refusal(() => signIn(clerk, identifier))).to.deep.equal(fieldError('form_password_incorrect', 'password'));
      expect((await signIn(clerk, identifier, 'a brand new passphrase')).status).to.equal('needs_second_factor');
    });
  });
}

/** A `setup-mfa` user signed in to its pending session, and the enrolment's adapter on that Clerk. */
async function pendingEnrolment(model: ClerkModel) {
  const { clerk, identifier } = await model.start({ setupMfa: true });
  const done = await signIn(clerk, identifier);
  expect(done.status).to.equal('complete');
  await clerk.setActive({ session: done.createdSessionId!, navigate: () => {} });
  expect([clerk.session?.status, clerk.session?.currentTask?.key]).to.deep.equal(['pending', 'setup-mfa']);
  return { clerk, mfa: new MfaAdapter(new ClerkAdapter({ clerk })) };
}

const value = <T>(outcome: MfaOutcome<T>): T => {
  if (!outcome.ok) throw new Error(`Clerk refused: ${outcome.failure.code}`);
  return outcome.value;
};
const failure = (outcome: MfaOutcome<unknown>) => (outcome.ok ? null : { code: outcome.failure.code, paramName: outcome.failure.paramName });

function enrolmentFacts(model: ClerkModel): void {
  describe('enrolling a second factor (the setup-mfa task)', () => {
    it('the instance lets users enrol the authenticator app and SMS codes, in that order', async () => {
      const { mfa } = await pendingEnrolment(model);
      expect(value(await mfa.methods())).to.deep.equal(['totp', 'phone_code']);
    });

    it('authenticator app: a base32 key in an otpauth:// URI; a wrong code is form_code_incorrect on the code; the right one answers ten backup codes and the session is active', async () => {
      const { clerk, mfa } = await pendingEnrolment(model);
      const { secret, uri } = value(await mfa.createTotp());
      expect(secret).to.match(/^[A-Z2-7]{16,}$/);
      expect(uri).to.match(/^otpauth:\/\/totp\//).and.include(`secret=${secret}`);
      const right = model.enrolmentCode(secret);
      expect(failure(await mfa.verifyTotp(right === '000000' ? '111111' : '000000'))).to.deep.equal({ code: 'form_code_incorrect', paramName: 'code' });
      const { backupCodes } = value(await mfa.verifyTotp(right));
      expect(backupCodes).to.have.length(10);
      expect(clerk.session?.status).to.equal('active');
    });

    it('SMS: a number not in E.164 is form_param_format_invalid on phone_number; a code goes to the number, the wrong one is refused, the right one verifies it, reserving it answers ten backup codes and the session is active', async () => {
      const { clerk, mfa } = await pendingEnrolment(model);
      expect(failure(await mfa.createPhone('555 0100'))).to.deep.equal({ code: 'form_param_format_invalid', paramName: 'phone_number' });
      const number = randomPhone();
      const { phoneId } = value(await mfa.createPhone(number));
      value(await mfa.preparePhone(phoneId));
      const code = await model.lastCodeSentTo(clerk, number);
      expect(failure(await mfa.attemptPhone(phoneId, code === '000000' ? '111111' : '000000'))).to.deep.equal({ code: 'form_code_incorrect', paramName: 'code' });
      value(await mfa.attemptPhone(phoneId, code));
      expect(clerk.session?.status, 'a verified number alone is not yet a second factor').to.equal('pending');
      const { backupCodes } = value(await mfa.reservePhone(phoneId));
      expect(backupCodes).to.have.length(10);
      expect(clerk.session?.status).to.equal('active');
    });

    it('reverification with the password: a wrong one is form_password_incorrect on the password, the right one is accepted', async () => {
      const { mfa } = await pendingEnrolment(model);
      expect(failure(await mfa.reverify('not the password'))).to.deep.equal({ code: 'form_password_incorrect', paramName: 'password' });
      expect((await mfa.reverify(PASSWORD)).ok).to.equal(true);
    });
  });
}
