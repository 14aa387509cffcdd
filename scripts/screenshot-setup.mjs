// The views of <clerk-mfa-setup> beside the same views of Clerk's <UserProfile /> Security page,
// both on the emulator (the bench site's account pages) for a user already signed in with an SMS
// number and backup codes, at the sign-in steps' sizes and schemes (plus ours in Arabic on the
// phone). Used by `npm run screenshots`: docs/steps/setup-<view>-<viewport>-<scheme>.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { signedInUser } from '../bench/setup-bench.mjs';
import { SCHEMES, sideBySide, VIEWPORTS } from './screenshot-steps.mjs';

const WAIT = 15_000;
export const SETUP_VIEWS = ['overview', 'adding-totp', 'adding-wait', 'adding-failed', 'backup-codes', 'confirm-remove', 'reverify'];
/** Ours only: the add view while the enrolment downloads (held), and when it could not be downloaded. */
const OURS_ONLY = new Set(['adding-wait', 'adding-failed']);
const ENROLMENT_CHUNK = '**/setup-chunks/setup-enrolment-*.js';

/** Makes the page's session verified long ago, so the next sensitive change asks to verify again. */
async function ageSession(page, base) {
  const id = await page.waitForFunction(() => window.Clerk?.session?.id, null, { timeout: WAIT });
  const response = await fetch(`${base}/__clerk/_emulator/sessions/${await id.jsonValue()}/age`, {
    method: 'POST',
    headers: { 'x-clerk-emulator': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ minutes: 11 }),
  });
  if (!response.ok) throw new Error(`could not age the session: ${response.status}`);
}

/** How each UI is driven to a view; `card` is what is shot. */
const DRIVERS = {
  ours: {
    page: '/setup-element/',
    card: () => 'clerk-mfa-setup',
    async run(page, view, base, lang) {
      if (lang) await page.evaluate((l) => document.querySelector('clerk-mfa-setup').setAttribute('locale', l), lang);
      const root = page.locator('clerk-mfa-setup');
      const part = (name) => root.locator(`[part~="${name}"]`).first();
      /** Clicks `name` and waits for `done` to show. */
      const act = async (name, done) => {
        await part(name).click();
        await done.waitFor({ timeout: WAIT });
      };
      await part('add-totp-button').waitFor({ timeout: WAIT });
      if (view === 'overview') return;
      if (view === 'adding-totp') return void (await part('add-totp-button').click(), await part('qr-code').waitFor({ timeout: WAIT }));
      if (view === 'adding-wait') {
        // The download never answers while the picture is taken.
        await page.route(ENROLMENT_CHUNK, () => {});
        return void (await part('add-totp-button').click(), await root.locator('[part~="spinner"], .spinner').first().waitFor({ timeout: WAIT }));
      }
      if (view === 'adding-failed') {
        await page.route(ENROLMENT_CHUNK, (route) => route.abort());
        return void (await part('add-totp-button').click(), await part('error').waitFor({ timeout: WAIT }));
      }
      if (view === 'backup-codes') return act('regenerate-button', root.locator('[part~="backup-codes"] li').first());
      if (view === 'confirm-remove') return void (await part('remove-phone-button').click(), await part('confirm-button').waitFor({ timeout: WAIT }));
      await ageSession(page, base);
      await act('regenerate-button', root.locator('[part~="password-input"], [part~="code-input"]').first());
    },
  },
  clerk: {
    page: '/setup-profile/#/security',
    card: (view) => (view === 'reverify' ? '.cl-modalContent .cl-cardBox' : '.cl-cardBox'),
    async run(page, view, base) {
      if (OURS_ONLY.has(view)) throw new Error('a state of ours only');
      const add = page.getByRole('button', { name: 'Add two-step verification' });
      /** Opens the menu of the two-step verification row that says `text`, and picks `action`. */
      const rowAction = async (text, action) => {
        await page.locator('.cl-profileSectionItem__mfa', { hasText: text }).locator('.cl-menuButton').click();
        await page.getByRole('menuitem', { name: action }).click();
      };
      await add.waitFor({ timeout: WAIT });
      if (view === 'overview') return;
      if (view === 'adding-totp') {
        await add.click();
        await page.getByText('Authenticator application', { exact: true }).click();
        return void (await page.locator('.cl-qrCodeContainer').waitFor({ timeout: WAIT }));
      }
      if (view === 'confirm-remove') {
        await rowAction('0100', 'Remove');
        return void (await page.getByText(/no longer receiving verification codes/i).waitFor({ timeout: WAIT }));
      }
      if (view === 'reverify') await ageSession(page, base);
      await rowAction('Backup codes', 'Regenerate');
      if (view === 'reverify') return void (await page.locator('.cl-modalContent .cl-cardBox').waitFor({ timeout: WAIT }));
      await page.waitForFunction(() => (document.body.innerText.match(/\b[a-z0-9]{8}\b/g) ?? []).length >= 10, null, { timeout: WAIT });
    },
  },
};

export async function shoot(browser, base, ui, view, viewport, scheme, lang) {
  const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: 'reduce' });
  try {
    await signedInUser(context, base, { phone_number: '+15555550100', first_name: 'Ada' });
    const page = await context.newPage();
    await page.goto(base + DRIVERS[ui].page);
    try {
      await DRIVERS[ui].run(page, view, base, lang);
    } catch (error) {
      // Ours must reach every view; Clerk's page may not have one the same way.
      if (ui === 'ours') throw error;
      console.warn(`  Clerk's page: ${view} not reached (${error.message.split('\n')[0]})`);
      return null;
    }
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    const card = page.locator(DRIVERS[ui].card(view)).first();
    const box = await card.boundingBox();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    const png = await card.screenshot({ animations: 'disabled', caret: 'hide' });
    return { png, height: Math.round(box.height), width: Math.round(box.width), overflow };
  } finally {
    await context.close();
  }
}

/** Shoots every view (or those named in `only`) in every viewport and scheme; returns the card heights. */
export async function shootSetup({ browser, base, outDir = 'docs/steps', only = null }) {
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of SCHEMES) {
      for (const view of SETUP_VIEWS.filter((v) => !only || only.includes(v))) {
        const ours = await shoot(browser, base, 'ours', view, viewport, scheme);
        const clerk = OURS_ONLY.has(view) ? null : await shoot(browser, base, 'clerk', view, viewport, scheme);
        const shots = { ours, "Clerk's &lt;UserProfile /&gt;": clerk };
        if (viewportName === 'phone' && scheme === 'light') shots['ours, ar'] = await shoot(browser, base, 'ours', view, viewport, scheme, 'ar');
        const file = `${outDir}/setup-${view}-${viewportName}-${scheme}.png`;
        writeFileSync(file, await sideBySide(browser, shots, scheme));
        rows.push({ step: `setup ${view}`, viewport: viewportName, scheme, ours: ours?.height ?? null, clerk: clerk?.height ?? null, oursOverflow: !!ours?.overflow });
        console.log(file);
      }
    }
  }
  return rows;
}
