/**
 * A page on another origin (another port of localhost: the same site, so the signed-in user's
 * cookie comes along) tries to read and change the emulator with credentials, in a real browser:
 * it reads nothing and changes nothing. The page is test/integration/hostile-origin/page.html,
 * served by test/support/hostile-origin.ts.
 */
import { expect } from '@open-wc/testing';
import { control } from './controls.js';
import { addUser, PASSWORD } from './users.js';

interface Attempt {
  name: string;
  outcome: 'blocked' | 'opaque' | 'readable';
  status?: number;
  body?: string;
}

const signIn = (identifier: string, password: string, credentials: RequestCredentials = 'same-origin') =>
  fetch('/__clerk/v1/client/sign_ins', { method: 'POST', credentials, body: new URLSearchParams({ identifier, password }) });
const signOut = () => fetch('/__clerk/v1/client/sessions?_method=DELETE', { method: 'POST' });

/** Frames the page on the other origin and waits for what its attempts gave. */
async function runHostilePage(victim: string, attacker: string): Promise<{ cookieSent: boolean; results: Attempt[] }> {
  const { url } = await (await fetch('/__hostile-origin')).json();
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({ target: location.origin, victim, attacker });
  const report = new Promise<{ cookieSent: boolean; results: Attempt[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the page on the other origin did not report')), 15_000);
    addEventListener('message', function onMessage(event) {
      if (event.origin !== url || event.data?.kind !== 'hostile-origin') return;
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      resolve(event.data);
    });
  });
  frame.src = `${url}/?${query}`;
  document.body.append(frame);
  try {
    return await report;
  } finally {
    frame.remove();
  }
}

describe('a page on another origin, with the signed-in user\'s cookie', () => {
  it('reads nothing and writes nothing: the Frontend API and the test controls', async () => {
    const victim = await addUser({ totp_secret: undefined, backup_codes: undefined });
    const attacker = `attacker-${Date.now().toString(36)}@example.com`;
    await signOut();
    const signedIn = await (await signIn(victim, PASSWORD)).json();
    expect(signedIn.response.status).to.equal('complete');
    const sessionId = signedIn.response.created_session_id;
    const since = Date.now();
    try {
      const { cookieSent, results } = await runHostilePage(victim, attacker);
      expect(cookieSent, 'the browser sends the emulator cookie to the other origin\'s requests').to.equal(true);
      expect(results.length).to.equal(14);
      const read = results.filter((r) => r.outcome === 'readable');
      expect(read, 'cross-origin reads').to.deep.equal([]);

      // Nothing written: still signed in, the same password, no user added, limits and faults as they were.
      const client = (await (await fetch('/__clerk/v1/client')).json()).response;
      expect(client.sessions.map((s: { id: string; status: string }) => [s.id, s.status])).to.deep.equal([[sessionId, 'active']]);
      expect((await (await signIn(victim, PASSWORD, 'omit')).json()).response.status).to.equal('complete');
      expect((await (await signIn(attacker, 'attacker pass phrase', 'omit')).json()).errors[0].code).to.equal('form_identifier_not_found');
      const { limits } = await (await control('/limits')).json();
      expect(limits.lockoutAttempts).to.be.below(1e12);
      expect(limits.signInAttemptLimit).to.be.below(1e12);
      const { faults } = await (await control('/faults')).json();
      expect(faults.filter((f: { match: string }) => f.match === '*')).to.deep.equal([]);

      // The emulator refused each Frontend API attempt it received.
      const { requests } = await (await control('/requests')).json();
      const refused = requests.filter((r: { at: number; status: number }) => r.at >= since && r.status === 403);
      expect(refused.length).to.be.at.least(4);
    } finally {
      await signOut();
    }
  });
});
