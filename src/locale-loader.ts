/**
 * Finds and loads another language's strings. Only a page that asks for a language other than
 * US English downloads this module (see `loadLocale` in `localization.ts`).
 */
import type { Strings } from './strings.js';
import { loadTable } from './locale-tables.js';
import { LOCALES } from './locales/index.js';

export { resolveLocale } from './locale-tables.js';

/** The language's strings; an unknown language gives none (English). A failed download is retried next time. */
export function loadStrings(tag: string): Promise<Partial<Strings>> {
  return loadTable(tag, LOCALES);
}
