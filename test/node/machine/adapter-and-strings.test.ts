import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Clerk } from '@clerk/shared/types';
import { SignInAdapter, snapshotSignIn } from '../../../src/sign-in-adapter.js';
import { lockoutSecondsFrom, normalizeError } from '../../../src/clerk-errors.js';
import { clerkJsScriptUrl, frontendApiFromKey } from '../../../src/clerk-script.js';
import type { ClerkLike, ClerkSignInLike } from '../../../src/clerk-types.js';
import { interpolate } from '../../../src/localization.js';
import { mergeStrings } from '../../../src/sign-in-strings.js';
import { formatDuration } from '../../../src/sign-in-failures.js';
import { EN } from '../../../src/strings.js';
import { resolveLocale } from '../../../src/locale-loader.js';
import { LOCALES } from '../../../src/locales/index.js';
import { FakeClerkAPIResponseError, fakeNetworkError } from '../../../src/testing/fake-clerk.js';

// A real clerk-js instance must be usable as the element's `clerk` property.
const acceptsRealClerk = (clerk: Clerk): ClerkLike => clerk;
void acceptsRealClerk;

const KEY = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;

describe('loading clerk-js the way Clerk SDKs do', () => {
  it('decodes the Frontend API host from the publishable key', () => {
    assert.equal(frontendApiFromKey(KEY), 'clerk.example.com');
    assert.equal(frontendApiFromKey('pk_test_notbase64!'), null);
    assert.equal(frontendApiFromKey('sk_test_abc'), null);
  });
  it('script URL: override, relative proxy, absolute proxy, Frontend API', () => {
    const path = '/npm/@clerk/clerk-js@6/dist/clerk.browser.js';
    assert.equal(clerkJsScriptUrl({ scriptUrl: '/vendor/clerk.js', proxyUrl: '/__clerk', publishableKey: KEY }), '/vendor/clerk.js');
    assert.equal(clerkJsScriptUrl({ proxyUrl: '/__clerk/', publishableKey: KEY }), `/__clerk${path}`);
    assert.equal(clerkJsScriptUrl({ proxyUrl: 'http://127.0.0.1:4123/__clerk', publishableKey: KEY }), `http://127.0.0.1:4123/__clerk${path}`);
    assert.equal(clerkJsScriptUrl({ publishableKey: KEY }), `https://clerk.example.com${path}`);
    assert.equal(clerkJsScriptUrl({}), null);
  });
});

describe('normalising what clerk-js throws', () => {
  it('ClerkAPIResponseError: code, paramName, long message, status, Retry-After', () => {
    const error = new FakeClerkAPIResponseError('too_many_requests', { status: 429, retryAfter: 12, longMessage: 'Slow down', paramName: 'identifier' });
    assert.deepEqual(normalizeError(error), {
      code: 'too_many_requests',
      message: 'too many requests',
      longMessage: 'Slow down',
      paramName: 'identifier',
      status: 429,
      retryAfterSeconds: 12,
    });
  });
  it('user_locked: seconds from meta, else from the long message', () => {
    assert.equal(normalizeError(new FakeClerkAPIResponseError('user_locked', { meta: { lockoutExpiresInSeconds: 99 } })).lockoutSeconds, 99);
    assert.equal(lockoutSecondsFrom({}, 'Your account is locked. You will be able to try again in 29 minutes.'), 1740);
    assert.equal(lockoutSecondsFrom(undefined, 'Locked.'), undefined);
  });
  it('fetch failures are network errors; anything else is unknown with its message', () => {
    assert.equal(normalizeError(fakeNetworkError()).code, 'network_error');
    assert.equal(normalizeError({ code: 'network_error', message: 'x' }).code, 'network_error');
    assert.deepEqual(normalizeError(new Error('boom')), { code: 'unknown', longMessage: 'boom' });
    // What clerk-js throws when fetch itself fails and it is not told to rethrow offline errors.
    const clerkJsNetworkError = new Error('Clerk: Network error at "http://x/__clerk/v1/client/sign_ins" - TypeError: Failed to fetch. Please try again.');
    assert.equal(normalizeError(clerkJsNetworkError).code, 'network_error');
  });
  it('a sign-in clerk-js left untouched (no answer, automated browser) is a network error, not its old status', async () => {
    // Under navigator.webdriver clerk-js resolves a failed request with the resource as it was.
    const signIn: ClerkSignInLike = {
      id: 'sia_1',
      status: 'needs_second_factor',
      supportedSecondFactors: [{ strategy: 'totp' }],
      createdSessionId: null,
      secondFactorVerification: { status: null },
      create: async () => signIn,
      prepareFirstFactor: async () => signIn,
      attemptFirstFactor: async () => signIn,
      prepareSecondFactor: async () => signIn,
      attemptSecondFactor: async () => signIn,
      resetPassword: async () => signIn,
    };
    const clerk: ClerkLike = { loaded: true, client: { signIn }, session: null, setActive: async () => {} };
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: true, webdriver: true }, configurable: true });
    try {
      const adapter = new SignInAdapter({ clerk });
      const created = await adapter.create('a@example.com', 'pw');
      assert.equal(created.ok, false);
      assert.equal(!created.ok && created.failure.code, 'network_error');
      const attempted = await adapter.attempt('totp', '123456');
      assert.equal(!attempted.ok && attempted.failure.code, 'network_error');

      // An answer replaces the verification objects: then the status counts.
      signIn.attemptSecondFactor = async () => Object.assign(signIn, { status: 'complete', createdSessionId: 'sess_1', secondFactorVerification: { status: 'verified' } });
      const answered = await adapter.attempt('totp', '123456');
      assert.equal(answered.ok && answered.value.status, 'complete');
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'navigator', descriptor);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
  it('snapshots keep only the factors the element supports', () => {
    const snap = snapshotSignIn({
      status: 'needs_second_factor',
      createdSessionId: null,
      supportedSecondFactors: [{ strategy: 'passkey' }, { strategy: 'phone_code', phoneNumberId: 'p', safeIdentifier: '+1***', default: true }],
    } as never);
    assert.deepEqual(snap.supportedSecondFactors, [{ strategy: 'phone_code', phoneNumberId: 'p', safeIdentifier: '+1***', default: true }]);
  });
});

describe('strings', () => {
  it('resolves languages: exact, by language, English', () => {
    const all = Object.keys(LOCALES);
    assert.ok(all.length >= 45);
    assert.equal(resolveLocale('de-DE', all), 'de-DE');
    assert.equal(resolveLocale('de', all), 'de-DE');
    assert.equal(resolveLocale('fr_FR', all), 'fr-FR');
    assert.equal(resolveLocale('en', all), null);
    assert.equal(resolveLocale('en-GB', all), 'en-GB');
    assert.equal(resolveLocale('en-AU', all), null);
    assert.equal(resolveLocale('xx', all), null);
  });
  it('interpolates Clerk placeholders and formats waits', () => {
    assert.equal(interpolate('Send SMS code to {{identifier}}', { identifier: '+1***' }), 'Send SMS code to +1***');
    assert.equal(interpolate('{{ identifier }}!', { identifier: 'x' }), 'x!');
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(125), '2:05');
    assert.equal(formatDuration(3600), '1:00:00');
  });
  it('overrides win over the language, which wins over English; unknown keys are ignored', () => {
    const merged = mergeStrings({ continue: 'Weiter', back: 'Zurück' }, { back: 'Retour', nope: 'x' } as never);
    assert.equal(merged.continue, 'Weiter');
    assert.equal(merged.back, 'Retour');
    assert.equal(merged.verify, EN.verify);
    assert.equal('nope' in merged, false);
  });
  it('generated language modules only hold known keys', async () => {
    for (const [locale, load] of Object.entries(LOCALES)) {
      const strings = (await load()).default;
      for (const key of Object.keys(strings)) assert.ok(key in EN, `${locale}: ${key}`);
    }
  });
});
