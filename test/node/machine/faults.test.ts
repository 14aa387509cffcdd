// How the machine and the adapter turn a flaky network into a usable form: timeouts, 5xx
// answers without Clerk's body, and an activation that failed after Clerk completed the sign-in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignInAdapter } from '../../../src/sign-in-adapter.js';
import { normalizeError } from '../../../src/clerk-errors.js';
import type { ClerkLike, ClerkSignInLike } from '../../../src/clerk-types.js';
import { mapFailure } from '../../../src/sign-in-failures.js';
import { initialState, transition } from '../../../src/sign-in-machine.js';
import type { ActionFailure, SignInEvent, SignInState } from '../../../src/sign-in-types.js';

const NOW = 1_700_000_000_000;

function run(state: SignInState, ...events: SignInEvent[]): SignInState {
  return events.reduce(transition, state);
}
function pending(state: SignInState) {
  assert.ok('pending' in state && state.pending, `expected a pending action at ${state.step}`);
  return state.pending;
}

describe('failures a flaky network produces', () => {
  const cases: { failure: ActionFailure; key: string; longMessage: boolean }[] = [
    { failure: { code: 'request_timeout', message: 'No answer' }, key: 'network', longMessage: true },
    { failure: { code: 'server_error', status: 502 }, key: 'network', longMessage: false },
    { failure: { code: 'server_error', status: 504 }, key: 'network', longMessage: false },
    { failure: { code: 'server_error', status: 500 }, key: 'unknown', longMessage: false },
    { failure: { code: 'internal_clerk_error', status: 500, longMessage: 'There was an internal error on our servers.' }, key: 'unknown', longMessage: false },
  ];
  for (const { failure, key, longMessage } of cases) {
    it(`${failure.code}${failure.status ? ` ${failure.status}` : ''} → ${key} at the top of the form`, () => {
      for (const step of ['credentials', 'second-factor'] as const) {
        const error = mapFailure(failure, step, NOW);
        assert.equal(error.key, key);
        assert.equal(error.field, 'form');
        assert.equal(error.code, failure.code);
        // `unknown` shows the long message when there is one: a server's English text never is.
        if (!longMessage) assert.equal(error.longMessage, undefined);
      }
    });
  }

  it('normalises a timeout, an HTML 502 and a bare 503 from clerk-js', () => {
    assert.equal(normalizeError({ code: 'request_timeout' }).code, 'request_timeout');
    assert.deepEqual(normalizeError(Object.assign(new Error('Bad Gateway'), { status: 502, errors: [] })), { code: 'server_error', status: 502 });
    assert.deepEqual(normalizeError({ status: 503 }), { code: 'server_error', status: 503 });
  });
});

describe('a failed activation is retried by the next submit', () => {
  const atSecondFactor = () => {
    let s = run(initialState('ada@example.com'), { type: 'submit', identifier: 'ada@example.com' });
    s = transition(s, {
      type: 'result',
      id: pending(s).id,
      outcome: { ok: true, value: { status: 'needs_second_factor', supportedSecondFactors: [{ strategy: 'totp' }, { strategy: 'backup_code' }], createdSessionId: null } },
      now: NOW,
    });
    return s;
  };
  const activationFailed = () => {
    let s = run(atSecondFactor(), { type: 'submit' });
    s = transition(s, {
      type: 'result',
      id: pending(s).id,
      outcome: { ok: true, value: { status: 'complete', supportedSecondFactors: [], createdSessionId: 'sess_1' } },
      now: NOW,
    });
    assert.equal(pending(s).kind, 'activate');
    return transition(s, { type: 'result', id: pending(s).id, outcome: { ok: false, error: mapFailure({ code: 'network_error' }, s.step, NOW) }, now: NOW });
  };

  it('the code step keeps its error and submitting again activates, not a new attempt', () => {
    const failed = activationFailed();
    assert.equal(failed.step, 'second-factor');
    assert.equal('error' in failed && failed.error?.key, 'network');
    const retried = transition(failed, { type: 'submit' });
    assert.equal(pending(retried).kind, 'activate');
    assert.equal((pending(retried) as { sessionId: string }).sessionId, 'sess_1');
    const done = transition(retried, {
      type: 'result',
      id: pending(retried).id,
      outcome: { ok: true, value: { id: 'sess_1', userId: 'user_1', status: 'active' } },
      now: NOW,
    });
    assert.equal(done.step, 'signed-in');
  });

  it('another method or a resend is refused once only the activation is left', () => {
    const failed = activationFailed();
    assert.equal(transition(failed, { type: 'choose-method', factor: { strategy: 'backup_code' } }), failed);
    assert.equal(transition(failed, { type: 'resend' }), failed);
  });

  it('back forgets the completed sign-in: the next submit creates a new one', () => {
    const back = transition(activationFailed(), { type: 'back' });
    const again = transition(back, { type: 'submit', identifier: 'ada@example.com' });
    assert.equal(pending(again).kind, 'create');
  });

  it('at the first step, the same email retries the activation, another email signs in anew', () => {
    let s = run(initialState('ada@example.com'), { type: 'submit', identifier: 'ada@example.com' });
    s = transition(s, { type: 'result', id: pending(s).id, outcome: { ok: true, value: { status: 'complete', supportedSecondFactors: [], createdSessionId: 'sess_2' } }, now: NOW });
    s = transition(s, { type: 'result', id: pending(s).id, outcome: { ok: false, error: mapFailure({ code: 'request_timeout' }, s.step, NOW) }, now: NOW });
    assert.equal(s.step, 'credentials');
    assert.equal(pending(transition(s, { type: 'submit', identifier: 'ada@example.com' })).kind, 'activate');
    assert.equal(pending(transition(s, { type: 'submit', identifier: 'bob@example.com' })).kind, 'create');
  });

  it('a late answer to the abandoned activation changes nothing', () => {
    const failed = activationFailed();
    const staleId = ('seq' in failed ? failed.seq : 0);
    const retried = transition(failed, { type: 'submit' });
    const late = transition(retried, { type: 'result', id: staleId, outcome: { ok: true, value: { id: 'sess_1', userId: 'u', status: 'active' } }, now: NOW });
    assert.equal(late, retried);
  });
});

describe('the adapter gives up after the request timeout', () => {
  function clerkWith(signIn: Partial<ClerkSignInLike>): ClerkLike {
    return {
      loaded: true,
      client: { signIn: signIn as ClerkSignInLike },
      session: null,
      setActive: () => new Promise(() => {}),
    };
  }

  it('an unanswered request fails with request_timeout, and its late answer is dropped', async () => {
    let answer!: (value: ClerkSignInLike) => void;
    const late = new Promise<ClerkSignInLike>((resolve) => (answer = resolve));
    const adapter = new SignInAdapter({ clerk: clerkWith({ create: () => late }), requestTimeoutMs: 30 });
    const started = Date.now();
    const outcome = await adapter.create('ada@example.com', 'pw');
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(outcome.ok ? null : outcome.failure.code, 'request_timeout');
    answer({ status: 'needs_second_factor', supportedSecondFactors: [], createdSessionId: null } as unknown as ClerkSignInLike);
    await late;
  });

  it('the timeout can change between actions; a hung activation times out too', async () => {
    const adapter = new SignInAdapter({ clerk: clerkWith({}), requestTimeoutMs: 60_000 });
    adapter.requestTimeoutMs = 20;
    const outcome = await adapter.activate('sess_1');
    assert.equal(outcome.ok ? null : outcome.failure.code, 'request_timeout');
  });

  it('a timeout that is not a positive number (request-timeout="soon", 0, removed) means the 30 s default', { timeout: 10_000 }, async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    for (const requestTimeoutMs of [Number.NaN, 0, -5, null as unknown as number]) {
      const adapter = new SignInAdapter({ clerk: clerkWith({ create: () => new Promise(() => {}) }), requestTimeoutMs });
      let settled = false;
      const outcome = adapter.create('ada@example.com', 'pw').finally(() => (settled = true));
      t.mock.timers.tick(29_999);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(settled, false, `still waiting after 29.999 s (${requestTimeoutMs})`);
      t.mock.timers.tick(1);
      const result = await outcome;
      assert.equal(result.ok ? null : result.failure.code, 'request_timeout');
    }
  });

  it('an answer in time is not affected, and an abort still wins', async () => {
    const signIn = { status: 'needs_second_factor', supportedSecondFactors: [{ strategy: 'totp' }], createdSessionId: null };
    const adapter = new SignInAdapter({
      clerk: clerkWith({ create: async () => ({ ...signIn, create: () => Promise.reject(new Error('no')) }) as unknown as ClerkSignInLike }),
      requestTimeoutMs: 1000,
    });
    const outcome = await adapter.create('ada@example.com', 'pw');
    assert.equal(outcome.ok && outcome.value.status, 'needs_second_factor');
    const controller = new AbortController();
    const hung = new SignInAdapter({ clerk: clerkWith({ create: () => new Promise(() => {}) }), requestTimeoutMs: 1000 });
    const aborted = hung.create('a@example.com', 'pw', controller.signal);
    controller.abort();
    await assert.rejects(aborted, { name: 'AbortError' });
  });
});

describe('a late answer that completed the sign-in', () => {
  it('makes the retried attempt go straight to activation, without sending the code again', async () => {
    let attempts = 0;
    const signIn = {
      status: 'complete',
      supportedSecondFactors: [],
      createdSessionId: 'sess_late',
      attemptSecondFactor: async () => {
        attempts += 1;
        throw new Error('already verified');
      },
    } as unknown as ClerkSignInLike;
    const adapter = new SignInAdapter({ clerk: { loaded: true, client: { signIn }, session: null, setActive: async () => {} } });
    const outcome = await adapter.attempt('phone_code', '123456');
    assert.equal(outcome.ok && outcome.value.createdSessionId, 'sess_late');
    assert.equal(attempts, 0);
  });
});

describe('a session Clerk created but clerk-js never activated', () => {
  const held = { id: 'sess_held', status: 'active', user: { id: 'user_1' } };
  const clerkHolding = () => {
    const clerk = {
      loaded: true,
      client: { signIn: {} as ClerkSignInLike, sessions: [held] },
      session: null as unknown,
      activated: [] as string[],
      setActive: async ({ session }: { session: string }) => {
        clerk.activated.push(session);
        clerk.session = held;
      },
    };
    return clerk;
  };

  it('is left alone when the element starts, and adopted (activated once) after session_exists', async () => {
    const clerk = clerkHolding();
    const adapter = new SignInAdapter({ clerk: clerk as unknown as ClerkLike });
    assert.equal(await adapter.existingSession(), null);
    assert.deepEqual(clerk.activated, []);
    const adopted = await adapter.existingSession(true);
    assert.deepEqual(adopted, { id: 'sess_held', userId: 'user_1', status: 'active', taskKey: null, firstName: null, email: null });
    assert.deepEqual(clerk.activated, ['sess_held']);
  });
});
