/**
 * The English of the steps an authenticator-app sign-in never shows: the SMS, email and backup
 * code methods, the new-device check, the new password and a pending session task. It loads with
 * those steps (`lazy-steps.ts`); the rest is built in (`english.ts`).
 */
import type { Strings } from './strings.js';

export const LAZY_EN = {
  backupTitle: 'Enter a backup code',
  backupSubtitle: 'Your backup code is the one you got when setting up two-step authentication.',
  backupLabel: 'Backup code',
  phoneTitle: 'Check your phone',
  phoneSubtitle: 'To continue, please enter the verification code sent to your phone',
  emailTitle: 'Check your email',
  emailSubtitle: 'To continue, please enter the verification code sent to your email',
  sentTo: 'Code sent to {{identifier}}',
  resend: "Didn't receive a code? Resend",
  resendIn: 'Resend in {{time}}',
  newDeviceNotice: "You're signing in from a new device. We're asking for verification to keep your account secure.",
  newPasswordTitle: 'Set new password',
  newPasswordSubtitle: 'For security reasons, it is required to reset your password.',
  newPasswordLabel: 'New password',
  newPasswordSubmit: 'Reset Password',
  taskRequired: 'One more step to finish signing in',
  backupCodeIncorrect: 'This backup code is incorrect or was already used. Try another one.',
  codeExpired: 'This code has expired. Send a new one.',
  verificationFailed: 'Too many wrong codes. Send a new code to try again.',
  newPasswordRequired: 'Enter a new password.',
  passwordTooShort: 'Your password is too short. It must be at least 8 characters long.',
  passwordWeak: 'Your password is not strong enough.',
  passwordSameAsCurrent: 'New password cannot be the same as the current password.',
  taskChooseOrganization: 'Choose an organization',
  taskResetPassword: 'Reset your password',
  taskSetupMfa: 'Set up two-step verification',
  taskSubtitle: 'Your account needs this before you can continue.',
  signOut: 'Sign out',
} satisfies Partial<Strings>;
