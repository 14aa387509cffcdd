/**
 * A local emulator of Clerk's Frontend API that the unmodified `@clerk/clerk-js` and Clerk's own UI
 * sign in against (a password or an email code, then TOTP, backup code, SMS or Client Trust email
 * code) and manage second factors with (`/v1/me`, reverification included). Node only.
 *
 * Besides the Frontend API under `/__clerk/v1`, it serves the Backend API the server SDKs call
 * (`/__clerk/backend/v1/jwks`, see `Emulator.serverOptions`), a page to look at
 * (`/__clerk/_emulator/`), and test controls that exist only in the emulator, never in Clerk:
 * `GET /__clerk/_emulator/messages`, `GET /__clerk/_emulator/requests`, `GET|POST /__clerk/_emulator/users`,
 * `POST /__clerk/_emulator/reset`, `GET|POST /__clerk/_emulator/limits`, `GET|POST /__clerk/_emulator/token_templates`,
 * `GET|POST|DELETE /__clerk/_emulator/faults` (fault injection, see `FaultRule`),
 * `POST /__clerk/_emulator/sessions/{id}/age`; each needs the header `X-Clerk-Emulator: 1`
 * (`CONTROL_HEADER`) and JSON bodies.
 */
export { CONTROL_HEADER } from './control-api.js';
export { createEmulator, type Emulator } from './emulator.js';
export { FAULT_KINDS, type FaultKind, type FaultRule, type FaultScope, type FaultStatus } from './faults.js';
export {
  DEFAULT_LIMITS,
  type EmulatorLimits,
  type EmulatorMessage,
  type EmulatorOptions,
  type EmulatorPhoneNumber,
  type EmulatorResponse,
  type EmulatorUser,
  type ListenOptions,
  type RequestLogEntry,
  type ReverificationPreset,
  type SessionTaskKey,
  type TokenTemplate,
} from './types.js';
export { InputError } from './errors.js';
export { KEY_MODES, type KeyMode, type ServerSdkOptions } from './keys.js';
export { verifyTotp } from './totp.js';
export { hashPasswordDigest } from './security.js';
