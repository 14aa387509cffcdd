/**
 * The element's icons: inline SVG (no request, nothing for a Content Security Policy to allow),
 * stroked in `currentColor` by the `.icon` rule so they take the colour of their text, and hidden
 * from assistive technology: the text beside each says what it means.
 */
import { html } from 'lit';

/** Before every error message: an error is not told by its colour alone. */
export const errorIcon = html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.25" /><path d="M8 4.75v3.5m0 2.75v.25" /></svg>`;

/** The show-password toggle; its stroke shows while the password is hidden. */
export const eyeIcon = html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M1.75 8S4 3.75 8 3.75 14.25 8 14.25 8 12 12.25 8 12.25 1.75 8 1.75 8Z" /><circle cx="8" cy="8" r="2" /><path class="slash" d="m2.5 2.5 11 11" /></svg>`;

/** At the end of each row of "Use another method". */
export const chevronIcon = html`<svg class="icon chevron" viewBox="0 0 16 16" aria-hidden="true"><path d="m6 3.5 4.5 4.5L6 12.5" /></svg>`;
