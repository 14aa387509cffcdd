/**
 * Where the enrolment appears inside another element (the sign-in's `setup-mfa` task): downloads
 * `enrolment.ts` the first time it is shown, then draws it with the host's Lit and icons. Built
 * into the host; everything else of the enrolment is in the download.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { errorIcon } from '../icons.js';
import { interpolate } from '../localization.js';
import type { EnrolKit } from './enrol-templates.js';
import type { HostedEnrolment, HostedEnrolmentOptions } from './hosted-enrolment.js';

type Enrolment = typeof import('./enrolment.js');

let loading: Promise<Enrolment> | undefined;
let loaded: Enrolment | undefined;

/** Downloads the enrolment once; a failed download is tried again the next time something asks. */
export function loadEnrolment(): Promise<Enrolment> {
  loading ??= import('./enrolment.js').then(
    (parts) => (loaded = parts),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const KIT: HostKit = { html, nothing, errorIcon, interpolate };
/** Lit, the error icon and the placeholder filling of the host, for the downloaded views. */
export interface HostKit extends EnrolKit {
  interpolate: typeof interpolate;
}

export class EnrolmentSlot {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: HostedEnrolmentOptions;
  #view: HostedEnrolment | null = null;
  #failed = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: HostedEnrolmentOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The view; `null` while it downloads, `false` when it could not be. */
  render(): unknown {
    if (this.#failed) return false;
    if (!loaded) {
      loadEnrolment().then(
        () => this.#host.requestUpdate(),
        () => {
          this.#failed = true;
          this.#host.requestUpdate();
        },
      );
      return null;
    }
    this.#view ??= loaded.hostEnrolment(this.#host, this.#options);
    return this.#view.render(KIT);
  }

  /** The task is over (enrolled, signed out): what was under way stops. */
  reset(): void {
    this.#view?.dispose();
    this.#view = null;
  }
}
