/**
 * The markup of each step of `<clerk-mfa-sign-in>`, and what its fields and buttons hand to the
 * sign-in controller. The element picks the step; these templates draw it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldValues, SignInController } from './sign-in-controller.js';
import { blockedSecondsLeft, errorFor, isCodeState, pendingOf, resendSecondsLeft } from './sign-in-machine.js';
import type { ClientTrustState, CredentialsState, DoneState, ErrorField, NewPasswordState, SecondFactorState, SignInError } from './sign-in-types.js';
import { STRATEGIES, type CodeFormat, type SecondFactorStrategy } from './strategies.js';
import type { MessageKey } from './strings.js';

/** What the templates read and call; the element makes one. */
export interface StepContext {
  /** The state to draw, the clock its countdowns read, and the intents the form hands on. */
  readonly signIn: SignInController;
  /** The text for `key` in the element's language. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The text shown for an error, countdowns included. */
  errorMessage(error: SignInError): string;
}

type FieldName = Exclude<ErrorField, 'form'>;

interface InputOptions {
  part: string;
  type: string;
  autocomplete: string;
  inputmode?: string;
  maxlength?: number;
  value?: string;
}

/**
 * Hands the step's field values to the sign-in, read from the form once. The fields' own values,
 * not `FormData`'s, which would replace what is not valid Unicode in what the user typed.
 */
function handleSubmit({ signIn }: StepContext, event: SubmitEvent): void {
  event.preventDefault();
  const inputs = (event.target as HTMLFormElement).querySelectorAll('input');
  signIn.submit(Object.fromEntries([...inputs].map((input) => [input.name, input.value])) as FieldValues);
}

/** A pasted `123 456` or `123-456` becomes `123456`, and a complete code submits itself. */
function handleCodeInput({ signIn }: StepContext, event: InputEvent): void {
  const s = signIn.state;
  if (!isCodeState(s)) return;
  signIn.edit('code');
  const input = event.target as HTMLInputElement;
  const format: CodeFormat = STRATEGIES[s.method.strategy].code;
  if (!format.length) return;
  const code = format.normalize(input.value);
  if (code !== input.value && code.length <= format.length) input.value = code;
  // The sign-in refuses the submit while a request is pending or a wait runs.
  if (code.length === format.length) input.form?.requestSubmit();
}

/** A step's form (texts by message key): heading, form error, fields, the primary button, then secondary actions and "Back" (after the first step). */
function form(
  ctx: StepContext,
  heading: MessageKey,
  subtitle: MessageKey | null,
  content: TemplateResult,
  submitLabel: MessageKey,
  after: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const { signIn, t } = ctx;
  const s = signIn.state;
  const pending = pendingOf(s);
  const blocked = blockedSecondsLeft(s, signIn.now) > 0;
  const formError = errorFor(s, 'form');
  return html`
    <form part="form" aria-labelledby="heading" aria-busy=${!!pending} @submit=${(e: SubmitEvent) => handleSubmit(ctx, e)}>
      <h2 id="heading" part="heading" tabindex="-1">${t(heading)}</h2>
      ${subtitle ? html`<p class="subtitle" part="subtitle">${t(subtitle)}</p>` : nothing}
      <p class="error form-error" part="error form-error" role="alert">${formError ? ctx.errorMessage(formError) : ''}</p>
      ${content}
      <button
        class="primary"
        part="submit-button"
        type="submit"
        aria-disabled=${!!pending || blocked}
        ?disabled=${blocked}
      >
        ${pending ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
        <span>${t(submitLabel)}</span>
        ${pending ? html`<span class="visually-hidden">${t('working')}</span>` : nothing}
      </button>
      ${after}
      ${s.step !== 'credentials' ? html`<button class="link" part="back-button" type="button" @click=${() => signIn.back()}>${t('back')}</button>` : nothing}
    </form>
  `;
}

/** A labelled input (`label`: a message key) with its error line; the field's name is also its id and its error's key. */
function field(
  ctx: StepContext,
  name: FieldName,
  label: MessageKey,
  input: InputOptions,
  onInput: (event: InputEvent) => void = () => ctx.signIn.edit(name),
): TemplateResult {
  const error = errorFor(ctx.signIn.state, name);
  return html`
    <div class="field" part="field">
      <label part="label" for=${name}>${ctx.t(label)}</label>
      <input
        id=${name}
        name=${name}
        part="input ${input.part}"
        type=${input.type}
        inputmode=${input.inputmode ?? nothing}
        maxlength=${input.maxlength ?? nothing}
        autocomplete=${input.autocomplete}
        autocapitalize="none"
        spellcheck="false"
        required
        .value=${input.value ?? ''}
        aria-invalid=${!!error}
        aria-describedby="${name}-error"
        @input=${onInput}
      />
      <p id="${name}-error" class="error" part="error" aria-live="polite">${error ? ctx.errorMessage(error) : ''}</p>
    </div>
  `;
}

function codeField(ctx: StepContext, strategy: SecondFactorStrategy): TemplateResult {
  const { code, label } = STRATEGIES[strategy];
  return field(
    ctx,
    'code',
    label,
    { part: 'code-input', type: 'text', inputmode: code.inputmode, maxlength: code.maxlength, autocomplete: 'one-time-code' },
    (e) => handleCodeInput(ctx, e),
  );
}

/** Where the code went, and "Resend", for the methods whose code Clerk sends. */
function sentTo({ signIn, t }: StepContext, s: SecondFactorState | ClientTrustState): TemplateResult | typeof nothing {
  if (!STRATEGIES[s.method.strategy].needsPrepare) return nothing;
  const wait = resendSecondsLeft(s, signIn.now);
  // The message line is there (empty) before the code is sent, so its arrival moves nothing.
  return html`
    <p class="note" part="message" aria-live="polite">
      ${s.sentAt != null && s.method.safeIdentifier ? t('sentTo', { identifier: s.method.safeIdentifier }) : ''}
    </p>
    <button
      class="link"
      part="resend-button"
      type="button"
      aria-disabled=${wait > 0 || !!s.pending}
      @click=${() => signIn.resend()}
    >
      ${wait > 0 ? t('resendIn', { seconds: wait }) : t('resend')}
    </button>
  `;
}

function renderCredentials(ctx: StepContext, s: CredentialsState): TemplateResult {
  return form(
    ctx,
    'title',
    null,
    html`
      ${field(ctx, 'identifier', 'identifierLabel', {
        part: 'identifier-input',
        type: 'email',
        autocomplete: 'username',
        value: s.identifier,
      })}
      ${field(ctx, 'password', 'passwordLabel', { part: 'password-input', type: 'password', autocomplete: 'current-password' })}
    `,
    'continue',
  );
}

function renderSecondFactor(ctx: StepContext, s: SecondFactorState): TemplateResult {
  const { signIn, t } = ctx;
  const { title, subtitle } = STRATEGIES[s.method.strategy];
  const others = s.methods.filter((m) => m !== s.method);
  // The code field, then "Verify" right under it; other ways to get a code come after.
  return form(
    ctx,
    title,
    subtitle,
    codeField(ctx, s.method.strategy),
    'verify',
    html`
      ${sentTo(ctx, s)}
      ${others.length
        ? html`<fieldset part="methods">
            <legend part="methods-label">${t('otherMethods')}</legend>
            ${others.map(
              (m) => html`<button
                part="method-button"
                type="button"
                data-strategy=${m.strategy}
                aria-disabled=${!!s.pending}
                @click=${() => signIn.chooseMethod(m)}
              >
                ${t(STRATEGIES[m.strategy].method, { identifier: m.safeIdentifier ?? '' })}
              </button>`,
            )}
          </fieldset>`
        : nothing}
    `,
  );
}

function renderClientTrust(ctx: StepContext, s: ClientTrustState): TemplateResult {
  return form(ctx, STRATEGIES[s.method.strategy].title, 'newDeviceNotice', codeField(ctx, s.method.strategy), 'verify', sentTo(ctx, s));
}

function renderNewPassword(ctx: StepContext, s: NewPasswordState): TemplateResult {
  return form(
    ctx,
    'newPasswordTitle',
    'newPasswordSubtitle',
    html`
      <input type="text" name="username" autocomplete="username" hidden .value=${s.identifier} />
      ${field(ctx, 'new-password', 'newPasswordLabel', { part: 'password-input', type: 'password', autocomplete: 'new-password' })}
    `,
    'newPasswordSubmit',
  );
}

function renderDone({ t }: StepContext, s: DoneState): TemplateResult {
  const text = s.step === 'task-required' ? t('taskRequired') : t(s.alreadySignedIn ? 'alreadySignedIn' : 'signedIn');
  return html`<div class="done" role="status" part="message"><h2 id="heading" part="heading" tabindex="-1">${text}</h2></div>`;
}

/** The current step's form (or the signed-in message). */
export function renderStep(ctx: StepContext): TemplateResult {
  const s = ctx.signIn.state;
  switch (s.step) {
    case 'credentials':
      return renderCredentials(ctx, s);
    case 'second-factor':
      return renderSecondFactor(ctx, s);
    case 'client-trust':
      return renderClientTrust(ctx, s);
    case 'new-password':
      return renderNewPassword(ctx, s);
    default:
      return renderDone(ctx, s);
  }
}
