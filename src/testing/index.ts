/** Test helpers for pages using `<clerk-mfa-sign-in>`: an in-memory Clerk and a page-object harness. */
export {
  FakeClerk,
  FakeClerkAPIResponseError,
  fakeClerkError,
  fakeNetworkError,
  type FakeClerkOptions,
  type FakeMethod,
  type FakeUser,
} from './fake-clerk.js';
export { FAKE_TOTP_SECRET, FAKE_TOTP_URI, type FakeMfaMethod } from './fake-mfa.js';
export { SignInHarness } from './harness.js';
export { recordConsole, type ConsoleRecording } from './secrets.js';
