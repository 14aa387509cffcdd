/** Test helpers for pages using `<clerk-mfa-sign-in>`: an in-memory Clerk and a page-object harness. */
export {
  FakeClerk,
  FakeClerkAPIResponseError,
  fakeClerkError,
  fakeNetworkError,
  fakeRateLimitError,
  type FakeAccount,
  type FakeClerkOptions,
  type FakeMethod,
  type FakeUser,
  type FakeUserPhone,
} from './fake-clerk.js';
export { FAKE_TOTP_SECRET, FAKE_TOTP_URI, type FakeMfaMethod } from './fake-mfa.js';
export type { FakePhoneNumber } from './fake-phones.js';
export type { FakeSessionVerification } from './fake-reverification.js';
export { SignInHarness } from './harness.js';
export { recordConsole, type ConsoleRecording } from './secrets.js';
