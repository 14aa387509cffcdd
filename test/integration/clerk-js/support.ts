/**
 * Helpers for driving the real @clerk/clerk-js against the emulator mounted at /__clerk on the
 * test server (same origin, so the production `__client` cookie flow works).
 */
import { Clerk } from '@clerk/clerk-js';
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { control } from '../controls.js';
import { PASSWORD, publishableKey, TOTP_SECRET, type Mode } from '../users.js';

export { addUser, PASSWORD, publishableKey, TOTP_SECRET, type Mode } from '../users.js';

const clerks: Clerk[] = [];

/** A loaded clerk-js for the emulator (`options` are more of `clerk.load()`'s, e.g. `{ ui }`). */
export async function loadClerk(mode: Mode, options: Record<string, unknown> = {}): Promise<Clerk> {
  const clerk = new Clerk(publishableKey(mode), { proxyUrl: `${location.origin}/__clerk` });
  await clerk.load({ telemetry: false, ...options } as never);
  clerks.push(clerk);
  return clerk;
}

/** Signs out every Clerk loaded by the test, without navigating away from the test page. */
export async function signOutAll(): Promise<void> {
  while (clerks.length) {
    const clerk = clerks.pop()!;
    if (clerk.client?.sessions.length) await clerk.signOut(() => {});
  }
}

export function totpCode(secret = TOTP_SECRET, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

export async function lastMessage(to: string): Promise<{ to: string; channel: string; code: string; sent_at: number }> {
  const { messages } = await (await control('/messages')).json();
  const mine = messages.filter((m: { to: string }) => m.to === to);
  if (!mine.length) throw new Error(`no message to ${to}`);
  return mine.at(-1);
}

/**
 * Makes the session's last verification `minutes` older at the emulator, as if that time had
 * passed: a sensitive change then asks to verify again (Clerk's `strict` level: past 10 minutes).
 */
export async function ageSession(sessionId: string, minutes: number): Promise<void> {
  const response = await control(`/sessions/${encodeURIComponent(sessionId)}/age`, { body: { minutes } });
  if (!response.ok) throw new Error(`could not age the session: ${response.status}`);
}

export async function verifyJwt(jwt: string): Promise<JWTPayload> {
  const jwks = await (await fetch('/__clerk/.well-known/jwks.json')).json();
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks));
  return payload;
}

/** Runs `action` and returns the ClerkAPIResponseError it throws. */
export async function apiError(action: () => Promise<unknown>): Promise<{ status: number; code: string; longMessage: string; meta: Record<string, unknown>; name: string; retryAfter?: number; isApi: boolean }> {
  const { isClerkAPIResponseError } = await import('@clerk/clerk-js');
  try {
    await action();
  } catch (error) {
    const e = error as { status: number; errors: Array<{ code: string; longMessage: string; meta: Record<string, unknown> }>; name: string; retryAfter?: number };
    return { status: e.status, code: e.errors?.[0]?.code ?? '', longMessage: e.errors?.[0]?.longMessage ?? '', meta: e.errors?.[0]?.meta ?? {}, name: e.name, retryAfter: e.retryAfter, isApi: isClerkAPIResponseError(error) };
  }
  throw new Error('expected a ClerkAPIResponseError');
}

/** Signs `email` in with the password, then the authenticator when Clerk asks for it, and activates the session. */
export async function signInWithPassword(clerk: Clerk, email: string, totpSecret = TOTP_SECRET): Promise<void> {
  let signIn = await clerk.client!.signIn.create({ identifier: email, password: PASSWORD });
  if (signIn.status === 'needs_second_factor') signIn = await signIn.attemptSecondFactor({ strategy: 'totp', code: totpCode(totpSecret) });
  if (signIn.status !== 'complete') throw new Error(`sign-in ended ${signIn.status}`);
  await clerk.setActive({ session: signIn.createdSessionId, navigate: async () => {} } as never);
}

export const randomPhone = () => `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
