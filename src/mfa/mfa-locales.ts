/** The enrolment's strings in another language (`src/locales/mfa/`), loaded when that language is used. */
import { loadTable } from '../locale-tables.js';
import { MFA_LOCALES } from '../locales/mfa/index.js';
import type { MfaStrings } from './strings.js';

export function loadMfaStrings(tag: string): Promise<Partial<MfaStrings>> {
  if (!tag || /^en(-us)?$/i.test(tag.trim())) return Promise.resolve({});
  return loadTable(tag, MFA_LOCALES);
}
