/**
 * The enrolment's strings in another language (`src/locales/mfa/`), loaded when that language is
 * used, with the sign-in's language loader (which a page in that language has already loaded).
 */
import type { MfaStrings } from './strings.js';

export async function loadMfaStrings(tag: string): Promise<Partial<MfaStrings>> {
  if (!tag || /^en(-us)?$/i.test(tag.trim())) return {};
  const [{ loadTable }, { MFA_LOCALES }] = await Promise.all([import('../locale-loader.js'), import('../locales/mfa/index.js')]);
  return loadTable(tag, MFA_LOCALES);
}
