/**
 * Where the enrolment appears inside another element (the sign-in's `setup-mfa` task): downloads
 * `enrolment.ts` the first time it is shown, then has it draw the view with the host's Lit and
 * icons. Built into the host; everything else of the enrolment is in the download.
 */
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { countdown, resendLeft } from '../countdown.js';
import { errorIcon } from '../icons.js';
import { interpolate } from '../localization.js';
import type { EnrolClock as Clock } from './enrol-controller.js';
import type { EnrolKit } from './enrol-templates.js';
import type { EnrolmentHost, HostedEnrolmentOptions } from './hosted-enrolment.js';

type Enrolment = typeof import('./enrolment.js');

/** Lit, the error icon, the placeholder filling and the countdown (the kit is the clock) of the host, for the downloaded part. */
export interface HostKit extends EnrolKit, Clock {
  interpolate: typeof interpolate;
}

const KIT: HostKit = { html, nothing, keyed, errorIcon, interpolate, countdown, resendLeft };

let loading: Promise<void> | undefined;
let loaded: Enrolment | undefined;
let failed = false;

/**
 * The enrolment view of `host`, begun on its first call; `null` while it downloads, `false` when
 * it could not be downloaded (browsers keep a failed module for the page's life).
 */
export function renderEnrolment(host: EnrolmentHost, options: HostedEnrolmentOptions): unknown {
  if (loaded) return loaded.renderHosted(host, options, KIT);
  loading ??= import('./enrolment.js').then(
    (parts) => void (loaded = parts),
    () => void (failed = true),
  ).finally(() => host.requestUpdate());
  return failed ? false : null;
}

/** The task is over (enrolled, signed out): what was under way stops. */
export function endEnrolment(host: EnrolmentHost): void {
  loaded?.endHosted(host);
}
