import { css } from 'lit';

/**
 * What `<clerk-mfa-setup>` adds to the shared look (`../theme.styles.ts`, whose forms and fields
 * the enrolment's views also use): the list of
 * second factors, a row per number with its badge and actions, the secondary button and the
 * announcement line. Only the private `--_*` properties.
 */
export const setupStyles = css`
  :host {
    max-width: 32rem;
  }

  .card,
  .done {
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
  }

  .method-list {
    gap: 0;
    border: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .factor {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
  }

  .factor + .factor {
    border-block-start: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
  }

  .factor,
  .row {
    justify-items: start;
  }

  /* A method's name and its badge stay on one line, the name wrapping beside the badge if it must. */
  .row-name {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
  }

  .number {
    white-space: nowrap;
  }

  .phones {
    gap: 0.25rem;
    justify-self: stretch;
  }

  /* A number with its actions beside it while they fit; under it, at the end, when not. */
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
  }

  .row .row-name {
    flex: 1 1 9rem;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    font-weight: 400;
  }

  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin-inline-start: auto;
  }

  .status,
  .badge {
    flex: none;
    padding: 0 0.5rem;
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1.6;
    border-radius: 1rem;
    border: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    color: var(--_muted);
  }

  .status[data-on='true'],
  .badge {
    color: var(--_accent);
    border-color: currentColor;
  }

  .link {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }

  /* A removal's confirmation: white on the error red (light), dark on the light red (dark). */
  .danger {
    color: var(--_background);
    background: var(--_error);
  }

  /* A link that waits ("Resend in 30 sec") stays legible: the muted text, not faded. */
  .link[aria-disabled='true'] {
    color: var(--_muted);
    opacity: 1;
  }

  .secondary {
    min-height: 2.5rem;
    padding: 0.4375rem 0.75rem;
    font-weight: 600;
    border-color: var(--_border);
  }

  /* Empty, the error and announcement lines cancel the gap before them and stay in the page for screen readers. */
  .card > :empty {
    margin-block-start: calc(var(--_spacing) * -1);
  }

  .notice {
    font-size: 0.875em;
    color: var(--_muted);
  }
`;
