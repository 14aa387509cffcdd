/**
 * The strings the element shows, in its language. English is built in (`strings.ts`); other
 * languages come from `@clerk/localizations` (a per-language subset generated into
 * `src/locales/`, loaded on demand), and the `localization` property overrides any single string.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
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

/** What `LocalizeController` reads from its element. */
export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** The language asked for, before any `lang`. */
  locale: string | null;
  /** The host's overrides, by message key. */
  localization: Partial<Strings> | null;
}

/**
 * The element's language and its strings, as a reactive controller. The language is `locale`,
 * else the nearest `lang`: the element's own, an ancestor's (leaving shadow roots for their
 * hosts), the document's. Like GitHub's `relative-time-element`, it follows a change of any of
 * these; a language's strings are downloaded only when the language itself changes.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: LocalizeHost;
  /** The language whose strings are shown or on their way. */
  #lang: string | undefined;
  #langStrings: Partial<Strings> = {};
  #observer: MutationObserver | undefined;

  constructor(host: LocalizeHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#host.requestUpdate());
    // Every root from the element's up to the document: a `lang` changed anywhere on the way is seen.
    for (let node: Node | undefined = this.#host; node; ) {
      const root = node.getRootNode();
      this.#observer.observe(root, { attributeFilter: ['lang'], subtree: true });
      node = root instanceof ShadowRoot ? root.host : undefined;
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  hostUpdate(): void {
    const lang = this.#host.locale || nearestLang(this.#host);
    if (lang !== this.#lang) {
      this.#lang = lang;
      void this.#load(lang);
    }
  }

  async #load(lang: string): Promise<void> {
    let strings: Partial<Strings> = {};
    try {
      strings = await loadLocale(lang);
    } catch {
      // Not downloaded (offline?): English until the language changes again.
    }
    if (lang !== this.#lang) return;
    this.#langStrings = strings;
    this.#host.requestUpdate();
  }

  /** The text for `key` in the element's language, `{{placeholders}}` filled in from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string {
    return interpolate(mergeStrings(this.#langStrings, this.#host.localization)[key], values);
  }
}

/** The `lang` closest to `element`, crossing out of shadow roots to their hosts; else the document's. */
function nearestLang(element: Element): string {
  for (let node: Element | undefined = element; node; ) {
    const lang = node.closest('[lang]:not([lang=""])')?.getAttribute('lang');
    if (lang) return lang;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : undefined;
  }
  return document.documentElement.lang;
}
