// The sign-in steps of <clerk-mfa-sign-in> beside the same steps of Clerk's prebuilt <SignIn />,
// both on the emulator (the bench site: the CDN build and @clerk/ui), at the same sizes.
// Used by `npm run screenshots`; each step is one picture: ours on the left, Clerk's on the right.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };
export const SCHEMES = ['light', 'dark'];
const WAIT = 15_000;

/**
 * A fresh user of one kind: `totp` (authenticator app and backup codes), `sms`, `reset` (must
 * choose a new password), `device` (new-device check), `task` (a pending session task), `enrol`
 * (no second factor yet, on an app that requires one: the `setup-mfa` task).
 */
function newUser(kind) {
  const user = {
    email: `${kind}-${randomBytes(3).toString('hex')}@example.com`,
    password: 'correct horse battery staple',
    first_name: 'Ada',
  };
  if (kind === 'totp' || kind === 'reset' || kind === 'task') {
    user.totp_secret = new Secret({ size: 20 }).base32;
    user.backup_codes = ['k3n8-x2q9', 'p7d4-m6w2'];
  }
  if (kind === 'sms') user.phone_number = '+15555550100';
  if (kind === 'reset') user.password_reset_required = true;
  if (kind === 'device') user.client_trust = true;
  if (kind === 'task') user.tasks = ['choose-organization'];
  if (kind === 'enrol') user.tasks = ['setup-mfa'];
  return user;
}

const totpCode = (user) => new TOTP({ secret: Secret.fromBase32(user.totp_secret), digits: 6, period: 30 }).generate();

/** Our setup-mfa task, driven to one of its views: the methods, the authenticator app, its backup codes, SMS. */
async function enrol(root, step) {
  await root.locator('[part~="method-button"][data-method]').first().waitFor({ timeout: WAIT });
  if (step === 'enrol-methods') return;
  if (step === 'enrol-sms') {
    await root.locator('[data-method="phone_code"]').click();
    await root.locator('input[name="phone"]').fill('+1 555 555 0100');
    await root.locator('input[name="phone"]').press('Enter');
    return void (await root.locator('[part~="message"]:not(:empty)').first().waitFor({ timeout: WAIT }));
  }
  await root.locator('[data-method="totp"]').click();
  const secret = root.locator('[part~="totp-secret"]');
  await secret.waitFor({ timeout: WAIT });
  if (step === 'enrol-totp') return;
  const key = (await secret.textContent()).replace(/\s/g, '');
  await root.locator('input[name="code"]').fill(totpCode({ totp_secret: key }));
  await root.locator('[part~="backup-codes"] li').first().waitFor({ timeout: WAIT });
}

/** The last code the emulator emailed to `user`, once it has. */
async function emailedCode(emulator, user) {
  for (const until = Date.now() + WAIT; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const code = emulator.messages().filter((m) => m.to === user.email).at(-1)?.code;
    if (code) return code;
  }
  throw new Error(`no code emailed to ${user.email}`);
}

/** The steps of "Forgot password?": the code emailed, then the new password. */
const FORGOT = ['forgot-code', 'forgot-new-password'];

/** How each UI is driven to a step; `at(step)` is called when the step shows. */
const DRIVERS = {
  ours: {
    page: '/element/',
    card: 'clerk-mfa-sign-in',
    async run(page, user, step, lang, emulator) {
      await page.evaluate((l) => {
        const element = document.querySelector('clerk-mfa-sign-in');
        if (l) element.setAttribute('locale', l);
        // The signed-in screen with its "Continue", staying on the page.
        element.setAttribute('after-sign-in-url', '/');
        element.addEventListener('signed-in', (event) => event.preventDefault());
      }, lang);
      const root = page.locator('clerk-mfa-sign-in');
      const stepIs = (name) => page.waitForFunction((n) => document.querySelector('clerk-mfa-sign-in')?.step === n, name, { timeout: WAIT });
      const errorShows = () => root.locator('[part~="error"]:not(:empty)').first().waitFor({ timeout: WAIT });
      await root.locator('input[name="password"]').waitFor({ timeout: WAIT });
      if (step === 'credentials') return;
      if (step === 'empty-fields') return void (await root.locator('[part~="submit-button"]').click(), await errorShows());
      await root.locator('input[name="identifier"]').fill(user.email);
      if (FORGOT.includes(step)) {
        await root.locator('[part~="forgot-password-button"]').click();
        await root.locator('[part~="message"]:not(:empty)').first().waitFor({ timeout: WAIT });
        if (step === 'forgot-code') return;
        await root.locator('input[name="code"]').fill(await emailedCode(emulator, user));
        return void (await root.locator('input[name="new-password"]').waitFor({ timeout: WAIT }));
      }
      await root.locator('input[name="password"]').fill(step === 'wrong-password' ? 'not the password' : user.password);
      await root.locator('input[name="password"]').press('Enter');
      if (step === 'wrong-password') return void (await errorShows());
      if (step === 'new-password') return void (await root.locator('input[name="new-password"]').waitFor({ timeout: WAIT }));
      if (step.startsWith('enrol-')) return enrol(root, step);
      await root.locator('input[name="code"]').waitFor({ timeout: WAIT });
      if (step === 'totp') return;
      if (step === 'sms' || step === 'new-device') return void (await root.locator('[part~="message"]:not(:empty)').first().waitFor({ timeout: WAIT }));
      if (step === 'backup') {
        await root.locator('[part~="method-button"][data-strategy="backup_code"]').click();
        return void (await root.locator('input[name="code"][inputmode="text"]').waitFor({ timeout: WAIT }));
      }
      if (step === 'wrong-code') return void (await root.locator('input[name="code"]').fill('000000'), await errorShows());
      // A complete code submits itself.
      await root.locator('input[name="code"]').fill(totpCode(user));
      await stepIs(step === 'task' ? 'task-required' : 'signed-in');
      if (step === 'task') await root.locator('[part~="sign-out-button"]').waitFor({ timeout: WAIT });
    },
  },
  clerk: {
    page: '/prebuilt/',
    card: '.cl-cardBox',
    async run(page, user, step, _lang, emulator) {
      const identifier = page.locator('.cl-signIn-start input[name="identifier"]');
      await identifier.waitFor({ timeout: WAIT });
      if (step === 'credentials') return;
      if (step === 'empty-fields') return void (await identifier.press('Enter'), await page.waitForTimeout(500));
      // Clerk's card leaves the page once signed in, draws a task with its own components, and
      // stays on its password page when Clerk asks for a new password.
      if (step === 'signed-in' || step === 'task' || step === 'new-password') return 'skip';
      const enrolling = step.startsWith('enrol-');
      await identifier.fill(user.email);
      await identifier.press('Enter');
      const password = page.locator('input[name="password"]:not([tabindex="-1"])');
      await password.waitFor({ state: 'visible', timeout: WAIT });
      if (FORGOT.includes(step)) {
        await page.getByText('Forgot password?').click();
        await page.getByText('Reset your password').click();
        const resetCode = page.locator('input[autocomplete="one-time-code"]');
        await resetCode.first().waitFor({ state: 'visible', timeout: WAIT });
        if (step === 'forgot-code') return void (await emailedCode(emulator, user));
        await resetCode.first().pressSequentially(await emailedCode(emulator, user));
        return void (await page.locator('input[name="confirmPassword"]').waitFor({ timeout: WAIT }));
      }
      await password.fill(step === 'wrong-password' ? 'not the password' : user.password);
      await password.press('Enter');
      // Clerk's TaskSetupMfa, inside its <SignIn />.
      if (enrolling) {
        await page.getByText(/authenticator application/i).first().waitFor({ timeout: WAIT });
        if (step === 'enrol-methods') return;
        await page.getByText(step === 'enrol-sms' ? /sms code/i : /authenticator application/i).first().click();
        if (step === 'enrol-sms') {
          const phone = page.locator('input[type="tel"]').first();
          await phone.waitFor({ timeout: WAIT });
          await phone.fill('5555550100');
          await phone.press('Enter');
          return void (await page.locator('input[autocomplete="one-time-code"]').first().waitFor({ state: 'visible', timeout: WAIT }));
        }
        await page.locator('.cl-qrCodeContainer, canvas, svg[role="img"]').first().waitFor({ timeout: WAIT });
        // Its backup codes need the key, which it shows only after "Can't scan QR code?".
        return step === 'enrol-totp' ? undefined : 'skip';
      }
      if (step === 'wrong-password') return void (await page.locator('.cl-formFieldErrorText, [id$="-error-feedback"]').first().waitFor({ timeout: WAIT }));
      const code = page.locator('input[autocomplete="one-time-code"]');
      await code.first().waitFor({ state: 'visible', timeout: WAIT });
      if (step === 'backup') {
        await page.getByText(/use another method/i).click();
        await page.getByText(/use a backup code/i).click();
        return void (await page.locator('input[name="backup_code"], input[name="code"]').first().waitFor({ timeout: WAIT }));
      }
      if (step === 'wrong-code') {
        await code.first().pressSequentially('000000');
        return void (await page.getByText(/incorrect code/i).first().waitFor({ timeout: WAIT }));
      }
    },
  },
};

/** Each step shot, and the kind of user who reaches it (Clerk's card is shot where it has the same step). */
export const STEPS = [
  { name: 'credentials', user: 'totp' },
  { name: 'empty-fields', user: 'totp' },
  { name: 'wrong-password', user: 'totp' },
  { name: 'totp', user: 'totp' },
  { name: 'wrong-code', user: 'totp' },
  { name: 'sms', user: 'sms' },
  { name: 'backup', user: 'totp' },
  { name: 'new-device', user: 'device' },
  { name: 'new-password', user: 'reset' },
  { name: 'forgot-code', user: 'totp' },
  { name: 'forgot-new-password', user: 'totp' },
  { name: 'signed-in', user: 'totp' },
  { name: 'task', user: 'task' },
  { name: 'enrol-methods', user: 'enrol' },
  { name: 'enrol-totp', user: 'enrol' },
  { name: 'enrol-backup-codes', user: 'enrol' },
  { name: 'enrol-sms', user: 'enrol' },
];

async function shoot(browser, base, ui, step, viewport, scheme, emulator, lang) {
  const user = newUser(step.user);
  await emulator.addUsers([user]);
  const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  try {
    await page.goto(base + DRIVERS[ui].page);
    let outcome;
    try {
      outcome = await DRIVERS[ui].run(page, user, step.name, lang, emulator);
    } catch (error) {
      // Ours must reach every step; Clerk's card may not have one the same way.
      if (ui === 'ours') throw error;
      console.warn(`  Clerk's card: ${step.name} not reached (${error.message.split('\n')[0]})`);
      return null;
    }
    if (outcome === 'skip') return null;
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    const card = page.locator(DRIVERS[ui].card).first();
    const box = await card.boundingBox();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    const png = await card.screenshot({ animations: 'disabled', caret: 'hide' });
    return { png, height: Math.round(box.height), width: Math.round(box.width), overflow };
  } finally {
    await context.close();
  }
}

/** One picture: the two cards side by side on the scheme's page background, captioned. */
export async function sideBySide(browser, shots, scheme) {
  const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 400, height: 300 } });
  const cell = ([label, shot]) =>
    shot
      ? `<figure><img src="data:image/png;base64,${shot.png.toString('base64')}"><figcaption>${label}: ${shot.height} px</figcaption></figure>`
      : `<figure><figcaption>${label}: –</figcaption></figure>`;
  await page.setContent(
    `<!doctype html><style>:root{color-scheme:light dark;font:14px system-ui}body{margin:0;display:flex;gap:24px;padding:16px;width:max-content;align-items:flex-start}figure{margin:0}figcaption{margin-top:6px;color:GrayText}</style>` +
      Object.entries(shots).map(cell).join(''),
  );
  const png = await page.locator('body').screenshot();
  await page.close();
  return png;
}

/**
 * Shoots every step (or those named in `only`) in every viewport and scheme; writes
 * docs/steps/*.png and returns the heights (docs/steps/heights.json only for a full run).
 */
export async function shootSteps({ browser, base, emulator, outDir = 'docs/steps', only = null }) {
  mkdirSync(outDir, { recursive: true });
  const rows = [];
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of SCHEMES) {
      for (const step of STEPS.filter((s) => !only || only.includes(s.name))) {
        const ours = await shoot(browser, base, 'ours', step, viewport, scheme, emulator);
        const clerk = await shoot(browser, base, 'clerk', step, viewport, scheme, emulator);
        const shots = { ours, "Clerk's &lt;SignIn /&gt;": clerk };
        if (viewportName === 'phone' && scheme === 'light') shots['ours, ar'] = await shoot(browser, base, 'ours', step, viewport, scheme, emulator, 'ar');
        const file = `${outDir}/${step.name}-${viewportName}-${scheme}.png`;
        writeFileSync(file, await sideBySide(browser, shots, scheme));
        rows.push({ step: step.name, viewport: viewportName, scheme, ours: ours?.height ?? null, clerk: clerk?.height ?? null, oursOverflow: !!ours?.overflow });
        console.log(file);
      }
    }
  }
  if (!only) writeFileSync(`${outDir}/heights.json`, JSON.stringify(rows, null, 2) + '\n');
  return rows;
}
