// A page that already runs Clerk hands its instance to the element (`clerk` property) instead of
// letting the element load clerk-js. Here the page owns one clerk-js (the npm build) and its load().
import { expect } from '@open-wc/testing';
import { Clerk } from '@clerk/clerk-js';
import type { ClerkLike } from '../../../src/clerk-types.js';
import { addUser, failFetch, mountElement, PASSWORD, publishableKey, signInWithPassword, totpCode } from './support.js';

const newClerk = () => new Clerk(publishableKey('production'), { proxyUrl: `${location.origin}/__clerk` });
const asClerkLike = (clerk: Clerk) => clerk as unknown as ClerkLike;

let current: Clerk | null = null;

describe('<clerk-mfa-sign-in> with the page’s own Clerk instance', () => {
  afterEach(async () => {
    if (current?.client?.sessions.length) await current.signOut(() => {});
    current = null;
  });

  it('an unloaded instance: the form shows at once, a submit waits for load(), then signs in', async () => {
    const email = await addUser();
    current = newClerk();
    const { el, ui, events } = await mountElement('production', { clerk: asClerkLike(current) });
    expect(ui.input('identifier')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await ui.fillCredentials(email, PASSWORD);
    await ui.submit();
    expect(ui.isBusy()).to.equal(true);
    expect(document.querySelector('script[data-clerk-js-script]'), 'no second clerk-js on the page').to.equal(null);

    // The sign-in is sent as Clerk says `ready`, not at a later poll: before the page's next task.
    const sent: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(`${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : String(input), location.href).pathname}`);
      return realFetch(input, init);
    };
    try {
      await current.load({ telemetry: false } as never);
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      window.fetch = realFetch;
    }
    expect(sent.filter((call) => call.endsWith('/v1/client/sign_ins')), 'sent once Clerk is ready').to.deep.equal(['POST /__clerk/v1/client/sign_ins']);
    await ui.waitForStep('second-factor');
    await ui.enterCode(totpCode());
    await ui.waitForStep('signed-in');
    expect(events.signedIn).to.deep.equal([{ sessionId: current.session!.id, userId: current.user!.id, alreadySignedIn: false }]);
  });

  it('after a reload (a new Clerk on the same client), a new element says so and fires signed-in once', async () => {
    const email = await addUser();
    const before = newClerk();
    await before.load({ telemetry: false } as never);
    const first = await mountElement('production', { clerk: asClerkLike(before) });
    await signInWithPassword(first.ui, email);
    await first.ui.enterCode(totpCode());
    await first.ui.waitForStep('signed-in');
    first.el.remove();

    current = newClerk();
    await current.load({ telemetry: false } as never);
    expect(current.session?.id).to.equal(first.events.signedIn[0]!.sessionId);
    const { ui, events } = await mountElement('production', { clerk: asClerkLike(current) });
    await ui.waitForStep('signed-in');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.signedIn).to.deep.equal([{ sessionId: current.session!.id, userId: current.user!.id, alreadySignedIn: true }]);
    expect(events.steps).to.deep.equal([{ step: 'signed-in', previousStep: 'credentials' }]);
  });

  it('after a reload into a pending task, a new element fires task-required', async () => {
    const email = await addUser({ tasks: ['choose-organization'] });
    const before = newClerk();
    await before.load({ telemetry: false } as never);
    const first = await mountElement('production', { clerk: asClerkLike(before) });
    await signInWithPassword(first.ui, email);
    await first.ui.enterCode(totpCode());
    await first.ui.waitForStep('task-required');
    first.el.remove();

    current = newClerk();
    await current.load({ telemetry: false } as never);
    const { ui, events } = await mountElement('production', { clerk: asClerkLike(current) });
    await ui.waitForStep('task-required');
    expect(events.taskRequired).to.deep.equal([
      { sessionId: current.session!.id, userId: current.user!.id, task: { key: 'choose-organization' } },
    ]);
    expect(events.signedIn).to.deep.equal([]);
  });

  // Automated Firefox and WebKit report navigator.webdriver = true; clerk-js then answers a failed
  // request with nothing instead of an error. The element must still say the network failed.
  it(`network failures show the network message (navigator.webdriver: ${String(navigator.webdriver)})`, async () => {
    const email = await addUser();
    current = newClerk();
    await current.load({ telemetry: false } as never);
    const { ui, events } = await mountElement('production', { clerk: asClerkLike(current) });

    let restore = failFetch(/\/v1\/client\/sign_ins$/);
    try {
      await signInWithPassword(ui, email);
    } finally {
      restore();
    }
    expect(ui.step).to.equal('credentials');
    expect(events.errors.map((e) => e.key)).to.deep.equal(['network']);

    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.back();
    await ui.waitForStep('credentials');
    // A second failure, now that Clerk's sign-in already has a status from the first attempt.
    await ui.fillCredentials(email, PASSWORD);
    restore = failFetch(/\/v1\/client\/sign_ins$/);
    try {
      await ui.submit();
      await ui.waitForIdle();
    } finally {
      restore();
    }
    expect(ui.step).to.equal('credentials');
    expect(events.errors.map((e) => e.key)).to.deep.equal(['network', 'network']);

    await ui.submit();
    await ui.waitForStep('second-factor');
    restore = failFetch(/attempt_second_factor$/);
    try {
      await ui.enterCode(totpCode());
      await ui.waitFor(() => events.errors.length === 3, 'the code network error');
    } finally {
      restore();
    }
    expect(ui.step).to.equal('second-factor');
    expect(events.errors.at(-1)).to.include({ key: 'network', step: 'second-factor' });

    await ui.enterCode(totpCode());
    await ui.waitForStep('signed-in');
  });
});
