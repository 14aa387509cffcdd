import { css } from 'lit';

/**
 * The look both elements share (`<clerk-mfa-sign-in>`, `<clerk-mfa-setup>`): the public tokens
 * `--clerk-mfa-sign-in-*`, read once on `:host` into private `--_*` properties that every other
 * rule uses, and the card they draw. One set for both, so a page themes them once.
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
export const theme = css`
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
`;
