/** The user's second factors as `/v1/me` answers them: phone numbers, the authenticator app, backup codes, and what was deleted. */
import type { StoredPhoneNumber, StoredTotp } from '../records.js';
import { verificationJson } from './factors.js';

/** What a verified number shows when it was given verified (seeded) rather than proved by a code. */
function adminVerified() {
  return { object: 'verification_admin', status: 'verified', strategy: 'admin', attempts: null, expire_at: null };
}

export function phoneNumberJson(phone: StoredPhoneNumber, backupCodes: string[] | null = null) {
  return {
    object: 'phone_number',
    id: phone.id,
    phone_number: phone.number,
    reserved_for_second_factor: phone.reservedForSecondFactor,
    default_second_factor: phone.defaultSecondFactor,
    reserved: false,
    verification: phone.verification ? verificationJson(phone.verification) : phone.verified ? adminVerified() : null,
    linked_to: [],
    // Only when reserving the number made it the user's first second factor: the codes to keep.
    backup_codes: backupCodes,
    created_at: phone.createdAt,
    updated_at: phone.updatedAt,
  };
}

export interface TotpView {
  totp: StoredTotp;
  verified: boolean;
  /** The secret and its otpauth URI: shown once, while the authenticator is being added. */
  uri: string | null;
  backupCodes: string[] | null;
  updatedAt: number;
}

export function totpJson({ totp, verified, uri, backupCodes, updatedAt }: TotpView) {
  return {
    object: 'totp',
    id: totp.id,
    secret: uri ? totp.secret : null,
    uri,
    verified,
    backup_codes: backupCodes,
    created_at: totp.createdAt,
    updated_at: updatedAt,
  };
}

export function backupCodesJson(id: string, codes: string[], now: number) {
  return { object: 'backup_code', id, codes, created_at: now, updated_at: now };
}

export function deletedJson(object: string, id: string) {
  return { object, id, deleted: true };
}
