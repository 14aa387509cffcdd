/**
 * The enrolment inside another element's shadow root: its controller on that element, its
 * styles adopted there, and its strings in the element's language (English, then the language's
 * table, then the element's `localization` overrides).
 */
import type { ReactiveControllerHost } from 'lit';
import type { ClerkAdapter } from '../clerk-adapter.js';
import { EnrolController } from './enrol-controller.js';
import { mapEnrolFailure } from './enrol-failures.js';
import { adoptEnrolStyles } from './enrol-styles.js';
import { renderEnrolment } from './enrol-templates.js';
import type { EnrolMethod } from './enrol-types.js';
import type { HostKit } from './load-enrolment.js';
import { loadMfaStrings } from './mfa-locales.js';
import { MFA_EN, type MfaKey, type MfaStrings } from './strings.js';

/** The element the enrolment is drawn in; its `localization` overrides apply to the enrolment's keys. */
export type EnrolmentHost = ReactiveControllerHost & HTMLElement & { readonly localization: Partial<Record<string, string>> | null };

export interface HostedEnrolmentOptions {
  /**
   * The host's Clerk (read when the enrolment begins: the one in use then), what to do once
   * enrolled, and who is signed in with "Sign out" (the sign-in's controller).
   */
  clerk: { readonly adapter: ClerkAdapter; enrolled(method: EnrolMethod): unknown; readonly state: { step: string; email?: string | null }; signOut(): unknown };
  /** The host's language (BCP 47; `''` for US English), as its `LocalizeController` resolves it. */
  l10n: { readonly lang: string };
}

interface Hosted {
  enrol: EnrolController;
  /** The language whose strings are shown or on their way, and those strings. */
  lang?: string;
  strings: Partial<MfaStrings>;
}

/** Each host's enrolment under way. */
const hosted = new WeakMap<EnrolmentHost, Hosted>();

/** The enrolment view inside `host`, begun on the first call. */
export function renderHosted(host: EnrolmentHost, options: HostedEnrolmentOptions, kit: HostKit): unknown {
  let state = hosted.get(host);
  if (!state) {
    const { clerk } = options;
    const enrol = new EnrolController(host as EnrolmentHost & { renderRoot: ShadowRoot }, { adapter: clerk.adapter, clock: kit, mapFailure: mapEnrolFailure, onEnrolled: (method) => clerk.enrolled(method) });
    state = { enrol, strings: {} };
    hosted.set(host, state);
  }
  const current = state;
  const lang = options.l10n.lang;
  if (lang !== current.lang) {
    current.lang = lang;
    loadMfaStrings(lang).then(
      (strings) => {
        if (current.lang !== lang) return;
        current.strings = strings;
        host.requestUpdate();
      },
      (error: unknown) => console.warn(`clerk-mfa-sign-in: English shown, ${lang} did not load: ${error}`),
    );
  }
  if (host.shadowRoot) adoptEnrolStyles(host.shadowRoot);
  const overrides = host.localization ?? {};
  const t = (key: MfaKey, values?: Record<string, string | number>) => {
    const override = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    return kit.interpolate(typeof override === 'string' ? override : (current.strings[key] ?? MFA_EN[key]), values);
  };
  const { email } = options.clerk.state;
  // As on the sign-in's task screen: who is signed in, and a way out.
  return kit.html`${renderEnrolment({ kit, enrol: current.enrol, lang, t })}
    <p class="identity" part="identity">
      ${email ? kit.html`<span>${t('signedInAs', { identifier: email })}</span>` : kit.nothing}
      <button class="link" part="sign-out-button" type="button" @click=${() => options.clerk.signOut()}>${t('signOut')}</button>
    </p>`;
}

/** Ends `host`'s enrolment: what was under way is abandoned. */
export function endHosted(host: EnrolmentHost): void {
  const state = hosted.get(host);
  if (!state) return;
  hosted.delete(host);
  host.removeController(state.enrol);
  state.enrol.hostDisconnected();
}
