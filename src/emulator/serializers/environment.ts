/**
 * The instance settings clerk-js loads first (`GET /v1/environment`): email + password sign-in
 * (or an email code, and "Forgot password?"), TOTP/SMS/backup-code second factors, nothing remote.
 */
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '../password-rules.js';

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

export interface EnvironmentSettings {
  instance: 'development' | 'production';
  lockoutAttempts: number;
  lockoutSeconds: number;
  /** Clerk's "require multi-factor authentication". */
  requireMfa: boolean;
  /** Sensitive changes ask for a recent verification. */
  reverification: boolean;
  /** Several accounts signed in at once (`single_session_mode: false`). */
  multiSession: boolean;
}

export function environmentJson(origin: string, { instance, lockoutAttempts, lockoutSeconds, requireMfa, reverification, multiSession }: EnvironmentSettings) {
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
      first_factors: ['password', 'email_code', 'reset_password_email_code'],
      second_factors: ['totp', 'phone_code', 'backup_code'],
      email_address_verification_strategies: ['email_code'],
      single_session_mode: !multiSession,
      enhanced_email_deliverability: false,
      test_mode: false,
      url_based_session_syncing: false,
      cookieless_dev: false,
      claimed_at: null,
      reverification,
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
      sign_in: { second_factor: { required: requireMfa } },
      sign_up: {
        captcha_enabled: false,
        captcha_widget_type: 'smart',
        custom_action_required: false,
        progressive: true,
        mode: 'restricted',
        legal_consent_enabled: false,
        // Where clerk-js 6 reads "require MFA" (the profile then keeps the last second factor).
        mfa: { required: requireMfa },
      },
      restrictions: {
        allowlist: { enabled: false },
        blocklist: { enabled: false },
        allowlist_blocklist_disabled_on_sign_in: { enabled: false },
        block_email_subaddresses: { enabled: false },
        block_disposable_email_domains: { enabled: false },
      },
      password_settings: {
        // Breached passwords are refused (password-rules.ts).
        disable_hibp: false,
        disable_password_reverification: false,
        min_length: PASSWORD_MIN_LENGTH,
        max_length: PASSWORD_MAX_BYTES,
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
