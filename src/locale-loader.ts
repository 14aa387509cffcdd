/**
 * Finds and loads another language's strings of a message table (the sign-in's; the
 * enrolment's, `src/mfa/mfa-locales.ts`). Only a page that asks for a language other than US
 * English downloads this module (see `loadLocale` in `sign-in-strings.ts`).
 */
import type { Strings } from './strings.js';
import { LOCALES } from './locales/index.js';

/** A language's module of one table. */
export type LocaleLoader<T> = () => Promise<{ default: T }>;

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

const cache = new Map<LocaleLoader<unknown>, Promise<unknown>>();

/** The language's strings of `table`; an unknown language gives none (English). A failed download is retried next time. */
export function loadTable<T>(tag: string, table: Record<string, LocaleLoader<T>>): Promise<Partial<T>> {
  const locale = resolveLocale(tag, Object.keys(table));
  if (!locale) return Promise.resolve({});
  const loader = table[locale]!;
  let pending = cache.get(loader) as Promise<T> | undefined;
  if (!pending) {
    pending = loader().then((m) => m.default);
    cache.set(loader, pending);
    pending.catch(() => cache.delete(loader));
  }
  return pending;
}

/** The language's strings; an unknown language gives none (English). A failed download is retried next time. */
export function loadStrings(tag: string): Promise<Partial<Strings>> {
  return loadTable(tag, LOCALES);
}
