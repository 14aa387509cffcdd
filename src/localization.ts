/**
 * The element's language: `locale`, else the nearest `lang`, followed as it changes; its direction
 * (`dir`); and that language's strings, downloaded by the element's own loader. Each element keeps
 * its English and merges it under these (the sign-in's: `sign-in-strings.ts`), so an element
 * carries no other's English. Other languages come from `@clerk/localizations` (a per-language
 * subset generated into `src/locales/`, loaded on demand).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Replaces `{{name}}` placeholders (Clerk's syntax, modifiers ignored). */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** What `LocalizeController` reads from its element. */
export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** The language asked for, before any `lang`. */
  locale: string | null;
}

/** Downloads a language's strings (the sign-in's `loadLocale`; each element loads its own tables). */
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

  constructor(host: LocalizeHost, loader: LanguageLoader) {
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

  /** The language's strings, once downloaded (none for US English, or while they download). */
  get strings(): Partial<Record<string, string>> {
    return this.#langStrings;
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
