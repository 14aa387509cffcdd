import { css } from 'lit';

/**
 * What only `<clerk-mfa-sign-in>` draws, after the shared look (`theme.styles.ts`): who is signing
 * in, as a pill beside "Change" (and in the enrolment of its `setup-mfa` task), and the password's
 * show/hide toggle inside its field. Only the private `--_*` properties.
 */
export const signInStyles = css`
  .identity {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: 100%;
    margin-block-start: 0.5rem;
    padding: 0.125rem 0.75rem;
    border-radius: 1rem;
    background: var(--_subtle);
  }

  .identity span {
    overflow: hidden;
    font-size: 0.875em;
    line-height: 1.43;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .identity .link {
    flex: none;
  }

  /* Room for the toggle at the end of the field. */
  #password,
  #new-password {
    padding-inline-end: 2.75rem;
  }

  .reveal {
    position: absolute;
    inset-block: 0.25rem;
    inset-inline-end: 0.25rem;
    width: 2rem;
    color: var(--_muted);
  }

  .reveal .icon {
    margin: auto;
  }

  [aria-pressed='false'] .slash {
    display: none;
  }
`;
