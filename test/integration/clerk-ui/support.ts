/**
 * Clerk's own UI (`@clerk/ui`, the prebuilt `<SignIn />` and `<UserProfile />`) on the real
 * clerk-js against the emulator, as a page gets it: `ui.browser.js` by a script tag (served from
 * node_modules by the test server; it loads its chunks from the same folder), its constructor
 * handed to `clerk.load({ ui })`. The helpers act like a user: click what a label names, type
 * into the field a label or role names, wait for text to appear.
 */
import type { Clerk } from '@clerk/clerk-js';
import { lastMessage, loadClerk } from '../clerk-js/support.js';

export { addUser, ageSession, apiError, lastMessage, PASSWORD, randomPhone, signInWithPassword, signOutAll, totpCode, TOTP_SECRET } from '../clerk-js/support.js';

const UI_SCRIPT = '/node_modules/@clerk/ui/dist/ui.browser.js';

declare global {
  interface Window {
    __internal_ClerkUICtor?: unknown;
  }
}

function loadUiScript(): Promise<unknown> {
  if (window.__internal_ClerkUICtor) return Promise.resolve(window.__internal_ClerkUICtor);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = UI_SCRIPT;
    script.onload = () => resolve(window.__internal_ClerkUICtor);
    script.onerror = () => reject(new Error(`could not load ${UI_SCRIPT}`));
    document.head.append(script);
  });
}

/**
 * A production-key clerk-js with Clerk's UI, loaded against the emulator. Where Clerk would
 * navigate this origin's pages (after signing in), the path is recorded in `navigations`
 * instead, so the test page stays.
 */
export async function loadClerkWithUi(): Promise<{ clerk: Clerk; navigations: string[] }> {
  const ClerkUI = await loadUiScript();
  const navigations: string[] = [];
  const record = async (to: string) => {
    navigations.push(to);
  };
  const clerk = await loadClerk('production', { ui: { ClerkUI }, routerPush: record, routerReplace: record });
  return { clerk, navigations };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `find` returns (or resolves to) something: the UI renders, and the emulator answers, asynchronously. */
export async function waitFor<T>(what: string, find: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; the page shows: ${document.body.innerText.slice(0, 600)}`);
    await sleep(50);
  }
}

const visible = (element: Element) => (element as HTMLElement).offsetParent !== null || getComputedStyle(element).position === 'fixed';

/** Whether a user could press it now: Clerk's forms keep their submit button disabled until what was typed is valid. */
const enabled = (element: Element) => !(element as HTMLButtonElement).disabled && element.getAttribute('aria-disabled') !== 'true';

/** The visible, enabled button, link or menu item whose text is `label` (a string matches the whole trimmed text). */
export function control(label: string | RegExp, root: ParentNode = document): Promise<HTMLElement> {
  const matches = (text: string) => (typeof label === 'string' ? text.trim() === label : label.test(text.trim()));
  return waitFor(`an enabled control labelled ${label}`, () =>
    [...root.querySelectorAll<HTMLElement>('button, a, [role="menuitem"]')].find((element) => visible(element) && enabled(element) && matches(element.textContent ?? '')),
  );
}

export async function click(label: string | RegExp, root?: ParentNode): Promise<void> {
  (await control(label, root)).click();
}

/**
 * Types into an input as a user does: React sees the change through its own `input` listener,
 * and has rendered it (a click right after would still see the old value) when this resolves.
 */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The visible input matching `selector`. */
export function field(selector: string): Promise<HTMLInputElement> {
  return waitFor(`a field ${selector}`, () => [...document.querySelectorAll<HTMLInputElement>(selector)].find((input) => visible(input) && !input.disabled));
}

/** Types a one-time code into Clerk's code field (one input behind the six boxes). */
export async function enterCode(code: string): Promise<void> {
  await type(await field('input[autocomplete="one-time-code"]'), code);
}

/** The last code "sent" to `to`, once there is one. */
export function codeSentTo(to: string): Promise<string> {
  return waitFor(`a code sent to ${to}`, () => lastMessage(to).then((message) => message.code, () => null));
}

export function waitForText(text: string | RegExp, timeoutMs?: number): Promise<true> {
  return waitFor(`the text ${text}`, () => (typeof text === 'string' ? document.body.innerText.includes(text) : text.test(document.body.innerText)), timeoutMs);
}
