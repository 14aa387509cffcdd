import { css } from 'lit';

/**
 * Public tokens `--clerk-mfa-sign-in-*` are read once on `:host` into private `--_*`
 * properties; the rules below only use the private ones.
 *
 * Light and dark: every colour default is a `light-dark()` pair, picked by the element's
 * `color-scheme`. It is `light dark` by default (follows `prefers-color-scheme`); a page sets
 * `color-scheme: light` or `dark` on the element to force one, or `inherit` to follow its own.
 *
 * No layout shift: error and message lines keep their room while empty, and the form keeps a
 * minimum height (`--clerk-mfa-sign-in-min-height`) that holds the usual steps, so what comes
 * after the element does not move when a step or an error appears.
 */
export const styles = css`
  :host {
    --_accent: var(--clerk-mfa-sign-in-accent-color, light-dark(#4f46e5, #818cf8));
    --_accent-text: var(--clerk-mfa-sign-in-accent-text-color, light-dark(#fff, #111827));
    --_text: var(--clerk-mfa-sign-in-text-color, light-dark(#1f2937, #f3f4f6));
    --_muted: var(--clerk-mfa-sign-in-muted-text-color, light-dark(#4b5563, #d1d5db));
    --_background: var(--clerk-mfa-sign-in-background, light-dark(#fff, #111827));
    --_input-background: var(--clerk-mfa-sign-in-input-background, light-dark(#fff, #1f2937));
    --_border: var(--clerk-mfa-sign-in-border-color, light-dark(#9ca3af, #6b7280));
    --_error: var(--clerk-mfa-sign-in-error-color, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--clerk-mfa-sign-in-radius, 0.5rem);
    --_font-family: var(--clerk-mfa-sign-in-font-family, system-ui, sans-serif);
    --_font-size: var(--clerk-mfa-sign-in-font-size, 1rem);
    --_spacing: var(--clerk-mfa-sign-in-spacing, 1rem);
    --_focus-ring: var(--clerk-mfa-sign-in-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    --_min-height: var(--clerk-mfa-sign-in-min-height, 31.5em);

    display: block;
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
    color-scheme: light dark;
  }

  * {
    box-sizing: inherit;
  }

  form,
  .done {
    display: grid;
    align-content: start;
    gap: calc(var(--_spacing) * 0.75);
    min-height: var(--_min-height);
    margin: 0;
  }

  h2 {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }

  h2:focus {
    outline: none;
  }

  p {
    margin: 0;
  }

  .subtitle,
  legend {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .field,
  fieldset {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
    font-size: 0.9em;
  }

  input,
  button {
    min-height: 2.75rem;
    font: inherit;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    transition:
      border-color 0.15s,
      box-shadow 0.15s,
      background-color 0.15s;
  }

  input {
    width: 100%;
    padding: 0.5rem 0.75rem;
    color: inherit;
    background: var(--_input-background);
  }

  :focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  [aria-invalid='true'] {
    border-color: var(--_error);
  }

  #code {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }

  /* Messages keep two lines of room even when empty, so nothing moves when one appears. */
  .error,
  .note {
    min-height: 2.7em;
    font-size: 0.875em;
    line-height: 1.35;
  }

  .error {
    color: var(--_error);
  }

  button {
    padding: 0.5rem 1rem;
    color: var(--_text);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  .primary {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
    font-weight: 600;
  }

  .link {
    justify-self: start;
    padding-inline: 0;
    color: var(--_accent);
    border-color: transparent;
    text-decoration: underline;
  }

  [aria-disabled='true'],
  :disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }

  /* Beside the label, out of the flow: the label does not move when it appears. */
  .spinner {
    position: absolute;
    inset-inline-start: 1rem;
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
    * {
      transition: none !important;
    }
    .spinner {
      animation-duration: 3s;
    }
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend {
    padding: 0 0 0.25rem;
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
