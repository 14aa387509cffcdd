/**
 * The markup of each step of `<clerk-mfa-sign-in>`, and what its buttons hand to the sign-in
 * controller. The element picks the step; these templates draw it. The fields are in
 * `field-templates.ts`; the steps an authenticator-app sign-in never shows in `lazy-steps.ts`,
 * downloaded the first time one is shown (`on-demand.ts`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { codeField, errorText, field, type StepContext } from './field-templates.js';
import { chevronIcon, errorIcon } from './icons.js';
import { loadedOnDemand, loadOnDemand, type OnDemand } from './load-on-demand.js';
import type { FieldValues } from './sign-in-controller.js';
import { blockedSecondsLeft, errorFor, pendingOf, resendSecondsLeft } from './sign-in-machine.js';
import type { CredentialsState, SecondFactorState, SignedInState, SignInState } from './sign-in-types.js';
import { STRATEGIES } from './strategies.js';
import type { MessageKey } from './strings.js';

export type { StepContext } from './field-templates.js';

/**
 * Hands the step's field values to the sign-in, read from the form once (a checkbox: `'true'`
 * when ticked). The fields' own values, not `FormData`'s, which would replace what is not valid
 * Unicode in what the user typed.
 */
function handleSubmit({ signIn }: StepContext, event: SubmitEvent): void {
  event.preventDefault();
  const inputs = (event.target as HTMLFormElement).querySelectorAll('input');
  signIn.submit(Object.fromEntries([...inputs].map((i) => [i.name, i.type == 'checkbox' ? String(i.checked) : i.value])) as FieldValues);
}

/** Who is signing in, on every step after the first, and "Change" to go back and sign in as someone else. */
function identity({ signIn, t }: StepContext, email: string): TemplateResult {
  return html`<p class="identity" part="identity">
    <span id="identity">${email}</span>
    <button class="link" part="back-button" type="button" aria-describedby="identity" @click=${() => signIn.back()}>${t('changeIdentifier')}</button>
  </p>`;
}

/**
 * A step's form (texts by message key): heading, who is signing in, the form error, the fields,
 * the primary button, then the secondary actions. The form has `novalidate`: the element checks
 * the fields itself (`field-rules.ts`) and says what is wrong in its own language.
 */
export function form(
  ctx: StepContext,
  heading: MessageKey,
  subtitle: MessageKey | null,
  content: TemplateResult,
  submitLabel: MessageKey,
  after: unknown = nothing,
): TemplateResult {
  const { signIn, t } = ctx;
  const s = signIn.state;
  const pending = pendingOf(s);
  const blocked = blockedSecondsLeft(s, signIn.now) > 0;
  return html`
    <form part="form" novalidate aria-labelledby="heading" aria-busy=${!!pending} @submit=${(e: SubmitEvent) => handleSubmit(ctx, e)}>
      <div class="head">
        <h2 id="heading" part="heading" tabindex="-1">${t(heading)}</h2>
        ${subtitle ? html`<p class="subtitle" part="subtitle">${t(subtitle)}</p>` : nothing}
        ${s.step !== 'credentials' && 'identifier' in s ? identity(ctx, s.identifier) : nothing}
      </div>
      <p class="error form-error" part="error form-error" role="alert">${errorText(ctx, errorFor(s, 'form'))}</p>
      ${content}
      <button class="primary" part="submit-button" type="submit" aria-disabled=${!!pending || blocked} ?disabled=${blocked}>
        ${pending ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
        <span>${t(submitLabel)}</span>
        ${pending ? html`<span class="visually-hidden">${t('working')}</span>` : nothing}
      </button>
      ${after}
    </form>
  `;
}

/** "Forgot password?": the email as it is in its field now. */
function handleForgotPassword({ signIn }: StepContext, event: Event): void {
  signIn.forgotPassword((event.target as HTMLButtonElement).form!.querySelector('input')!.value);
}

function renderCredentials(ctx: StepContext, s: CredentialsState): TemplateResult {
  return form(
    ctx,
    'title',
    null,
    html`
      ${field(ctx, 'identifier', 'identifierLabel', { part: 'identifier-input', type: 'email', autocomplete: 'username', maxlength: 320, value: s.identifier })}
      ${field(ctx, 'password', 'passwordLabel', { part: 'password-input', type: 'password', autocomplete: 'current-password' })}
    `,
    'continue',
    html`<button class="link" part="forgot-password-button" type="button" @click=${(e: Event) => handleForgotPassword(ctx, e)}>${ctx.t('forgotPassword')}</button>`,
  );
}

/** The other methods, as a list of choices: visibly not fields, and secondary to the primary button. */
function otherMethods({ signIn, t }: StepContext, s: SecondFactorState): TemplateResult | typeof nothing {
  const others = s.methods.filter((m) => m !== s.method);
  if (!others.length) return nothing;
  return html`<div class="methods" part="methods" role="group" aria-labelledby="methods-label">
    <p id="methods-label" part="methods-label">${t('otherMethods')}</p>
    <ul role="list">
      ${others.map(
        (m) => html`<li>
          <button class="method" part="method-button" type="button" data-strategy=${m.strategy} aria-disabled=${!!s.pending} @click=${() => signIn.chooseMethod(m)}>
            <span>${t(STRATEGIES[m.strategy].method, { identifier: m.safeIdentifier ?? '' })}</span>${chevronIcon}
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}

function renderSecondFactor(ctx: StepContext, s: SecondFactorState, lazy: OnDemand | undefined): TemplateResult {
  const { title, subtitle } = STRATEGIES[s.method.strategy];
  // The code field, then "Verify" right under it; other ways to get a code come after.
  return form(ctx, title, subtitle, codeField(ctx, s.method.strategy), 'verify', html`${lazy?.sentTo(KIT, ctx, s)}${otherMethods(ctx, s)}`);
}

/** Signed in: who, and "Continue" when the host gave somewhere to go. */
function renderSignedIn({ signIn, t }: StepContext, s: SignedInState): TemplateResult {
  const heading = t(s.alreadySignedIn ? 'alreadySignedIn' : s.firstName ? 'welcomeName' : 'signedIn', { name: s.firstName ?? '' });
  return html`<div class="done">
    <div class="head" role="status">
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      ${s.email ? html`<p class="subtitle" part="message">${t('signedInAs', { identifier: s.email })}</p>` : nothing}
    </div>
    ${signIn.continueUrl
      ? html`<button class="primary" part="submit-button continue-button" type="button" @click=${() => signIn.continue()}>${t('continue')}</button>`
      : nothing}
  </div>`;
}

/**
 * What `lazy-steps.ts` draws with, handed over rather than imported (see there): Lit and the parts
 * of the view it shares with the built-in steps.
 */
const KIT = { html, nothing, form, field, codeField, STRATEGIES, resendSecondsLeft };
export type StepKit = typeof KIT;

/** While `on-demand.ts` downloads, the elements waiting to draw with it; whether it could not be. */
const waiting = new Set<() => void>();
let downloadFailed = false;

/**
 * Whether the step on screen is one an authenticator-app sign-in never shows, or shows their
 * texts (another method; "already signed in", when Clerk had a session before any sign-in).
 */
function isLazy(s: SignInState): boolean {
  if (s.step === 'second-factor') return s.method.strategy !== 'totp';
  return s.step === 'signed-in' ? s.alreadySignedIn : s.step !== 'credentials';
}

/**
 * While the step loads: a spinner where it will be. If it cannot be downloaded: the message, and a
 * button that tries again by loading the page again (browsers keep a failed download of a module
 * for the page's life); "Change" still goes back to the first step, whose sign-in needs nothing more.
 */
function renderLoading(ctx: StepContext, s: SignInState, failed = downloadFailed): TemplateResult {
  if (!failed) {
    return html`<div class="done loading" aria-busy="true"><span class="spinner" part="spinner" aria-hidden="true"></span><span class="visually-hidden">${ctx.t('working')}</span></div>`;
  }
  return html`<div class="done">
    ${'identifier' in s ? identity(ctx, s.identifier) : nothing}
    <p class="error form-error" part="error form-error" role="alert">${errorIcon}<span>${ctx.t('loadFailed')}</span></p>
    <button class="primary" part="submit-button" type="button" @click=${ctx.reload}>${ctx.t('continue')}</button>
  </div>`;
}

/** The current step's form (or the signed-in screen). */
export function renderStep(ctx: StepContext): TemplateResult {
  const s = ctx.signIn.state;
  if (s.step === 'task-required' && s.taskKey === 'setup-mfa') {
    const view = ctx.enrolment();
    return (view || renderLoading(ctx, s, view === false)) as TemplateResult;
  }
  const parts = loadedOnDemand();
  if (isLazy(s) && !parts) {
    if (!waiting.size && !downloadFailed) {
      loadOnDemand()
        .catch(() => (downloadFailed = true))
        .finally(() => {
          for (const arrived of waiting) arrived();
          waiting.clear();
        });
    }
    waiting.add(ctx.arrived);
    return renderLoading(ctx, s);
  }
  switch (s.step) {
    case 'credentials':
      return renderCredentials(ctx, s);
    case 'second-factor':
      return renderSecondFactor(ctx, s, parts);
    case 'signed-in':
      return renderSignedIn(ctx, s);
  }
  return parts!.renderStep(KIT, ctx) as TemplateResult;
}
