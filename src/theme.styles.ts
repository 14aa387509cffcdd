import { css } from 'lit';

/**
 * The look both elements (and the enrolment's views inside either) share: the public tokens
 * `--clerk-mfa-sign-in-*`, read once on `:host` into private `--_*` properties every rule uses, the
 * card, forms, fields, buttons, the list of methods, errors and spinner. One set for both, so a
 * page themes them once. What only the sign-in draws is in `clerk-mfa-sign-in.styles.ts`.
 *
 * Light and dark: every colour default is a `light-dark()` pair, picked by the element's
 * `color-scheme`. It is `light dark` by default (follows `prefers-color-scheme`); a page sets
 * `color-scheme: light` or `dark` on the element to force one, or `inherit` to follow its own.
 * Field borders and the focus ring keep at least 3:1 against the background in both.
 *
 * Compact: the card is as tall as its step. An error or a warning takes room only while it shows,
 * under its field; while empty, a message line cancels the gap before it and stays in the page for
 * screen readers. A host that wants a fixed height sets `--clerk-mfa-sign-in-min-height`.
 *
 * Rhythm: 16px (`--clerk-mfa-sign-in-spacing`) between the parts of a step, 24px around the
 * fields, 8px and 4px inside a part.
 */
export const styles = css`
  :host {
    --_accent: var(--clerk-mfa-sign-in-accent-color, light-dark(#4f46e5, #818cf8));
    --_accent-text: var(--clerk-mfa-sign-in-accent-text-color, light-dark(#fff, #111827));
    --_text: var(--clerk-mfa-sign-in-text-color, light-dark(#1f2937, #f3f4f6));
    --_muted: var(--clerk-mfa-sign-in-muted-text-color, light-dark(#4b5563, #d1d5db));
    --_background: var(--clerk-mfa-sign-in-background, light-dark(#fff, #111827));
    --_input-background: var(--clerk-mfa-sign-in-input-background, light-dark(#fff, #1f2937));
    --_border: var(--clerk-mfa-sign-in-border-color, light-dark(#868c98, #7d8594));
    --_error: var(--clerk-mfa-sign-in-error-color, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--clerk-mfa-sign-in-radius, 0.5rem);
    --_font-family: var(--clerk-mfa-sign-in-font-family, system-ui, sans-serif);
    --_font-size: var(--clerk-mfa-sign-in-font-size, 1rem);
    --_spacing: var(--clerk-mfa-sign-in-spacing, 1rem);
    --_focus-ring: var(--clerk-mfa-sign-in-focus-ring, 0 0 0 2px var(--_background), 0 0 0 4px var(--_accent));
    --_min-height: var(--clerk-mfa-sign-in-min-height, auto);
    --_subtle: color-mix(in srgb, var(--_text) 5%, var(--_background));

    /* A grid: the header, the step and the footer are a gap apart, and an empty slot takes no room. */
    display: grid;
    gap: var(--_spacing);
    box-sizing: border-box;
    max-width: 26rem;
    padding: calc(var(--_spacing) * 1.5);
    color: var(--_text);
    background: var(--_background);
    border: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
    border-radius: var(--_radius);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    overflow-wrap: anywhere;
    color-scheme: light dark;
  }

  * {
    box-sizing: inherit;
    margin: 0;
    font: inherit;
  }

  [hidden] {
    display: none !important;
  }

  form,
  .done {
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
    min-height: var(--_min-height);
  }

  /* An empty message line cancels the gap before it. */
  form > :empty {
    margin-block-start: calc(var(--_spacing) * -1);
  }

  /*
   * A heading and the lines that go with it, close together (also where a code went and "Resend").
   * One column as wide as the card, never wider: a long email is cut short, not the card widened.
   */
  .head {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    justify-items: start;
    gap: 0.25rem;
    margin-block-end: 0.5rem;
  }

  h2 {
    font-size: 1.25em;
    font-weight: 600;
    line-height: 1.3;
    outline: none;
  }

  .subtitle,
  .note,
  .error,
  label,
  .link,
  .methods {
    font-size: 0.875em;
    line-height: 1.43;
  }

  .subtitle,
  .note,
  #methods-label {
    color: var(--_muted);
  }

  label,
  .link,
  .primary {
    font-weight: 600;
  }

  .field {
    display: grid;
  }

  label {
    margin-block-end: 0.375rem;
  }

  .field > p:not(:empty) {
    margin-block-start: 0.375rem;
  }

  .control {
    position: relative;
  }

  input,
  button {
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.75);
  }

  input,
  .primary,
  .method {
    width: 100%;
    min-height: 2.5rem;
    padding: 0.4375rem 0.75rem;
  }

  input {
    background: var(--_input-background);
    border-color: var(--_border);
  }

  :focus-visible:not(h2) {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  [aria-invalid='true'] {
    border-color: var(--_error);
  }

  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    font-weight: 400;
  }

  .check input {
    width: auto;
    min-height: 0;
    accent-color: var(--_accent);
  }

  #code {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }

  .error {
    display: flex;
    gap: 0.375rem;
    color: var(--_error);
  }

  .icon {
    display: block;
    flex: none;
    width: 1rem;
    height: 1rem;
    margin-block: 0.125rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linecap: round;
  }

  button {
    cursor: pointer;
  }

  /* Beside the label, out of the flow: the label does not move when it appears. */
  .primary .spinner {
    position: absolute;
    inset-inline-start: 1rem;
  }

  .primary {
    position: relative;
    margin-block-start: 0.5rem;
    color: var(--_accent-text);
    background: var(--_accent);
  }

  .primary:hover {
    filter: brightness(0.92);
  }

  .link {
    align-self: start;
    min-height: 1.5rem;
    padding: 0;
    color: var(--_accent);
    text-underline-offset: 0.2em;
  }

  .link:hover {
    text-decoration: underline;
  }

  .methods {
    display: grid;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }

  ul {
    display: grid;
    gap: 2px;
    padding: 0;
    list-style: none;
  }

  .method {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    text-align: start;
    background: var(--_subtle);
  }

  .method span {
    flex: 1;
  }

  .chevron:dir(rtl) {
    transform: scaleX(-1);
  }

  [aria-disabled='true'],
  :disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  /* Where a step that is still loading will be. */
  .loading {
    align-items: center;
    justify-content: center;
    min-height: 12rem;
  }

  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
