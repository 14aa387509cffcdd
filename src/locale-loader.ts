/**
 * Finds and loads another language's strings. Only a page that asks for a language other than
 * US English downloads this module (see `loadLocale` in `localization.ts`).
 */
import type { Strings } from './strings.js';
import { LOCALES } from './locales/index.js';

/**
 * Picks the supported locale for a BCP 47 tag: exact match first, then the first locale of the
 * same language. English variants only match exactly (`en-GB`); `null` means US English.
 */
export function resolveLocale(tag: string, available: readonly string[]): string | null {
  const wanted = tag.trim().replace(/_/g, '-').toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === wanted);
  const language = wanted.split('-')[0];
  if (exact || !language || language === 'en') return exact ?? null;
  return available.find((l) => l.toLowerCase().split('-')[0] === language) ?? null;
}

const cache = new Map<string, Promise<Partial<Strings>>>();

/** The language's strings; an unknown language gives none (English). A failed download is retried next time. */
export function loadStrings(tag: string): Promise<Partial<Strings>> {
  const locale = resolveLocale(tag, Object.keys(LOCALES));
  if (!locale) return Promise.resolve({});
  let pending = cache.get(locale);
  if (!pending) {
    pending = LOCALES[locale]!().then((m) => m.default);
    cache.set(locale, pending);
    pending.catch(() => cache.delete(locale));
  }
  return pending;
}
