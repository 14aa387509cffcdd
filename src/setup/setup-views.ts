/**
 * The `<clerk-mfa-setup>` views a visit may never show, downloaded the first time one is
 * (`load-setup-parts.ts`): the confirmation of a removal, the verified numbers to pick (and the
 * call that reserves one), the new backup codes (copied or saved as a file), the reverification
 * (password or a second factor).
 *
 * Of the built-in code it imports only types: a module it shared with the CDN file would become a
 * chunk that file imports before it can render (`scripts/build.mjs` refuses that). Lit and the
 * helpers of the built-in views come from the host (`ViewKit`). What it shares with the
 * enrolment (copying, the calls of `mfa-adapter.ts`) downloads with whichever comes first.
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { ClerkAdapter } from '../clerk-adapter.js';
import { copyText, downloadText } from '../mfa/clipboard.js';
import type { MfaOutcome } from '../mfa/enrol-types.js';
import { MfaAdapter } from '../mfa/mfa-adapter.js';
import type { MfaKey } from '../mfa/strings.js';
import type { availablePhones as AvailablePhones } from './setup-machine.js';
import type { SetupContext, ViewHelpers } from './setup-templates.js';
import type { AddingState, BackupCodesState, ConfirmRemoveState, ReverifyState, ReverifyStrategy, SetupState } from './setup-types.js';
import type { SetupKey } from './strings.js';

/** What the downloaded views draw with: the host's Lit and the helpers of its own views. */
export interface ViewKit extends ViewHelpers {
  html: typeof litHtml;
  nothing: typeof litNothing;
  availablePhones: typeof AvailablePhones;
}

const FACTOR_LABELS: Record<ReverifyStrategy, SetupKey> = { password: 'usePassword', totp: 'useTotp', phone_code: 'usePhone', backup_code: 'useBackupCode' };

const REVERIFY_INFO: Record<ReverifyStrategy, SetupKey | MfaKey> = {
  password: 'reverifyInfo',
  totp: 'reverifyTotpInfo',
  phone_code: 'reverifyPhoneInfo',
  backup_code: 'reverifyBackupInfo',
};

/** Reserves the verified number `phoneId` for SMS codes, as the enrolment does; its backup codes, if Clerk made some. */
export function reservePhone(clerk: ClerkAdapter, phoneId: string, signal: AbortSignal): Promise<MfaOutcome<{ backupCodes: readonly string[] | null }>> {
  return new MfaAdapter(clerk).reservePhone(phoneId, signal);
}

/** "Copy all": copied, or the codes selected for the user to copy; said beside the button. */
async function copyCodes(ctx: SetupContext, codes: readonly string[], select: Element | null): Promise<void> {
  ctx.setup.copied = await copyText(codes.join('\n'), select);
  ctx.update();
}

/** The views, drawn with the host's kit: `render` draws the one for the state, if it is one of them. */
export function setupViews(kit: ViewKit): { render(ctx: SetupContext, s: SetupState): TemplateResult | null } {
  const { html, nothing, availablePhones, prefetchEnrolment, chevronIcon, ltr, phoneNumber, errorLine, formError, spinner, action, busyWith, heading, subtitle, cancelButton, form, primary, renderWaiting } = kit;

  /** A number or address on screen: an element isolated left to right, not translated. */
  const identifier = (text: string) => html`<bdi dir="ltr" translate="no">${text}</bdi>`;

  /** The text of `key` with each value drawn by `draw`, so a sentence in Arabic keeps +1 555… whole. */
  function sentence({ t }: SetupContext, key: SetupKey | MfaKey, values: Record<string, string>, draw: (value: string) => unknown = identifier): unknown[] {
    const names = Object.keys(values);
    const text = t(key, Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE000`])));
    return text.split(/\uE000(\d+)\uE000/).map((part, i) => (i % 2 ? draw(values[names[Number(part)]]!) : part));
  }

  function renderConfirmRemove(ctx: SetupContext, s: ConfirmRemoveState): TemplateResult {
    const { removal } = s;
    const info =
      removal.method === 'totp' ? subtitle(ctx, 'removeTotpInfo') : html`<p class="subtitle" part="subtitle">${sentence(ctx, 'removePhoneInfo', { identifier: removal.phoneNumber }, phoneNumber)}</p>`;
    return form(
      ctx,
      s,
      html`${heading(ctx, 'removeTitle', html`${info}<p class="note">${ctx.t('removeWarning')}</p>`)}
        ${formError(ctx, s)} ${primary(ctx, s, 'remove', 'confirm-button', true)} ${cancelButton(ctx)}`,
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
            @click=${(e: Event) => copyCodes(ctx, s.codes, (e.target as Element).closest('form')!.querySelector('#backup-codes'))}>${t('copyAll')}</button>
          <span class="note" part="message" role="status">${said}</span>
          <button class="link" part="download-button" type="button" @click=${() => downloadText(s.codes)}>${t('download')}</button>
        </p>
        ${primary(ctx, { ...s, pending: null }, 'finish')}`,
    );
  }

  /** Each button's name is "Use" and the number it shows, as typed (E.164). */
  function renderPickPhone(ctx: SetupContext, s: AddingState): TemplateResult {
    const { setup, t } = ctx;
    return html`<div class="done">
      ${heading(ctx, 'phoneTitle', subtitle(ctx, 'pickPhoneInfo'))} ${formError(ctx, s)}
      <ul class="methods" role="list" aria-labelledby="heading">
        ${availablePhones(s).map(
          (phone) => html`<li>
            <button class="method" part="method-button" type="button" aria-disabled=${!!s.pending} aria-label=${t('useNamed', { identifier: ltr(phone.phoneNumber) })}
              @click=${() => setup.call({ kind: 'reserve-phone', phoneId: phone.id })}>
              ${spinner(busyWith(s, 'reserve-phone', phone.id), ctx)}${identifier(phone.phoneNumber)}
            </button>
          </li>`,
        )}
      </ul>
      ${action(ctx, 'add-phone-button', t('addPhone'), t('addPhone'), false, () => setup.add('phone'), prefetchEnrolment)} ${cancelButton(ctx)}
    </div>`;
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

  function renderReverify(ctx: SetupContext, s: ReverifyState): TemplateResult {
    const { setup, t } = ctx;
    if (!s.step || !s.strategy) {
      return s.error ? html`<div class="done">${heading(ctx, 'reverifyTitle', nothing)} ${formError(ctx, s)} ${cancelButton(ctx)}</div>` : renderWaiting(ctx);
    }
    const strategy = s.strategy;
    const others = s.step.factors.filter((f) => f.strategy !== strategy);
    const sentTo = strategy === 'phone_code' && s.sentAt != null ? sentence(ctx, 'sentTo', { identifier: setup.verificationPhone }) : '';
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
                    @click=${() => setup.chooseFactor(f.strategy)}><span>${sentence(ctx, FACTOR_LABELS[f.strategy], { identifier: f.safeIdentifier ?? '' })}</span>${chevronIcon}</button></li>`,
                )}
              </ul>
            </div>`
          : nothing}
        ${cancelButton(ctx)}`,
    );
  }

  return {
    render(ctx, s) {
      switch (s.view) {
        case 'adding':
          return s.adding === 'pick-phone' ? renderPickPhone(ctx, s) : null;
        case 'confirm-remove':
          return renderConfirmRemove(ctx, s);
        case 'backup-codes':
          return renderCodes(ctx, s);
        case 'reverify':
          return renderReverify(ctx, s);
        default:
          return null;
      }
    },
  };
}
