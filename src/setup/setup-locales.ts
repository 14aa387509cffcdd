/**
 * `<clerk-mfa-setup>`'s strings in another language: its own table (`src/locales/setup/`) and the
 * enrolment's (`src/mfa/mfa-locales.ts`), whose views it shows, loaded when that language is used.
 */
import { loadMfaStrings } from '../mfa/mfa-locales.js';
import type { MfaStrings } from '../mfa/strings.js';
import type { SetupStrings } from './strings.js';

export async function loadSetupStrings(tag: string): Promise<Partial<SetupStrings & MfaStrings>> {
  if (!tag || /^en(-us)?$/i.test(tag.trim())) return {};
  const [mfa, { loadTable }, { SETUP_LOCALES }] = await Promise.all([loadMfaStrings(tag), import('../locale-loader.js'), import('../locales/setup/index.js')]);
  return { ...mfa, ...(await loadTable(tag, SETUP_LOCALES)) };
}
