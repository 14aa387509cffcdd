/** Every Frontend API endpoint the emulator answers, and the handler that answers it. */
import type { ApiHandler } from './instance.js';
import { createClient, createDevBrowser, environment, getClient, removeClientSessions } from './environment-client.js';
import { activeSessions, changePassword, getMe, patchMe, revokeSession } from './me.js';
import { attemptPhoneVerification, createPhoneNumber, deletePhoneNumber, preparePhoneVerification, updatePhoneNumber } from './me-phone-numbers.js';
import { createBackupCodes, createTotp, deleteTotp, verifyTotpEnrolment } from './me-totp.js';
import {
  attemptFirstFactorVerification,
  attemptSecondFactorVerification,
  prepareFirstFactorVerification,
  prepareSecondFactorVerification,
  startVerification,
} from './reverification.js';
import { handshake } from './handshake.js';
import { createTemplateToken, createToken, endSession, getSession, jwks, removeSession, touchSession } from './sessions.js';
import { attemptFirstFactor, attemptSecondFactor, createSignIn, getSignIn, prepareFirstFactor, prepareSecondFactor, resetPassword } from './sign-ins.js';

export interface ApiRoute {
  methods: readonly string[];
  /** Below the mount; `:name` is one path segment. */
  path: string;
  handler: ApiHandler;
  /** Served to a browser that has no client yet: no `__client` cookie or dev browser token is looked up. */
  anonymous?: boolean;
}

const route = (methods: string | string[], path: string, handler: ApiHandler, options: Pick<ApiRoute, 'anonymous'> = {}): ApiRoute => ({
  methods: typeof methods === 'string' ? [methods] : methods,
  path,
  handler,
  ...options,
});

const SIGN_IN = '/v1/client/sign_ins/:sign_in_id';
const SESSION = '/v1/client/sessions/:session_id';
const PHONE_NUMBER = '/v1/me/phone_numbers/:phone_number_id';

export const FRONTEND_API_ROUTES: readonly ApiRoute[] = [
  route('POST', '/v1/dev_browser', createDevBrowser, { anonymous: true }),
  route('POST', '/v1/dev_browser/init', createDevBrowser, { anonymous: true }),
  route(['GET', 'PATCH'], '/v1/environment', environment),
  route('GET', '/v1/client', getClient),
  route(['POST', 'PUT'], '/v1/client', createClient),
  route('DELETE', '/v1/client', removeClientSessions),
  route('DELETE', '/v1/client/sessions', removeClientSessions),
  // A page load the server SDKs send here; it finds the browser's client itself.
  route('GET', '/v1/client/handshake', handshake, { anonymous: true }),

  route('POST', '/v1/client/sign_ins', createSignIn),
  route('GET', SIGN_IN, getSignIn),
  route('POST', `${SIGN_IN}/prepare_first_factor`, prepareFirstFactor),
  route('POST', `${SIGN_IN}/attempt_first_factor`, attemptFirstFactor),
  route('POST', `${SIGN_IN}/reset_password`, resetPassword),
  route('POST', `${SIGN_IN}/prepare_second_factor`, prepareSecondFactor),
  route('POST', `${SIGN_IN}/attempt_second_factor`, attemptSecondFactor),

  route('GET', SESSION, getSession),
  route('POST', `${SESSION}/touch`, touchSession),
  route('POST', `${SESSION}/tokens`, createToken),
  route('POST', `${SESSION}/tokens/:template_name`, createTemplateToken),
  route('POST', `${SESSION}/end`, endSession),
  route('POST', `${SESSION}/remove`, removeSession),
  route('POST', `${SESSION}/verify`, startVerification),
  route('POST', `${SESSION}/verify/prepare_first_factor`, prepareFirstFactorVerification),
  route('POST', `${SESSION}/verify/attempt_first_factor`, attemptFirstFactorVerification),
  route('POST', `${SESSION}/verify/prepare_second_factor`, prepareSecondFactorVerification),
  route('POST', `${SESSION}/verify/attempt_second_factor`, attemptSecondFactorVerification),
  route('GET', '/v1/jwks', jwks),
  route('GET', '/.well-known/jwks.json', jwks),

  route('GET', '/v1/me', getMe),
  route('PATCH', '/v1/me', patchMe),
  route('POST', '/v1/me/change_password', changePassword),
  route('GET', '/v1/me/sessions/active', activeSessions),
  route('POST', '/v1/me/sessions/:session_id/revoke', revokeSession),
  route('POST', '/v1/me/totp', createTotp),
  route('DELETE', '/v1/me/totp', deleteTotp),
  route('POST', '/v1/me/totp/attempt_verification', verifyTotpEnrolment),
  // clerk-js sends these two with a trailing slash.
  route('POST', '/v1/me/backup_codes', createBackupCodes),
  route('POST', '/v1/me/backup_codes/', createBackupCodes),
  route('POST', '/v1/me/phone_numbers', createPhoneNumber),
  route('POST', '/v1/me/phone_numbers/', createPhoneNumber),
  route('POST', `${PHONE_NUMBER}/prepare_verification`, preparePhoneVerification),
  route('POST', `${PHONE_NUMBER}/attempt_verification`, attemptPhoneVerification),
  route('PATCH', PHONE_NUMBER, updatePhoneNumber),
  route('DELETE', PHONE_NUMBER, deletePhoneNumber),
];
