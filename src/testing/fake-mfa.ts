/**
 * The second-factor methods of the fake Clerk's user and session, as clerk-js 6 has them:
 * `createTOTP`, `verifyTOTP`, `createPhoneNumber` (and the number's `prepareVerification`,
 * `attemptVerification`, `setReservedForSecondFactor`), and the session's reverification
 * (`startVerification`, `attemptFirstFactorVerification`). Enrolling the first strong factor
 * completes a pending `setup-mfa` session and answers ten backup codes, as Clerk does.
 */
import { fakeClerkError, type FakeClerk, type FakeUser } from './fake-clerk.js';

/** The methods these calls are counted under (`calls`, `failNext`). */
export const FAKE_MFA_METHODS = [
  'createTOTP',
  'verifyTOTP',
  'createPhoneNumber',
  'preparePhoneVerification',
  'attemptPhoneVerification',
  'setReservedForSecondFactor',
  'startVerification',
  'attemptFirstFactorVerification',
] as const;
export type FakeMfaMethod = (typeof FAKE_MFA_METHODS)[number];

/** The key the fake's authenticator app enrols with, and the code it then shows. */
export const FAKE_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const FAKE_TOTP_URI = `otpauth://totp/Fake:ada?secret=${FAKE_TOTP_SECRET}&issuer=Fake`;

type User = FakeUser & { id: string };
/** The part of a fake session the enrolment changes: a `setup-mfa` task completes. */
interface SessionState {
  id: string;
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

/** Ten fresh backup codes, when the user has none. */
function firstBackupCodes(user: User): string[] | null {
  if (user.backupCodes?.length) return null;
  user.backupCodes = Array.from({ length: 10 }, (_, i) => `code-${user.id}-${i}`);
  return [...user.backupCodes];
}

/** The second factor is in force: the `setup-mfa` task is done. */
function completeTask(session: SessionState): void {
  if (session.currentTask?.key !== 'setup-mfa') return;
  session.status = 'active';
  session.currentTask = null;
  session.tasks = [];
}

/** The user's MFA methods, bound to `session`; `clerk` runs and counts each call. */
export function fakeMfaUser(clerk: FakeClerk, user: User, session: SessionState) {
  let verifiedAt = user.reverify ? -Infinity : Date.now();
  const recent = () => {
    if (Date.now() - verifiedAt > 10 * 60_000) throw error('session_reverification_required', 403);
  };
  let pendingTotp = false;
  const phone = (id: string, number: string) => ({
    id,
    phoneNumber: number,
    verified: false,
    backupCodes: null as string[] | null,
    prepareVerification() {
      return clerk.call('preparePhoneVerification', { phoneNumberId: id }, () => {
        clerk.sentCodes.push({ strategy: 'phone_code', code: clerk.sentCode });
        return this;
      });
    },
    attemptVerification({ code }: { code: string }) {
      return clerk.call('attemptPhoneVerification', { phoneNumberId: id }, () => {
        if (code !== clerk.sentCode) throw error('form_code_incorrect', 422, 'code');
        this.verified = true;
        return this;
      });
    },
    setReservedForSecondFactor({ reserved }: { reserved: boolean }) {
      return clerk.call('setReservedForSecondFactor', { phoneNumberId: id, reserved }, () => {
        recent();
        if (!this.verified) throw error('form_param_value_invalid', 422, 'reserved_for_second_factor');
        if (reserved && !user.phone) {
          user.phone = number;
          this.backupCodes = firstBackupCodes(user);
          completeTask(session);
        }
        return this;
      });
    },
  });
  let phones = 0;
  return {
    user: {
      createTOTP: () =>
        clerk.call('createTOTP', {}, () => {
          recent();
          if (user.totp) throw error('totp_already_enabled', 400);
          pendingTotp = true;
          return { secret: FAKE_TOTP_SECRET, uri: FAKE_TOTP_URI, verified: false };
        }),
      verifyTOTP: ({ code }: { code: string }) =>
        clerk.call('verifyTOTP', {}, () => {
          if (!pendingTotp) throw error('resource_not_found', 404);
          if (code !== (user.enrolTotp ?? '123456')) throw error('form_code_incorrect', 422, 'code');
          user.totp = user.enrolTotp ?? '123456';
          pendingTotp = false;
          const backupCodes = firstBackupCodes(user);
          completeTask(session);
          return { verified: true, backupCodes };
        }),
      createPhoneNumber: ({ phoneNumber }: { phoneNumber: string }) =>
        clerk.call('createPhoneNumber', { phoneNumber }, () => {
          recent();
          if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) throw error('form_param_format_invalid', 422, 'phone_number');
          return phone(`idn_new_${++phones}`, phoneNumber);
        }),
    },
    session: {
      startVerification: () => clerk.call('startVerification', {}, () => ({ status: 'needs_first_factor' })),
      attemptFirstFactorVerification: ({ password }: { password: string }) =>
        clerk.call('attemptFirstFactorVerification', {}, () => {
          if (password !== user.password) throw error('form_password_incorrect', 422, 'password');
          verifiedAt = Date.now();
          return { status: 'complete' };
        }),
    },
  };
}
