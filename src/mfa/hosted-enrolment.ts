/**
 * The enrolment inside another element's shadow root: its controller on that element, its
 * styles adopted there, and its strings in the element's language (English, then the language's
 * table, then the element's `localization` overrides).
 */
import type { ReactiveControllerHost } from 'lit';
import type { ClerkAdapter } from '../clerk-adapter.js';
import { EnrolController } from './enrol-controller.js';
import { adoptEnrolStyles } from './enrol-styles.js';
import { renderEnrolment } from './enrol-templates.js';
import type { EnrolMethod } from './enrol-types.js';
import type { HostKit } from './load-enrolment.js';
import { loadMfaStrings } from './mfa-locales.js';
import { MFA_EN, type MfaKey, type MfaStrings } from './strings.js';

export interface HostedEnrolmentOptions {
  /** The host's adapter, read when the enrolment begins: the Clerk in use then. */
  adapter(): ClerkAdapter;
  /** The element's language (BCP 47; `''` for US English). */
  lang(): string;
  /** The element's overrides, by message key (those of the enrolment's table apply). */
  overrides(): Partial<Record<string, string>> | null;
  onEnrolled(method: EnrolMethod): void;
}

export interface HostedEnrolment {
  render(kit: HostKit): unknown;
  dispose(): void;
}

export function hostEnrolment(host: ReactiveControllerHost & HTMLElement, options: HostedEnrolmentOptions): HostedEnrolment {
  const enrol = new EnrolController(host as ReactiveControllerHost & HTMLElement & { renderRoot: ShadowRoot }, { ...options, adapter: options.adapter() });
  let lang: string | undefined;
  let strings: Partial<MfaStrings> = {};
  return {
    render(kit) {
      const wanted = options.lang();
      if (wanted !== lang) {
        lang = wanted;
        loadMfaStrings(wanted).then(
          (loadedStrings) => {
            if (lang !== wanted) return;
            strings = loadedStrings;
            host.requestUpdate();
          },
          (error: unknown) => console.warn(`clerk-mfa-sign-in: English shown, ${wanted} did not load: ${error}`),
        );
      }
      if (host.shadowRoot) adoptEnrolStyles(host.shadowRoot);
      const overrides = options.overrides() ?? {};
      const t = (key: MfaKey, values?: Record<string, string | number>) => {
        const override = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
        return kit.interpolate(typeof override === 'string' ? override : (strings[key] ?? MFA_EN[key]), values);
      };
      return renderEnrolment({ kit, enrol, lang: wanted, t });
    },
    dispose() {
      host.removeController(enrol);
      enrol.hostDisconnected();
    },
  };
}
