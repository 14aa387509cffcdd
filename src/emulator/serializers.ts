/** Turns stored state into the JSON objects of Clerk's Frontend API (shapes of the 2026-05-12 spec). */
import type { Store, StoredClient, StoredSession, StoredSignIn, StoredUser, Verification } from './store.js';

const IMAGE_URL = 'https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9';

function maskPhone(phone: string): string {
  // Clerk's format: the country prefix, stars, the last four digits ("+1*******0100").
  return phone.length <= 6 ? phone : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(1, local.length - 1))}@${domain}`;
}

export function safeIdentifierFor(user: StoredUser, channel: 'sms' | 'email'): string {
  return channel === 'sms' && user.phone ? maskPhone(user.phone) : maskEmail(user.email);
}

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
  const twoFactor = !!user.totpSecret || !!user.phone || user.backupCodes.length > 0;
  return {
    object: 'user',
    id: user.id,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    image_url: IMAGE_URL,
    has_image: false,
    primary_email_address_id: user.emailId,
    primary_phone_number_id: user.phoneId,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: twoFactor,
    totp_enabled: !!user.totpSecret,
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
    phone_numbers: user.phone
      ? [
          {
            object: 'phone_number',
            id: user.phoneId,
            phone_number: user.phone,
            reserved_for_second_factor: true,
            default_second_factor: !user.totpSecret,
            reserved: false,
            verification: verifiedStub(user.createdAt),
            linked_to: [],
            backup_codes: null,
            created_at: user.createdAt,
            updated_at: user.updatedAt,
          },
        ]
      : [],
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
    mfa_disabled_at: null,
    legal_accepted_at: null,
  };
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

/** Second factors offered to a user, ordered as Clerk orders them: totp, phone_code, backup_code. */
export function secondFactorsFor(user: StoredUser) {
  const factors: Array<Record<string, unknown>> = [];
  if (user.totpSecret) factors.push({ strategy: 'totp' });
  if (user.phone && user.phoneId) {
    factors.push({ strategy: 'phone_code', phone_number_id: user.phoneId, safe_identifier: maskPhone(user.phone) });
  }
  if (user.backupCodes.length > 0) factors.push({ strategy: 'backup_code' });
  return factors.map((factor, index) => ({ ...factor, default: index === 0 }));
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

export function sessionJson(session: StoredSession, store: Store, now: number, lockoutAttempts: number) {
  const user = store.users.get(session.userId)!;
  const minutes = (at: number | null) => (at === null ? -1 : Math.floor((now - at) / 60_000));
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    last_active_at: session.lastActiveAt,
    last_active_token: session.lastActiveToken ? { object: 'token', jwt: session.lastActiveToken } : null,
    last_active_organization_id: session.lastActiveOrganizationId,
    actor: null,
    tasks: session.status === 'pending' ? session.tasks.map((key) => ({ key })) : null,
    user: userJson(user, now, lockoutAttempts),
    public_user_data: publicUserData(user),
    factor_verification_age: [minutes(session.firstFactorAt), minutes(session.secondFactorAt)],
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

export function clientJson(client: StoredClient, store: Store, now: number, lockoutAttempts: number) {
  const signIn = client.signInId ? store.signIns.get(client.signInId) : undefined;
  return {
    object: 'client',
    id: client.id,
    sessions: store.liveSessions(client).map((session) => sessionJson(session, store, now, lockoutAttempts)),
    sign_in: signIn && signIn.status !== 'complete' ? signInJson(signIn, store) : null,
    sign_up: null,
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: client.lastAuthenticationStrategy,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}

function attribute(enabled: boolean, extra: Partial<Record<string, unknown>> = {}) {
  return {
    enabled,
    required: false,
    used_for_first_factor: false,
    first_factors: [],
    used_for_second_factor: false,
    second_factors: [],
    verifications: [],
    verify_at_sign_up: false,
    immutable: false,
    ...extra,
  };
}

/** The instance settings: email + password sign-in, TOTP/SMS/backup-code second factors, nothing remote. */
export function environmentJson(origin: string, instance: 'development' | 'production', lockoutAttempts: number, lockoutSeconds: number) {
  const url = (path: string) => `${origin}${path}`;
  return {
    object: 'environment',
    id: 'env_emulator',
    auth_config: {
      object: 'auth_config',
      id: 'aac_emulator',
      first_name: 'on',
      last_name: 'on',
      email_address: 'required',
      phone_number: 'off',
      username: 'off',
      password: 'required',
      identification_requirements: [['email_address']],
      identification_strategies: ['email_address'],
      first_factors: ['password'],
      second_factors: ['totp', 'phone_code', 'backup_code'],
      email_address_verification_strategies: ['email_code'],
      single_session_mode: true,
      enhanced_email_deliverability: false,
      test_mode: false,
      url_based_session_syncing: false,
      cookieless_dev: false,
      claimed_at: null,
      reverification: false,
      native_settings: {
        object: 'native_settings',
        api_enabled: false,
        trusted_device_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_in_enabled: false,
        trusted_device_enrollment_prompt_after_sign_up_enabled: false,
      },
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_emulator',
      instance_environment_type: instance,
      application_name: 'Clerk emulator',
      theme: {},
      preferred_sign_in_strategy: 'password',
      logo_image_url: null,
      favicon_image_url: null,
      home_url: url('/'),
      sign_in_url: url('/'),
      sign_up_url: url('/'),
      user_profile_url: url('/'),
      waitlist_url: url('/'),
      oauth_consent_url: url('/'),
      after_sign_in_url: url('/'),
      after_sign_up_url: url('/'),
      after_sign_out_one_url: url('/'),
      after_sign_out_all_url: url('/'),
      after_switch_session_url: url('/'),
      after_join_waitlist_url: url('/'),
      organization_profile_url: url('/'),
      create_organization_url: url('/'),
      after_leave_organization_url: url('/'),
      after_create_organization_url: url('/'),
      logo_link_url: url('/'),
      support_email: null,
      branded: false,
      experimental_force_oauth_first: false,
      clerk_js_version: null,
      show_devmode_warning: false,
      google_one_tap_client_id: null,
      help_url: null,
      privacy_policy_url: null,
      terms_url: null,
      logo_url: null,
      favicon_url: null,
      logo_image: null,
      favicon_image: null,
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_public_key_invisible: null,
      captcha_provider: null,
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
    },
    user_settings: {
      attributes: {
        email_address: attribute(true, { required: true, used_for_first_factor: true, first_factors: ['email_code'], verifications: ['email_code'], verify_at_sign_up: true }),
        phone_number: attribute(true, { used_for_second_factor: true, second_factors: ['phone_code'], verifications: ['phone_code'] }),
        username: attribute(false),
        web3_wallet: attribute(false),
        first_name: attribute(true),
        last_name: attribute(true),
        password: attribute(true, { required: true }),
        authenticator_app: attribute(true, { used_for_second_factor: true, second_factors: ['totp'], verifications: ['totp'] }),
        ticket: attribute(false),
        backup_code: attribute(true, { used_for_second_factor: true, second_factors: ['backup_code'] }),
        passkey: attribute(false),
      },
      social: {},
      saml: { enabled: false },
      enterprise_sso: { enabled: false },
      sign_in: { second_factor: { required: false } },
      sign_up: { captcha_enabled: false, captcha_widget_type: 'smart', custom_action_required: false, progressive: true, mode: 'restricted', legal_consent_enabled: false },
      restrictions: {
        allowlist: { enabled: false },
        blocklist: { enabled: false },
        allowlist_blocklist_disabled_on_sign_in: { enabled: false },
        block_email_subaddresses: { enabled: false },
        block_disposable_email_domains: { enabled: false },
      },
      password_settings: {
        disable_hibp: true,
        disable_password_reverification: false,
        min_length: 8,
        max_length: 72,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
        allowed_special_characters: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
      },
      username_settings: { min_length: 4, max_length: 64, allow_extended_special_characters: false, allow_numeric_usernames: false },
      actions: { delete_self: false, create_organization: false, create_organizations_limit: null },
      attack_protection: {
        user_lockout: { enabled: true, max_attempts: lockoutAttempts, duration_in_minutes: Math.ceil(lockoutSeconds / 60) },
        pii: { enabled: true },
        email_link: { require_same_client: true },
        enumeration_protection: { enabled: false },
      },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false, satisfies_second_factor: false },
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 5,
      force_organization_selection: true,
      actions: { admin_delete: true },
      domains: { enabled: false, enrollment_modes: [], default_role: 'org:member' },
      slug: { disabled: false },
      creator_role: 'org:admin',
    },
    fraud_settings: { object: 'fraud_settings', native: { device_attestation_mode: 'disabled' } },
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        free_trial_requires_payment_method: false,
        user: { enabled: false, has_paid_plans: false },
        organization: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { enabled: false, user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    client_debug_mode: false,
    partitioned_cookies: false,
    maintenance_mode: false,
  };
}
