/**
 * Helpers for driving the real @clerk/clerk-js against the emulator mounted at /__clerk on the
 * test server (same origin, so the production `__client` cookie flow works).
 */
import { Clerk } from '@clerk/clerk-js';
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { Secret, TOTP } from 'otpauth';

export const PASSWORD = 'correct horse battery staple';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export type Mode = 'production' | 'dev-browser';

const keyHost: Record<Mode, string> = { production: 'clerk.emulator.test', 'dev-browser': 'emulator.clerk.accounts.dev' };
export const publishableKey = (mode: Mode) => `${mode === 'production' ? 'pk_live_' : 'pk_test_'}${btoa(`${keyHost[mode]}$`)}`;

let counter = 0;
/** A fresh user for one test, so lockouts, used codes and rate limits never leak between tests. */
export async function addUser(extra: Record<string, unknown> = {}): Promise<string> {
  const email = `it-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++counter}@example.com`;
  const response = await fetch('/__clerk/_emulator/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ users: [{ email, password: PASSWORD, first_name: 'Test', totp_secret: TOTP_SECRET, backup_codes: ['aaaa-1111', 'bbbb-2222'], ...extra }] }),
  });
  if (!response.ok) throw new Error(`could not add user: ${response.status}`);
  return email;
}

const clerks: Clerk[] = [];

export async function loadClerk(mode: Mode): Promise<Clerk> {
  const clerk = new Clerk(publishableKey(mode), { proxyUrl: `${location.origin}/__clerk` });
  await clerk.load({ telemetry: false } as never);
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
  const { messages } = await (await fetch('/__clerk/_emulator/messages')).json();
  const mine = messages.filter((m: { to: string }) => m.to === to);
  if (!mine.length) throw new Error(`no message to ${to}`);
  return mine.at(-1);
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
