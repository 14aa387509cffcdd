/**
 * Every message the element can show, by key, and its English text. Translations
 * (`src/locales/`), the `localization` overrides and the strategy table name messages by these
 * keys; the key names are stable across releases.
 */
import { BUILT_IN_EN } from './english.js';
import { LAZY_EN } from './lazy-english.js';

/** Keys of the messages the element can show for an error. */
export type ErrorKey =
  | 'passwordIncorrect'
  | 'identifierNotFound'
  | 'identifierInvalid'
  | 'codeIncorrect'
  | 'backupCodeIncorrect'
  | 'codeExpired'
  | 'verificationFailed'
  | 'strategyInvalid'
  | 'resetUnavailable'
  | 'sessionExists'
  | 'tooManyRequests'
  | 'userLocked'
  | 'fieldRequired'
  | 'identifierRequired'
  | 'passwordRequired'
  | 'codeRequired'
  | 'newPasswordRequired'
  | 'passwordPwned'
  | 'passwordTooShort'
  | 'passwordWeak'
  | 'passwordSameAsCurrent'
  | 'offline'
  | 'network'
  | 'loadFailed'
  | 'unsupportedStatus'
  | 'unknown';

/** Keys of the element's other texts: headings, labels, buttons, notes. */
export type UiKey =
  | 'title'
  | 'identifierLabel'
  | 'passwordLabel'
  | 'continue'
  | 'verify'
  | 'back'
  | 'working'
  | 'totpTitle'
  | 'totpSubtitle'
  | 'codeLabel'
  | 'backupTitle'
  | 'backupSubtitle'
  | 'backupLabel'
  | 'phoneTitle'
  | 'phoneSubtitle'
  | 'emailTitle'
  | 'emailSubtitle'
  | 'sentTo'
  | 'resend'
  | 'resendIn'
  | 'otherMethods'
  | 'methodTotp'
  | 'methodBackupCode'
  | 'methodPhoneCode'
  | 'methodEmailCode'
  | 'newDeviceNotice'
  | 'newPasswordTitle'
  | 'newPasswordSubtitle'
  | 'newPasswordLabel'
  | 'newPasswordSubmit'
  | 'signedIn'
  | 'alreadySignedIn'
  | 'taskRequired'
  | 'tooManyRequestsWait'
  | 'userLockedWait'
  | 'userLockedAbout'
  | 'showPassword'
  | 'capsLockOn'
  | 'changeIdentifier'
  | 'signedInAs'
  | 'welcomeName'
  | 'taskChooseOrganization'
  | 'taskResetPassword'
  | 'taskSetupMfa'
  | 'taskSubtitle'
  | 'signOut'
  | 'forgotPassword'
  | 'resetCodeSubtitle'
  | 'signOutOfOtherSessions';

export type MessageKey = UiKey | ErrorKey;
/** A text for every message key (English, or a language after the overrides are merged in). */
export type Strings = Record<MessageKey, string>;

/**
 * Every English text, by key: the built-in part (`english.ts`) and the part that loads with the
 * steps an authenticator-app sign-in never shows (`lazy-english.ts`). The element itself reads
 * the two parts; this whole table is for tests, tools and translators.
 */
export const EN: Strings = { ...BUILT_IN_EN, ...LAZY_EN };
