/**
 * Pages whose markup is there before the element's module runs, as a server-rendered page is: the
 * element (and whatever the host adds to start clerk-js early) first, then the module, imported
 * here. Each test file is one page: clerk-js's script build runs once per page.
 */
import { Secret, TOTP } from 'otpauth';
import type { ClerkMfaSignInElement } from '../../../../src/clerk-mfa-sign-in.js';
import { SignInHarness } from '../../../../src/testing/index.js';
import { addUser, PASSWORD, publishableKey, TOTP_SECRET } from '../../users.js';

export const CLERK_JS_PATH = '/__clerk/npm/@clerk/clerk-js@6/dist/clerk.browser.js';
export const KEY = publishableKey('production');

/** When the first clerk-js `<script>` was added to the page: whether the element had rendered yet. */
export interface ScriptSeen {
  elementHadRendered: boolean;
}

/** Adds `head` to the page's head, then the element, then runs the element's module (or `entry`). */
export async function loadPage(
  head: HTMLElement | null,
  entry: () => Promise<unknown> = () => import('../../../../src/index.js'),
): Promise<{ el: ClerkMfaSignInElement; seen: ScriptSeen[] }> {
  if (head) document.head.append(head);
  document.body.insertAdjacentHTML('beforeend', `<clerk-mfa-sign-in publishable-key="${KEY}" proxy-url="/__clerk"></clerk-mfa-sign-in>`);
  const el = document.querySelector('clerk-mfa-sign-in') as ClerkMfaSignInElement;
  const seen: ScriptSeen[] = [];
  // Mutation records are delivered in a microtask queued by the first mutation: before the
  // element's first update when the script came first, after it otherwise.
  new MutationObserver((records) => {
    const added = records.flatMap((r) => [...r.addedNodes]).some((n) => n instanceof HTMLScriptElement && n.src.includes('clerk.browser.js'));
    if (added) seen.push({ elementHadRendered: el.hasUpdated === true });
  }).observe(document.head, { childList: true });
  await entry();
  return { el, seen };
}

/** An element with these attributes (a `<script>` made this way runs, unlike one parsed from a string). */
export function tag(name: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(name);
  for (const [attribute, value] of Object.entries(attributes)) el.setAttribute(attribute, value);
  return el;
}

/** The clerk-js downloads this page made, from its Resource Timing. */
export const clerkJsDownloads = () => performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === CLERK_JS_PATH);

// Signed out at the end: engines that keep cookies between test pages (WebKit) would otherwise
// start the next page signed in.
after(async () => {
  await (window.Clerk as { signOut?: (callback: () => void) => Promise<void> } | undefined)?.signOut?.(() => {});
});

/** Signs a fresh user in through the element (password, then the authenticator-app code). */
export async function signIn(el: ClerkMfaSignInElement): Promise<void> {
  const email = await addUser();
  const ui = new SignInHarness(el);
  await ui.settle();
  await ui.fillCredentials(email, PASSWORD);
  await ui.submit();
  await ui.waitForStep('second-factor', 15_000);
  await ui.enterCode(new TOTP({ secret: Secret.fromBase32(TOTP_SECRET) }).generate());
  await ui.waitForStep('signed-in', 15_000);
}
