// Contrast of what tells the user where the controls are and where focus is (WCAG 1.4.11, at least
// 3:1): field borders against the field and the card, the focus ring and the invalid border against
// the card; and the error text (1.4.3, at least 4.5:1). Read from computed styles, in light and
// dark. Prints the ratios (the README quotes them).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ClerkMfaSignInElement } from '../../src/clerk-mfa-sign-in.js';
import '../../src/setup/index.js';
import type { ClerkMfaSetupElement } from '../../src/setup/clerk-mfa-setup.js';
import { FakeClerk, SignInHarness } from '../../src/testing/index.js';
import { SetupPage } from '../integration/setup/setup-page.js';

const PASSWORD = 'correct horse battery staple';

/** The `rgb()` colours in a computed value, in order. */
function colours(value: string): [number, number, number][] {
  return [...value.matchAll(/rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function ratio(a: string, b: string): number {
  const [x, y] = [luminance(colours(a)[0]!), luminance(colours(b)[0]!)].sort((p, q) => q - p);
  return Math.round(((x! + 0.05) / (y! + 0.05)) * 100) / 100;
}

async function setup(scheme: 'light' | 'dark') {
  const clerk = new FakeClerk({ users: [{ email: 'ada@example.com', password: PASSWORD, totp: '123456' }] });
  const el = await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in style="color-scheme: ${scheme}" .clerk=${clerk}></clerk-mfa-sign-in>`);
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui };
}

for (const scheme of ['light', 'dark'] as const) {
  it(`${scheme}: borders, focus ring and errors stand out from their background`, async () => {
    const { el, ui } = await setup(scheme);
    const card = getComputedStyle(el).backgroundColor;
    const input = ui.input('identifier')!;
    const field = getComputedStyle(input);
    input.focus();
    const ring = colours(getComputedStyle(input).boxShadow).at(-1)!;
    await ui.fillCredentials('ada@example.com', 'wrong password');
    await ui.submit();
    await ui.waitForIdle();
    const password = getComputedStyle(ui.input('password')!);
    const error = getComputedStyle(el.shadowRoot!.querySelector('#password-error')!);
    const figures = {
      'field border / field': ratio(field.borderTopColor, field.backgroundColor),
      'field border / card': ratio(field.borderTopColor, card),
      'focus ring / card': ratio(`rgb(${ring.join(', ')})`, card),
      'invalid border / field': ratio(password.borderTopColor, password.backgroundColor),
      'error text / card': ratio(error.color, card),
    };
    console.log(`contrast, ${scheme}: ${Object.entries(figures).map(([what, r]) => `${what} ${r}:1`).join(', ')}`);
    for (const [what, r] of Object.entries(figures)) expect(r, what).to.be.at.least(what.startsWith('error text') ? 4.5 : 3);
  });
}

it('the red border of a field with an error stays visible around it while it has focus', async () => {
  const { ui } = await setup('light');
  await ui.fillCredentials('ada@example.com', 'wrong password');
  await ui.submit();
  await ui.waitForIdle();
  const password = ui.input('password')!;
  password.focus();
  const style = getComputedStyle(password);
  // The ring is drawn outside the border, a gap away: the border keeps its colour and width.
  expect(style.borderTopColor).to.equal('rgb(185, 28, 28)');
  expect(style.borderTopWidth).to.equal('1px');
  const [gap, ring] = style.boxShadow.split(/,(?![^(]*\))/);
  expect(gap).to.contain('0px 0px 0px 2px');
  expect(ring).to.contain('0px 0px 0px 4px');
});

for (const scheme of ['light', 'dark'] as const) {
  it(`${scheme}: <clerk-mfa-setup>'s red Remove and its waiting "Resend in …" are legible (at least 4.5:1)`, async () => {
    const user = { email: 'ada@example.com', password: PASSWORD, totp: '123456', backupCodes: ['aaaa-1111'], phone: '+15555550100' };
    const clerk = new FakeClerk({ users: [user], sentCode: '654321', signedInAs: user.email });
    const el = await fixture<ClerkMfaSetupElement>(html`<clerk-mfa-setup style="color-scheme: ${scheme}" .clerk=${clerk}></clerk-mfa-setup>`);
    const page = new SetupPage(el);
    await page.waitFor(() => el.view === 'overview' && !el.busy, 'the overview');
    const card = getComputedStyle(el).backgroundColor;
    await page.click('remove-phone-button');
    await page.waitForView('confirm-remove');
    const remove = getComputedStyle(page.part('confirm-button')!);
    const cancel = getComputedStyle(page.part('cancel-button')!);
    expect(colours(remove.backgroundColor)[0]![0], 'Remove is red').to.be.greaterThan(colours(remove.backgroundColor)[0]![2]! + 60);
    expect(cancel.backgroundColor, 'Cancel stays secondary').to.not.equal(remove.backgroundColor);
    const removeRatio = ratio(remove.color, remove.backgroundColor);
    await page.click('cancel-button');
    await page.waitForView('overview');
    clerk.requireReverification();
    await page.click('regenerate-button');
    await page.waitForView('reverify');
    await page.click('method-button', /Send SMS code/);
    await page.waitFor(() => page.part('resend-button')?.getAttribute('aria-disabled') === 'true', 'the resend waiting');
    const resend = getComputedStyle(page.part('resend-button')!);
    expect(resend.opacity, 'the waiting Resend is not faded').to.equal('1');
    const figures = { 'Remove text / Remove': removeRatio, 'waiting Resend / card': ratio(resend.color, card) };
    console.log(`contrast, setup, ${scheme}: ${Object.entries(figures).map(([what, r]) => `${what} ${r}:1`).join(', ')}`);
    for (const [what, r] of Object.entries(figures)) expect(r, what).to.be.at.least(4.5);
  });
}
