/**
 * Shared set-up for the element's integration tests: the real @clerk/clerk-js, loaded by the
 * element itself from the emulator mounted at /__clerk on the test server, as a user's page does.
 *
 * clerk-js's script build creates `window.Clerk` once per page, from the publishable key of the
 * first element, so each test file uses one key (one instance mode) and signs out between tests.
 */
import { fixture, html } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import '../../../src/index.js';
import type { ClerkMfaSignInElement } from '../../../src/clerk-mfa-sign-in.js';
import type { ClerkLike } from '../../../src/clerk-types.js';
import type { SignedInDetail, SignInErrorDetail, StepChangeDetail, TaskRequiredDetail } from '../../../src/events.js';
import { SignInHarness } from '../../../src/testing/index.js';
import { control } from '../controls.js';
import { PASSWORD, publishableKey, TOTP_SECRET, type Mode } from '../users.js';

export { control } from '../controls.js';
export { addUser, BACKUP_CODES, PASSWORD, publishableKey, TOTP_SECRET, type Mode } from '../users.js';

export const randomPhone = () => `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;

export function totpCode(at = Date.now(), secret = TOTP_SECRET): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/** A 6-digit code that is not the current TOTP code (nor its neighbours). */
export function wrongTotpCode(): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(Date.now() + d)));
  for (let n = 0; ; n++) {
    const code = String(n * 111_111 % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

export interface InboxMessage {
  to: string;
  channel: string;
  code: string;
  sent_at: number;
}

/** Codes "sent" to `to` by SMS or email, oldest first. */
export async function inbox(to: string): Promise<InboxMessage[]> {
  const { messages } = await (await control('/messages')).json();
  return (messages as InboxMessage[]).filter((m) => m.to === to);
}

export async function waitForMessages(to: string, count: number, timeoutMs = 10_000): Promise<InboxMessage[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mine = await inbox(to);
    if (mine.length >= count) return mine;
    if (Date.now() > until) throw new Error(`expected ${count} messages to ${to}, got ${mine.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Frontend API paths, as the emulator's request log records them. */
export const ROUTES = {
  signIns: /^\/__clerk\/v1\/client\/sign_ins$/,
  prepare: /^\/__clerk\/v1\/client\/sign_ins\/[^/]+\/prepare_second_factor$/,
  attempt: /^\/__clerk\/v1\/client\/sign_ins\/[^/]+\/attempt_second_factor$/,
  touch: /^\/__clerk\/v1\/client\/sessions\/[^/]+\/touch$/,
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  client?: string;
}

/** Frontend API requests this page's Clerk client made (other engines share the emulator). */
export async function requestsOfThisClient(): Promise<LoggedRequest[]> {
  const clientId = pageClerk()?.client && (pageClerk()!.client as { id?: string }).id;
  if (!clientId) throw new Error('Clerk has no client yet');
  const { requests } = await (await control('/requests')).json();
  return (requests as LoggedRequest[]).filter((r) => r.client === clientId);
}

/** How many requests to `method` + `pattern` this page's client made since `since` (epoch ms). */
export async function countRequests(method: string, pattern: RegExp, since: number): Promise<number> {
  return (await requestsOfThisClient()).filter((r) => r.at >= since && r.method === method && pattern.test(r.path)).length;
}

export interface PageClerk extends ClerkLike {
  client: ClerkLike['client'] & { id?: string };
  signOut(callback?: () => void): Promise<void>;
  isSignedIn?: boolean;
}

/** The Clerk instance clerk-js's script build put on this page. */
export function pageClerk(): PageClerk | null {
  return (window.Clerk as PageClerk | undefined) ?? null;
}

/** Signs the page's Clerk out (without navigating), so the next test starts signed out. */
export async function signOutPageClerk(): Promise<void> {
  const clerk = pageClerk();
  if (clerk?.loaded && clerk.client?.sessions?.length) await clerk.signOut(() => {});
}

export interface Recorded {
  signedIn: SignedInDetail[];
  taskRequired: TaskRequiredDetail[];
  errors: SignInErrorDetail[];
  steps: StepChangeDetail[];
}

export function record(el: HTMLElement): Recorded {
  const events: Recorded = { signedIn: [], taskRequired: [], errors: [], steps: [] };
  el.addEventListener('signed-in', (e) => events.signedIn.push(e.detail));
  el.addEventListener('task-required', (e) => events.taskRequired.push(e.detail));
  el.addEventListener('sign-in-error', (e) => events.errors.push(e.detail));
  el.addEventListener('step-change', (e) => events.steps.push(e.detail));
  return events;
}

/** Puts the element on the page the way a user's page does: a key and the proxy, nothing else. */
export async function mountElement(mode: Mode, options: { email?: string; clerk?: ClerkLike } = {}) {
  const el = options.clerk
    ? await fixture<ClerkMfaSignInElement>(html`<clerk-mfa-sign-in .clerk=${options.clerk} email=${options.email ?? ''}></clerk-mfa-sign-in>`)
    : await fixture<ClerkMfaSignInElement>(
        html`<clerk-mfa-sign-in publishable-key=${publishableKey(mode)} proxy-url="/__clerk" email=${options.email ?? ''}></clerk-mfa-sign-in>`,
      );
  const events = record(el);
  const ui = new SignInHarness(el);
  await ui.settle();
  return { el, ui, events };
}

export type Mounted = Awaited<ReturnType<typeof mountElement>>;

/** Email and password, then waits for the answer. */
export async function signInWithPassword(ui: SignInHarness, email: string, password = PASSWORD): Promise<void> {
  await ui.fillCredentials(email, password);
  await ui.submit();
  await ui.waitForIdle();
}

/** Makes the browser's fetch fail for Frontend API requests to `pattern`, as when the network drops. */
export function failFetch(pattern: RegExp): () => void {
  const realFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return pattern.test(new URL(url, location.href).pathname) ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
  };
  return () => {
    window.fetch = realFetch;
  };
}
