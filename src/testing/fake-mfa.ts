/**
 * The second-factor side of the fake Clerk's user and session, as clerk-js 6 has it: what the user
 * has (`totpEnabled`, `backupCodeEnabled`, `twoFactorEnabled`, `phoneNumbers`), the authenticator
 * app (`createTOTP`, `verifyTOTP`, `disableTOTP`), new backup codes (`createBackupCode`), numbers
 * (`createPhoneNumber`, see `fake-phones.ts`) and the session's reverification (see
 * `fake-reverification.ts`). Enrolling the first strong factor completes a pending `setup-mfa`
 * session and answers ten backup codes, as Clerk does.
 */
import { fakeClerkError } from './fake-errors.js';
import type { FakeClerk } from './fake-clerk.js';
import { hasStrongFactor, newBackupCodes, secondFactorsChanged, secondFactorsOf, type FakeAccount } from './fake-factors.js';
import { FakePhones } from './fake-phones.js';
import { FakeReverification } from './fake-reverification.js';

/** The methods these calls are counted under (`calls`, `failNext`). */
export const FAKE_MFA_METHODS = [
  'createTOTP',
  'verifyTOTP',
  'disableTOTP',
  'createBackupCode',
  'createPhoneNumber',
  'preparePhoneVerification',
  'attemptPhoneVerification',
  'setReservedForSecondFactor',
  'makeDefaultSecondFactor',
  'destroyPhoneNumber',
  'startVerification',
  'attemptFirstFactorVerification',
  'prepareSecondFactorVerification',
  'attemptSecondFactorVerification',
] as const;
export type FakeMfaMethod = (typeof FAKE_MFA_METHODS)[number];

/** The key the fake's authenticator app enrols with, and the code it then shows. */
export const FAKE_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const FAKE_TOTP_URI = `otpauth://totp/Fake:ada?secret=${FAKE_TOTP_SECRET}&issuer=Fake`;

/** The part of a fake session the enrolment changes: a `setup-mfa` task completes. */
interface SessionState {
  status: string;
  currentTask: { key: string } | null;
  tasks: { key: string }[] | null;
}

const error = (code: string, status = 422, paramName?: string) => fakeClerkError(code, { status, ...(paramName ? { paramName } : {}) });

/** Clerk's environment as clerk-js holds it, as far as it says which second factors users may enrol. */
export function fakeEnvironment(methods: readonly ('totp' | 'phone_code')[]) {
  const allowed = (method: 'totp' | 'phone_code') => {
    const on = methods.includes(method);
    return { enabled: on, used_for_second_factor: on, second_factors: [method] };
  };
  return { userSettings: { attributes: { authenticator_app: allowed('totp'), phone_number: allowed('phone_code') } } };
}

/** The second factor is in force: the `setup-mfa` task is done. */
function completeTask(session: SessionState): void {
  if (session.currentTask?.key !== 'setup-mfa') return;
  session.status = 'active';
  session.currentTask = null;
  session.tasks = [];
}

/** The account's MFA methods, bound to `session`; `clerk` runs and counts each call. */
export function fakeMfaUser(clerk: FakeClerk, account: FakeAccount, session: SessionState) {
  const reverification = new FakeReverification(clerk, account);
  const recent = () => reverification.recent();
  const phones = new FakePhones({ clerk, account, recent, firstFactorAdded: () => completeTask(session) });
  let pendingTotp = false;
  /** The authenticator app is in force: ten backup codes unless the user has some, to show once. */
  const inForce = () => {
    secondFactorsChanged(account);
    completeTask(session);
    return account.backupCodes?.length ? null : newBackupCodes(account);
  };
  const user = {
    get totpEnabled() {
      return !!account.totp;
    },
    get backupCodeEnabled() {
      return !!account.backupCodes?.length;
    },
    get twoFactorEnabled() {
      return secondFactorsOf(account).length > 0;
    },
    get phoneNumbers() {
      return phones.list();
    },
    createTOTP: () =>
      clerk.call('createTOTP', {}, () => {
        recent();
        if (account.totp) throw error('totp_already_enabled', 400);
        pendingTotp = true;
        return { secret: FAKE_TOTP_SECRET, uri: FAKE_TOTP_URI, verified: false };
      }),
    verifyTOTP: ({ code }: { code: string }) =>
      clerk.call('verifyTOTP', {}, () => {
        if (!pendingTotp) throw error('resource_not_found', 404);
        if (code !== (account.enrolTotp ?? '123456')) throw error('form_code_incorrect', 422, 'code');
        account.totp = account.enrolTotp ?? '123456';
        pendingTotp = false;
        return { verified: true, backupCodes: inForce() };
      }),
    /** Clerk's `DeletedObject`; the sign-in stops offering `totp` (and without SMS, backup codes go too). */
    disableTOTP: () =>
      clerk.call('disableTOTP', {}, () => {
        recent();
        if (!account.totp) throw error('resource_not_found', 404);
        delete account.totp;
        pendingTotp = false;
        secondFactorsChanged(account);
        return { object: 'totp', id: `totp_${account.id}`, deleted: true };
      }),
    /** A new set of ten; the old codes stop working. Only beside an authenticator app or an SMS number. */
    createBackupCode: () =>
      clerk.call('createBackupCode', {}, () => {
        recent();
        if (!hasStrongFactor(account)) throw error('backup_codes_not_available_code', 400);
        return { id: `bkp_${account.id}`, codes: newBackupCodes(account) };
      }),
    createPhoneNumber: ({ phoneNumber }: { phoneNumber: string }) => phones.create(phoneNumber),
  };
  return { user, session: reverification.sessionMethods(), reverification };
}
