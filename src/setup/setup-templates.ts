/**
 * The markup of the `<clerk-mfa-setup>` views built in, and what their controls hand to the
 * `SetupController`: the overview of the user's second factors, and adding an authenticator app or
 * a new number with the enrolment's own views (`../mfa/enrol-templates.ts`, downloaded when "Add"
 * is pressed, begun when a pointer or the focus is on it) and a way back. The others (a removal,
 * the numbers to pick, new backup codes, the reverification) are `setup-views.ts`, downloaded the
 * first time one shows. The element's stylesheet gives the classes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { chevronIcon, errorIcon } from '../icons.js';
import type { MfaKey } from '../mfa/strings.js';
import { enrolmentPart, prefetchEnrolment, setupViewsPart } from './load-setup-parts.js';
import type { SetupController } from './setup-controller.js';
import { availablePhones } from './setup-machine.js';
import type { AddingState, SetupField, SetupPhone, SetupState } from './setup-types.js';
import type { SetupKey } from './strings.js';

export type Translate = (key: SetupKey | MfaKey, values?: Record<string, string | number>) => string;

/** What the views read and call. */
export interface SetupContext {
  readonly setup: SetupController;
  /** The element's language, for the countdowns' units. */
  lang: string;
  t: Translate;
  /** Draws the element again (once a downloaded view arrives). */
  update(): void;
  /** Loads the page again: a browser keeps a failed download of a module for the page's life. */
  reload(): void;
  /** Set by the last render: the view on screen is still downloading (the element is busy). */
  downloading?: boolean;
}

/** A number isolated left to right, so it reads +1 555… in a right-to-left sentence too (in an attribute). */
const ltr = (text: string) => `\u2066${text}\u2069`;

/**
 * A number of the account (E.164, its `value`) as Clerk's lists show it: North American ones as
 * +1 (555) 555-0100, others as they are. Isolated left to right and kept on one line.
 */
function phoneNumber(e164: string): TemplateResult {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return html`<data class="number" dir="ltr" translate="no" value=${e164}>${nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164}</data>`;
}

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

/**
 * A button of the overview; the one whose change is under way shows it. `soon`: what it will
 * need, begun when a pointer or the focus is on it.
 */
function action(ctx: SetupContext, part: string, label: string, name: string, busy: boolean, onClick: () => void, soon?: () => void): TemplateResult {
  const pending = !!ctx.setup.state.pending;
  return html`<button class="link" part=${part} type="button" aria-label=${name === label ? nothing : name} aria-disabled=${pending}
    @click=${onClick} @pointerenter=${soon} @focus=${soon}>
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

function subtitle({ t }: SetupContext, key: SetupKey | MfaKey): TemplateResult {
  return html`<p class="subtitle" part="subtitle">${t(key)}</p>`;
}

function cancelButton({ setup, t }: SetupContext, label: SetupKey = 'cancel'): TemplateResult {
  return html`<button class="secondary" part="cancel-button" type="button" aria-disabled=${!!setup.state.pending} @click=${() => setup.cancel()}>${t(label)}</button>`;
}

/** The form of a view: its submit goes to the controller with the secret typed (if any). */
function form(ctx: SetupContext, s: SetupState, content: unknown): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    ctx.setup.submit((e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name]')?.value);
  };
  return html`<form part="form" novalidate aria-labelledby="heading" aria-busy=${!!s.pending} @submit=${submit}>${content}</form>`;
}

/** The submit button of a view; `danger` for one that takes something away (red, as Clerk's). */
function primary(ctx: SetupContext, s: SetupState, label: SetupKey | MfaKey, part = 'confirm-button', danger = false): TemplateResult {
  return html`<button class="primary ${danger ? 'danger' : ''}" part="submit-button ${part}" type="submit" aria-disabled=${!!s.pending}>
    ${spinner(!!s.pending, ctx)}<span>${ctx.t(label)}</span>
  </button>`;
}

// ---- the overview ------------------------------------------------------------------------

function phoneRow(ctx: SetupContext, s: SetupState, phone: SetupPhone): TemplateResult {
  const { setup, t } = ctx;
  const number = ltr(phone.phoneNumber);
  return html`<li class="row" part="method" data-phone-id=${phone.id}>
    <span class="row-name">${phoneNumber(phone.phoneNumber)}
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
          : action(ctx, 'add-totp-button', t('addTotp'), t('addTotp'), false, () => setup.add('totp'), prefetchEnrolment)}
      </li>
      <li class="factor" part="method" data-method="phone_code">
        <span class="row-name">${t('methodPhone')} ${status(ctx, reserved.length > 0)}</span>
        ${reserved.length
          ? html`<ul class="phones" role="list" aria-label=${t('methodPhone')}>${reserved.map((phone) => phoneRow(ctx, s, phone))}</ul>`
          : html`<p class="note">${t('noPhones')}</p>`}
        ${action(ctx, 'add-phone-button', t('addPhone'), t('addPhone'), false, () => setup.add('phone'), prefetchEnrolment)}
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

// ---- the views downloaded when first shown ---------------------------------------------

/** The helpers the downloaded views (`setup-views.ts`) share with these. */
export type ViewHelpers = typeof HELPERS;

type Views = ReturnType<typeof import('./setup-views.js').setupViews>;

let views: Views | undefined;
/** The state whose view did not download: it says so; the next view asked for tries again. */
let failedFor: SetupState | undefined;

/** The message of a part that did not download. */
const LOAD_FAILED = { code: 'clerk_load_failed', key: 'loadFailed', field: 'form' } as const;

/**
 * A part did not download: the message and "Continue", which loads the page again (as the
 * sign-in's does: browsers keep a failed download of a module for the page's life).
 */
function downloadFailed(ctx: SetupContext, s: SetupState): TemplateResult {
  return html`${formError(ctx, { ...s, error: LOAD_FAILED })}
    <button class="primary" part="submit-button" type="button" @click=${ctx.reload}>${ctx.t('continue')}</button>`;
}

/** A view of `setup-views.ts`, downloaded the first time one is shown (the spinner meanwhile). */
function renderDownloaded(ctx: SetupContext, s: SetupState): unknown {
  const part = setupViewsPart.loaded;
  if (part) return (views ??= part.setupViews({ html, nothing, availablePhones, ...HELPERS })).render(ctx, s);
  if (failedFor === s) return html`<div class="done">${downloadFailed(ctx, s)}${cancelButton(ctx)}</div>`;
  setupViewsPart.load().then(ctx.update, () => {
    failedFor = ctx.setup.state;
    ctx.update();
  });
  ctx.downloading = true;
  return renderWaiting(ctx);
}

/**
 * Adding a method with the enrolment's views. While the enrolment downloads, its heading, the
 * spinner where the rest will be, and the way back; if it cannot be downloaded, the message,
 * "Continue" and the way back.
 */
function renderAdding(ctx: SetupContext, s: AddingState): unknown {
  const { setup } = ctx;
  const enrol = setup.enrol;
  const part = enrolmentPart.loaded;
  const back = cancelButton(ctx, s.adding === 'phone' && availablePhones(s).length ? 'useExistingPhone' : 'cancel');
  if (!enrol || !part) {
    // The heading the enrolment's first view has, where it will have it (and focused, it stays).
    const title = heading(ctx, s.adding === 'totp' ? 'totpTitle' : 'phoneTitle', nothing);
    const failed = setup.enrolFailed;
    ctx.downloading = !failed;
    const content = failed ? downloadFailed(ctx, s) : renderWaiting(ctx);
    return html`<div class="done">${title}${content}${back}</div>`;
  }
  const view = enrol.state?.view;
  const drawn = part.renderEnrolment({ kit: { html, nothing, keyed, errorIcon }, enrol, lang: ctx.lang, t: ctx.t });
  // Once the factor is on the account, its backup codes are confirmed before going back.
  if (view === 'backup-codes' || view === 'enrolled') return drawn;
  // A new number, when the user has verified ones: back to those.
  return html`${drawn}${back}`;
}

function renderWaiting({ t }: SetupContext): TemplateResult {
  return html`<div class="done loading" aria-busy="true"><span class="spinner" part="spinner" aria-hidden="true"></span><span class="visually-hidden">${t('loading')}</span></div>`;
}

const HELPERS = { prefetchEnrolment, chevronIcon, ltr, phoneNumber, errorLine, formError, spinner, action, busyWith, heading, subtitle, cancelButton, form, primary, renderWaiting };

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
      // The verified numbers to pick are a downloaded view.
      return s.adding === 'pick-phone' ? renderDownloaded(ctx, s) : renderAdding(ctx, s);
    default:
      return renderDownloaded(ctx, s);
  }
}

/** The card: the view on screen (a fresh one for each) and the announcement of the last change. */
export function renderSetup(ctx: SetupContext): TemplateResult {
  const s = ctx.setup.state;
  ctx.downloading = false;
  // The numbers it names isolated left to right, as everywhere.
  const values = s.notice?.values && Object.fromEntries(Object.entries(s.notice.values).map(([k, v]) => [k, ltr(v)]));
  const notice = s.notice && s.view === 'overview' ? ctx.t(s.notice.key, values) : '';
  const key = s.view === 'adding' ? `adding-${s.adding}` : s.view === 'reverify' ? `reverify-${s.strategy}` : s.view;
  return html`<section class="card" part="card" aria-labelledby=${s.view === 'overview' || s.view === 'signed-out' || s.view === 'loading' ? 'title' : 'heading'}>
    ${keyed(key, renderView(ctx))}
    <p class="notice" part="message notice" role="status">${notice}</p>
  </section>`;
}
