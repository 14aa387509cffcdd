/**
 * The fake Clerk's phone numbers (`user.phoneNumbers`, `user.createPhoneNumber()`), as clerk-js's
 * `PhoneNumber` resource: verified with a code sent by SMS, reserved for two-step sign-in (or not),
 * made the default second factor, removed. Each object reads the account's current state, so one
 * kept from before a change still tells the truth and its methods go on from there.
 */
import { fakeClerkError } from './fake-errors.js';
import type { FakeClerk } from './fake-clerk.js';
import { hasStrongFactor, incorrectCode, newBackupCodes, secondFactorsChanged, settleDefaultPhone, type FakeAccount, type FakePhoneRecord } from './fake-factors.js';

/** What the numbers' methods need besides the account: who runs each call, the check of a recent verification, what happens when the first second factor is in force. */
export interface PhoneContext {
  clerk: FakeClerk;
  account: FakeAccount;
  /** Throws `session_reverification_required` unless the session verified recently. */
  recent(): void;
  /** The account now has its first second factor (a pending `setup-mfa` session completes). */
  firstFactorAdded(): void;
}

/** clerk-js's `PhoneNumber`, over the kept record; `backupCodes` is set when reserving it made the first set. */
export interface FakePhoneNumber {
  readonly id: string;
  readonly phoneNumber: string;
  readonly reservedForSecondFactor: boolean;
  readonly defaultSecondFactor: boolean;
  readonly verification: { status: 'verified' | 'unverified' };
  backupCodes: string[] | null;
  prepareVerification(params?: { strategy?: 'phone_code' }): Promise<FakePhoneNumber>;
  attemptVerification(params: { code: string }): Promise<FakePhoneNumber>;
  setReservedForSecondFactor(params: { reserved: boolean }): Promise<FakePhoneNumber>;
  makeDefaultSecondFactor(): Promise<FakePhoneNumber>;
  destroy(): Promise<void>;
}

const error = (code: string, status: number, paramName?: string) => fakeClerkError(code, { status, ...(paramName ? { paramName } : {}) });

/** One resource per record, so the same number is the same object wherever it is read. */
export class FakePhones {
  readonly #views = new WeakMap<FakePhoneRecord, FakePhoneNumber>();
  /** Which numbers have a code sent and not yet verified. */
  readonly #codeSent = new WeakSet<FakePhoneRecord>();
  #added = 0;

  constructor(private readonly context: PhoneContext) {}

  /** `user.phoneNumbers`: every number of the account, in the order added. */
  list(): FakePhoneNumber[] {
    return this.context.account.phones.map((record) => this.#view(record));
  }

  /** `user.createPhoneNumber({ phoneNumber })`: added unverified, not reserved. */
  create(phoneNumber: string): Promise<FakePhoneNumber> {
    const { clerk, account } = this.context;
    return clerk.call('createPhoneNumber', { phoneNumber }, () => {
      this.context.recent();
      if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) throw error('form_param_format_invalid', 422, 'phone_number');
      if (account.phones.some((p) => p.phoneNumber === phoneNumber)) throw error('form_identifier_exists', 422, 'phone_number');
      const record: FakePhoneRecord = { id: `idn_new_${++this.#added}`, phoneNumber, verified: false, reserved: false, default: false };
      account.phones.push(record);
      return this.#view(record);
    });
  }

  #view(record: FakePhoneRecord): FakePhoneNumber {
    const known = this.#views.get(record);
    if (known) return known;
    const view = this.#resource(record);
    this.#views.set(record, view);
    return view;
  }

  /** The record, unless the number was removed meanwhile (`resource_not_found`, as Clerk answers for a deleted one). */
  #live(record: FakePhoneRecord): FakePhoneRecord {
    if (!this.context.account.phones.includes(record)) throw error('resource_not_found', 404);
    return record;
  }

  #resource(record: FakePhoneRecord): FakePhoneNumber {
    const { clerk, account, recent } = this.context;
    const phones = this;
    const params = { phoneNumberId: record.id };
    return {
      id: record.id,
      phoneNumber: record.phoneNumber,
      get reservedForSecondFactor() {
        return record.reserved;
      },
      get defaultSecondFactor() {
        return record.default;
      },
      get verification() {
        return { status: record.verified ? ('verified' as const) : ('unverified' as const) };
      },
      backupCodes: null,
      prepareVerification() {
        return clerk.call('preparePhoneVerification', params, () => {
          if (phones.#live(record).verified) throw error('verification_already_verified', 400);
          phones.#codeSent.add(record);
          clerk.sentCodes.push({ strategy: 'phone_code', code: clerk.sentCode, to: record.phoneNumber });
          return this;
        });
      },
      attemptVerification({ code }) {
        return clerk.call('attemptPhoneVerification', params, () => {
          if (phones.#live(record).verified) throw error('verification_already_verified', 400);
          if (!phones.#codeSent.has(record)) throw error('verification_missing', 422, 'code');
          if (code !== clerk.sentCode) throw incorrectCode();
          record.verified = true;
          phones.#codeSent.delete(record);
          return this;
        });
      },
      setReservedForSecondFactor({ reserved }) {
        return clerk.call('setReservedForSecondFactor', { ...params, reserved }, () => {
          recent();
          phones.#live(record);
          if (reserved && !record.verified) throw error('form_param_format_invalid', 422, 'reserved_for_second_factor');
          const hadOne = hasStrongFactor(account);
          record.reserved = reserved;
          secondFactorsChanged(account);
          this.backupCodes = null;
          if (!hadOne && hasStrongFactor(account)) {
            if (!account.backupCodes?.length) this.backupCodes = newBackupCodes(account);
            phones.context.firstFactorAdded();
          }
          return this;
        });
      },
      makeDefaultSecondFactor() {
        return clerk.call('makeDefaultSecondFactor', params, () => {
          recent();
          if (!phones.#live(record).verified || !record.reserved) throw error('form_param_format_invalid', 422, 'default_second_factor');
          settleDefaultPhone(account, record);
          return this;
        });
      },
      destroy() {
        return clerk.call('destroyPhoneNumber', params, () => {
          recent();
          phones.#live(record);
          account.phones = account.phones.filter((p) => p !== record);
          secondFactorsChanged(account);
        });
      },
    };
  }
}
