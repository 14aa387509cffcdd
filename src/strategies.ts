/**
 * The second-factor methods the element can complete: one row per method, with everything the
 * machine, the adapter and the view need to know about it. Adding a method is one row here plus
 * its strings in `strings.ts`; the types derive from this table, so a row that names a missing
 * string, or a string the row no longer has, is a compile error.
 */
import type { MessageKey } from './strings.js';

/** How a method's code is typed and how it goes to Clerk. */
export interface CodeFormat {
  inputmode: 'numeric' | 'text';
  /** Characters the field takes: room for a code pasted with separators. */
  maxlength: number;
  /** The length of every complete code, for methods that have one: such a code submits itself. */
  length?: number;
  /** What a person typed, pasted or autofilled, as Clerk expects it. */
  normalize(raw: string): string;
}

/**
 * Six digits (authenticator app, SMS, email). Full-width digits from some IMEs become ASCII
 * digits; spaces, dashes and other separators go (`123 456`, `123-456`).
 */
const SIX_DIGITS: CodeFormat = {
  inputmode: 'numeric',
  maxlength: 12,
  length: 6,
  normalize: (raw) => raw.normalize('NFKC').replace(/\D+/g, ''),
};

/**
 * Clerk's backup codes, letters and digits, accepted as written on paper or in a password
 * manager: with or without the dash, with an en dash, a minus sign or any other dash, in any
 * case and spacing. `H2J6–B8N4` and ` h2j6 b8n4 ` both go to Clerk as `h2j6b8n4`.
 */
const BACKUP_CODE: CodeFormat = {
  inputmode: 'text',
  maxlength: 24,
  normalize: (raw) => raw.normalize('NFKC').replace(/[\s\p{Pd}\u2212]+/gu, '').toLowerCase(),
};

/** One second-factor method. */
export interface Strategy {
  /** Its place among the second factors (1 = offered first, the others in "Use another method"). */
  order: number;
  /** Its place among the ways to verify a new device (Client Trust); none: not offered there. */
  clientTrustOrder?: number;
  /** Clerk has to send the code (`prepareSecondFactor`) before it can be checked. */
  needsPrepare: boolean;
  code: CodeFormat;
  /** The step's heading and the explanation under it. */
  title: MessageKey;
  subtitle: MessageKey;
  /** Its button in "Use another method". */
  method: MessageKey;
  /** The code field's label. */
  label: MessageKey;
}

export const STRATEGIES = {
  totp: {
    order: 1,
    needsPrepare: false,
    code: SIX_DIGITS,
    title: 'totpTitle',
    subtitle: 'totpSubtitle',
    method: 'methodTotp',
    label: 'codeLabel',
  },
  phone_code: {
    order: 2,
    clientTrustOrder: 2,
    needsPrepare: true,
    code: SIX_DIGITS,
    title: 'phoneTitle',
    subtitle: 'phoneSubtitle',
    method: 'methodPhoneCode',
    label: 'codeLabel',
  },
  email_code: {
    order: 3,
    // What Clerk sends by default for a new device.
    clientTrustOrder: 1,
    needsPrepare: true,
    code: SIX_DIGITS,
    title: 'emailTitle',
    subtitle: 'emailSubtitle',
    method: 'methodEmailCode',
    label: 'codeLabel',
  },
  backup_code: {
    order: 4,
    needsPrepare: false,
    code: BACKUP_CODE,
    title: 'backupTitle',
    subtitle: 'backupSubtitle',
    method: 'methodBackupCode',
    label: 'backupLabel',
  },
} as const satisfies Record<string, Strategy>;

/** The strategies this element can complete. */
export type SecondFactorStrategy = keyof typeof STRATEGIES;

/** Whether the element can complete `strategy` (a strategy name as Clerk sends it). */
export function isSupportedStrategy(strategy: string): strategy is SecondFactorStrategy {
  return Object.hasOwn(STRATEGIES, strategy);
}

/** A code as it goes to Clerk. */
export function normalizeCode(raw: string, strategy: SecondFactorStrategy): string {
  return STRATEGIES[strategy].code.normalize(raw);
}

/** Whether `code` (normalised) is worth sending: all its digits, or anything for a backup code. */
export function isCompleteCode(code: string, strategy: SecondFactorStrategy): boolean {
  const { length } = STRATEGIES[strategy].code as CodeFormat;
  return length ? code.length === length : code.length > 0;
}
