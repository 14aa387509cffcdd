// The element's own checks of the fields (field-rules.ts), the honest lockout ("about N minutes",
// and a wait no longer than the lock surely lasts), the text of each failure, and which English is
// built in: everything an authenticator-app sign-in without a mistake shows, and nothing else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lockoutSecondsFrom, normalizeError } from '../../../src/clerk-errors.js';
import { BUILT_IN_EN } from '../../../src/english.js';
import { checkFields, type FieldValues } from '../../../src/field-rules.js';
import { LAZY_EN } from '../../../src/lazy-english.js';
import { blockedSecondsLeft, initialState, transition } from '../../../src/sign-in-machine.js';
import { failureMessage, formatMinutes, mapFailure } from '../../../src/sign-in-failures.js';
import type { Factor, SignInState } from '../../../src/sign-in-types.js';
import { STRATEGIES } from '../../../src/strategies.js';
import { EN, type MessageKey } from '../../../src/strings.js';
import { FakeClerkAPIResponseError } from '../../../src/testing/fake-clerk.js';

const NOW = 1_700_000_000_000;
const TOTP: Factor = { strategy: 'totp' };
const BACKUP: Factor = { strategy: 'backup_code' };

function codeStep(method: Factor): SignInState {
  return { step: 'second-factor', identifier: 'ada@example.com', method, methods: [method], sentAt: null, pending: null, error: null, seq: 1 };
}

describe('what the element checks before anything goes to Clerk', () => {
  const credentials = initialState();
  const cases: [FieldValues, string | null, string?][] = [
    [{ identifier: '', password: '' }, 'identifierRequired', 'identifier'],
    [{ identifier: ' \t ', password: 'pw' }, 'identifierRequired', 'identifier'],
    [{ identifier: 'ada', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada@', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: '@example.com', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada@example', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada@example.', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada lovelace@example.com', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada@@example.com', password: 'pw' }, 'identifierInvalid', 'identifier'],
    [{ identifier: 'ada@example.com', password: '' }, 'passwordRequired', 'password'],
    [{ identifier: ' ada@example.com ', password: ' ' }, null],
    [{ identifier: 'ada+mfa@mail.example.co.uk', password: 'pw' }, null],
    [{ identifier: 'δοκιμή@παράδειγμα.δοκιμή', password: 'pw' }, null],
  ];
  for (const [values, key, field] of cases) {
    it(`${JSON.stringify(values)} → ${key ?? 'may be sent'}`, () => {
      const error = checkFields(credentials, values);
      assert.equal(error?.key ?? null, key);
      if (error) {
        assert.equal(error.field, field);
        assert.equal(error.code, key === 'identifierInvalid' ? 'form_param_format_invalid' : 'form_param_missing');
      }
    });
  }

  it('a code: empty, or nothing but separators, is missing; any other is for Clerk to judge', () => {
    for (const code of ['', ' ', ' - ', '\u2013']) assert.equal(checkFields(codeStep(TOTP), { code })?.key, 'codeRequired');
    for (const code of ['1', '12345', '123456']) assert.equal(checkFields(codeStep(TOTP), { code }), null);
    assert.equal(checkFields(codeStep(BACKUP), { code: ' \u2013 ' })?.key, 'codeRequired');
    assert.equal(checkFields(codeStep(BACKUP), { code: 'abcd-efgh' }), null);
  });

  it('a new password that is empty; and nothing to check when only a failed activation is retried', () => {
    const newPassword: SignInState = { step: 'new-password', identifier: 'a@b.co', pending: null, error: null, seq: 1 };
    assert.equal(checkFields(newPassword, { 'new-password': '' })?.key, 'newPasswordRequired');
    assert.equal(checkFields(newPassword, { 'new-password': 'x' }), null);
    assert.equal(checkFields({ ...codeStep(TOTP), activateSessionId: 'sess_1' } as SignInState, { code: '' }), null);
  });

  it('a 100,000-character address is checked without freezing (the parts of the pattern cannot overlap)', () => {
    const started = performance.now();
    assert.equal(checkFields(credentials, { identifier: `${'a'.repeat(100_000)}@`, password: 'x' })?.key, 'identifierInvalid');
    assert.equal(checkFields(credentials, { identifier: `a@${'b.'.repeat(50_000)}`, password: 'x' })?.key, 'identifierInvalid');
    // A generous bound, to catch a pattern that backtracks (seconds, or worse), not to time it.
    assert.ok(performance.now() - started < 2000);
  });

  it('the machine takes the error to the field, and refuses it while a request is under way', () => {
    const error = checkFields(initialState(), { identifier: '', password: '' })!;
    const invalid = transition(initialState(), { type: 'invalid', error });
    assert.ok('error' in invalid && invalid.error === error && !invalid.pending);
    const busy = transition(initialState('ada@example.com'), { type: 'submit', identifier: 'ada@example.com' });
    assert.equal(transition(busy, { type: 'invalid', error }), busy);
  });
});

describe('a lockout Clerk gives only to the minute', () => {
  const clerkSays = (minutes: number) =>
    normalizeError(
      new FakeClerkAPIResponseError('user_locked', { status: 403, longMessage: `Your account is locked. You will be able to try again in ${minutes} minutes.` }),
    );
  const t = (key: MessageKey, values: Record<string, string> = {}) => EN[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

  it('is read from the message, rounded up to a minute: the wait is certain only for one minute less', () => {
    assert.deepEqual(clerkSays(29), { code: 'user_locked', message: 'user locked', longMessage: 'Your account is locked. You will be able to try again in 29 minutes.', status: 403, lockoutSeconds: 1740, lockoutPrecision: 60 });
    const error = mapFailure(clerkSays(29), 'credentials', NOW);
    assert.equal(error.lockedUntil, NOW + 28 * 60_000);
    assert.equal(error.lockedAbout, 60);
    assert.equal(lockoutSecondsFrom({}, 'try again in 29 minutes'), 1740);
  });

  it('says "about N minutes", N counting down, and Continue is free again once the lock may be over', () => {
    const error = mapFailure(clerkSays(29), 'credentials', NOW);
    const say = (now: number) => failureMessage(error, { left: Math.max(0, Math.ceil((error.lockedUntil! - now) / 1000)), lang: 'en', t });
    assert.equal(say(NOW), 'Your account is locked. Try again in about 29 minutes.');
    assert.equal(say(NOW + 10 * 60_000), 'Your account is locked. Try again in about 19 minutes.');
    const state: SignInState = { ...initialState('ada@example.com'), error };
    assert.equal(blockedSecondsLeft(state, NOW + 28 * 60_000 - 1000), 1);
    assert.equal(blockedSecondsLeft(state, NOW + 28 * 60_000), 0);
    assert.equal(transition(state, { type: 'tick', now: NOW + 28 * 60_000 }).step, 'credentials');
    assert.equal((transition(state, { type: 'tick', now: NOW + 28 * 60_000 }) as { error: unknown }).error, null);
  });

  it('one minute: "about 1 minute", nothing to wait for', () => {
    const error = mapFailure(clerkSays(1), 'credentials', NOW);
    assert.equal(error.lockedUntil, undefined);
    assert.equal(failureMessage(error, { left: 0, lang: 'en', t }), 'Your account is locked. Try again in about 1 minute.');
  });

  it('an exact end from Clerk (meta) counts down to the second', () => {
    const exact = normalizeError(new FakeClerkAPIResponseError('user_locked', { status: 403, meta: { lockoutExpiresInSeconds: 125 } }));
    const error = mapFailure(exact, 'credentials', NOW);
    assert.equal(error.lockedAbout, undefined);
    assert.equal(failureMessage(error, { left: 125, lang: 'en', t }), 'Your account is locked. You can try again in 2:05.');
  });

  it('minutes in the element\'s language (Intl), English for a tag Intl does not know', () => {
    assert.equal(formatMinutes(29, 'en'), '29 minutes');
    assert.equal(formatMinutes(29, 'de-DE'), '29 Minuten');
    assert.equal(formatMinutes(1, 'fr_FR'), '1 minute');
    assert.equal(formatMinutes(29, 'not a tag!'), '29 minutes');
    assert.equal(formatMinutes(29, ''), '29 minutes');
  });
});

describe('the English built in, and the English that loads with the rest', () => {
  it('together they are EN, each key in exactly one part', () => {
    const builtIn = Object.keys(BUILT_IN_EN);
    const lazy = Object.keys(LAZY_EN);
    assert.deepEqual(builtIn.filter((key) => lazy.includes(key)), []);
    assert.deepEqual([...builtIn, ...lazy].sort(), Object.keys(EN).sort());
  });

  it('built in: what the first step, the authenticator-app step, the other-methods list and the signed-in screen show', () => {
    const shown: MessageKey[] = ['title', 'identifierLabel', 'passwordLabel', 'continue', 'verify', 'working', 'otherMethods', 'signedIn', 'signedInAs', 'welcomeName'];
    shown.push(STRATEGIES.totp.title, STRATEGIES.totp.subtitle, STRATEGIES.totp.label, 'showPassword', 'capsLockOn', 'changeIdentifier');
    // The other methods as the authenticator-app step lists them.
    shown.push(...(['phone_code', 'email_code', 'backup_code'] as const).map((s) => STRATEGIES[s].method));
    // The element's own checks, and what it says when the rest cannot be downloaded.
    shown.push('identifierRequired', 'identifierInvalid', 'passwordRequired', 'codeRequired', 'offline', 'loadFailed', 'unsupportedStatus');
    for (const key of shown) assert.ok(key in BUILT_IN_EN, key);
  });
});
