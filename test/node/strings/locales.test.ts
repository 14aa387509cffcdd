// Every string in every language: the generated languages (src/locales/) against the English
// table, and the project's own translations (src/translations/) against what Clerk has.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { EN, type MessageKey, type Strings } from '../../../src/strings.js';
import { LOCALES } from '../../../src/locales/index.js';
import { MFA_LOCALES } from '../../../src/locales/mfa/index.js';
import { MFA_EN } from '../../../src/mfa/strings.js';
import { SETUP_LOCALES } from '../../../src/locales/setup/index.js';
import { SETUP_EN } from '../../../src/setup/strings.js';

interface Merged {
  locale: string;
  source: unknown;
  unused: string[];
  unknown: string[];
}
// The generator is plain JavaScript, run by Node itself.
const generatorModule: string = '../../../scripts/generate-locales.mjs';
const generator = (await import(generatorModule)) as {
  mergeLocales(table?: string): Promise<{ locales: Merged[] }>;
  localeFiles(locales: Merged[], table?: string): Map<string, string>;
  placeholders(text: string): string[];
};

const ROOT = new URL('../../../', import.meta.url);
/** Languages that are English: their texts may read like US English. */
const ENGLISH = new Set(['en-GB']);
/** Words that are the same as in English, genuinely. */
const SAME_AS_ENGLISH: Record<string, MessageKey[]> = { 'it-IT': ['passwordLabel'] };

describe('every string in every language', () => {
  const languages = new Map<string, Strings>();
  let merged: Merged[];

  before(async () => {
    for (const [locale, load] of Object.entries(LOCALES)) languages.set(locale, (await load()).default);
    ({ locales: merged } = await generator.mergeLocales());
  });

  it('48 languages besides US English', () => {
    assert.equal(languages.size, 48);
    assert.ok(!languages.has('en-US'));
  });

  it('each has every key of the English table and no other', () => {
    for (const [locale, strings] of languages) {
      assert.deepEqual(Object.keys(strings).sort(), Object.keys(EN).sort(), locale);
    }
  });

  it('each text has the placeholders of the English one, no fewer and no more', () => {
    for (const [locale, strings] of languages) {
      for (const [key, english] of Object.entries(EN)) {
        assert.deepEqual(generator.placeholders(strings[key as MessageKey]), generator.placeholders(english), `${locale} ${key}: ${strings[key as MessageKey]}`);
      }
    }
  });

  it('no text is left in English, except the words listed as the same', () => {
    for (const [locale, strings] of languages) {
      if (ENGLISH.has(locale)) continue;
      const same = Object.keys(EN).filter((key) => strings[key as MessageKey] === EN[key as MessageKey]);
      assert.deepEqual(same, SAME_AS_ENGLISH[locale] ?? [], locale);
    }
  });

  it('src/locales is what the generator writes today (node scripts/generate-locales.mjs)', () => {
    for (const [name, text] of generator.localeFiles(merged)) {
      assert.equal(readFileSync(new URL(`src/locales/${name}`, ROOT), 'utf8'), text, `src/locales/${name} is stale`);
    }
  });
});

describe('our translations (src/translations)', () => {
  let merged: Merged[];
  before(async () => {
    ({ locales: merged } = await generator.mergeLocales());
  });

  it('one file per language, each saying where its texts come from', () => {
    const files = readdirSync(new URL('src/translations/', ROOT)).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.sort(), merged.map(({ locale }) => `${locale}.json`).sort());
    for (const { locale, source } of merged) assert.match(String(source), /not from Clerk/i, locale);
  });

  it('hold only keys the element has, and only where Clerk has no usable translation', () => {
    for (const { locale, unused, unknown } of merged) {
      assert.deepEqual(unknown, [], `${locale}: keys the element does not have`);
      assert.deepEqual(unused, [], `${locale}: Clerk translates these now; remove them from src/translations/${locale}.json`);
    }
  });
});

/**
 * The other message tables: each one's languages (src/locales/<table>/) against its English table,
 * and our translations for it (src/translations/<table>/) against what Clerk and the other tables have.
 */
const TABLES = [
  // As the sign-in's Italian "Password".
  { name: 'mfa', what: "the enrolment's strings", english: MFA_EN, locales: MFA_LOCALES, sameAsEnglish: { 'it-IT': ['passwordLabel'] }, labelInName: {} },
  {
    name: 'setup',
    what: "<clerk-mfa-setup>'s strings",
    english: SETUP_EN,
    locales: SETUP_LOCALES,
    sameAsEnglish: {},
    // A row's button is named after the thing it acts on, and its name still says what the button
    // shows, so a user who says the visible word (voice control) reaches it.
    labelInName: { removeNamed: 'remove', makeDefaultNamed: 'makeDefault' },
  },
] as const satisfies readonly {
  name: string;
  what: string;
  english: Record<string, string>;
  locales: Record<string, () => Promise<{ default: Record<string, string> }>>;
  sameAsEnglish: Record<string, readonly string[]>;
  /** Accessible name's key → the key of the label the button shows. */
  labelInName: Record<string, string>;
}[];

for (const table of TABLES) {
  describe(`${table.what} in every language (src/locales/${table.name})`, () => {
    const english: Record<string, string> = table.english;
    const sameAsEnglish: Record<string, readonly string[]> = table.sameAsEnglish;
    let merged: (Merged & { strings: Record<string, string> })[];
    const languages = new Map<string, Record<string, string>>();

    before(async () => {
      for (const [locale, load] of Object.entries(table.locales)) languages.set(locale, (await load()).default);
      ({ locales: merged } = (await generator.mergeLocales(table.name)) as { locales: (Merged & { strings: Record<string, string> })[] });
    });

    it('the same 48 languages as the sign-in, each with every key of the English table and no other', () => {
      assert.deepEqual([...languages.keys()].sort(), Object.keys(LOCALES).sort());
      for (const [locale, strings] of languages) assert.deepEqual(Object.keys(strings).sort(), Object.keys(english).sort(), locale);
    });

    it('each text has the placeholders of the English one, and none is left in English (no English fallback)', () => {
      for (const [locale, strings] of languages) {
        for (const [key, text] of Object.entries(english)) {
          assert.deepEqual(generator.placeholders(strings[key]!), generator.placeholders(text), `${locale} ${key}`);
        }
        if (ENGLISH.has(locale)) continue;
        const same = Object.keys(english).filter((key) => strings[key] === english[key]);
        assert.deepEqual(same, sameAsEnglish[locale] ?? [], locale);
      }
    });

    it("each button's accessible name contains the label it shows", () => {
      const labelInName: Record<string, string> = table.labelInName;
      for (const [locale, strings] of [['en-US', english] as const, ...languages]) {
        for (const [named, label] of Object.entries(labelInName)) {
          const [name, shown] = [strings[named]!, strings[label]!].map((text) => text.toLocaleLowerCase(locale));
          assert.ok(name.includes(shown!), `${locale} ${named}: "${strings[named]}" does not contain "${strings[label]}"`);
        }
      }
    });

    it(`src/locales/${table.name} is what the generator writes today, and src/translations/${table.name} holds only what Clerk lacks`, () => {
      for (const [name, text] of generator.localeFiles(merged, table.name)) {
        assert.equal(readFileSync(new URL(`src/locales/${table.name}/${name}`, ROOT), 'utf8'), text, `src/locales/${table.name}/${name} is stale`);
      }
      for (const { locale, unused, unknown, source } of merged) {
        assert.deepEqual([unused, unknown], [[], []], locale);
        assert.match(String(source), /not from Clerk/i, locale);
      }
    });
  });
}
