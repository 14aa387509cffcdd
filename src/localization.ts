/**
 * The strings the element shows, in its language. English is built in (`strings.ts`); other
 * languages come from `@clerk/localizations` (a per-language subset generated into
 * `src/locales/`, loaded on demand), and the `localization` property overrides any single string.
 */
import { EN, type MessageKey, type Strings } from './strings.js';

/** Replaces `{{name}}` placeholders (Clerk's syntax, modifiers ignored). */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `45 s`, `2:05`, `1:00:00` */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return `${s} s`;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

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

/** English, then the language's strings, then the host's overrides. */
export function mergeStrings(...layers: (Partial<Strings> | null | undefined)[]): Strings {
  const merged: Strings = { ...EN };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (typeof value === 'string' && key in EN) merged[key as MessageKey] = value;
    }
  }
  return merged;
}
