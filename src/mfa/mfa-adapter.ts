/**
 * The only code that calls Clerk's second-factor methods on the user and the session
 * (`createTOTP`, `verifyTOTP`, `createPhoneNumber`, `prepareVerification`, `attemptVerification`,
 * `setReservedForSecondFactor`, and the session's reverification). Each call runs through the
 * sign-in's `ClerkAdapter.run`: the same timeout, the same abort, and Clerk's failures read the
 * same way (`ActionFailure`). The shapes below are the part of clerk-js 6 these calls use.
 */
import type { ClerkLike } from '../clerk-types.js';
import type { ClerkAdapter } from '../clerk-adapter.js';
import type { EnrolMethod, MfaOutcome } from './enrol-types.js';

export interface ClerkPhoneNumberLike {
  id: string;
  backupCodes?: readonly string[] | null;
  prepareVerification(): Promise<ClerkPhoneNumberLike>;
  attemptVerification(params: { code: string }): Promise<ClerkPhoneNumberLike>;
  setReservedForSecondFactor(params: { reserved: boolean }): Promise<ClerkPhoneNumberLike>;
}

export interface ClerkMfaUserLike {
  phoneNumbers?: readonly ClerkPhoneNumberLike[];
  createTOTP(): Promise<{ secret?: string; uri?: string }>;
  verifyTOTP(params: { code: string }): Promise<{ backupCodes?: readonly string[] | null }>;
  createPhoneNumber(params: { phoneNumber: string }): Promise<ClerkPhoneNumberLike>;
}

export interface ClerkMfaSessionLike {
  startVerification(params: { level: 'first_factor' | 'second_factor' | 'multi_factor' }): Promise<unknown>;
  attemptFirstFactorVerification(params: { strategy: 'password'; password: string }): Promise<{ status?: string }>;
}

/** clerk-js's environment, as far as it says which second factors a user may enrol. */
interface EnvironmentLike {
  userSettings?: { attributes?: Record<string, { enabled?: boolean; used_for_second_factor?: boolean; second_factors?: readonly string[] }> };
}

type MfaClerk = ClerkLike & {
  user?: (ClerkLike['user'] & ClerkMfaUserLike) | null;
  session?: (ClerkLike['session'] & ClerkMfaSessionLike) | null;
  __internal_environment?: EnvironmentLike | null;
};

/** Where each method lives in Clerk's environment (`user_settings.attributes`), in the order they are offered (the first is the default). */
const ATTRIBUTES: Record<EnrolMethod, string> = { totp: 'authenticator_app', phone_code: 'phone_number' };

export class MfaAdapter {
  readonly #clerk: ClerkAdapter;
  /** Numbers added during this enrolment, by id: clerk-js's objects, whose methods verify them. */
  readonly #phones = new Map<string, ClerkPhoneNumberLike>();

  constructor(clerk: ClerkAdapter) {
    this.#clerk = clerk;
  }

  #run<T>(signal: AbortSignal | undefined, action: (clerk: MfaClerk) => Promise<T>): Promise<MfaOutcome<T>> {
    return this.#clerk.run(signal, (clerk) => action(clerk as MfaClerk));
  }

  #user(clerk: MfaClerk): ClerkMfaUserLike {
    if (!clerk.user) throw Object.assign(new Error('signed out'), { errors: [{ code: 'signed_out' }] });
    return clerk.user;
  }

  /** The methods the instance lets users enrol, the default (the authenticator app) first. */
  methods(signal?: AbortSignal): Promise<MfaOutcome<EnrolMethod[]>> {
    return this.#run(signal, async (clerk) => {
      const attributes = clerk.__internal_environment?.userSettings?.attributes;
      const allowed = (m: EnrolMethod) => {
        const a = attributes?.[ATTRIBUTES[m]];
        return !!a?.enabled && !!a.used_for_second_factor && (a.second_factors ?? [m]).includes(m);
      };
      // Without the environment (a test double), the authenticator app, which every instance has.
      return attributes ? (Object.keys(ATTRIBUTES) as EnrolMethod[]).filter(allowed) : ['totp'];
    });
  }

  createTotp(signal?: AbortSignal): Promise<MfaOutcome<{ secret: string; uri: string }>> {
    return this.#run(signal, async (clerk) => {
      const totp = await this.#user(clerk).createTOTP();
      return { secret: totp.secret ?? '', uri: totp.uri ?? '' };
    });
  }

  verifyTotp(code: string, signal?: AbortSignal): Promise<MfaOutcome<{ backupCodes: readonly string[] | null }>> {
    return this.#run(signal, async (clerk) => ({ backupCodes: (await this.#user(clerk).verifyTOTP({ code })).backupCodes ?? null }));
  }

  createPhone(phoneNumber: string, signal?: AbortSignal): Promise<MfaOutcome<{ phoneId: string }>> {
    return this.#run(signal, async (clerk) => {
      const phone = await this.#user(clerk).createPhoneNumber({ phoneNumber });
      this.#phones.set(phone.id, phone);
      return { phoneId: phone.id };
    });
  }

  /** Sends the code to a number added here. */
  preparePhone(phoneId: string, signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#phone(phoneId, signal, (phone) => phone.prepareVerification());
  }

  attemptPhone(phoneId: string, code: string, signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#phone(phoneId, signal, (phone) => phone.attemptVerification({ code }));
  }

  /** Makes a verified number a second factor; Clerk answers the backup codes when it made some. */
  reservePhone(phoneId: string, signal?: AbortSignal): Promise<MfaOutcome<{ backupCodes: readonly string[] | null }>> {
    return this.#phone(phoneId, signal, async (phone) => ({ backupCodes: (await phone.setReservedForSecondFactor({ reserved: true })).backupCodes ?? null }));
  }

  async #phone<T>(phoneId: string, signal: AbortSignal | undefined, call: (phone: ClerkPhoneNumberLike) => Promise<T>): Promise<MfaOutcome<T>> {
    return this.#run(signal, async (clerk) => {
      const phone = this.#phones.get(phoneId) ?? clerk.user?.phoneNumbers?.find((p) => p.id === phoneId);
      if (!phone) throw Object.assign(new Error('no such number'), { errors: [{ code: 'resource_not_found' }] });
      const next = await call(phone);
      // clerk-js answers with the number's new state: its methods go on from there.
      if (next && typeof next === 'object' && 'id' in next) this.#phones.set(phoneId, next as unknown as ClerkPhoneNumberLike);
      return next;
    });
  }

  /** Confirms the password for the session (Clerk's reverification), so a refused change may run again. */
  reverify(password: string, signal?: AbortSignal): Promise<MfaOutcome<unknown>> {
    return this.#run(signal, async (clerk) => {
      const session = clerk.session;
      if (!session) throw Object.assign(new Error('signed out'), { errors: [{ code: 'signed_out' }] });
      await session.startVerification({ level: 'first_factor' });
      return session.attemptFirstFactorVerification({ strategy: 'password', password });
    });
  }
}
