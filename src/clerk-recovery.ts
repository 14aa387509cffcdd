/**
 * The calls of "Forgot password?", as Clerk's own `<SignIn />` makes them: a sign-in with only the
 * email, the reset code sent to the address Clerk offers for it (`reset_password_email_code`),
 * then the code checked, after which Clerk asks for the new password (`resetPassword`, in the
 * adapter). Run through the adapter's `update`, so they time out, are abandoned and fail as every
 * other call; downloaded with the steps (`on-demand.ts`), so it imports only types.
 */
import type { SignInAdapter } from './sign-in-adapter.js';
import type { ClerkSignInLike } from './clerk-types.js';
import type { Factor, Outcome, RecoveryAction, SignInSnapshot } from './sign-in-types.js';

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

/** Runs `action` (`code`: what was typed, as Clerk expects it). */
export function runRecovery(adapter: SignInAdapter, action: RecoveryAction, identifier: string, code: string, signal: AbortSignal): Promise<Outcome<SignInSnapshot>> {
  if (action.kind === 'send-reset-code') return sendResetCode(adapter, identifier, action.resend, signal);
  return adapter.update(signal, (signIn) => signIn.attemptFirstFactor({ strategy: RESET, code }));
}
