/**
 * The steps an authenticator-app sign-in never shows: the SMS, email and backup code methods
 * ("Code sent to…", "Resend"), the new-device check, the code of "Forgot password?", the new
 * password and a pending session task.
 * Downloaded the first time one of them is shown, with the rest of `on-demand.ts`.
 *
 * Lit and the parts of the view shared with the built-in steps come in the `kit` rather than by
 * import (see `on-demand.ts`).
 */
import type { StepContext, StepKit } from './step-templates.js';
import type { ClientTrustState, NewPasswordState, ResetCodeState, SecondFactorState, TaskRequiredState } from './sign-in-types.js';
import type { MessageKey } from './strings.js';
import { formatDuration } from './sign-in-failures.js';

/** Clerk's session tasks, in plain words; any other task is "One more step to finish signing in". */
const TASK_TITLES: Record<string, MessageKey> = {
  'choose-organization': 'taskChooseOrganization',
  'reset-password': 'taskResetPassword',
  'setup-mfa': 'taskSetupMfa',
};

/** Where the code went, and "Resend", for the methods whose code Clerk sends. */
export function sentTo(kit: StepKit, { signIn, t }: StepContext, s: SecondFactorState | ClientTrustState | ResetCodeState): unknown {
  const { html, nothing } = kit;
  if (!kit.STRATEGIES[s.method.strategy].needsPrepare) return nothing;
  const wait = kit.resendSecondsLeft(s, signIn.now);
  // Together, close (as a heading and its lines): where the code went, and how to get another.
  return html`<div class="head">
    <p class="note" part="message" aria-live="polite">${s.sentAt != null && s.method.safeIdentifier ? t('sentTo', { identifier: s.method.safeIdentifier }) : ''}</p>
    <button class="link" part="resend-button" type="button" aria-disabled=${wait > 0 || !!s.pending} @click=${() => signIn.resend()}>
      ${wait > 0 ? t('resendIn', { time: formatDuration(wait) }) : t('resend')}
    </button>
  </div>`;
}

function renderClientTrust(kit: StepKit, ctx: StepContext, s: ClientTrustState) {
  const { strategy } = s.method;
  return kit.form(ctx, kit.STRATEGIES[strategy].title, 'newDeviceNotice', kit.codeField(ctx, strategy), 'verify', sentTo(kit, ctx, s));
}

/** "Back": to the first step, the email kept, for someone who remembered their password. */
function back({ html }: StepKit, { signIn, t }: StepContext) {
  return html`<button class="link" part="back-button" type="button" @click=${() => signIn.back()}>${t('back')}</button>`;
}

/** "Forgot password?": the code sent to the account's email, typed like any emailed code. */
function renderResetCode(kit: StepKit, ctx: StepContext, s: ResetCodeState) {
  return kit.form(ctx, 'emailTitle', 'resetCodeSubtitle', kit.codeField(ctx, 'email_code'), 'continue', kit.html`${sentTo(kit, ctx, s)}${back(kit, ctx)}`);
}

/**
 * The new password, once with show/hide (a password manager offers one), and whether to end the
 * account's sessions on other devices (ticked, as in Clerk's own form). After "Forgot password?"
 * nothing needs explaining; when Clerk requires a new one, why.
 */
function renderNewPassword(kit: StepKit, ctx: StepContext, s: NewPasswordState) {
  const { html } = kit;
  return kit.form(
    ctx,
    'newPasswordTitle',
    s.recovery ? null : 'newPasswordSubtitle',
    html`
      <input type="text" name="username" autocomplete="username" hidden .value=${s.identifier} />
      ${kit.field(ctx, 'new-password', 'newPasswordLabel', { part: 'password-input', type: 'password', autocomplete: 'new-password' })}
      <label class="check"><input type="checkbox" name="sign-out-of-other-sessions" part="sign-out-others-checkbox" checked />${ctx.t('signOutOfOtherSessions')}</label>
    `,
    'newPasswordSubmit',
    s.recovery ? back(kit, ctx) : kit.nothing,
  );
}

/** Signed in, but Clerk waits for a task: what it is, room for the host's own UI, and "Sign out". */
function renderTask({ html, nothing }: StepKit, { signIn, t }: StepContext, s: TaskRequiredState) {
  const title = Object.hasOwn(TASK_TITLES, s.taskKey) ? TASK_TITLES[s.taskKey]! : 'taskRequired';
  return html`<div class="done">
    <div class="head">
      <h2 id="heading" part="heading" tabindex="-1">${t(title)}</h2>
      <p class="subtitle" part="subtitle">${t('taskSubtitle')}</p>
    </div>
    <slot name="task"></slot>
    <p class="identity" part="identity">
      ${s.email ? html`<span>${t('signedInAs', { identifier: s.email })}</span>` : nothing}
      <button class="link" part="sign-out-button" type="button" @click=${() => signIn.signOut()}>${t('signOut')}</button>
    </p>
  </div>`;
}

/** The step on screen, when it is one of these; a second-factor step draws only `sentTo` from here. */
export function renderStep(kit: StepKit, ctx: StepContext): unknown {
  const s = ctx.signIn.state;
  switch (s.step) {
    case 'client-trust':
      return renderClientTrust(kit, ctx, s);
    case 'reset-code':
      return renderResetCode(kit, ctx, s);
    case 'new-password':
      return renderNewPassword(kit, ctx, s);
    case 'task-required':
      return renderTask(kit, ctx, s);
  }
  return kit.nothing;
}
