/**
 * Checks users given to the emulator (the `users` option, `addUsers()`, the `users` test control)
 * whole, before any of them is stored: every field's type and form, with an error naming the
 * field (`users[1].tasks`). One row per field of `EmulatorUser`; a field not listed is refused,
 * so a misspelt one is never silently ignored.
 */
import { InputError } from './errors.js';
import { Limits } from './limits.js';
import { decodeCodeDigest, decodePasswordHash } from './security.js';
import { SESSION_TASK_KEYS, type EmulatorPhoneNumber, type EmulatorUser } from './types.js';

type FieldCheck = (value: unknown, field: string) => void;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const BASE32 = /^[A-Z2-7]{16,}=*$/;

function text(value: unknown, field: string): void {
  if (typeof value !== 'string') throw new InputError(field, `${field} must be a string`);
}

function flag(value: unknown, field: string): void {
  if (typeof value !== 'boolean') throw new InputError(field, `${field} must be true or false`);
}

function listOf(check: FieldCheck): FieldCheck {
  return (value, field) => {
    if (!Array.isArray(value)) throw new InputError(field, `${field} must be an array`);
    value.forEach((item, index) => check(item, `${field}[${index}]`));
  };
}

/** An object with a row in `rows` for each of its fields: the `required` ones present, no other. */
function objectOf<T>(noun: string, rows: Record<keyof T, FieldCheck>, required: readonly (keyof T & string)[]): FieldCheck {
  return (input, where) => {
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new InputError(where, `${where} must be an object with ${required.join(' and ')}`);
    const record = input as Record<string, unknown>;
    for (const name of required) {
      if (record[name] === undefined || record[name] === null) throw new InputError(`${where}.${name}`, `${where}.${name} is missing`);
    }
    for (const [name, value] of Object.entries(record)) {
      const field = `${where}.${name}`;
      if (!Object.hasOwn(rows, name)) throw new InputError(field, `${field} is not a ${noun} field`);
      if (value !== undefined && value !== null) rows[name as keyof T](value, field);
    }
  };
}

function phoneNumber(value: unknown, field: string): void {
  if (typeof value !== 'string' || !E164.test(value)) throw new InputError(field, `${field} must be an E.164 phone number such as +15555550100`);
}

const PHONE_FIELDS: Record<keyof EmulatorPhoneNumber, FieldCheck> = {
  phone_number: phoneNumber,
  verified: flag,
  reserved_for_second_factor: flag,
  default_second_factor: flag,
};

const FIELDS: Record<keyof EmulatorUser, FieldCheck> = {
  email(value, field) {
    if (typeof value !== 'string' || value.length > 320 || !EMAIL.test(value.trim())) throw new InputError(field, `${field} must be an email address (at most 320 characters)`);
  },
  password(value, field) {
    if (typeof value !== 'string' || value === '') throw new InputError(field, `${field} must be a non-empty string`);
  },
  password_digest(value, field) {
    if (typeof value !== 'string' || !decodePasswordHash(value)) throw new InputError(field, `${field} is not a password_digest made by hashPasswordDigest()`);
  },
  first_name: text,
  last_name: text,
  totp_secret(value, field) {
    if (typeof value !== 'string' || !BASE32.test(value.replace(/\s+/g, '').toUpperCase())) {
      throw new InputError(field, `${field} must be a base32 secret (A-Z and 2-7) of at least 16 characters`);
    }
  },
  backup_codes: listOf((value, field) => {
    if (typeof value !== 'string' || value.trim() === '') throw new InputError(field, `${field} must be a non-empty string`);
  }),
  backup_code_digests: listOf((value, field) => {
    if (typeof value !== 'string' || !decodeCodeDigest(value)) throw new InputError(field, `${field} must be a backup code digest as exported (base64url SHA-256)`);
  }),
  phone_number: phoneNumber,
  phone_numbers: listOf(objectOf<EmulatorPhoneNumber>('phone number', PHONE_FIELDS, ['phone_number'])),
  tasks: listOf((value, field) => {
    if (!SESSION_TASK_KEYS.includes(value as never)) throw new InputError(field, `${field} must be one of ${SESSION_TASK_KEYS.join(', ')}`);
  }),
  password_reset_required: flag,
  limits(value, field) {
    Limits.parse(value, field);
  },
  client_trust: flag,
};

const checkFields = objectOf<EmulatorUser>('user', FIELDS, ['email']);

function checkUser(input: unknown, where: string): void {
  checkFields(input, where);
  const { password, password_digest: digest } = input as EmulatorUser;
  if ((password === undefined || password === null) && (digest === undefined || digest === null)) {
    throw new InputError(`${where}.password`, `${where}.password is missing`);
  }
  // One number once: `phone_number` is short for an entry of `phone_numbers`.
  const { phone_number: single, phone_numbers: listed } = input as EmulatorUser;
  const seen = new Set(single ? [single] : []);
  (listed ?? []).forEach(({ phone_number: number }, index) => {
    const field = `${where}.phone_numbers[${index}].phone_number`;
    if (seen.has(number)) throw new InputError(field, `${field} is given twice`);
    seen.add(number);
  });
}

/** The users, once every one of them is valid; else an `InputError` naming the first field at fault. */
export function checkUsers(inputs: unknown, field = 'users'): EmulatorUser[] {
  if (!Array.isArray(inputs)) throw new InputError(field, `${field} must be an array of users`);
  inputs.forEach((input, index) => checkUser(input, `${field}[${index}]`));
  return inputs as EmulatorUser[];
}
