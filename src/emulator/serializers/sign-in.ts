/** The sign-in attempt as Clerk's Frontend API shows it, with the second factors offered and their masked identifiers. */
import { secondFactorStrategies, type Store, type StoredSignIn, type StoredUser, type Verification } from '../store.js';
import { IMAGE_URL } from './user.js';

/** The country prefix, stars, the last four digits: `+15555550100` → `+1*******0100`. */
function maskPhone(phone: string): string {
  return phone.length <= 6 ? phone : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

/** The first letter, a star for each other letter, the domain: `ada@example.com` → `a**@example.com`. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(1, local.length - 1))}@${domain}`;
}

function verificationJson(verification: Verification | null) {
  if (!verification) return null;
  const object = {
    password: 'verification_password',
    totp: 'verification_totp',
    backup_code: 'verification_backup_code',
    phone_code: 'verification_otp',
    email_code: 'verification_otp',
  }[verification.strategy];
  const isCode = verification.strategy === 'phone_code' || verification.strategy === 'email_code';
  return {
    object,
    status: verification.status,
    strategy: verification.strategy,
    attempts: verification.attempts,
    expire_at: isCode ? (verification.expireAt ?? 0) : verification.expireAt,
  };
}

/** The second factors offered to a user, in Clerk's order; the first is the default. */
function secondFactorsFor(user: StoredUser) {
  return secondFactorStrategies(user).map((strategy, index) => ({
    strategy,
    ...(strategy === 'phone_code' ? { phone_number_id: user.phoneId, safe_identifier: maskPhone(user.phone!) } : {}),
    default: index === 0,
  }));
}

export function signInJson(signIn: StoredSignIn, store: Store) {
  const user = store.users.get(signIn.userId);
  let secondFactors: Array<Record<string, unknown>> | null = null;
  if (user && signIn.status === 'needs_second_factor') secondFactors = secondFactorsFor(user);
  if (user && signIn.status === 'needs_client_trust') {
    secondFactors = [{ strategy: 'email_code', email_address_id: user.emailId, safe_identifier: maskEmail(user.email), primary: true, default: true }];
  }
  return {
    object: 'sign_in_attempt',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address'],
    supported_first_factors: signIn.status === 'complete' ? [] : [{ strategy: 'password' }],
    supported_second_factors: secondFactors,
    first_factor_verification: verificationJson(signIn.firstFactor),
    second_factor_verification: verificationJson(signIn.secondFactor),
    identifier: signIn.identifier,
    user_data: user ? { first_name: user.firstName, last_name: user.lastName, image_url: IMAGE_URL, has_image: false } : null,
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.abandonAt,
    client_trust_state: signIn.clientTrustState,
  };
}
