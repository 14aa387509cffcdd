/**
 * The fields of `<clerk-mfa-sign-in>`: a labelled input with its error line, the code field that
 * cleans up what is pasted and submits a complete code, and the password field's show/hide toggle
 * and Caps Lock warning. Used by the steps in `step-templates.ts` and `lazy-steps.ts`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { errorIcon, eyeIcon } from './icons.js';
import type { SignInController } from './sign-in-controller.js';
import { errorFor } from './sign-in-machine.js';
import type { ErrorField, SignInError } from './sign-in-types.js';
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
  /** What the step on screen shows beyond the sign-in's state; reset when the step changes. */
  readonly view: { passwordShown: boolean; capsLock: boolean };
  /** Draws the step again after `view` changed. */
  refresh(): void;
  /** The step's view has loaded (`lazy-steps.ts`): draws it, and focus goes to it as for a new step. */
  arrived(): void;
  /** Loads the page again: the one way to try a failed download of a module again. */
  reload(): void;
  /** The `setup-mfa` task's enrolment view; `null` while it downloads, `false` if it could not be. */
  enrolment(): unknown;
}

export type FieldName = Exclude<ErrorField, 'form'>;

export interface InputOptions {
  part: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  inputmode?: string;
  maxlength?: number;
  value?: string;
}

/** An error, with its icon: it is not told by colour alone. */
export function errorText(ctx: StepContext, error: SignInError | null): TemplateResult | string {
  return error ? html`${errorIcon}<span>${ctx.errorMessage(error)}</span>` : '';
}

/** Caps Lock as the last key event saw it; the warning shows under the password while it is on. */
function handleCapsLock(ctx: StepContext, event: KeyboardEvent | FocusEvent): void {
  const on = event.type !== 'blur' && (event as KeyboardEvent).getModifierState?.('CapsLock') === true;
  if (on !== ctx.view.capsLock) {
    ctx.view.capsLock = on;
    ctx.refresh();
  }
}

/** The password field's toggle: a real button, so it is reached and pressed like one, and never submits. */
function showPasswordButton(ctx: StepContext, name: FieldName): TemplateResult {
  const { view } = ctx;
  return html`<button
    class="reveal"
    part="show-password-button"
    type="button"
    aria-controls=${name}
    aria-pressed=${view.passwordShown}
    aria-label=${ctx.t('showPassword')}
    @click=${() => {
      view.passwordShown = !view.passwordShown;
      ctx.refresh();
    }}
  >
    ${eyeIcon}
  </button>`;
}

/**
 * A labelled input (`label`: a message key) with its error line; the field's name is also its id
 * and its error's key. A password field has the show/hide toggle and the Caps Lock warning.
 */
export function field(
  ctx: StepContext,
  name: FieldName,
  label: MessageKey,
  input: InputOptions,
  onInput: (event: InputEvent) => void = () => ctx.signIn.edit(name),
): TemplateResult {
  const { t, view } = ctx;
  const error = errorFor(ctx.signIn.state, name);
  const password = input.type === 'password';
  const onKey = password ? (e: KeyboardEvent | FocusEvent) => handleCapsLock(ctx, e) : nothing;
  // The error line and the warning take no room while empty, and stay in place for screen readers.
  return html`
    <div class="field" part="field">
      <label part="label" for=${name}>${t(label)}</label>
      <div class="control">
        <input
          id=${name}
          name=${name}
          part="input ${input.part}"
          type=${password && view.passwordShown ? 'text' : input.type}
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
          @keydown=${onKey}
          @keyup=${onKey}
          @blur=${onKey}
        />
        ${password ? showPasswordButton(ctx, name) : nothing}
      </div>
      <p id="${name}-error" class="error" part="error" aria-live="polite">${errorText(ctx, error)}</p>
      ${password ? html`<p class="note" part="caps-lock" aria-live="polite">${view.capsLock ? t('capsLockOn') : ''}</p>` : nothing}
    </div>
  `;
}

/** A pasted `123 456` or `123-456` becomes `123456`, and a complete code submits itself. */
function handleCodeInput({ signIn }: StepContext, event: InputEvent, strategy: SecondFactorStrategy): void {
  signIn.edit('code');
  const input = event.target as HTMLInputElement;
  const format: CodeFormat = STRATEGIES[strategy].code;
  if (!format.length) return;
  const code = format.normalize(input.value);
  if (code !== input.value && code.length <= format.length) input.value = code;
  // The sign-in refuses the submit while a request is pending or a wait runs.
  if (code.length === format.length) input.form?.requestSubmit();
}

/** The code field of `strategy`: its label, keyboard and length come from the strategy table. */
export function codeField(ctx: StepContext, strategy: SecondFactorStrategy): TemplateResult {
  const { code, label } = STRATEGIES[strategy];
  return field(
    ctx,
    'code',
    label,
    { part: 'code-input', type: 'text', inputmode: code.inputmode, maxlength: code.maxlength, autocomplete: 'one-time-code' },
    (e) => handleCodeInput(ctx, e, strategy),
  );
}
