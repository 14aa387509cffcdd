// Styling from outside: parts, custom properties, light/dark, reduced motion, custom states.
// The card's size (compact by default, a fixed height on request) is in layout.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import { FakeClerk, SignInHarness, type FakeUser } from '../../src/testing/index.js';

const PASSWORD = 'correct horse battery staple';
const ADA: FakeUser = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['abcd-efgh'], phone: '+15555550100' };

const sheet = document.createElement('style');
sheet.textContent = `
  .themed {
    --clerk-mfa-sign-in-accent-color: rgb(1, 2, 3);
    --clerk-mfa-sign-in-accent-text-color: rgb(250, 251, 252);
    --clerk-mfa-sign-in-background: rgb(10, 20, 30);
    --clerk-mfa-sign-in-text-color: rgb(200, 210, 220);
    --clerk-mfa-sign-in-border-color: rgb(40, 50, 60);
    --clerk-mfa-sign-in-error-color: rgb(220, 0, 10);
    --clerk-mfa-sign-in-radius: 0px;
    --clerk-mfa-sign-in-font-family: monospace;
    --clerk-mfa-sign-in-font-size: 20px;
    --clerk-mfa-sign-in-spacing: 10px;
    --clerk-mfa-sign-in-focus-ring: 0 0 0 5px rgb(0, 128, 0);
  }
  .themed::part(submit-button) { text-transform: uppercase; letter-spacing: 3px; }
  .themed::part(input) { border-width: 4px; }
  .themed::part(heading) { font-style: italic; }
`;
document.head.append(sheet);

async function setup(attrs: { class?: string; style?: string } = {}) {
  const clerk = new FakeClerk({ users: [ADA], sentCode: '654321' });
  const el = await fixture<ClerkMfaSignInElement>(
    html`<clerk-mfa-sign-in class=${attrs.class ?? ''} style=${attrs.style ?? ''} .clerk=${clerk}></clerk-mfa-sign-in>`,
  );
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui };
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const style = (el: Element) => getComputedStyle(el);

async function media(colorScheme: 'light' | 'dark', reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<boolean> {
  try {
    await emulateMedia({ colorScheme, reducedMotion });
    // Only count it as emulated when the page sees it (some drivers apply it to new pages only).
    await new Promise((r) => requestAnimationFrame(r));
    return (
      matchMedia(`(prefers-color-scheme: ${colorScheme})`).matches &&
      matchMedia(`(prefers-reduced-motion: ${reducedMotion})`).matches
    );
  } catch {
    return false; // WebDriver (WebKit) cannot emulate media features
  }
}

describe('styling from outside', () => {
  afterEach(async () => {
    await media('light');
  });

  it('::part() rules reach the parts inside the shadow root', async () => {
    const { el } = await setup({ class: 'themed' });
    expect(style(part(el, 'submit-button')).textTransform).to.equal('uppercase');
    expect(style(part(el, 'submit-button')).letterSpacing).to.equal('3px');
    expect(style(part(el, 'identifier-input')).borderTopWidth).to.equal('4px');
    expect(style(part(el, 'heading')).fontStyle).to.equal('italic');
  });

  it('custom properties change the computed styles inside', async () => {
    const { el } = await setup({ class: 'themed' });
    const button = style(part(el, 'submit-button'));
    expect(button.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(button.color).to.equal('rgb(250, 251, 252)');
    expect(button.borderTopLeftRadius).to.equal('0px');
    expect(style(el).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(style(el).color).to.equal('rgb(200, 210, 220)');
    expect(style(el).fontFamily).to.equal('monospace');
    expect(style(el).fontSize).to.equal('20px');
    expect(style(el).paddingTop).to.equal('15px');
    expect(style(part(el, 'identifier-input')).borderTopColor).to.equal('rgb(40, 50, 60)');
    expect(style(part(el, 'form-error')).color).to.equal('rgb(220, 0, 10)');
    const input = part(el, 'identifier-input');
    input.focus();
    // Past the focus transition, however long a loaded machine takes to run it.
    for (let waited = 0; waited < 3000 && !style(input).boxShadow.includes('rgb(0, 128, 0)'); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(style(input).boxShadow).to.contain('rgb(0, 128, 0)');
  });

  it('every public token has a default (nothing is left unset)', async () => {
    const { el } = await setup();
    const button = style(part(el, 'submit-button'));
    expect(button.backgroundColor).to.equal('rgb(79, 70, 229)');
    expect(style(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style(el).paddingTop).to.equal('24px');
  });

  it('dark by the CSS color-scheme override, in every engine', async () => {
    const { el } = await setup({ style: 'color-scheme: dark' });
    expect(style(el).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(style(part(el, 'submit-button')).backgroundColor).to.equal('rgb(129, 140, 248)');
    el.style.colorScheme = 'light';
    expect(style(el).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('follows prefers-color-scheme by default; color-scheme: light overrides it', async function () {
    if (!(await media('dark'))) this.skip();
    const { el } = await setup();
    expect(style(el).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(style(el).color).to.equal('rgb(243, 244, 246)');
    el.style.colorScheme = 'light';
    expect(style(el).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('reduced motion: no transitions, a slow spinner', async function () {
    if (!(await media('light', 'reduce'))) this.skip();
    const { el, ui } = await setup();
    expect(style(part(el, 'submit-button')).transitionDuration).to.match(/^0s/);
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    const spinner = el.shadowRoot!.querySelector<HTMLElement>('[part~="spinner"]');
    if (spinner) expect(parseFloat(style(spinner).animationDuration)).to.be.at.least(2);
  });

  it('custom states are exposed (or the legacy --name form) for :state() styling', async () => {
    const { el, ui } = await setup();
    const matches = (name: string) => {
      for (const selector of [`:state(${name})`, `:--${name}`]) {
        try {
          return el.matches(selector);
        } catch {
          /* selector not supported: try the next form */
        }
      }
      return null;
    };
    if (matches('credentials') === null) return; // no custom states in this engine
    expect(matches('credentials')).to.equal(true);
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.waitForIdle();
    expect(matches('second-factor')).to.equal(true);
    expect(matches('credentials')).to.equal(false);
    expect(matches('pending')).to.equal(false);
  });

  it('second factor: "Change" beside the email above the code field, Verify right after it, other methods below', async () => {
    const { el, ui } = await setup();
    await ui.fillCredentials(ADA.email, PASSWORD);
    await ui.submit();
    await ui.waitForStep('second-factor');
    await ui.waitForIdle();
    const order = [...el.shadowRoot!.querySelectorAll('[part~="field"], [part~="submit-button"], [part~="methods"], [part~="back-button"]')].map(
      (n) => n.getAttribute('part')!.split(' ')[0],
    );
    expect(order).to.deep.equal(['back-button', 'field', 'submit-button', 'methods']);
  });
});
