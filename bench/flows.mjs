// What a user does on each page: the same email, password and TOTP code,
// typed into whatever fields the page shows. Each flow ends with the key that
// submits the code (Enter, or the code's last digit where the form submits itself).

const SECOND_FACTOR_TIMEOUT = 15_000;

/** The card's height (CSS pixels) as the step shows, into `heights[step]`. */
async function cardHeight(page, selector, heights, step) {
  const box = await page.locator(selector).first().boundingBox();
  if (box) heights[step] = box.height;
}

/** Types the code; presses Enter unless the form submitted itself on the last digit. */
async function enterCode(page, input, code, submitsItself) {
  await input.click();
  await page.keyboard.type(code);
  if (!submitsItself) await page.keyboard.press('Enter');
}

export const FLOWS = {
  /** <clerk-mfa-sign-in>: email + password on one step, then the code (submits itself at 6 digits). */
  element: {
    title: '<clerk-mfa-sign-in>',
    async signIn(page, user, nextCode, heights) {
      const root = page.locator('clerk-mfa-sign-in');
      await cardHeight(page, 'clerk-mfa-sign-in', heights, 'credentials');
      await root.locator('input[name="identifier"]').fill(user.email);
      await root.locator('input[name="password"]').fill(user.password);
      await root.locator('input[name="password"]').press('Enter');
      const code = root.locator('input[name="code"]');
      await code.waitFor({ state: 'visible', timeout: SECOND_FACTOR_TIMEOUT });
      await cardHeight(page, 'clerk-mfa-sign-in', heights, 'code');
      await enterCode(page, code, nextCode(), true);
    },
  },

  /** <clerk-mfa-sign-in> on a page with the README's `<link rel="preload">` for clerk-js: the same sign-in. */
  'element-preload': {
    title: '<clerk-mfa-sign-in>, clerk-js preloaded from the HTML',
    signIn: (...args) => FLOWS.element.signIn(...args),
  },

  /**
   * <clerk-mfa-sign-in> imported only once the page's own clerk-js has started `Clerk.load()`:
   * the same sign-in, with our module's download and first render moved after Clerk's path.
   */
  'element-clerk-first': {
    title: '<clerk-mfa-sign-in>, imported after Clerk.load() has started',
    signIn: (...args) => FLOWS.element.signIn(...args),
  },

  /**
   * <clerk-mfa-sign-in> with one mistake first: a wrong password, which downloads the on-demand
   * part (the failure handling and its messages), then the same sign-in. Measures what a lazily
   * loaded part costs when it is used; not compared with the other pages.
   */
  'element-mistake': {
    title: '<clerk-mfa-sign-in>, a wrong password first',
    path: 'element',
    async signIn(page, user, nextCode, heights, timings) {
      const root = page.locator('clerk-mfa-sign-in');
      await root.locator('input[name="identifier"]').fill(user.email);
      await root.locator('input[name="password"]').fill(`${user.password} typo`);
      const pressed = Date.now();
      await root.locator('input[name="password"]').press('Enter');
      // The message renders with the field marked invalid.
      await root.locator('input[name="password"][aria-invalid="true"]').waitFor({ state: 'visible', timeout: SECOND_FACTOR_TIMEOUT });
      timings.mistakeToMessage = Date.now() - pressed;
      await cardHeight(page, 'clerk-mfa-sign-in', heights, 'wrong password');
      await FLOWS.element.signIn(page, user, nextCode, {});
    },
  },

  /** Clerk's <SignIn />: email, then password (factor one), then the code (factor two, submits itself). */
  prebuilt: {
    title: "Clerk's prebuilt <SignIn /> (@clerk/ui)",
    async signIn(page, user, nextCode, heights) {
      await cardHeight(page, '.cl-cardBox', heights, 'credentials');
      await page.locator('.cl-signIn-start input[name="identifier"]').fill(user.email);
      await page.locator('.cl-signIn-start input[name="identifier"]').press('Enter');
      // The start step also holds a hidden password field (for password managers): skip it.
      const password = page.locator('input[name="password"]:not([tabindex="-1"])');
      await password.waitFor({ state: 'visible', timeout: SECOND_FACTOR_TIMEOUT });
      await cardHeight(page, '.cl-cardBox', heights, 'password');
      await password.fill(user.password);
      await password.press('Enter');
      const code = page.locator('input[autocomplete="one-time-code"]');
      await code.waitFor({ state: 'visible', timeout: SECOND_FACTOR_TIMEOUT });
      await cardHeight(page, '.cl-cardBox', heights, 'code');
      await enterCode(page, code, nextCode(), true);
    },
  },

  /** The guide's custom flow: email + password, then the code and "Verify" (Enter). */
  guide: {
    title: "The guide's custom JavaScript flow",
    async signIn(page, user, nextCode, heights) {
      await cardHeight(page, '#sign-in', heights, 'credentials');
      await page.locator('#sign-in-email').fill(user.email);
      await page.locator('#sign-in-password').fill(user.password);
      await page.locator('#sign-in-password').press('Enter');
      const code = page.locator('#code');
      await code.waitFor({ state: 'visible', timeout: SECOND_FACTOR_TIMEOUT });
      await cardHeight(page, '#verifying', heights, 'code');
      await enterCode(page, code, nextCode(), false);
    },
  },
};
