/** The sign-in attempt as Clerk's Frontend API shows it, with the factors offered and their identifiers. */
import type { Store } from '../store.js';
import type { StoredSignIn } from '../records.js';
import { firstFactorStrategies } from '../user-factors.js';
import { clientTrustFactorsJson, firstFactorsJson, secondFactorsJson, verificationJson } from './factors.js';
import { IMAGE_URL } from './user.js';

export function signInJson(signIn: StoredSignIn, store: Store) {
  const user = store.users.get(signIn.userId);
  let secondFactors: Array<Record<string, unknown>> | null = null;
  if (user && signIn.status === 'needs_second_factor') secondFactors = secondFactorsJson(user);
  if (user && signIn.status === 'needs_client_trust') secondFactors = clientTrustFactorsJson(user);
  return {
    object: 'sign_in_attempt',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address'],
    supported_first_factors: user && signIn.status !== 'complete' ? firstFactorsJson(user, firstFactorStrategies('sign_in')) : [],
    supported_second_factors: secondFactors,
    first_factor_verification: verificationJson(signIn.firstFactor),
    second_factor_verification: verificationJson(signIn.secondFactor),
    identifier: signIn.identifier,
    user_data: user ? { first_name: user.firstName, last_name: user.lastName, image_url: IMAGE_URL, has_image: false } : null,
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.abandonAt,
    client_trust_state: signIn.clientTrustState,
  };
}
