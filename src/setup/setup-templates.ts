/**
 * The markup of each `<clerk-mfa-setup>` view, and what its controls hand to the
 * `SetupController`: the overview of the user's second factors, the confirmation of a removal,
 * the verified numbers to pick, the new backup codes, the reverification (password or a second
 * factor). Adding an authenticator app or a new number shows the enrolment's own views
 * (`../mfa/enrol-templates.ts`), with a way back. The element's stylesheet gives the classes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { errorIcon } from '../icons.js';
import { renderEnrolment } from '../mfa/enrol-templates.js';
import type { MfaKey } from '../mfa/strings.js';
import type { SetupController } from './setup-controller.js';
import { availablePhones } from './setup-machine.js';
import type { AddingState, BackupCodesState, ConfirmRemoveState, ReverifyState, ReverifyStrategy, SetupField, SetupPhone, SetupState } from './setup-types.js';
import type { SetupKey } from './strings.js';

export type Translate = (key: SetupKey | MfaKey, values?: Record<string, string | number>) => string;

/** What the views read and call. */
export interface SetupContext {
  readonly setup: SetupController;
  /** The element's language, for the countdowns' units. */
  lang: string;
  t: Translate;
}

/** A number isolated left to right, so it reads +1 555… in a right-to-left sentence too. */
const ltr = (text: string) => `\u2066${text}\u2069`;

const FACTOR_LABELS: Record<ReverifyStrategy, SetupKey> = { password: 'usePassword', totp: 'useTotp', phone_code: 'usePhone', backup_code: 'useBackupCode' };

function errorLine({ t }: SetupContext, s: SetupState, field: SetupField): unknown {
  const error = s.error?.field === field ? s.error : null;
  return error ? html`${errorIcon}<span>${t(error.key)}</span>` : '';
}

function formError(ctx: SetupContext, s: SetupState): TemplateResult {
  return html`<p class="error form-error" part="error form-error" role="alert">${errorLine(ctx, s, 'form')}</p>`;
}

function spinner(on: boolean, { t }: SetupContext): unknown {
  return on ? html`<span class="spinner" part="spinner" aria-hidden="true"></span><span class="visually-hidden">${t('working')}</span>` : nothing;
}

/** A button of the overview; the one whose change is under way shows it. */
function action(ctx: SetupContext, part: string, label: string, name: string, busy: boolean, onClick: () => void): TemplateResult {
  const pending = !!ctx.setup.state.pending;
  return html`<button class="link" part=${part} type="button" aria-label=${name === label ? nothing : name} aria-disabled=${pending} @click=${onClick}>
    ${spinner(busy, ctx)}<span>${label}</span>
  </button>`;
}

function busyWith(s: SetupState, kind: string, phoneId?: string): boolean {
  const p = s.pending;
  return !!p && p.kind === kind && (phoneId === undefined || ('phoneId' in p && p.phoneId === phoneId));
}

function heading(ctx: SetupContext, key: SetupKey | MfaKey, info: unknown): TemplateResult {
  return html`<div class="head">
    <h2 id="heading" part="heading" tabindex="-1">${ctx.t(key)}</h2>
    ${info}
  </div>`;
}

function subtitle({ t }: SetupContext, key: SetupKey | MfaKey, values?: Record<string, string>): TemplateResult {
  return html`<p class="subtitle" part="subtitle">${t(key, values)}</p>`;
}

function cancelButton({ setup, t }: SetupContext): TemplateResult {
  return html`<button class="secondary" part="cancel-button" type="button" aria-disabled=${!!setup.state.pending} @click=${() => setup.cancel()}>${t('cancel')}</button>`;
}

/** The form of a view: its submit goes to the controller with the secret typed (if any). */
function form(ctx: SetupContext, s: SetupState, content: unknown): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    ctx.setup.submit((e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name]')?.value);
  };
  return html`<form part="form" novalidate aria-labelledby="heading" aria-busy=${!!s.pending} @submit=${submit}>${content}</form>`;
}

function primary(ctx: SetupContext, s: SetupState, label: SetupKey | MfaKey, part = 'confirm-button'): TemplateResult {
  return html`<button class="primary" part="submit-button ${part}" type="submit" aria-disabled=${!!s.pending}>
    ${spinner(!!s.pending, ctx)}<span>${ctx.t(label)}</span>
  </button>`;
}

// ---- the overview ------------------------------------------------------------------------

function phoneRow(ctx: SetupContext, s: SetupState, phone: SetupPhone): TemplateResult {
  const { setup, t } = ctx;
  const number = ltr(phone.phoneNumber);
  return html`<li class="row" part="method" data-phone-id=${phone.id}>
    <span class="row-name"><span dir="ltr" translate="no">${phone.phoneNumber}</span>
      ${phone.defaultSecondFactor ? html`<span class="badge" part="badge">${t('defaultBadge')}</span>` : nothing}</span>
    <span class="row-actions">
      ${phone.defaultSecondFactor
        ? nothing
        : action(ctx, 'make-default-button', t('makeDefault'), t('makeDefaultNamed', { identifier: number }), busyWith(s, 'make-default', phone.id), () =>
            setup.call({ kind: 'make-default', phoneId: phone.id }),
          )}
      ${action(ctx, 'remove-phone-button', t('remove'), t('removeNamed', { identifier: number }), false, () =>
        setup.remove({ method: 'phone_code', phoneId: phone.id, phoneNumber: phone.phoneNumber }),
      )}
    </span>
  </li>`;
}

function status({ t }: SetupContext, on: boolean): TemplateResult {
  return html`<span class="status" part="status" data-on=${on}>${t(on ? 'statusOn' : 'statusOff')}</span>`;
}

function renderOverview(ctx: SetupContext, s: SetupState): TemplateResult {
  const { setup, t } = ctx;
  const factors = s.factors;
  if (!factors) return renderWaiting(ctx);
  const reserved = factors.phones.filter((p) => p.reserved);
  const strong = factors.totp || reserved.length > 0;
  const totpName = t('methodTotp');
  return html`<ul class="method-list" part="method-list" role="list" aria-labelledby="title">
      <li class="factor" part="method" data-method="totp">
        <span class="row-name">${totpName} ${status(ctx, factors.totp)}</span>
        ${factors.totp
          ? action(ctx, 'remove-totp-button', t('remove'), t('removeNamed', { identifier: totpName }), false, () => setup.remove({ method: 'totp' }))
          : action(ctx, 'add-totp-button', t('addTotp'), t('addTotp'), false, () => setup.add('totp'))}
      </li>
      <li class="factor" part="method" data-method="phone_code">
        <span class="row-name">${t('methodPhone')} ${status(ctx, reserved.length > 0)}</span>
        ${reserved.length
          ? html`<ul class="phones" role="list" aria-label=${t('methodPhone')}>${reserved.map((phone) => phoneRow(ctx, s, phone))}</ul>`
          : html`<p class="note">${t('noPhones')}</p>`}
        ${action(ctx, 'add-phone-button', t('addPhone'), t('addPhone'), false, () => setup.add('phone'))}
      </li>
      <li class="factor" part="method" data-method="backup_code">
        <span class="row-name">${t('backupCodesTitle')} ${status(ctx, factors.backupCodes)}</span>
        ${strong
          ? html`<p class="note">${t('regenerateInfo')}</p>
              ${action(ctx, 'regenerate-button', t('regenerate'), t('regenerateTitle'), busyWith(s, 'regenerate'), () => setup.call({ kind: 'regenerate' }))}`
          : html`<p class="note">${t('backupCodesOff')}</p>`}
      </li>
    </ul>
    ${formError(ctx, s)}`;
}

// ---- the other views ---------------------------------------------------------------------

function renderConfirmRemove(ctx: SetupContext, s: ConfirmRemoveState): TemplateResult {
  const { removal } = s;
  const info =
    removal.method === 'totp' ? subtitle(ctx, 'removeTotpInfo') : subtitle(ctx, 'removePhoneInfo', { identifier: ltr(removal.phoneNumber) });
  return form(
    ctx,
    s,
    html`${heading(ctx, 'removeTitle', html`${info}<p class="note">${ctx.t('removeWarning')}</p>`)}
      ${formError(ctx, s)} ${primary(ctx, s, 'remove')} ${cancelButton(ctx)}`,
  );
}

function renderCodes(ctx: SetupContext, s: BackupCodesState): TemplateResult {
  const { setup, t } = ctx;
  const said = setup.copied === null ? '' : t(setup.copied ? 'copied' : 'copyManually');
  const info = s.regenerated
    ? html`${subtitle(ctx, 'regeneratedInfo')}<p class="note">${t('codesSecret')} ${t('codesShownOnce')}</p>`
    : html`${subtitle(ctx, 'phoneAdded')}<p class="note">${t('backupCodesInfo')}</p>`;
  return form(
    ctx,
    { ...s, pending: null },
    html`${heading(ctx, s.regenerated ? 'regenerateTitle' : 'phoneEnabled', info)}
      <ul id="backup-codes" class="codes" part="backup-codes" aria-label=${t('backupCodesLabel')} dir="ltr" translate="no">
        ${s.codes.map((code) => html`<li>${code}</li>`)}
      </ul>
      <p class="actions">
        <button class="link" part="copy-button" type="button"
          @click=${(e: Event) => setup.copy(s.codes, (e.target as Element).closest('form')!.querySelector('#backup-codes'))}>${t('copyAll')}</button>
        <span class="note" part="message" role="status">${said}</span>
        <button class="link" part="download-button" type="button" @click=${() => setup.download(s.codes)}>${t('download')}</button>
      </p>
      ${primary(ctx, { ...s, pending: null }, 'finish')}`,
  );
}

function renderPickPhone(ctx: SetupContext, s: AddingState): TemplateResult {
  const { setup, t } = ctx;
  return html`<div class="done">
    ${heading(ctx, 'phoneTitle', subtitle(ctx, 'pickPhoneInfo'))} ${formError(ctx, s)}
    <ul class="methods" role="list" aria-labelledby="heading">
      ${availablePhones(s).map(
        (phone) => html`<li>
          <button class="method" part="method-button" type="button" aria-disabled=${!!s.pending} aria-label=${t('useNamed', { identifier: ltr(phone.phoneNumber) })}
            @click=${() => setup.call({ kind: 'reserve-phone', phoneId: phone.id })}>
            ${spinner(busyWith(s, 'reserve-phone', phone.id), ctx)}<span dir="ltr" translate="no">${phone.phoneNumber}</span>
          </button>
        </li>`,
      )}
    </ul>
    ${action(ctx, 'add-phone-button', t('addPhone'), t('addPhone'), false, () => setup.add('phone'))} ${cancelButton(ctx)}
  </div>`;
}

function renderAdding(ctx: SetupContext, s: AddingState): unknown {
  if (s.adding === 'pick-phone') return renderPickPhone(ctx, s);
  const enrol = ctx.setup.enrol;
  if (!enrol) return renderWaiting(ctx);
  const view = enrol.state?.view;
  const drawn = renderEnrolment({ kit: { html, nothing, keyed, errorIcon }, enrol, lang: ctx.lang, t: ctx.t });
  // Once the factor is on the account, its backup codes are confirmed before going back.
  return view === 'backup-codes' || view === 'enrolled' ? drawn : html`${drawn}${cancelButton(ctx)}`;
}

function codeField(ctx: SetupContext, s: ReverifyState): TemplateResult {
  const { t, setup } = ctx;
  const password = s.strategy === 'password';
  const backup = s.strategy === 'backup_code';
  const name = password ? 'password' : 'code';
  const label: SetupKey | MfaKey = password ? 'passwordLabel' : backup ? 'backupCodeLabel' : 'codeLabel';
  const onInput = (e: InputEvent) => {
    setup.edit(name);
    const input = e.target as HTMLInputElement;
    if (!password && !backup && input.value.replace(/\D/g, '').length === 6) input.form?.requestSubmit();
  };
  return html`<div class="field" part="field">
    <label part="label" for=${name}>${t(label)}</label>
    <div class="control">
      <input id=${name} name=${name} part="input ${name}-input" type=${password ? 'password' : 'text'}
        autocomplete=${password ? 'current-password' : 'one-time-code'} inputmode=${password || backup ? nothing : 'numeric'}
        maxlength=${password ? nothing : backup ? 32 : 6} autocapitalize="none" spellcheck="false" required
        aria-invalid=${s.error?.field === name} aria-describedby="${name}-error" @input=${onInput} />
    </div>
    <p id="${name}-error" class="error" part="error" aria-live="polite">${errorLine(ctx, s, name)}</p>
  </div>`;
}

const REVERIFY_INFO: Record<ReverifyStrategy, SetupKey | MfaKey> = {
  password: 'reverifyInfo',
  totp: 'reverifyTotpInfo',
  phone_code: 'reverifyPhoneInfo',
  backup_code: 'reverifyBackupInfo',
};

function renderReverify(ctx: SetupContext, s: ReverifyState): TemplateResult {
  const { setup, t } = ctx;
  if (!s.step || !s.strategy) {
    return s.error ? html`<div class="done">${heading(ctx, 'reverifyTitle', nothing)} ${formError(ctx, s)} ${cancelButton(ctx)}</div>` : renderWaiting(ctx);
  }
  const strategy = s.strategy;
  const others = s.step.factors.filter((f) => f.strategy !== strategy);
  const sentTo = strategy === 'phone_code' && s.sentAt != null ? t('sentTo', { identifier: ltr(setup.verificationPhone) }) : '';
  const wait = setup.resendSecondsLeft();
  const time = new Intl.NumberFormat(ctx.lang || 'en', { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(wait);
  return form(
    ctx,
    s,
    html`${heading(ctx, strategy === 'backup_code' ? 'reverifyBackupTitle' : 'reverifyTitle', html`${subtitle(ctx, REVERIFY_INFO[strategy])}
        <p class="note" part="message" aria-live="polite">${sentTo}</p>`)}
      ${formError(ctx, s)} ${codeField(ctx, s)} ${primary(ctx, s, 'continue', 'verify-button')}
      ${strategy === 'phone_code'
        ? html`<button class="link" part="resend-button" type="button" aria-disabled=${wait > 0 || !!s.pending} @click=${() => setup.resend()}>
            ${wait > 0 ? t('resendIn', { time }) : t('resend')}
          </button>`
        : nothing}
      ${others.length
        ? html`<div class="methods" part="methods" role="group" aria-labelledby="methods-label">
            <p id="methods-label" part="methods-label">${t('otherMethods')}</p>
            <ul role="list">
              ${others.map(
                (f) => html`<li><button class="method" part="method-button" type="button" aria-disabled=${!!s.pending} data-strategy=${f.strategy}
                  @click=${() => setup.chooseFactor(f.strategy)}><span>${t(FACTOR_LABELS[f.strategy], { identifier: ltr(f.safeIdentifier ?? '') })}</span></button></li>`,
              )}
            </ul>
          </div>`
        : nothing}
      ${cancelButton(ctx)}`,
  );
}

function renderWaiting({ t }: SetupContext): TemplateResult {
  return html`<div class="done loading" aria-busy="true"><span class="spinner" part="spinner" aria-hidden="true"></span><span class="visually-hidden">${t('loading')}</span></div>`;
}

/** The card's title, over the overview and the states around it. */
function header(ctx: SetupContext, info: unknown): TemplateResult {
  return html`<div class="head" part="header">
    <h2 id="title" part="title" tabindex="-1">${ctx.t('title')}</h2>
    ${info}
  </div>`;
}

function renderView(ctx: SetupContext): unknown {
  const s = ctx.setup.state;
  switch (s.view) {
    case 'loading':
      return s.error ? html`${header(ctx, nothing)}${formError(ctx, s)}` : renderWaiting(ctx);
    case 'signed-out':
      return header(ctx, subtitle(ctx, 'signedOut'));
    case 'overview':
      return html`${header(ctx, subtitle(ctx, 'subtitle'))}${renderOverview(ctx, s)}`;
    case 'adding':
      return renderAdding(ctx, s);
    case 'confirm-remove':
      return renderConfirmRemove(ctx, s);
    case 'backup-codes':
      return renderCodes(ctx, s);
    case 'reverify':
      return renderReverify(ctx, s);
  }
}

/** The card: the view on screen (a fresh one for each) and the announcement of the last change. */
export function renderSetup(ctx: SetupContext): TemplateResult {
  const s = ctx.setup.state;
  const notice = s.notice && s.view === 'overview' ? ctx.t(s.notice.key, s.notice.values) : '';
  const key = s.view === 'adding' ? `adding-${s.adding}` : s.view === 'reverify' ? `reverify-${s.strategy}` : s.view;
  return html`<section class="card" part="card" aria-labelledby=${s.view === 'overview' || s.view === 'signed-out' || s.view === 'loading' ? 'title' : 'heading'}>
    ${keyed(key, renderView(ctx))}
    <p class="notice" part="message notice" role="status">${notice}</p>
  </section>`;
}
