/**
 * Enrolment at run time, as a Lit reactive controller in the shape of the sign-in's: it holds the
 * machine's state; runs each action the machine asks for exactly once (one call id, one
 * `AbortController`), drops the answers of abandoned ones and aborts what is under way when the
 * element leaves the page; keeps the secrets (a code, the number, the password) only until their
 * action ran, and those of an action Clerk refused for reverification until it ran again; checks
 * the fields before anything goes to Clerk; keeps the resend countdown's clock; copies and
 * downloads; and moves focus to each new view.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClerkAdapter } from '../clerk-adapter.js';
import type * as Clock from '../countdown.js';
import { enrolTransition, initialEnrolState, resendSentAt } from './enrol-machine.js';
import type { mapEnrolFailure } from './enrol-failures.js';
import type { EnrolAction, EnrolAnswer, EnrolError, EnrolEvent, EnrolField, EnrolMethod, EnrolState, EnrolValue, MfaOutcome } from './enrol-types.js';
import { MfaAdapter } from './mfa-adapter.js';
import { copyText, downloadText } from './clipboard.js';

export interface EnrolHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The host's countdown (`../countdown.ts`): one clock for the host and the enrolment it downloads. */
export type EnrolClock = Pick<typeof Clock, 'countdown' | 'resendLeft'>;

export interface EnrolControllerOptions {
  adapter: ClerkAdapter;
  clock: EnrolClock;
  /**
   * Which message each failure shows (`enrol-failures.ts`), from the host: `<clerk-mfa-setup>`
   * has it built in for its own failures, and the enrolment it downloads must not import it again.
   */
  mapFailure: typeof mapEnrolFailure;
  /** Enrolment is complete (after the backup codes were confirmed). */
  onEnrolled(method: EnrolMethod): void;
  /** Enrol this method only (without it, the methods the instance allows). */
  method?: EnrolMethod;
  /**
   * Clerk asks for a recent verification: the host verifies the session its own way (a second
   * factor, too) and calls `reverified()`; without it, the enrolment asks for the password.
   */
  onReverify?(): void;
}

/** What the user typed, by field; each goes only to the action its submit starts. */
export interface EnrolValues {
  code?: string;
  phone?: string;
  password?: string;
}

/** What "Copy" said last, for the polite announcement beside the button. */
export type CopyFeedback = { target: 'secret' | 'codes'; copied: boolean } | null;

const required: Record<'code' | 'phone' | 'password', EnrolError['key']> = { code: 'codeRequired', phone: 'phoneRequired', password: 'passwordRequired' };

export class EnrolController implements ReactiveController {
  /** `null` while the methods the instance allows are read. */
  state: EnrolState | null = null;
  /** The time the resend countdown reads (epoch ms). */
  now = Date.now();
  feedback: CopyFeedback = null;

  readonly #host: EnrolHost;
  readonly #options: EnrolControllerOptions;
  readonly #mfa: MfaAdapter;
  #inflight: { id: number; abort: AbortController } | null = null;
  /** The secrets of the action Clerk refused until the password is confirmed. */
  #held: EnrolValues = {};
  readonly #countdown: Clock.Countdown;
  #focusPending = false;
  #connected = true;

  constructor(host: EnrolHost, options: EnrolControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#mfa = new MfaAdapter(options.adapter);
    this.#countdown = options.clock.countdown(
      (now) => this.resendSecondsLeft(now) > 0,
      (now) => {
        this.now = now;
        this.#host.requestUpdate();
      },
    );
    host.addController(this);
    void this.#start();
  }

  async #start(): Promise<void> {
    const only = this.#options.method;
    const methods = only ? null : await this.#mfa.methods();
    const allowed = only ? [only] : methods?.ok && methods.value.length ? methods.value : (['totp'] as EnrolMethod[]);
    if (!this.#connected) return;
    this.state = initialEnrolState(allowed);
    this.#changed(null);
    // The only method allowed starts at once (the authenticator app asks Clerk for its key).
    if (this.state.pending) void this.#run(this.state.pending, {});
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#inflight?.abort.abort();
    this.#inflight = null;
    this.#held = {};
    this.#countdown.stop();
  }

  hostUpdated(): void {
    if (this.#focusPending) {
      this.#focusPending = false;
      const root = this.#host.renderRoot;
      const error = this.state?.error;
      const target =
        (error && error.field !== 'form' ? root.querySelector<HTMLElement>(`#${error.field}`) : null) ??
        root.querySelector<HTMLElement>('form input:not([type=hidden]):not([type=checkbox])') ??
        root.querySelector<HTMLElement>('#heading');
      target?.focus();
    }
  }

  // ---- intents ---------------------------------------------------------------------------

  submit(values: EnrolValues = {}): void {
    const s = this.state;
    if (!s || s.pending) return;
    const fields: Partial<Record<EnrolState['view'], 'code' | 'phone' | 'password'>> = { totp: 'code', 'phone-code': 'code', phone: 'phone', reverify: 'password' };
    const field = fields[s.view];
    if (field) {
      const value = (values[field] ?? '').trim();
      if (!value) return this.#send({ type: 'invalid', error: { code: 'form_param_missing', key: required[field], field } });
      if (field === 'phone' && !/^\+[1-9]\d{6,14}$/.test(normalizePhone(value))) {
        return this.#send({ type: 'invalid', error: { code: 'form_param_format_invalid', key: 'phoneInvalid', field } });
      }
    }
    this.#send({ type: 'submit', phoneNumber: values.phone?.trim() }, values);
  }

  choose(method: EnrolMethod): void {
    this.#send({ type: 'choose', method });
  }

  back(): void {
    this.#send({ type: 'back' });
  }

  resend(): void {
    if (this.resendSecondsLeft(Date.now()) === 0) this.#send({ type: 'resend' });
  }

  /** Whole seconds until another SMS code may be asked for. */
  resendSecondsLeft(now = this.now): number {
    return this.state ? this.#options.clock.resendLeft(resendSentAt(this.state), now) : 0;
  }

  setSaved(saved: boolean): void {
    this.#send({ type: 'saved', saved });
  }

  continue(): void {
    this.#send({ type: 'continue' });
  }

  edit(field: EnrolField): void {
    this.#send({ type: 'edit', field });
  }

  /** Copies `text`; without the Clipboard API (or its permission), selects `select` for the user to copy. */
  async copy(text: string, target: 'secret' | 'codes', select: Element | null): Promise<void> {
    this.feedback = { target, copied: await copyText(text, select) };
    this.#host.requestUpdate();
  }

  /** Saves the backup codes as a text file. */
  download(codes: readonly string[]): void {
    downloadText(codes);
  }

  /** The host verified the session (`onReverify`): the refused action runs again. */
  reverified(): void {
    this.#send({ type: 'reverified' });
  }

  // ---- the machine and its actions ---------------------------------------------------------

  #send(event: EnrolEvent, values: EnrolValues = {}): void {
    const previous = this.state;
    if (!previous) return;
    const next = enrolTransition(previous, event);
    if (next === previous) return;
    this.state = next;
    this.now = Date.now();
    const pending = next.pending;
    if (previous.pending && !pending && this.#inflight?.id === previous.pending.id) this.#inflight = null;
    // Refused until the password is confirmed: its secrets wait for the retry.
    if (next.view === 'reverify' && previous.view !== 'reverify') this.#held = this.#last;
    this.#changed(previous);
    if (next.view === 'reverify' && previous.view !== 'reverify') this.#options.onReverify?.();
    if (!pending || pending === previous.pending) return;
    const retry = previous.view === 'reverify' && next.view !== 'reverify';
    void this.#run(pending, retry ? this.#held : values);
    if (retry || next.view !== 'reverify') this.#held = {};
  }

  /** The values of the action last started, for a retry after reverification. */
  #last: EnrolValues = {};

  #changed(previous: EnrolState | null): void {
    const next = this.state!;
    // A new view, the key that was still on its way (its code field now shows), or a field's error.
    const arrived = next.view === 'totp' && previous?.view === 'totp' && !previous.secret && !!next.secret;
    if (!previous || previous.view !== next.view || arrived || (next.error && next.error !== previous.error && next.error.field !== 'form')) {
      this.#focusPending = true;
      this.feedback = null;
    }
    if (next.error?.field === 'code') this.#clearCode();
    this.#countdown.sync();
    this.#host.requestUpdate();
    if (next.view === 'enrolled' && previous?.view !== 'enrolled') this.#options.onEnrolled(next.method);
  }

  async #run(action: EnrolAction, values: EnrolValues): Promise<void> {
    const abort = new AbortController();
    this.#inflight = { id: action.id, abort };
    if (action.kind !== 'reverify') this.#last = values;
    const { signal } = abort;
    const code = (values.code ?? '').replace(/\D/g, '');
    const mfa = this.#mfa;
    let call: Promise<MfaOutcome<EnrolValue | unknown>>;
    switch (action.kind) {
      case 'create-totp':
        call = mfa.createTotp(signal);
        break;
      case 'verify-totp':
        call = mfa.verifyTotp(code, signal);
        break;
      case 'create-phone':
        call = mfa.createPhone(normalizePhone(values.phone ?? ''), signal);
        break;
      case 'prepare-phone':
        call = mfa.preparePhone(action.phoneId, signal);
        break;
      case 'attempt-phone':
        call = mfa.attemptPhone(action.phoneId, code, signal);
        break;
      case 'reserve-phone':
        call = mfa.reservePhone(action.phoneId, signal);
        break;
      case 'reverify':
        call = mfa.reverify(values.password ?? '', signal);
    }
    let outcome: MfaOutcome<EnrolValue | unknown>;
    try {
      outcome = await call;
    } catch {
      return; // aborted: the answer belongs to an abandoned action
    }
    if (this.#inflight?.id === action.id) this.#inflight = null;
    if (!this.#connected) return;
    const answer: EnrolAnswer = outcome.ok
      ? { ok: true, value: (outcome.value ?? {}) as EnrolValue }
      : { ok: false, error: this.#options.mapFailure(outcome.failure, action) };
    // Kept only while Clerk waits for the password before this action may run again.
    if (answer.ok || answer.error.code !== 'session_reverification_required') this.#last = {};
    this.#send({ type: 'result', id: action.id, outcome: answer, now: Date.now() });
  }

  #clearCode(): void {
    const input = this.#host.renderRoot.querySelector<HTMLInputElement>('#code');
    if (input) input.value = '';
  }
}

/** `+1 (555) 555-0100` → `+15555550100`, as Clerk stores numbers (E.164). */
export function normalizePhone(value: string): string {
  return value.trim().replace(/[\s().-]/g, '');
}
