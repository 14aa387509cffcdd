/** The user as Clerk's Frontend API shows it (shapes of the 2026-05-12 spec). */
import type { StoredUser } from '../records.js';
import { secondFactorStrategies } from '../user-factors.js';
import { phoneNumberJson } from './mfa.js';

export const IMAGE_URL = 'https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9';

function verifiedStub(at: number) {
  return { object: 'verification_admin', status: 'verified', strategy: 'admin', attempts: null, expire_at: at + 86_400_000 };
}

function organizationJson(org: StoredUser['organizations'][number]) {
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    slug: org.slug,
    image_url: IMAGE_URL,
    has_image: false,
    members_count: 1,
    pending_invitations_count: 0,
    max_allowed_memberships: 5,
    admin_delete_enabled: true,
    public_metadata: {},
    created_at: org.createdAt,
    updated_at: org.createdAt,
  };
}

export function publicUserData(user: StoredUser) {
  return {
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: IMAGE_URL,
    has_image: false,
    identifier: user.email,
    user_id: user.id,
  };
}

export function userJson(user: StoredUser, now: number, lockoutAttempts: number) {
  const locked = user.lockedUntil > now;
  const twoFactor = secondFactorStrategies(user).length > 0;
  return {
    object: 'user',
    id: user.id,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: IMAGE_URL,
    has_image: false,
    primary_email_address_id: user.emailId,
    primary_phone_number_id: user.phoneNumbers.find((phone) => phone.verified)?.id ?? null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: twoFactor,
    totp_enabled: !!user.totp,
    backup_code_enabled: user.backupCodes.length > 0,
    email_addresses: [
      {
        object: 'email_address',
        id: user.emailId,
        email_address: user.email,
        reserved: false,
        verification: verifiedStub(user.createdAt),
        linked_to: [],
        created_at: user.createdAt,
        updated_at: user.updatedAt,
      },
    ],
    phone_numbers: user.phoneNumbers.map((phone) => phoneNumberJson(phone)),
    web3_wallets: [],
    passkeys: [],
    organization_memberships: user.organizations.map((org) => ({
      object: 'organization_membership',
      id: org.membershipId,
      public_metadata: {},
      role: org.role,
      role_name: 'Admin',
      permissions: [],
      created_at: org.createdAt,
      updated_at: org.createdAt,
      organization: organizationJson(org),
      public_user_data: publicUserData(user),
    })),
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    password_last_updated_at: user.createdAt,
    public_metadata: {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: user.lastSignInAt,
    banned: false,
    locked,
    lockout_expires_in_seconds: locked ? Math.ceil((user.lockedUntil - now) / 1000) : null,
    verification_attempts_remaining: Math.max(0, lockoutAttempts - user.failedAttempts),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    delete_self_enabled: false,
    create_organization_enabled: false,
    last_active_at: user.lastSignInAt,
    mfa_enabled_at: user.mfaEnabledAt,
    mfa_disabled_at: user.mfaDisabledAt,
    legal_accepted_at: null,
  };
}
