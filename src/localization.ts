/**
 * The strings the element shows, in its language. English is built in (`english.ts`, and
 * `lazy-english.ts` with the steps that load later); other
 * languages come from `@clerk/localizations` (a per-language subset generated into
 * `src/locales/`, loaded on demand), and the `localization` property overrides any single string.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BUILT_IN_EN } from './english.js';
import type { MessageKey, Strings } from './strings.js';

/** English: built in for what an authenticator-app sign-in shows; the other steps bring theirs (`addEnglish`). */
const english: Partial<Strings> = { ...BUILT_IN_EN };

/** Adds the English of steps that load later (`lazy-steps.ts`). */
export function addEnglish(strings: Partial<Strings>): void {
  Object.assign(english, strings);
}

/** Replaces `{{name}}` placeholders (Clerk's syntax, modifiers ignored). */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
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

/**
 * English, then the language's strings, then the host's overrides; only the keys whose English is
 * here (a step that has not loaded has none yet).
 */
export function mergeStrings(...layers: (Partial<Strings> | null | undefined)[]): Partial<Strings> {
  const merged = { ...english };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (typeof value === 'string' && key in english) merged[key as MessageKey] = value;
    }
  }
  return merged;
}

/** What `LocalizeController` reads from its element. */
export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** The language asked for, before any `lang`. */
  locale: string | null;
  /** The host's overrides, by message key. */
  localization: Partial<Record<string, string>> | null;
}

/** Downloads a language's strings (`loadLocale`: the sign-in's; another element loads its own tables). */
export type LanguageLoader = (lang: string) => Promise<Partial<Record<string, string>>>;

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
  #langStrings: Partial<Record<string, string>> = {};
  readonly #loader: LanguageLoader;
  /** The `dir` this controller put on the element (a `dir` it did not put there is the page's). */
  #dir: string | null = null;
  #observer: MutationObserver | undefined;

  constructor(host: LocalizeHost, loader: LanguageLoader = loadLocale) {
    this.#host = host;
    this.#loader = loader;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#host.requestUpdate());
    // Every root from the element's up to the document: a `lang` or `dir` changed anywhere on the way is seen.
    for (let node: Node | undefined = this.#host; node; ) {
      const root = node.getRootNode();
      this.#observer.observe(root, { attributeFilter: ['lang', 'dir'], subtree: true });
      node = root instanceof ShadowRoot ? root.host : undefined;
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  hostUpdate(): void {
    const host = this.#host;
    const lang = host.locale || nearestLang(host);
    if (lang !== this.#lang) {
      this.#lang = lang;
      void this.#load(lang);
    }
    // The direction: the page's where it sets `dir` on the element, or on an ancestor nearer than
    // the `lang` that decides the language (the element inherits it); else the language's.
    const own = host.getAttribute('dir');
    if (own !== null && own !== this.#dir) return;
    const parent = host.parentElement ?? (host.getRootNode() as ShadowRoot).host;
    let dir: string | null = RTL.test(lang) ? 'rtl' : 'ltr';
    if (!host.locale && !host.lang && closest(parent, '[dir],[lang]:not([lang=""])')?.hasAttribute('dir')) dir = null;
    // Only where it changes what the element would inherit.
    if (dir === ((closest(parent, '[dir]') as HTMLElement | null)?.dir === 'rtl' ? 'rtl' : 'ltr')) dir = null;
    if (dir !== own) dir ? host.setAttribute('dir', dir) : host.removeAttribute('dir');
    this.#dir = dir;
  }

  async #load(lang: string): Promise<void> {
    let strings: Partial<Record<string, string>> = {};
    try {
      strings = await this.#loader(lang);
    } catch (error) {
      // Not downloaded (offline, or the files beside this one not hosted): English, and why, until
      // the language changes again, which tries again.
      console.warn(`clerk-mfa-sign-in: English shown, ${lang} did not load: ${error}`);
    }
    if (lang !== this.#lang) return;
    this.#langStrings = strings;
    this.#host.requestUpdate();
  }

  /** The element's language, as a BCP 47 tag (`''`: none was given, English). */
  get lang(): string {
    return this.#lang ?? '';
  }

  /** The text for `key` in the element's language, `{{placeholders}}` filled in from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string {
    return interpolate(mergeStrings(this.#langStrings as Partial<Strings>, this.#host.localization as Partial<Strings> | null)[key] ?? '', values);
  }
}

/** Languages written right to left, by their primary subtag. */
const RTL = /^(ar|ckb|dv|fa|he|ps|sd|ug|ur|yi)(?![a-z])/i;

/** The element closest to `element` that matches `selector`, crossing out of shadow roots to their hosts. */
function closest(element: Element | null | undefined, selector: string): Element | null {
  for (let node = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const found = node.closest(selector);
    if (found) return found;
  }
  return null;
}

/** The `lang` closest to `element`; else the document's. */
function nearestLang(element: Element): string {
  return closest(element, '[lang]:not([lang=""])')?.getAttribute('lang') ?? document.documentElement.lang;
}
