// The card's size: as tall as its step, with the heights quoted in the README as upper bounds; an
// error takes room only while it shows, under its field; nothing overflows at 375 px; and a host
// that wants a fixed height (`--clerk-mfa-sign-in-min-height`) gets one, so the page below does not move.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
/** The common user: an authenticator app and backup codes, an address of everyday length. */
const ADA: FakeUser = { email: 'ada.lovelace@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'] };
/** A user whose second factor is a text message. */
const GRACE: FakeUser = { email: 'grace.hopper@example.com', password: PASSWORD, phone: '+15555550100' };

async function setup(options: { users?: FakeUser[]; style?: string; width?: string } = {}) {
  const clerk = new FakeClerk({ users: options.users ?? [ADA, GRACE], sentCode: '654321' });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${options.width ?? '800px'}"><clerk-mfa-sign-in style=${options.style ?? ''} .clerk=${clerk}></clerk-mfa-sign-in></div>`,
  );
  const el = wrapper.querySelector('clerk-mfa-sign-in')!;
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui, clerk, wrapper };
}

async function toSecondFactor(ui: SignInHarness, user: FakeUser): Promise<void> {
  await ui.fillCredentials(user.email, user.password);
  await ui.submit();
  await ui.waitForStep('second-factor');
  await ui.waitForIdle();
}

const height = (el: Element) => Math.round(el.getBoundingClientRect().height);
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Elements of the shadow root that stick out of the card, or scroll sideways (the page would too). */
function overflowing(el: ClerkMfaSignInElement): string[] {
  const card = el.getBoundingClientRect();
  const found: string[] = [];
  for (const node of [el, ...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]) {
    const box = node.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < card.left - 0.5 || box.right > card.right + 0.5) found.push(`${node.localName}.${node.className} sticks out`);
    // A field scrolls its own text, as fields do; anything else scrolling sideways would be a fault.
    // (An inline element has no scroll box of its own: its client width is 0.)
    const scrolls = node.localName !== 'input' && node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'hidden';
    if (scrolls) found.push(`${node.localName}.${node.className} scrolls`);
  }
  return found;
}

describe('compact by default', () => {
  it('each step is as tall as its content: sign-in and authenticator app at most 420 px, SMS at most 460 px', async () => {
    const { el, ui } = await setup();
    const heights: Record<string, number> = { credentials: height(el) };
    await toSecondFactor(ui, ADA);
    heights['authenticator app'] = height(el);
    const sms = await setup();
    await toSecondFactor(sms.ui, GRACE);
    await sms.ui.waitFor(() => sms.ui.messageText().includes('0100'), 'where the code went');
    heights['SMS'] = height(sms.el);
    console.log(`card heights: ${Object.entries(heights).map(([step, px]) => `${step} ${px} px`).join(', ')}`);
    expect(heights['credentials']).to.be.at.most(420);
    expect(heights['authenticator app']).to.be.at.most(420);
    expect(heights['SMS']).to.be.at.most(460);
  });

  it('an error takes room only while it shows, right under its field, and gives it back', async () => {
    const { el, ui } = await setup();
    const errorLine = el.shadowRoot!.querySelector<HTMLElement>('#password-error')!;
    const before = height(el);
    expect(height(errorLine), 'an empty error line').to.equal(0);
    await ui.fillCredentials(ADA.email, 'wrong password');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('password')).to.not.equal('');
    const input = ui.input('password')!.getBoundingClientRect();
    const line = errorLine.getBoundingClientRect();
    expect(line.top, 'under the field').to.be.within(input.bottom, input.bottom + 12);
    expect(height(el)).to.be.above(before);
    await ui.fillPassword(PASSWORD);
    expect(ui.errorText('password')).to.equal('');
    expect(height(el)).to.equal(before);
  });

  it('at 375 px wide nothing sticks out or scrolls sideways, whatever the length of the email', async () => {
    const long: FakeUser = { ...ADA, email: 'a.very.long.name.with.many.parts@subdomain.example-company.com', phone: '+15555550100' };
    const { el, ui } = await setup({ users: [long], width: '375px' });
    expect(overflowing(el), 'first step').to.deep.equal([]);
    await ui.fillCredentials(long.email, 'wrong password');
    await ui.submit();
    await ui.waitForIdle();
    expect(overflowing(el), 'first step with an error').to.deep.equal([]);
    await toSecondFactor(ui, long);
    expect(overflowing(el), 'authenticator app with the other methods').to.deep.equal([]);
    await ui.chooseMethod('phone_code');
    await ui.waitFor(() => ui.messageText().includes('0100'), 'where the code went');
    expect(overflowing(el), 'SMS').to.deep.equal([]);
  });

  it('the header slot stands a gap away from the heading', async () => {
    const { el } = await setup();
    const logo = document.createElement('p');
    logo.slot = 'header';
    logo.textContent = 'Acme';
    el.append(logo);
    await el.updateComplete;
    const gap = part(el, 'heading').getBoundingClientRect().top - logo.getBoundingClientRect().bottom;
    expect(gap).to.be.at.least(12);
  });
});

describe('a fixed height on request (--clerk-mfa-sign-in-min-height)', () => {
  it('none by default: the card shrinks and grows with its step', async () => {
    const { el, ui } = await setup();
    const first = height(el);
    await toSecondFactor(ui, ADA);
    expect(height(el)).to.not.equal(first);
  });

  it('with a height that holds the steps, an error and the next step move nothing below the card', async () => {
    const { el, ui, wrapper } = await setup({ style: '--clerk-mfa-sign-in-min-height: 26em' });
    const below = document.createElement('p');
    below.textContent = 'below the sign-in';
    wrapper.after(below);
    const boxes = () => [el, below].map((n) => JSON.stringify(n.getBoundingClientRect()));
    const before = boxes();
    await ui.fillCredentials(ADA.email, 'wrong password');
    await ui.submit();
    await ui.waitForIdle();
    expect(ui.errorText('password')).to.not.equal('');
    expect(boxes()).to.deep.equal(before);
    await toSecondFactor(ui, ADA);
    expect(boxes()).to.deep.equal(before);
    below.remove();
  });

  it('layout-shift entries (Chromium): none outside the card while an error and the next step appear', async function () {
    if (!PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) this.skip();
    const { ui, wrapper } = await setup({ style: '--clerk-mfa-sign-in-min-height: 26em' });
    const below = document.createElement('p');
    below.textContent = 'below the sign-in';
    wrapper.after(below);
    const moved: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { sources?: { node?: Node }[] })[]) {
        for (const source of entry.sources ?? []) if (source.node === below) moved.push(entry.name);
      }
    });
    observer.observe({ type: 'layout-shift' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await ui.fillCredentials(ADA.email, 'wrong password');
    await ui.submit();
    await ui.waitForIdle();
    await toSecondFactor(ui, ADA);
    await new Promise((r) => setTimeout(r, 300));
    observer.disconnect();
    below.remove();
    expect(moved).to.deep.equal([]);
  });
});
