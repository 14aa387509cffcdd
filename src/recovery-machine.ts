/**
 * "Forgot password?" as transitions of the sign-in's machine: the email typed on the first step
 * gets a reset code, the code is checked, then Clerk asks for the new password (the `new-password`
 * step, and from there a sign-in goes on as any other). Pure, like `sign-in-machine.ts`, whose
 * `transition` handles everything else (a failure, "Back", the countdowns); downloaded with the
 * steps it leads to (`on-demand.ts`), so it imports only types. The controller asks it first.
 */
import type { FormState, RecoveryAction, SignInEvent, SignInSnapshot, SignInState } from './sign-in-types.js';

/** An action before it has an id. */
type Draft<A = RecoveryAction> = A extends RecoveryAction ? Omit<A, 'id'> : never;

/** `state` with `action` pending, under a new id. */
function pend<S extends FormState>(state: S, action: Draft): S {
  const id = state.seq + 1;
  return { ...state, seq: id, pending: { ...action, id } as RecoveryAction, error: null };
}

/** The next state, when the event is one of "Forgot password?"'s; `undefined` leaves it to `transition`. */
export function recover(state: SignInState, event: SignInEvent): SignInState | undefined {
  if (!('pending' in state)) return undefined;
  const { pending } = state;
  switch (event.type) {
    case 'forgot-password':
      // One action at a time: a second click, or a click while the password is checked, is refused.
      if (state.step !== 'credentials' || pending) return state;
      return pend({ ...state, identifier: event.identifier }, { kind: 'send-reset-code', resend: false });
    case 'submit':
      if (state.step !== 'reset-code') return undefined;
      return pending ? state : pend(state, { kind: 'check-reset-code' });
    case 'resend':
      if (state.step !== 'reset-code') return undefined;
      return pending ? state : pend(state, { kind: 'send-reset-code', resend: true });
    case 'result': {
      if (pending?.id !== event.id || !event.outcome.ok) return undefined;
      const { resetFactor, status } = event.outcome.value as SignInSnapshot;
      const base = { identifier: state.identifier, seq: state.seq, pending: null, error: null };
      if (pending.kind === 'send-reset-code' && resetFactor) {
        if (state.step === 'reset-code') return { ...state, pending: null, sentAt: event.now };
        return { ...base, step: 'reset-code', method: resetFactor, methods: [resetFactor], sentAt: event.now };
      }
      if (pending.kind === 'check-reset-code' && status === 'needs_new_password') return { ...base, step: 'new-password', recovery: true };
    }
  }
  return undefined;
}
