// The strategy table: one row per second-factor method, and what each row decides (how a code
// is typed and sent, which methods are offered in which order, which texts a step shows).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientTrustFactors, orderSecondFactors } from '../../../src/sign-in-machine.js';
import type { Factor } from '../../../src/sign-in-types.js';
import { isCompleteCode, isSupportedStrategy, normalizeCode, STRATEGIES, type SecondFactorStrategy } from '../../../src/strategies.js';
import { EN } from '../../../src/strings.js';

const STRATEGY_NAMES = Object.keys(STRATEGIES) as SecondFactorStrategy[];

describe('backup codes go to Clerk without separators, lower-cased', () => {
  const cases: [label: string, typed: string][] = [
    ['as printed', 'h2j6-b8n4'],
    ['without the dash', 'h2j6b8n4'],
    ['in capitals with an en dash', 'H2J6\u2013B8N4'],
    ['with an em dash', 'h2j6\u2014b8n4'],
    ['with a minus sign', 'h2j6\u2212b8n4'],
    ['with a hyphen (U+2010) and a non-breaking hyphen (U+2011)', 'h2j6\u2010b8\u2011n4'],
    ['with a figure dash and a horizontal bar', 'h2j6\u2012b8\u2015n4'],
    ['with a small em dash, a small hyphen-minus, a full-width hyphen-minus', 'h2\uFE58j6\uFE63b8\uFF0Dn4'],
    ['with spaces around and inside', ' h2j6 b8n4 '],
    ['with tabs, a line break and a no-break space', '\th2j6\u00A0b8n4\n'],
    ['in full-width letters and digits', '\uFF48\uFF12\uFF4A\uFF16\uFF0D\uFF42\uFF18\uFF4E\uFF14'],
    ['mixed case, spaced dash', 'H2j6 - B8n4'],
  ];
  for (const [label, typed] of cases) {
    it(`${label}: ${JSON.stringify(typed)} → "h2j6b8n4"`, () => {
      assert.equal(normalizeCode(typed, 'backup_code'), 'h2j6b8n4');
      assert.equal(isCompleteCode('h2j6b8n4', 'backup_code'), true);
    });
  }
  it('an empty or blank backup code is not worth sending', () => {
    assert.equal(normalizeCode(' \u2013 ', 'backup_code'), '');
    assert.equal(isCompleteCode('', 'backup_code'), false);
  });
});

describe('numeric codes keep their digits only', () => {
  const cases: [typed: string, sent: string, complete: boolean][] = [
    ['123456', '123456', true],
    ['123 456', '123456', true],
    ['123-456', '123456', true],
    ['123\u2013456', '123456', true],
    ['\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16', '123456', true],
    ['Your code: 123456.', '123456', true],
    ['12345', '12345', false],
    ['1234567', '1234567', false],
  ];
  for (const strategy of ['totp', 'phone_code', 'email_code'] as const) {
    for (const [typed, sent, complete] of cases) {
      it(`${strategy}: ${JSON.stringify(typed)} → ${sent} (${complete ? 'complete' : 'incomplete'})`, () => {
        assert.equal(normalizeCode(typed, strategy), sent);
        assert.equal(isCompleteCode(sent, strategy), complete);
      });
    }
  }
});

describe('one row per method', () => {
  it('each row names texts that exist in English', () => {
    for (const name of STRATEGY_NAMES) {
      const row = STRATEGIES[name];
      for (const key of [row.title, row.subtitle, row.method, row.label]) assert.ok(key in EN, `${name}: ${key}`);
    }
  });
  it('digits get the numeric keyboard and room for a pasted "123 456"; backup codes a text field', () => {
    const fields = STRATEGY_NAMES.map((name) => [name, STRATEGIES[name].code.inputmode, STRATEGIES[name].code.maxlength]);
    assert.deepEqual(fields, [
      ['totp', 'numeric', 12],
      ['phone_code', 'numeric', 12],
      ['email_code', 'numeric', 12],
      ['backup_code', 'text', 24],
    ]);
    assert.ok('123 456'.length <= STRATEGIES.totp.code.maxlength);
    assert.ok(' h2j6 \u2013 b8n4 '.length <= STRATEGIES.backup_code.code.maxlength);
  });
  it('only SMS and email codes are sent before they are checked', () => {
    assert.deepEqual(
      STRATEGY_NAMES.filter((name) => STRATEGIES[name].needsPrepare),
      ['phone_code', 'email_code'],
    );
  });
  it('the element completes exactly the strategies of the table', () => {
    for (const name of STRATEGY_NAMES) assert.equal(isSupportedStrategy(name), true, name);
    for (const other of ['passkey', 'email_link', 'toString', 'constructor', '__proto__', '']) assert.equal(isSupportedStrategy(other), false, other);
  });
  it('the order comes from the table: second factors, then the new-device check', () => {
    const factors: Factor[] = [{ strategy: 'backup_code' }, { strategy: 'email_code' }, { strategy: 'phone_code' }, { strategy: 'totp' }];
    assert.deepEqual(orderSecondFactors(factors).map((f) => f.strategy), ['totp', 'phone_code', 'email_code', 'backup_code']);
    assert.deepEqual(clientTrustFactors(factors).map((f) => f.strategy), ['email_code', 'phone_code']);
  });
});
