/**
 * The sign-in's strings: its English so far (built in, `english.ts`, plus the on-demand part's once
 * it has downloaded), under its language's strings and the host's `localization` overrides. Other
 * languages come from `@clerk/localizations` (a per-language subset generated into `src/locales/`,
 * loaded on demand by `loadLocale`). The language itself is `localization.ts`'s.
 */
import { BUILT_IN_EN } from './english.js';
import { loadedOnDemand } from './load-on-demand.js';
import { interpolate } from './localization.js';
import type { MessageKey, Strings } from './strings.js';

/**
 * The strings for a BCP 47 tag (`de-DE`, `de`, `fr_FR`), only those the language changes.
 * US English, the built-in default, needs no download; the loader for the other languages is
 * fetched the first time one is asked for.
 */
export async function loadLocale(tag: string | null | undefined): Promise<Partial<Strings>> {
  if (!tag || /^en(-us)?$/i.test(tag.trim())) return {};
  const { loadStrings } = await import('./locale-loader.js');
  return loadStrings(tag);
}

/**
 * English, then the language's strings, then the host's overrides; only the keys whose English is
 * here: built in, or the on-demand part's once it has downloaded (a step that has not loaded has
 * none yet).
 */
export function mergeStrings(...layers: (Partial<Strings> | null | undefined)[]): Partial<Strings> {
  const merged: Partial<Strings> = { ...BUILT_IN_EN, ...loadedOnDemand()?.strings };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (typeof value === 'string' && key in merged) merged[key as MessageKey] = value;
    }
  }
  return merged;
}

/** The text for `key`: the language's `strings` under the host's `overrides`, `{{placeholders}}` filled in from `values`. */
export function text(strings: Partial<Strings>, overrides: Partial<Strings> | null, key: MessageKey, values?: Record<string, string | number>): string {
  return interpolate(mergeStrings(strings, overrides)[key] ?? '', values);
}
