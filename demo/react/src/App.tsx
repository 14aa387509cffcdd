import { useState } from 'react';
import type { SignedInDetail } from 'clerk-mfa-sign-in';

// The emulator's development key (`npm start` prints it); use your own pk_test_/pk_live_ key with Clerk.
const publishableKey = 'pk_test_Y2xlcmsuZW11bGF0b3IudGVzdCQ=';

export function App() {
  const [userId, setUserId] = useState<string | null>(null);

  function handleSignedIn(event: CustomEvent<SignedInDetail>) {
    event.preventDefault(); // stay on this page instead of following after-sign-in-url
    setUserId(event.detail.userId);
  }

  return (
    <main>
      <h1>React</h1>
      {userId ? (
        <>
          <p id="status" role="status">
            Signed in as {userId}
          </p>
          {/* The signed-in user's second factors: add, remove, make default, new backup codes. */}
          <clerk-mfa-setup publishable-key={publishableKey} proxy-url="/__clerk" onmfa-changed={(event) => console.info('MFA', event.detail.method, event.detail.action)} />
        </>
      ) : (
        // React 19 passes `on<event>` props of a custom element to addEventListener('<event>').
        <clerk-mfa-sign-in publishable-key={publishableKey} proxy-url="/__clerk" no-store-credentials onsigned-in={handleSignedIn} />
      )}
    </main>
  );
}
