/**
 * Facts about a signed-in user managing their own second factors, as Clerk's `<UserProfile />`
 * and `<clerk-mfa-setup>` do it: what `clerk.user` says they have, removing the authenticator app,
 * new backup codes, the default SMS number, a number no longer reserved, and the session's
 * reverification before such a change. Checked against every model, like `clerk-facts.ts`.
 */
import { expect } from '@open-wc/testing';
import type { ClerkLike, ClerkSignInLike } from '../../src/clerk-types.js';
import { factor, fieldError, randomPhone, refusal, signIn, type ClerkModel, type FactUser } from './clerk-facts.js';

/** The part of clerk-js's `PhoneNumberResource` these facts use. */
interface PhoneLike {
  id: string;
  phoneNumber: string;
  reservedForSecondFactor: boolean;
  defaultSecondFactor: boolean;
  verification: { status: string | null };
  setReservedForSecondFactor(params: { reserved: boolean }): Promise<unknown>;
  makeDefaultSecondFactor(): Promise<unknown>;
  destroy(): Promise<unknown>;
}

/** The part of clerk-js's `UserResource` these facts use. */
interface UserLike {
  totpEnabled: boolean;
  backupCodeEnabled: boolean;
  twoFactorEnabled: boolean;
  phoneNumbers: PhoneLike[];
  disableTOTP(): Promise<unknown>;
  createBackupCode(): Promise<{ codes: string[] }>;
  createPhoneNumber(params: { phoneNumber: string }): Promise<PhoneLike>;
}

/** clerk-js's `addListener`, as far as these facts use it. */
type Listening = { addListener(listener: (resources: { user?: unknown }) => void): () => void };

interface VerificationLike {
  status: string;
  level: string;
  supportedSecondFactors: { strategy: string; phoneNumberId?: string }[] | null;
}

/** The part of clerk-js's `SessionResource` these facts use. */
interface SessionLike {
  startVerification(params: { level: 'first_factor' | 'second_factor' | 'multi_factor' }): Promise<VerificationLike>;
  prepareFirstFactorVerification(params: { strategy: 'email_code'; emailAddressId: string }): Promise<VerificationLike>;
  attemptFirstFactorVerification(params: { strategy: 'email_code'; code: string }): Promise<VerificationLike>;
  prepareSecondFactorVerification(params: { strategy: 'phone_code'; phoneNumberId: string }): Promise<VerificationLike>;
  attemptSecondFactorVerification(params: { strategy: 'totp' | 'phone_code' | 'backup_code'; code: string }): Promise<VerificationLike>;
}

const user = (clerk: ClerkLike) => clerk.user as unknown as UserLike;
const session = (clerk: ClerkLike) => clerk.session as unknown as SessionLike;
const phoneOf = (clerk: ClerkLike, number: string) => user(clerk).phoneNumbers.find((p) => p.phoneNumber === number)!;
const strategies = (signIn: ClerkSignInLike) => signIn.supportedSecondFactors!.map((f) => f.strategy);
/** The numbers a sign-in offers SMS codes to, by their last four digits, in its order, with the default flag. */
const phonesOffered = (signIn: ClerkSignInLike) =>
  signIn.supportedSecondFactors!.filter((f) => f.strategy === 'phone_code').map((f) => [f.safeIdentifier!.slice(-4), f.default === true]);

const BACKUP_CODES = ['m4k8-p2r6', 'q7w3-e9t5', 'z1x5-c8v2'];

/** A user signed in (with the authenticator app, else an SMS code, else a backup code, or `via`; with the password alone if it has none) to an active session. */
export async function signedIn(model: ClerkModel, fact: FactUser, via?: 'backup_code') {
  const { clerk, identifier } = await model.start(fact);
  const started = await signIn(clerk, identifier);
  let done: ClerkSignInLike;
  if (started.status === 'complete') done = started;
  else if (fact.totp && !via) done = await started.attemptSecondFactor({ strategy: 'totp', code: model.totpCode() });
  else if (fact.phone && !via) {
    const prepared = await started.prepareSecondFactor({ strategy: 'phone_code', phoneNumberId: factor(started, 'phone_code').phoneNumberId! });
    done = await prepared.attemptSecondFactor({ strategy: 'phone_code', code: await model.lastCodeSentTo(clerk, fact.phone) });
  } else done = await started.attemptSecondFactor({ strategy: 'backup_code', code: fact.backupCodes![0]! });
  expect(done.status).to.equal('complete');
  await clerk.setActive({ session: done.createdSessionId!, navigate: () => {} });
  expect(clerk.session?.status).to.equal('active');
  /** Signs out and starts the next sign-in with the password. */
  const signInAgain = async () => {
    await model.signOut(clerk);
    return signIn(clerk, identifier);
  };
  return { clerk, identifier, signInAgain };
}

export function manageFacts(model: ClerkModel): void {
  describe('a signed-in user managing their second factors', () => {
    it('clerk.user says what they have: an authenticator app, backup codes, each number reserved (the default one marked) and verified', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk } = await signedIn(model, { totp: true, phone, morePhones: [other], backupCodes: BACKUP_CODES });
      expect([user(clerk).totpEnabled, user(clerk).backupCodeEnabled, user(clerk).twoFactorEnabled]).to.deep.equal([true, true, true]);
      const numbers = user(clerk).phoneNumbers.map((p) => [p.phoneNumber, p.reservedForSecondFactor, p.defaultSecondFactor, p.verification.status]);
      expect(numbers).to.deep.equal([
        [phone, true, true, 'verified'],
        [other, true, false, 'verified'],
      ]);
    });

    it('removing the authenticator app: totpEnabled is false, the next sign-in does not offer it, and removing it again is resource_not_found', async () => {
      const phone = randomPhone();
      const { clerk, signInAgain } = await signedIn(model, { totp: true, phone, backupCodes: BACKUP_CODES });
      await user(clerk).disableTOTP();
      expect([user(clerk).totpEnabled, user(clerk).twoFactorEnabled]).to.deep.equal([false, true]);
      expect(await refusal(() => user(clerk).disableTOTP())).to.deep.equal({ status: 404, code: 'resource_not_found', paramName: undefined });
      const again = await signInAgain();
      expect(strategies(again)).to.deep.equal(['phone_code', 'backup_code']);
      expect(factor(again, 'phone_code').default).to.equal(true);
      expect((await refusal(() => again.attemptSecondFactor({ strategy: 'totp', code: model.totpCode() }))).code).to.equal('strategy_for_user_invalid');
    });

    it('new backup codes: ten of 8 lower-case letters and digits, none of the old set; at sign-in the old codes are refused and a new one is accepted once', async () => {
      const { clerk, signInAgain } = await signedIn(model, { totp: true, backupCodes: BACKUP_CODES });
      const { codes } = await user(clerk).createBackupCode();
      expect(codes).to.have.length(10);
      for (const code of codes) expect(code).to.match(/^[a-z0-9]{8}$/);
      expect(new Set(codes).size).to.equal(10);
      expect(codes.filter((code) => BACKUP_CODES.includes(code))).to.deep.equal([]);
      expect(user(clerk).backupCodeEnabled).to.equal(true);
      const again = await signInAgain();
      expect(await refusal(() => again.attemptSecondFactor({ strategy: 'backup_code', code: BACKUP_CODES[1]! }))).to.deep.equal(fieldError('form_code_incorrect', 'code'));
      expect((await again.attemptSecondFactor({ strategy: 'backup_code', code: codes[0]! })).status).to.equal('complete');
      const once = await signInAgain();
      expect(await refusal(() => once.attemptSecondFactor({ strategy: 'backup_code', code: codes[0]! }))).to.deep.equal(fieldError('form_code_incorrect', 'code'));
    });

    it('making another number the default: it alone is marked, and the next sign-in offers it first among the numbers, as the default', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk, signInAgain } = await signedIn(model, { phone, morePhones: [other], backupCodes: BACKUP_CODES });
      await phoneOf(clerk, other).makeDefaultSecondFactor();
      expect(user(clerk).phoneNumbers.map((p) => [p.phoneNumber, p.defaultSecondFactor])).to.deep.equal([
        [phone, false],
        [other, true],
      ]);
      const again = await signInAgain();
      expect(strategies(again)).to.deep.equal(['phone_code', 'phone_code', 'backup_code']);
      expect(phonesOffered(again)).to.deep.equal([
        [other.slice(-4), true],
        [phone.slice(-4), false],
      ]);
    });

    it('a number not reserved cannot be the default: form_param_format_invalid on default_second_factor', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk } = await signedIn(model, { phone, morePhones: [other], backupCodes: BACKUP_CODES });
      await phoneOf(clerk, other).setReservedForSecondFactor({ reserved: false });
      expect(await refusal(() => phoneOf(clerk, other).makeDefaultSecondFactor())).to.deep.equal(fieldError('form_param_format_invalid', 'default_second_factor'));
    });

    it('a number no longer reserved stays the user’s but is not offered; the default passes to the other number', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk, signInAgain } = await signedIn(model, { phone, morePhones: [other], backupCodes: BACKUP_CODES });
      await phoneOf(clerk, phone).setReservedForSecondFactor({ reserved: false });
      expect(user(clerk).phoneNumbers.map((p) => [p.phoneNumber, p.reservedForSecondFactor, p.defaultSecondFactor])).to.deep.equal([
        [phone, false, false],
        [other, true, true],
      ]);
      expect(phonesOffered(await signInAgain())).to.deep.equal([[other.slice(-4), true]]);
    });

    it('a listener added with clerk.addListener hears each change, with the user as it is now', async () => {
      const { clerk } = await signedIn(model, { totp: true, phone: randomPhone(), backupCodes: BACKUP_CODES });
      const heard: boolean[] = [];
      const stop = (clerk as unknown as Listening).addListener(({ user }) => heard.push((user as UserLike | undefined)?.totpEnabled ?? false));
      expect(heard.at(-1), 'told at once').to.equal(true);
      await user(clerk).disableTOTP();
      expect(heard.at(-1), 'told of the change').to.equal(false);
      stop();
      const count = heard.length;
      await user(clerk).createBackupCode();
      expect(heard.length, 'not told once unsubscribed').to.equal(count);
    });

    it("reserving a verified number the user already has: it receives sign-in codes, after the default one", async () => {
      const [phone, spare] = [randomPhone(), randomPhone()];
      const { clerk, signInAgain } = await signedIn(model, { phone, sparePhones: [spare], backupCodes: BACKUP_CODES });
      expect([phoneOf(clerk, spare).reservedForSecondFactor, phoneOf(clerk, spare).verification.status]).to.deep.equal([false, 'verified']);
      await phoneOf(clerk, spare).setReservedForSecondFactor({ reserved: true });
      expect(user(clerk).phoneNumbers.map((p) => [p.phoneNumber, p.reservedForSecondFactor, p.defaultSecondFactor])).to.deep.equal([
        [phone, true, true],
        [spare, true, false],
      ]);
      expect(phonesOffered(await signInAgain())).to.deep.equal([
        [phone.slice(-4), true],
        [spare.slice(-4), false],
      ]);
    });

    it('a number the user already has cannot be added again: form_identifier_exists on phone_number', async () => {
      const phone = randomPhone();
      const { clerk } = await signedIn(model, { phone, backupCodes: BACKUP_CODES });
      expect(await refusal(() => user(clerk).createPhoneNumber({ phoneNumber: phone }))).to.deep.equal(fieldError('form_identifier_exists', 'phone_number'));
    });

    it('removing a number (destroy): it leaves the user, the default passes to the other number, and removing it again is resource_not_found', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk, signInAgain } = await signedIn(model, { phone, morePhones: [other], backupCodes: BACKUP_CODES });
      const removed = phoneOf(clerk, phone);
      await removed.destroy();
      expect(user(clerk).phoneNumbers.map((p) => [p.phoneNumber, p.defaultSecondFactor])).to.deep.equal([[other, true]]);
      expect(await refusal(() => removed.destroy())).to.deep.equal({ status: 404, code: 'resource_not_found', paramName: undefined });
      expect(phonesOffered(await signInAgain())).to.deep.equal([[other.slice(-4), true]]);
    });

    it('without an authenticator app or a reserved number, the backup codes go too and the next sign-in needs no second factor', async () => {
      const phone = randomPhone();
      const { clerk, signInAgain } = await signedIn(model, { phone, backupCodes: BACKUP_CODES });
      await phoneOf(clerk, phone).setReservedForSecondFactor({ reserved: false });
      expect([user(clerk).twoFactorEnabled, user(clerk).backupCodeEnabled]).to.deep.equal([false, false]);
      expect((await signInAgain()).status).to.equal('complete');
    });
  });

  describe('reverification before a change to second factors', () => {
    const stale = async (fact: FactUser, via?: 'backup_code') => {
      const signed = await signedIn(model, fact, via);
      await model.ageSession(signed.clerk);
      expect(await refusal(() => user(signed.clerk).createBackupCode())).to.deep.equal({ status: 403, code: 'session_reverification_required', paramName: undefined });
      const verification = await session(signed.clerk).startVerification({ level: 'second_factor' });
      expect([verification.status, verification.level]).to.deep.equal(['needs_second_factor', 'second_factor']);
      return { ...signed, verification };
    };

    it('an aged session is refused each change with 403 session_reverification_required, but may still choose the default number', async () => {
      const [phone, other] = [randomPhone(), randomPhone()];
      const { clerk } = await signedIn(model, { totp: true, phone, morePhones: [other], backupCodes: BACKUP_CODES });
      await model.ageSession(clerk);
      const required = { status: 403, code: 'session_reverification_required', paramName: undefined };
      expect(await refusal(() => user(clerk).disableTOTP()), 'disableTOTP').to.deep.equal(required);
      expect(await refusal(() => user(clerk).createBackupCode()), 'createBackupCode').to.deep.equal(required);
      expect(await refusal(() => phoneOf(clerk, phone).setReservedForSecondFactor({ reserved: false })), 'setReservedForSecondFactor').to.deep.equal(required);
      expect(await refusal(() => phoneOf(clerk, other).destroy()), 'destroy').to.deep.equal(required);
      expect([user(clerk).totpEnabled, user(clerk).phoneNumbers.length]).to.deep.equal([true, 2]);
      await phoneOf(clerk, other).makeDefaultSecondFactor();
      expect(phoneOf(clerk, other).defaultSecondFactor).to.equal(true);
    });

    it('with the authenticator app: the session offers its second factors; a wrong code is form_code_incorrect, the right one completes it and the change goes through', async () => {
      // Signed in with a backup code: the authenticator's current code is then still unused.
      const { clerk, verification } = await stale({ totp: true, phone: randomPhone(), backupCodes: BACKUP_CODES }, 'backup_code');
      expect(verification.supportedSecondFactors!.map((f) => f.strategy)).to.deep.equal(['totp', 'phone_code', 'backup_code']);
      expect(await refusal(() => session(clerk).attemptSecondFactorVerification({ strategy: 'totp', code: model.wrongTotpCode() }))).to.deep.equal(
        fieldError('form_code_incorrect', 'code'),
      );
      expect((await session(clerk).attemptSecondFactorVerification({ strategy: 'totp', code: model.totpCode() })).status).to.equal('complete');
      expect((await user(clerk).createBackupCode()).codes).to.have.length(10);
    });

    it('with an SMS code: sent to the number, a wrong one refused, the right one completes it', async () => {
      const phone = randomPhone();
      const { clerk, verification } = await stale({ phone, backupCodes: BACKUP_CODES });
      const phoneNumberId = verification.supportedSecondFactors!.find((f) => f.strategy === 'phone_code')!.phoneNumberId!;
      await session(clerk).prepareSecondFactorVerification({ strategy: 'phone_code', phoneNumberId });
      const code = await model.lastCodeSentTo(clerk, phone);
      expect(await refusal(() => session(clerk).attemptSecondFactorVerification({ strategy: 'phone_code', code: code === '000000' ? '111111' : '000000' }))).to.deep.equal(
        fieldError('form_code_incorrect', 'code'),
      );
      expect((await session(clerk).attemptSecondFactorVerification({ strategy: 'phone_code', code })).status).to.equal('complete');
      expect((await user(clerk).createBackupCode()).codes).to.have.length(10);
    });

    it('without a second factor, the first instead: a code sent to the email (the password works too, see the enrolment facts)', async () => {
      const { clerk, identifier } = await signedIn(model, {});
      await model.ageSession(clerk);
      expect((await refusal(() => user(clerk).createPhoneNumber({ phoneNumber: randomPhone() }))).code).to.equal('session_reverification_required');
      const verification = (await session(clerk).startVerification({ level: 'second_factor' })) as VerificationLike & { supportedFirstFactors: { strategy: string; emailAddressId?: string }[] };
      expect([verification.status, verification.level, verification.supportedSecondFactors]).to.deep.equal(['needs_first_factor', 'first_factor', null]);
      const email = verification.supportedFirstFactors.find((f) => f.strategy === 'email_code')!;
      await session(clerk).prepareFirstFactorVerification({ strategy: 'email_code', emailAddressId: email.emailAddressId! });
      const code = await model.lastCodeSentTo(clerk, identifier);
      expect(await refusal(() => session(clerk).attemptFirstFactorVerification({ strategy: 'email_code', code: code === '000000' ? '111111' : '000000' }))).to.deep.equal(
        fieldError('form_code_incorrect', 'code'),
      );
      expect((await session(clerk).attemptFirstFactorVerification({ strategy: 'email_code', code })).status).to.equal('complete');
      expect((await user(clerk).createPhoneNumber({ phoneNumber: randomPhone() })).verification.status).to.equal(null);
    });

    it('with a backup code: accepted once, then refused', async () => {
      const { clerk } = await stale({ phone: randomPhone(), backupCodes: BACKUP_CODES });
      expect((await session(clerk).attemptSecondFactorVerification({ strategy: 'backup_code', code: BACKUP_CODES[2]! })).status).to.equal('complete');
      await session(clerk).startVerification({ level: 'second_factor' });
      expect(await refusal(() => session(clerk).attemptSecondFactorVerification({ strategy: 'backup_code', code: BACKUP_CODES[2]! }))).to.deep.equal(
        fieldError('form_code_incorrect', 'code'),
      );
    });
  });
}
