/**
 * The markup of each enrolment view, and what its controls hand to the `EnrolController`: the
 * methods to choose from, the authenticator app (QR code, key, first code), the phone number and
 * the code sent to it, the backup codes, and the password Clerk's reverification asks for.
 * Lit comes in the `kit` rather than by import, so this module can download apart from the
 * element that draws it (`enrolment.ts`); the element's stylesheet gives the shared classes.
 */
import type { html as Html, nothing as Nothing, TemplateResult } from 'lit';
import type { keyed as Keyed } from 'lit/directives/keyed.js';
import type { CopyFeedback, EnrolController, EnrolValues } from './enrol-controller.js';
import type { BackupCodesState, EnrolField, EnrolMethod, EnrolState, PhoneCodeState, TotpState } from './enrol-types.js';
import { qrPath } from './qr-code.js';
import type { MfaKey } from './strings.js';

export interface EnrolKit {
  html: typeof Html;
  nothing: typeof Nothing;
  /** A fresh form per view: nothing typed on one (the number) stays in a field of the next (the code). */
  keyed: typeof Keyed;
  /** The error icon, so an error is not told by colour alone. */
  errorIcon: unknown;
}

/** What the views read and call; the element that hosts the enrolment makes one. */
export interface EnrolContext {
  readonly kit: EnrolKit;
  readonly enrol: EnrolController;
  /** The element's language, for the countdown's units. */
  readonly lang: string;
  t(key: MfaKey, values?: Record<string, string | number>): string;
}

type Input = { name: Exclude<EnrolField, 'form' | 'saved'>; label: MfaKey; part: string; type: string; autocomplete: string; inputmode?: string; maxlength?: number };

const METHOD_LABELS: Record<EnrolMethod, MfaKey> = { totp: 'methodTotp', phone_code: 'methodPhone' };
const CODE: Input = { name: 'code', label: 'codeLabel', part: 'code-input', type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 };

function handleSubmit(enrol: EnrolController, event: SubmitEvent): void {
  event.preventDefault();
  const inputs = (event.target as HTMLFormElement).querySelectorAll<HTMLInputElement>('input[name]');
  enrol.submit(Object.fromEntries([...inputs].map((input) => [input.name, input.value])) as EnrolValues);
}

/** A pasted `123 456` becomes `123456`, and a complete code submits itself. */
function handleCode(enrol: EnrolController, event: InputEvent): void {
  enrol.edit('code');
  const input = event.target as HTMLInputElement;
  const code = input.value.replace(/\D/g, '');
  if (code !== input.value && code.length <= 6) input.value = code;
  if (code.length === 6) input.form?.requestSubmit();
}

function errorLine({ kit, t }: EnrolContext, s: EnrolState, field: EnrolField): unknown {
  const error = s.error?.field === field ? s.error : null;
  return error ? kit.html`${kit.errorIcon}<span>${t(error.key)}</span>` : '';
}

function field(ctx: EnrolContext, s: EnrolState, input: Input): TemplateResult {
  const { kit, t, enrol } = ctx;
  const { html, nothing } = kit;
  const invalid = s.error?.field === input.name;
  const onInput = input.name === 'code' ? (e: InputEvent) => handleCode(enrol, e) : () => enrol.edit(input.name);
  return html`<div class="field" part="field">
    <label part="label" for=${input.name}>${t(input.label)}</label>
    <div class="control">
      <input id=${input.name} name=${input.name} part="input ${input.part}" type=${input.type} autocomplete=${input.autocomplete}
        inputmode=${input.inputmode ?? nothing} maxlength=${input.maxlength ?? nothing} autocapitalize="none" spellcheck="false" required
        aria-invalid=${invalid} aria-describedby="${input.name}-error" @input=${onInput} />
    </div>
    <p id="${input.name}-error" class="error" part="error" aria-live="polite">${errorLine(ctx, s, input.name)}</p>
  </div>`;
}

/** A view's form: heading, explanation, the form error, the content, the primary button, then the rest. */
function form(ctx: EnrolContext, s: EnrolState, heading: MfaKey, info: unknown, content: unknown, after: unknown = ctx.kit.nothing): TemplateResult {
  const { kit, t, enrol } = ctx;
  const { html, nothing } = kit;
  return html`<form part="form" novalidate aria-labelledby="heading" aria-busy=${!!s.pending} @submit=${(e: SubmitEvent) => handleSubmit(enrol, e)}>
    <div class="head">
      <h2 id="heading" part="heading" tabindex="-1">${t(heading)}</h2>
      ${info}
    </div>
    <p class="error form-error" part="error form-error" role="alert">${errorLine(ctx, s, 'form')}</p>
    ${content}
    <button class="primary" part="submit-button" type="submit" aria-disabled=${!!s.pending}>
      ${s.pending ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}
      <span>${t('continue')}</span>
      ${s.pending ? html`<span class="visually-hidden">${t('working')}</span>` : nothing}
    </button>
    ${after}${otherMethod(ctx, s)}
  </form>`;
}

function subtitle({ kit, t }: EnrolContext, key: MfaKey, values?: Record<string, string>): TemplateResult {
  return kit.html`<p class="subtitle" part="subtitle">${t(key, values)}</p>`;
}

/** "Use another method", back to the list, where the instance allows more than one. */
function otherMethod({ kit, t, enrol }: EnrolContext, s: EnrolState): unknown {
  if (s.methods.length < 2 || s.view === 'backup-codes' || s.view === 'reverify') return kit.nothing;
  return kit.html`<button class="link" part="back-button" type="button" aria-disabled=${!!s.pending} @click=${() => enrol.back()}>${t('otherMethod')}</button>`;
}

function copyButton({ kit, t, enrol }: EnrolContext, label: MfaKey, target: 'secret' | 'codes', text: string, select: string): TemplateResult {
  const feedback: CopyFeedback = enrol.feedback?.target === target ? enrol.feedback : null;
  const said = feedback ? t(feedback.copied ? 'copied' : 'copyManually') : '';
  return kit.html`<button class="link" part="copy-button" type="button"
      @click=${(e: Event) => enrol.copy(text, target, (e.target as Element).closest('form')!.querySelector(select))}>${t(label)}</button>
    <span class="note" part="message" role="status">${said}</span>`;
}

function renderChoose(ctx: EnrolContext, s: EnrolState): TemplateResult {
  const { kit, t, enrol } = ctx;
  const { html } = kit;
  return html`<div class="done">
    <div class="head">
      <h2 id="heading" part="heading" tabindex="-1">${t('enrolTitle')}</h2>
      ${subtitle(ctx, 'enrolSubtitle')}
    </div>
    <ul class="methods" part="methods" role="list" aria-labelledby="heading">
      ${s.methods.map(
        (m) => html`<li><button class="method" part="method-button" type="button" data-method=${m} @click=${() => enrol.choose(m)}><span>${t(METHOD_LABELS[m])}</span></button></li>`,
      )}
    </ul>
  </div>`;
}

function renderTotp(ctx: EnrolContext, s: TotpState): TemplateResult {
  const { kit, t } = ctx;
  const { html, nothing } = kit;
  if (!s.secret || !s.uri) return form(ctx, s, 'totpTitle', subtitle(ctx, 'scanInfo'), nothing);
  const { size, d } = qrPath(s.uri);
  const grouped = s.secret.replace(/(.{4})(?=.)/g, '$1 ');
  return form(
    ctx,
    s,
    'totpTitle',
    subtitle(ctx, 'scanInfo'),
    html`<svg class="qr" part="qr-code" role="img" aria-label=${t('qrAlt')} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
        <rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>
      </svg>
      <div class="secret">
        <p class="secret-line"><span class="note">${t('secretLabel')}</span><code id="totp-secret" part="totp-secret" dir="ltr" translate="no">${grouped}</code>
        ${copyButton(ctx, 'copyKey', 'secret', s.secret, '#totp-secret')}</p>
      </div>
      <p class="note">${t('totpCodeInfo')}</p>
      ${field(ctx, s, CODE)}`,
  );
}

function renderPhone(ctx: EnrolContext, s: EnrolState): TemplateResult {
  return form(
    ctx,
    s,
    'phoneTitle',
    subtitle(ctx, 'phoneInfo'),
    field(ctx, s, { name: 'phone', label: 'phoneLabel', part: 'phone-input', type: 'tel', autocomplete: 'tel', maxlength: 24 }),
  );
}

function renderPhoneCode(ctx: EnrolContext, s: PhoneCodeState): TemplateResult {
  const { kit, t, enrol, lang } = ctx;
  const wait = enrol.resendSecondsLeft();
  const time = new Intl.NumberFormat(lang || 'en', { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(wait);
  return form(
    ctx,
    s,
    'verifyPhoneTitle',
    // The number isolated left to right (it has no letters to say so), so it reads +1 555… in a right-to-left sentence too.
    kit.html`<p class="subtitle" part="message" aria-live="polite">${s.sentAt != null ? t('sentTo', { identifier: `\u2066${s.phoneNumber}\u2069` }) : ''}</p>`,
    field(ctx, s, CODE),
    kit.html`<button class="link" part="resend-button" type="button" aria-disabled=${wait > 0 || !!s.pending} @click=${() => enrol.resend()}>
      ${wait > 0 ? t('resendIn', { time }) : t('resend')}
    </button>`,
  );
}

function renderBackupCodes(ctx: EnrolContext, s: BackupCodesState): TemplateResult {
  const { kit, t, enrol } = ctx;
  const { html } = kit;
  const totp = s.method === 'totp';
  return form(
    ctx,
    s,
    totp ? 'totpEnabled' : 'phoneEnabled',
    html`${subtitle(ctx, totp ? 'totpEnabledInfo' : 'phoneEnabledInfo')}<p class="note">${t('backupCodesInfo')}</p>`,
    html`<ul id="backup-codes" class="codes" part="backup-codes" aria-label=${t('backupCodesLabel')} dir="ltr" translate="no">
        ${s.codes.map((code) => html`<li>${code}</li>`)}
      </ul>
      <p class="actions">
        ${copyButton(ctx, 'copyAll', 'codes', s.codes.join('\n'), '#backup-codes')}
        <button class="link" part="download-button" type="button" @click=${() => enrol.download(s.codes)}>${t('download')}</button>
      </p>
      <div class="field" part="field">
        <label class="check" part="label">
          <input id="saved" part="saved-checkbox" type="checkbox" .checked=${s.saved} aria-invalid=${s.error?.field === 'saved'} aria-describedby="saved-error"
            @change=${(e: Event) => enrol.setSaved((e.target as HTMLInputElement).checked)} />
          <span>${t('savedConfirm')}</span>
        </label>
        <p id="saved-error" class="error" part="error" aria-live="polite">${errorLine(ctx, s, 'saved')}</p>
      </div>`,
  );
}

function renderReverify(ctx: EnrolContext, s: EnrolState): TemplateResult {
  return form(
    ctx,
    s,
    'reverifyTitle',
    subtitle(ctx, 'reverifyInfo'),
    field(ctx, s, { name: 'password', label: 'passwordLabel', part: 'password-input', type: 'password', autocomplete: 'current-password' }),
  );
}

function renderWaiting({ kit, t }: EnrolContext): TemplateResult {
  return kit.html`<div class="done loading" aria-busy="true"><span class="spinner" part="spinner" aria-hidden="true"></span><span class="visually-hidden">${t('working')}</span></div>`;
}

/** The enrolment view on screen, a fresh form for each. */
export function renderEnrolment(ctx: EnrolContext): unknown {
  return ctx.kit.keyed(ctx.enrol.state?.view ?? 'waiting', renderView(ctx));
}

function renderView(ctx: EnrolContext): TemplateResult {
  const s = ctx.enrol.state;
  switch (s?.view) {
    case 'choose':
      return renderChoose(ctx, s);
    case 'totp':
      return renderTotp(ctx, s);
    case 'phone':
      return renderPhone(ctx, s);
    case 'phone-code':
      return renderPhoneCode(ctx, s);
    case 'backup-codes':
      return renderBackupCodes(ctx, s);
    case 'reverify':
      return renderReverify(ctx, s);
  }
  return renderWaiting(ctx);
}
