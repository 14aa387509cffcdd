/**
 * Test users and publishable keys shared by the integration tests (the real clerk-js against the
 * emulator mounted at /__clerk on the test server). Imports nothing from clerk-js, so the element's
 * tests, which load clerk-js's script build the way a user's page does, can use it too.
 */
export const PASSWORD = 'correct horse battery staple';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const BACKUP_CODES = ['aaaa-1111', 'bbbb-2222'];
export type Mode = 'production' | 'dev-browser';

const keyHost: Record<Mode, string> = { production: 'clerk.emulator.test', 'dev-browser': 'emulator.clerk.accounts.dev' };
export const publishableKey = (mode: Mode) => `${mode === 'production' ? 'pk_live_' : 'pk_test_'}${btoa(`${keyHost[mode]}$`)}`;

import { control } from './controls.js';

let counter = 0;
/** A fresh user for one test, so lockouts, used codes and rate limits never leak between tests. */
export async function addUser(extra: Record<string, unknown> = {}): Promise<string> {
  const email = `it-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++counter}@example.com`;
  const user = { email, password: PASSWORD, first_name: 'Test', totp_secret: TOTP_SECRET, backup_codes: BACKUP_CODES, ...extra };
  const response = await control('/users', { body: { users: [user] } });
  if (!response.ok) throw new Error(`could not add user: ${response.status}`);
  return email;
}
