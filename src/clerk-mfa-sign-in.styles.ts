import { css } from 'lit';

/**
 * Public tokens `--clerk-mfa-sign-in-*` are read once on `:host` into private
 * `--_*` properties; the rules below only use the private ones.
 */
export const styles = css`
  :host {
    --_accent: var(--clerk-mfa-sign-in-accent-color, #4f46e5);
    --_accent-text: var(--clerk-mfa-sign-in-accent-text-color, #ffffff);
    --_text: var(--clerk-mfa-sign-in-text-color, #1f2937);
    --_muted: var(--clerk-mfa-sign-in-muted-text-color, #4b5563);
    --_background: var(--clerk-mfa-sign-in-background, #ffffff);
    --_input-background: var(--clerk-mfa-sign-in-input-background, #ffffff);
    --_border: var(--clerk-mfa-sign-in-border-color, #9ca3af);
    --_radius: var(--clerk-mfa-sign-in-radius, 0.5rem);
    --_font-family: var(--clerk-mfa-sign-in-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--clerk-mfa-sign-in-font-size, 1rem);
    --_spacing: var(--clerk-mfa-sign-in-spacing, 1rem);
    --_focus-ring: var(--clerk-mfa-sign-in-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    --_error: var(--clerk-mfa-sign-in-error-color, #b91c1c);

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

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--clerk-mfa-sign-in-accent-color, #818cf8);
      --_accent-text: var(--clerk-mfa-sign-in-accent-text-color, #111827);
      --_text: var(--clerk-mfa-sign-in-text-color, #f3f4f6);
      --_muted: var(--clerk-mfa-sign-in-muted-text-color, #d1d5db);
      --_background: var(--clerk-mfa-sign-in-background, #111827);
      --_input-background: var(--clerk-mfa-sign-in-input-background, #1f2937);
      --_border: var(--clerk-mfa-sign-in-border-color, #6b7280);
      --_error: var(--clerk-mfa-sign-in-error-color, #fca5a5);
    }
  }

  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  form {
    display: grid;
    gap: calc(var(--_spacing) * 0.75);
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

  .subtitle {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
    font-size: 0.9em;
  }

  input {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: inherit;
    background: var(--_input-background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
  }

  input:focus-visible,
  button:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  input[aria-invalid='true'] {
    border-color: var(--_error);
  }

  .code {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }

  /* Messages keep their line even when empty, so nothing jumps when one appears. */
  .error {
    min-height: 1.5em;
    color: var(--_error);
    font-size: 0.875em;
  }

  .form-error:empty {
    min-height: 0;
  }

  button {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }

  .primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    color: var(--_accent-text);
    background: var(--_accent);
    border: 1px solid var(--_accent);
    font-weight: 600;
  }

  .secondary,
  .link {
    color: var(--_accent);
    background: transparent;
    border: 1px solid transparent;
  }

  .secondary {
    border-color: var(--_border);
    color: var(--_text);
    text-align: start;
  }

  .link {
    justify-self: start;
    padding-inline: 0;
    text-decoration: underline;
  }

  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }

  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
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
      animation-duration: 2.4s;
    }
  }

  .methods {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .methods legend {
    padding: 0;
    margin-block-end: 0.25rem;
    font-size: 0.9em;
    color: var(--_muted);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
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
