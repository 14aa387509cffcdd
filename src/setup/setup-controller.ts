/**
 * `<clerk-mfa-setup>` at run time, as a Lit reactive controller in the shape of the enrolment's:
 * it holds the machine's state; runs each action the machine asks for exactly once (one call id,
 * one `AbortController`; a second click never sends a second request), drops the answers of
 * abandoned ones and aborts what is under way when the element leaves the page; keeps a code or
 * password only until its action ran; runs the add flows with the enrolment's own controller
 * (`../mfa/enrol-controller.ts`: the QR code, the key, the code, the number, the backup codes),
 * downloaded the first time a method is added; follows Clerk's user (signed in, out); and moves
 * focus to each new view.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClerkAdapter } from '../clerk-adapter.js';
import { countdown, resendLeft } from '../countdown.js';
import type { EnrolController } from '../mfa/enrol-controller.js';
import { mapEnrolFailure } from '../mfa/enrol-failures.js';
import type { MfaOutcome } from '../mfa/enrol-types.js';
import { ManageAdapter } from '../mfa/manage-adapter.js';
import { enrolmentPart, setupViewsPart } from './load-setup-parts.js';
import { mapSetupFailure } from './setup-failures.js';
import { initialSetupState, setupTransition, verificationPhone } from './setup-machine.js';
import type { Adding, Removal, ReverifyStrategy, SetupAction, SetupAnswer, SetupCall, SetupChange, SetupError, SetupEvent, SetupField, SetupMethod, SetupState, SetupValue } from './setup-types.js';

export interface SetupHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface SetupControllerOptions {
  /** A change took effect (`mfa-changed`). */
  onChange(method: SetupMethod, action: SetupChange): void;
  /** An error is shown, or nobody is signed in (`mfa-error`). */
  onError(error: SetupError): void;
}

/** What each change is, for `mfa-changed`. */
const CHANGES: Record<SetupCall['kind'], [SetupMethod, SetupChange]> = {
  'disable-totp': ['totp', 'removed'],
  'unreserve-phone': ['phone_code', 'removed'],
  'make-default': ['phone_code', 'default'],
  'reserve-phone': ['phone_code', 'added'],
  regenerate: ['backup_code', 'regenerated'],
};

export class SetupController implements ReactiveController {
  state: SetupState = initialSetupState();
  /** The add flow under way (authenticator app, new number), while its view shows; `null` while the enrolment downloads. */
  enrol: EnrolController | null = null;
  /** The enrolment could not be downloaded for the add view on screen (adding again asks again). */
  enrolFailed = false;
  /** The time the resend countdown reads (epoch ms). */
  now = Date.now();
  /** "Copy all" said copied (`true`), or selected the codes for the user to copy (`false`). */
  copied: boolean | null = null;

  readonly #host: SetupHost;
  readonly #options: SetupControllerOptions;
  #clerk: ClerkAdapter | null = null;
  #manage: ManageAdapter | null = null;
  #inflight: { id: number; abort: AbortController } | null = null;
  #unwatch: (() => void) | null = null;
  #focusPending = false;
  #connected = false;
  readonly #countdown = countdown(
    (now) => this.resendSecondsLeft(now) > 0,
    (now) => {
      this.now = now;
      this.#host.requestUpdate();
    },
  );

  constructor(host: SetupHost, options: SetupControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The Clerk to manage the user of: a new one starts from the beginning. */
  useClerk(adapter: ClerkAdapter): void {
    this.#stop();
    this.#clerk = adapter;
    this.#manage = new ManageAdapter(adapter);
    adapter.ready().catch(() => {});
    this.state = initialSetupState();
    if (this.#connected) this.#begin();
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#manage) {
      this.state = initialSetupState();
      this.#begin();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  hostUpdated(): void {
    if (!this.#focusPending) return;
    const root = this.#host.renderRoot;
    const error = this.state.error;
    const target =
      (error && error.field !== 'form' ? root.querySelector<HTMLElement>(`#${error.field}`) : null) ??
      root.querySelector<HTMLElement>('form input:not([type=hidden])') ??
      // Back on the overview: its title (the notice says what changed).
      root.querySelector<HTMLElement>('#heading, #title');
    // None while the view downloads: it is focused once it is drawn.
    if (!target) return;
    this.#focusPending = false;
    target.focus();
  }

  #begin(): void {
    const manage = this.#manage!;
    void this.#run(this.state.pending!);
    void manage.watch(() => this.#send({ type: 'refresh' })).then((unwatch) => {
      if (this.#manage === manage && this.#connected) this.#unwatch = unwatch;
      else unwatch();
    });
  }

  #stop(): void {
    this.#inflight?.abort.abort();
    this.#inflight = null;
    this.#unwatch?.();
    this.#unwatch = null;
    this.#endEnrolment();
    this.#countdown.stop();
  }

  // ---- intents ---------------------------------------------------------------------------

  add(adding: Adding): void {
    this.#send({ type: 'add', adding });
  }

  remove(removal: Removal): void {
    this.#send({ type: 'remove', removal });
  }

  call(call: SetupCall): void {
    this.#send({ type: 'call', call });
  }

  cancel(): void {
    this.#send({ type: 'cancel' });
  }

  chooseFactor(strategy: ReverifyStrategy): void {
    this.#send({ type: 'choose-factor', strategy });
  }

  edit(field: SetupField): void {
    this.#send({ type: 'edit', field });
  }

  /** The view's form was sent: the confirmation, or the code or password of the reverification. */
  submit(secret?: string): void {
    const s = this.state;
    if (s.pending) return;
    if (s.view === 'reverify') {
      const field: SetupField = s.strategy === 'password' ? 'password' : 'code';
      const value = (secret ?? '').trim();
      if (!value) return this.#send({ type: 'invalid', error: { code: 'form_param_missing', key: field === 'password' ? 'passwordRequired' : 'codeRequired', field } });
      this.#send({ type: 'submit' }, value);
      return;
    }
    this.#send({ type: 'submit' });
  }

  /** Sends the reverification's SMS code again, once its countdown is over. */
  resend(): void {
    const s = this.state;
    if (s.view === 'reverify' && s.strategy === 'phone_code' && this.resendSecondsLeft() === 0) this.#send({ type: 'choose-factor', strategy: 'phone_code' });
  }

  resendSecondsLeft(now = this.now): number {
    const s = this.state;
    return s.view === 'reverify' ? resendLeft(s.sentAt, now) : 0;
  }

  // ---- the machine and its actions ---------------------------------------------------------

  #send(event: SetupEvent, secret = ''): void {
    const previous = this.state;
    const next = setupTransition(previous, event);
    if (next === previous) return;
    this.state = next;
    this.now = Date.now();
    if (previous.pending && next.pending !== previous.pending && this.#inflight?.id === previous.pending.id) this.#inflight = null;
    this.#changed(previous);
    const pending = next.pending;
    if (pending && pending !== previous.pending) void this.#run(pending, secret);
  }

  #changed(previous: SetupState): void {
    const next = this.state;
    const reverifying = next.view === 'reverify' && next.retry === 'enrol';
    if (!reverifying) {
      const flow = addingFlow(next);
      if (flow !== addingFlow(previous) || (!flow && this.enrol)) this.#endEnrolment();
      if (flow && !this.enrol) this.#startEnrolment(flow);
      // Verified: the enrolment runs its refused action again.
      if (flow && previous.view === 'reverify' && previous.retry === 'enrol') this.enrol?.reverified();
    }
    // Focus follows what the user did; the first overview (or one after someone signed in) leaves the page's focus alone.
    const arrived = previous.view === 'loading' || previous.view === 'signed-out';
    const moved = !arrived && (previous.view !== next.view || (next.view === 'adding' && previous.view === 'adding' && previous.adding !== next.adding));
    const strategyChanged = next.view === 'reverify' && previous.view === 'reverify' && (previous.strategy !== next.strategy || previous.step !== next.step);
    if (moved || strategyChanged || (next.error && next.error !== previous.error && next.error.field !== 'form')) {
      this.#focusPending = true;
      this.copied = null;
    }
    if (next.error?.field === 'code' || next.error?.field === 'password') this.#clearField(next.error.field);
    if (next.error && next.error !== previous.error) this.#options.onError(next.error);
    if (next.view === 'signed-out' && previous.view !== 'signed-out') this.#options.onError({ code: 'signed_out', key: 'signedOut', field: 'form' });
    this.#countdown.sync();
    this.#host.requestUpdate();
  }

  /** The enrolment's controller for `method`, at once if the enrolment has downloaded, else once it has (if its view still shows). */
  #startEnrolment(method: 'totp' | 'phone'): void {
    const part = enrolmentPart.loaded;
    this.enrolFailed = false;
    if (!part) {
      const clerk = this.#clerk;
      enrolmentPart.load().then(
        () => this.#clerk === clerk && this.#connected && addingFlow(this.state) === method && !this.enrol && this.#startEnrolment(method),
        () => (this.enrolFailed = addingFlow(this.state) === method),
      ).finally(() => this.#host.requestUpdate());
      return;
    }
    this.enrol = new part.EnrolController(this.#host as SetupHost & { renderRoot: ShadowRoot }, {
      adapter: this.#clerk!,
      clock: { countdown, resendLeft },
      mapFailure: mapEnrolFailure,
      method: method === 'totp' ? 'totp' : 'phone_code',
      onEnrolled: (enrolled) => {
        this.#send({ type: 'enrolled', method: enrolled });
        this.#options.onChange(enrolled, 'added');
      },
      onReverify: () => this.#send({ type: 'enrol-reverify' }),
    });
  }

  #endEnrolment(): void {
    this.enrolFailed = false;
    const enrol = this.enrol;
    if (!enrol) return;
    this.enrol = null;
    this.#host.removeController(enrol);
    enrol.hostDisconnected();
  }

  async #run(action: SetupAction, secret = ''): Promise<void> {
    const abort = new AbortController();
    this.#inflight = { id: action.id, abort };
    const { signal } = abort;
    const manage = this.#manage!;
    let call: Promise<MfaOutcome<unknown>>;
    let read: (value: unknown) => SetupValue = () => ({});
    switch (action.kind) {
      case 'load':
        call = manage.factors(signal);
        read = (factors) => ({ factors: factors as SetupValue['factors'] });
        break;
      case 'disable-totp':
        call = manage.disableTotp(signal);
        break;
      case 'unreserve-phone':
        call = manage.unreservePhone(action.phoneId, signal);
        break;
      case 'make-default':
        call = manage.makeDefaultPhone(action.phoneId, signal);
        break;
      case 'reserve-phone':
        // From the numbers to pick, a downloaded view: the call downloaded with it.
        call = setupViewsPart.load().then((views) => views.reservePhone(this.#clerk!, action.phoneId, signal));
        read = (value) => ({ codes: (value as { backupCodes: readonly string[] | null }).backupCodes });
        break;
      case 'regenerate':
        call = manage.regenerateBackupCodes(signal);
        read = (value) => ({ codes: (value as { codes: readonly string[] }).codes });
        break;
      case 'start-verification':
      case 'prepare-verification':
      case 'attempt-verification':
        call =
          action.kind === 'start-verification'
            ? manage.startVerification(signal)
            : action.kind === 'prepare-verification'
              ? manage.prepareVerification(action.phoneId, signal)
              : manage.attemptVerification(action.strategy, action.strategy === 'password' ? secret : secret.replace(/\s/g, ''), signal);
        read = (verification) => ({ verification: verification as SetupValue['verification'] });
    }
    let outcome: MfaOutcome<unknown>;
    try {
      outcome = await call;
    } catch {
      return; // aborted: the answer belongs to an abandoned action
    }
    if (this.#inflight?.id === action.id) this.#inflight = null;
    if (!this.#connected) return;
    const answer: SetupAnswer = outcome.ok ? { ok: true, value: read(outcome.value) } : { ok: false, error: mapSetupFailure(outcome.failure, action) };
    this.#send({ type: 'result', id: action.id, outcome: answer, now: Date.now() });
    // Said once the element shows the change (the change took effect even if the view moved on).
    if (answer.ok && action.kind in CHANGES) {
      const [method, change] = CHANGES[action.kind as SetupCall['kind']];
      this.#options.onChange(method, change);
    }
  }

  #clearField(field: 'code' | 'password'): void {
    const input = this.#host.renderRoot.querySelector<HTMLInputElement>(`#${field}`);
    if (input) input.value = '';
  }

  /** The number a `phone_code` reverification sent its code to, as Clerk masks it. */
  get verificationPhone(): string {
    const s = this.state;
    return s.view === 'reverify' ? (verificationPhone(s)?.safeIdentifier ?? '') : '';
  }
}

/** The add flow the enrolment runs on this view, if any (a verified number picked needs none). */
function addingFlow(s: SetupState): 'totp' | 'phone' | null {
  return s.view === 'adding' && s.adding !== 'pick-phone' ? s.adding : null;
}
