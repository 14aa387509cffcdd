/**
 * `<clerk-mfa-setup>`: importing this module registers the element (package export `./setup`).
 */
export { ClerkMfaSetupElement } from './clerk-mfa-setup.js';
import { defineSetup } from './define.js';

defineSetup();

export { defineSetup, setupTagName } from './define.js';
export type { ClerkMfaSetupEventMap, MfaChangedDetail, MfaErrorDetail } from '../events.js';
export type { SetupKey, SetupStrings } from './strings.js';
