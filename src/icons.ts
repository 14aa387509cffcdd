/**
 * The element's icons: inline SVG (no request, nothing for a Content Security Policy to allow),
 * stroked in `currentColor` by the `.icon` rule so they take the colour of their text, and hidden
 * from assistive technology: the text beside each says what it means.
 */
import { html, type TemplateResult } from 'lit';
import type { SecondFactorStrategy } from './strategies.js';

/** Before every error message: an error is not told by its colour alone. */
export const errorIcon = html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.25" /><path d="M8 4.75v3.5m0 2.75v.25" /></svg>`;

/** The show-password toggle; its stroke shows while the password is hidden. */
export const eyeIcon = html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M1.75 8S4 3.75 8 3.75 14.25 8 14.25 8 12 12.25 8 12.25 1.75 8 1.75 8Z" /><circle cx="8" cy="8" r="2" /><path class="slash" d="m2.5 2.5 11 11" /></svg>`;

/** At the end of each row of "Use another method". */
export const chevronIcon = html`<svg class="icon chevron" viewBox="0 0 16 16" aria-hidden="true"><path d="m6 3.5 4.5 4.5L6 12.5" /></svg>`;

/** Above the signed-in screen's greeting. */
export const doneIcon = html`<svg class="icon done-icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.25" /><path d="m5.25 8.25 1.875 1.875L10.75 6.5" /></svg>`;

/** One per method, at the start of its row in "Use another method". */
export const METHOD_ICONS: Record<SecondFactorStrategy, TemplateResult> = {
  totp: html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><rect x="4" y="1.75" width="8" height="12.5" rx="1.5" /><path d="M7 11.5h2" /></svg>`,
  phone_code: html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M2.75 3.25h10.5v7.5H7.5l-3 2.5v-2.5H2.75Z" /></svg>`,
  email_code: html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><rect x="1.75" y="3.25" width="12.5" height="9.5" rx="1.5" /><path d="m2.25 4 5.75 4.5L13.75 4" /></svg>`,
  backup_code: html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="5.25" cy="10.75" r="2.5" /><path d="m7 9 6.25-6.25M11 5l1.75 1.75" /></svg>`,
};
