/**
 * The calls an authenticator-app sign-in without a mistake never makes. "Forgot password?", as
 * Clerk's own `<SignIn />` makes it: a sign-in with only the email, the reset code sent to the
 * address Clerk offers for it (`reset_password_email_code`), then the code checked, after which
 * Clerk asks for the new password (`resetPassword`, also what Clerk may ask for after any sign-in);
 * and the SMS or email code of another method sent (`prepareSecondFactor`). Run through the
 * adapter's `update`, so they time out, are abandoned and fail as every other call; downloaded with
 * the steps (`on-demand.ts`), so it imports only types.
 */
import type { SignInAdapter } from './sign-in-adapter.js';
import type { ClerkSignInLike } from './clerk-types.js';
import type { FieldValues } from './field-rules.js';
import type { Factor, LaterAction, Outcome, SignInSnapshot } from './sign-in-types.js';

const RESET = 'reset_password_email_code';

/**
 * Sends the reset code: to a new sign-in for `identifier`, or again (`resend`). The snapshot says
 * where it went. Clerk offering no reset for the account fails with `reset_password_unavailable`.
 */
async function sendResetCode(adapter: SignInAdapter, identifier: string, resend: boolean, signal: AbortSignal): Promise<Outcome<SignInSnapshot>> {
  let resetFactor: Factor | undefined;
  const outcome = await adapter.update(
    signal,
    async (current: ClerkSignInLike) => {
      const signIn = resend ? current : await current.create({ identifier });
      const offered = signIn.supportedFirstFactors?.find((f) => f.strategy === RESET && f.emailAddressId);
      if (!offered) throw { code: 'reset_password_unavailable' };
      const { emailAddressId = '', safeIdentifier } = offered;
      // The code reads, and is typed, as any code Clerk emails.
      resetFactor = { strategy: 'email_code', emailAddressId, ...(safeIdentifier && { safeIdentifier }) };
      return signIn.prepareFirstFactor({ strategy: RESET, emailAddressId });
    },
    !resend,
  );
  return outcome.ok ? { ok: true, value: { ...outcome.value, resetFactor: resetFactor! } } : outcome;
}

/** Runs `action` with what the user submitted (`code`: as Clerk expects it). */
export function runRecovery(adapter: SignInAdapter, action: LaterAction, values: FieldValues, signal: AbortSignal): Promise<Outcome<SignInSnapshot>> {
  const { kind } = action;
  if (kind === 'send-reset-code') return sendResetCode(adapter, values.identifier ?? '', action.resend, signal);
  return adapter.update(signal, (signIn) => {
    if (kind === 'check-reset-code') return signIn.attemptFirstFactor({ strategy: RESET, code: values.code ?? '' });
    if (kind === 'reset-password') return signIn.resetPassword({ password: values['new-password'] ?? '', signOutOfOtherSessions: values['sign-out-of-other-sessions'] === 'true' });
    // clerk-js leaves out parameters that are undefined.
    const { strategy, emailAddressId, phoneNumberId } = action.factor;
    return signIn.prepareSecondFactor(strategy === 'email_code' ? { strategy, emailAddressId } : { strategy: 'phone_code', phoneNumberId });
  });
}
