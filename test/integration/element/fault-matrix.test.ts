/**
 * Every emulator fault at every step of the SMS sign-in, with the real clerk-js: the element
 * ends usable, says what happened, keeps the email, fires each event once, never stays busy
 * past its request timeout, and the user's retry signs in. Prints "fault matrix: N/M".
 */
import { expect } from '@open-wc/testing';

import {
  addUser,
  control,
  mountElement,
  pageClerk,
  PASSWORD,
  randomPhone,
  requestsOfThisClient,
  signOutPageClerk,
  waitForMessages,
  type Mounted,
} from './support.js';

/** Short enough to keep the hung-request cells quick, long enough for a loaded CI machine. */
const REQUEST_TIMEOUT_MS = 2000;

type FaultKind = 'delay' | 'server-error' | 'bad-gateway' | 'rate-limit' | 'reset' | 'malformed-json' | 'hang';
type Step = 'create' | 'prepare' | 'attempt' | 'touch';

/** The fault rule per kind (without route and scope), and the message key the user must see. */
const FAULTS: Record<FaultKind, { rule: Record<string, unknown>; keys: string[] | null }> = {
  delay: { rule: { kind: 'delay', ms: 300 }, keys: null },
  'server-error': { rule: { kind: 'server-error' }, keys: ['unknown'] },
  'bad-gateway': { rule: { kind: 'bad-gateway' }, keys: ['network'] },
  'rate-limit': { rule: { kind: 'rate-limit', retryAfter: 1 }, keys: ['tooManyRequests'] },
  reset: { rule: { kind: 'reset' }, keys: ['network'] },
  'malformed-json': { rule: { kind: 'malformed-json' }, keys: ['network'] },
  hang: { rule: { kind: 'hang' }, keys: ['network'] },
};

const ROUTES: Record<Step, { match: string; path: RegExp }> = {
  create: { match: 'POST /v1/client/sign_ins', path: /^\/__clerk\/v1\/client\/sign_ins$/ },
  prepare: { match: 'POST /v1/client/sign_ins/*/prepare_second_factor', path: /\/prepare_second_factor$/ },
  attempt: { match: 'POST /v1/client/sign_ins/*/attempt_second_factor', path: /\/attempt_second_factor$/ },
  touch: { match: 'POST /v1/client/sessions/*/touch', path: /^\/__clerk\/v1\/client\/sessions\/[^/]+\/touch$/ },
};

const STEPS = Object.keys(ROUTES) as Step[];
const KINDS = Object.keys(FAULTS) as FaultKind[];
const results: { kind: FaultKind; step: Step; passed: boolean }[] = [];

/** Moves the page clock forward (clerk-js and the element both read Date.now). */
function advancePageClock(ms: number): () => void {
  const realNow = Date.now;
  Date.now = () => realNow.call(Date) + ms;
  return () => {
    Date.now = realNow;
  };
}

async function addFault(rule: Record<string, unknown>): Promise<string> {
  const response = await control('/faults', { body: { faults: [rule] } });
  if (!response.ok) throw new Error(`could not add the fault: ${await response.text()}`);
  return ((await response.json()) as { faults: { id: string }[] }).faults[0]!.id;
}

/** Removes the fault (and releases a request it hung). */
async function removeFault(id: string): Promise<void> {
  await control(`/faults/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

function identifierOf(mounted: Mounted): string {
  return (mounted.el as unknown as { signInState: { identifier?: string } }).signInState.identifier ?? '';
}

describe('<clerk-mfa-sign-in> under every emulator fault at every step (real clerk-js)', () => {
  afterEach(signOutPageClerk);
  after(() => {
    const passed = results.filter((r) => r.passed).length;
    const table = STEPS.map((step) => `${step.padEnd(8)} ${KINDS.map((k) => (results.find((r) => r.kind === k && r.step === step)?.passed ? 'pass' : 'FAIL')).join(' ')}`);
    console.log(
      [`fault matrix: ${passed}/${KINDS.length * STEPS.length} faults × steps passed`, `         ${KINDS.join(' ')}`, ...table].join('\n'),
    );
  });

  for (const kind of KINDS) {
    for (const step of STEPS) {
      it(`${kind} at ${step}: usable, explained, email kept, one event each, retry signs in`, async () => {
        const since = Date.now();
        const phone = randomPhone();
        const email = await addUser({ phone_number: phone, totp_secret: undefined, backup_codes: [] });
        const mounted = await mountElement('production');
        const { el, ui, events } = mounted;
        el.setAttribute('request-timeout', String(REQUEST_TIMEOUT_MS));
        await ui.waitFor(() => pageClerk()?.loaded, 'clerk-js to load');
        const { rule, keys } = FAULTS[kind];
        // A hung request stays hung until the checks are done: released earlier, the browser
        // may replay it on a new connection (as it does for a dropped keep-alive connection).
        const hang = kind === 'hang';
        const faultId = await addFault({ ...rule, ...(hang ? { times: 1 } : {}), match: ROUTES[step].match, scope: { identifier: email } });
        const latestCode = async () => (await waitForMessages(phone, 1)).at(-1)!.code;

        /** At the faulted step: the outcome, then the user's retry once the fault is gone. */
        const survive = async (at: Step, retry: () => Promise<void>) => {
          if (at !== step || keys === null) return;
          await ui.waitFor(() => events.errors.length > 0, 'the error', REQUEST_TIMEOUT_MS + 5000);
          await ui.waitForIdle(REQUEST_TIMEOUT_MS + 3000);
          expect(ui.step, 'the step stays where the fault hit').to.equal(at === 'create' ? 'credentials' : 'second-factor');
          expect(events.errors, 'one error event').to.have.length(1);
          expect(keys, `message key for ${kind}`).to.include(events.errors[0]!.key);
          expect(ui.errorText(), 'a message at the top of the form').to.not.equal('');
          expect(events.errors[0]!.message).to.not.match(/<|internal error|gateway|json/i);
          expect(identifierOf(mounted), 'the email is kept').to.equal(email);
          if (at === 'create') {
            expect(ui.input('identifier')!.value).to.equal(email);
            expect(ui.input('password')!.value, 'the password stays for the retry').to.equal(PASSWORD);
          }
          if (!hang) await removeFault(faultId);
          // A way to retry: rate limits count down first, then the control works again.
          const control = at === 'prepare' ? '[part~="resend-button"]' : '[part~="submit-button"]';
          await ui.waitFor(() => {
            const button = el.shadowRoot!.querySelector<HTMLButtonElement>(control);
            return button && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
          }, 'the retry control to be usable', 5000);
          await retry();
        };

        try {
          await ui.fillCredentials(email, PASSWORD);
          await ui.submit();
          await survive('create', () => ui.submit());
          await ui.waitForStep('second-factor', REQUEST_TIMEOUT_MS + 5000);
          // The phone is the only method: its SMS is sent by itself.
          await survive('prepare', async () => {
            if (!hang) return ui.resend();
            // clerk-js joins a new request for the same SMS to one still in flight for 30 s;
            // the default request-timeout (30 s) outlasts that, this test's 2 s does not.
            const restore = advancePageClock(31_000);
            try {
              await ui.resend();
              await ui.waitFor(() => ui.isBusy(), 'the resend to start');
              await new Promise((resolve) => setTimeout(resolve, 50));
            } finally {
              restore();
            }
          });
          await ui.waitForIdle(REQUEST_TIMEOUT_MS + 3000);
          await ui.enterCode(await latestCode()); // a complete code submits by itself
          await survive('attempt', () => ui.submit());
          await survive('touch', () => ui.submit());
          await ui.waitForStep('signed-in', REQUEST_TIMEOUT_MS + 5000);

          const clerk = pageClerk()!;
          expect(events.signedIn).to.deep.equal([{ sessionId: clerk.session!.id, userId: clerk.user!.id, alreadySignedIn: false }]);
          expect(events.steps.map((s) => s.step)).to.deep.equal(['second-factor', 'signed-in']);
          expect(events.errors).to.have.length(keys === null ? 0 : 1);
          // Each action succeeded exactly once: no duplicate sign-in, SMS, attempt or activation.
          const log = await requestsOfThisClient();
          for (const s of STEPS) {
            const ok = log.filter((r) => r.at >= since && r.method === 'POST' && ROUTES[s].path.test(r.path) && r.status === 200);
            expect(ok, `successful ${s} requests`).to.have.length(1);
          }
          expect(ui.leakedSecrets([PASSWORD], { fieldValues: true })).to.deep.equal([]);
          if (hang) {
            // Released now; a replay of the hung request must not change what the user sees.
            await removeFault(faultId);
            await new Promise((resolve) => setTimeout(resolve, 500));
            expect(ui.step).to.equal('signed-in');
            expect(events.signedIn).to.have.length(1);
            expect(events.errors).to.have.length(1);
          }
          results.push({ kind, step, passed: true });
        } catch (error) {
          results.push({ kind, step, passed: false });
          throw error;
        } finally {
          await removeFault(faultId);
        }
      });
    }
  }
});
