#!/usr/bin/env node
// Writes src/locales/<locale>.ts: for each language @clerk/localizations ships (US English aside,
// which is built in) and each other language src/translations has, every string
// <clerk-mfa-sign-in> shows, so the element loads one small, complete module per language on
// demand. Each string is Clerk's translation where Clerk has one the element can use, else the
// project's own, from src/translations/<locale>.json. The same for each other message table of
// scripts/locale-tables.mjs: the enrolment's (src/mfa/strings.ts) into src/locales/mfa/, ours from
// src/translations/mfa/; <clerk-mfa-setup>'s (src/setup/strings.ts) into src/locales/setup/, ours
// from src/translations/setup/.
//
//   node scripts/generate-locales.mjs            write the files
//   node scripts/generate-locales.mjs --check    fail if they are out of date
//   node scripts/generate-locales.mjs --missing  list, per table and locale, the keys neither Clerk
//                                                nor src/translations has (fails if there are any)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { TABLES } from './locale-tables.mjs';

export { TABLES };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const oursDir = join(root, 'src', 'translations');
const require = createRequire(import.meta.url);
const distDir = dirname(require.resolve('@clerk/localizations/package.json')) + '/dist';

// English is the element's inline default; en-XA is Clerk's pseudo-locale for testing.
const SKIP = new Set(['en-US', 'en-XA', 'index']);
// Languages not written in Latin script, where a Clerk text in Latin letters only is English.
const NON_LATIN = new Set(['ar', 'be', 'bg', 'bn', 'el', 'fa', 'he', 'hi', 'ja', 'kk', 'ko', 'mn', 'ru', 'ta', 'te', 'th', 'uk', 'zh']);

/** The sorted names of the `{{placeholders}}` in a text (Clerk's syntax, modifiers ignored). */
export function placeholders(text) {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
}

function get(object, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

/** Clerk's strings for `locale`; none for a language only src/translations has. */
async function clerkResource(locale) {
  const file = join(distDir, `${locale}.mjs`);
  return existsSync(file) ? Object.values(await import(pathToFileURL(file).href))[0] : {};
}

/** Every language Clerk ships, and any other that src/translations has a file for. */
function languages() {
  const clerk = readdirSync(distDir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4));
  const ours = readdirSync(oursDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  return [...new Set([...clerk, ...ours])].filter((l) => !SKIP.has(l)).sort();
}

/**
 * Clerk's text for `key`, if the element can show it: a non-empty string with exactly the
 * placeholders of the English text (others name things the element does not know, such as
 * `{{applicationName}}`), and, outside English, not Clerk's US English left untranslated (nor,
 * in a language not written in Latin script, a text with Latin letters only: an older English
 * Clerk's file still carries). A key with several paths takes the first that gives one.
 */
function clerkText(key, resource, usEnglish, english, locale, paths) {
  for (const path of [paths[key] ?? []].flat()) {
    const value = get(resource, path);
    if (typeof value !== 'string' || !value.trim()) continue;
    if (placeholders(value).join() !== placeholders(english).join()) continue;
    if (!locale.startsWith('en-') && (value === get(usEnglish, path) || value === english)) continue;
    if (NON_LATIN.has(locale.split('-')[0]) && !/[^\P{L}\p{Script=Latin}]/u.test(value)) continue;
    return value;
  }
  return undefined;
}

/**
 * Every locale, merged: `strings` (Clerk's, then the `sameAs` tables', then ours), which keys came
 * from where (`fromSame` by table), and what is wrong with our file for the locale: keys neither has
 * (`missing`), entries Clerk or another table now covers (`unused`) and entries for keys the table
 * does not have (`unknown`). Each table is merged once per run.
 */
export function mergeLocales(tableName = 'sign-in') {
  if (!merging.has(tableName)) merging.set(tableName, merge(TABLES[tableName]));
  return merging.get(tableName);
}
const merging = new Map();

async function merge(table) {
  const EN = (await tsImport(pathToFileURL(join(root, table.english[0])).href, import.meta.url))[table.english[1]];
  const usEnglish = await clerkResource('en-US');
  const others = await Promise.all((table.sameAs ?? []).map(async (name) => [name, await sameEnglish(name)]));
  const merged = [];
  for (const locale of languages()) {
    const resource = await clerkResource(locale);
    const oursFile = join(root, table.ours(locale));
    const { _source: source, ...ours } = existsSync(oursFile) ? JSON.parse(readFileSync(oursFile, 'utf8')) : {};
    const fromClerk = {};
    const fromSame = Object.fromEntries(others.map(([name]) => [name, {}]));
    const fromOurs = {};
    const missing = [];
    for (const [key, english] of Object.entries(EN)) {
      const text = clerkText(key, resource, usEnglish, english, locale, table.paths);
      const same = text === undefined && others.find(([, textOf]) => textOf(locale, english) !== undefined);
      if (text !== undefined) fromClerk[key] = text;
      else if (same) fromSame[same[0]][key] = same[1](locale, english);
      else if (typeof ours[key] === 'string') fromOurs[key] = ours[key];
      else missing.push(key);
    }
    const shared = Object.assign({}, ...Object.values(fromSame));
    const unused = Object.keys(ours).filter((key) => key in fromClerk || key in shared);
    const unknown = Object.keys(ours).filter((key) => !(key in EN));
    merged.push({ locale, source, fromClerk, fromSame, fromOurs, strings: { ...fromClerk, ...shared, ...fromOurs }, missing, unused, unknown });
  }
  return { EN, locales: merged };
}

/** `(locale, english)` → the other table's text in `locale` for the same English text, if it has one. */
async function sameEnglish(tableName) {
  const { EN, locales } = await mergeLocales(tableName);
  const keyOf = new Map(Object.entries(EN).map(([key, english]) => [english, key]));
  const byLocale = new Map(locales.map(({ locale, strings }) => [locale, strings]));
  return (locale, english) => byLocale.get(locale)?.[keyOf.get(english)];
}

const version = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')).version;
const header = '// Generated by scripts/generate-locales.mjs. Do not edit.\n';
const entries = (strings) => Object.entries(strings).map(([key, text]) => `  ${JSON.stringify(key)}: ${JSON.stringify(text)},\n`).join('');

/** A section of a language's file: its comment, then its texts; nothing when it has none. */
const section = (comment, strings) => (Object.keys(strings).length ? `  // ${comment}\n${entries(strings)}` : '');

/** The files of the table's folder (src/locales, src/locales/mfa, ...), by name, for the merged `locales`. */
export function localeFiles(locales, tableName = 'sign-in') {
  const table = TABLES[tableName];
  const [type, module] = table.type;
  // The table's types, imported from where its files are written.
  const from = relative(table.outDir, module).split(sep).join('/');
  const files = new Map();
  for (const { locale, fromClerk, fromSame, fromOurs } of locales) {
    files.set(
      `${locale}.ts`,
      `${header}import type { ${type} } from '${from}';\n\nconst strings: ${type} = {\n` +
        section(`Clerk's translations (@clerk/localizations ${version})`, fromClerk) +
        Object.entries(fromSame)
          .map(([name, strings]) => section(`As ${TABLES[name].name} says the same English (${TABLES[name].outDir}/${locale}.ts)`, strings))
          .join('') +
        section(`Ours, where Clerk has none (${table.ours(locale)})`, fromOurs) +
        `};\n\nexport default strings;\n`,
    );
  }
  files.set(
    'index.ts',
    `${header}// @clerk/localizations ${version}\nimport type { ${type} } from '${from}';\n\n` +
      `type Loader = () => Promise<{ default: ${type} }>;\n\n` +
      `/** ${table.what}, loaded only when that language is used. */\nexport const ${table.index}: Record<string, Loader> = {\n` +
      locales.map(({ locale }) => `  '${locale}': () => import('./${locale}.js'),\n`).join('') +
      `};\n`,
  );
  return files;
}

async function main(args) {
  let status = 0;
  for (const tableName of Object.keys(TABLES)) status = Math.max(status, await generate(tableName, args));
  return status;
}

async function generate(tableName, args) {
  const table = TABLES[tableName];
  const label = table.outDir;
  const outDir = join(root, label);
  const { locales } = await mergeLocales(tableName);
  if (args.includes('--missing')) {
    const lacking = locales.filter((l) => l.missing.length);
    for (const { locale, missing } of lacking) console.log(`${label} ${locale}: ${missing.join(', ')}`);
    console.log(lacking.length ? `${label}: ${lacking.length} of ${locales.length} languages lack strings: add them to ${table.ours('<locale>')}` : `${label}: every string in all ${locales.length} languages`);
    return lacking.length ? 1 : 0;
  }
  for (const { locale, unused, unknown } of locales) {
    if (unused.length) console.warn(`${table.ours(locale)}: Clerk has ${unused.join(', ')} now; remove them`);
    if (unknown.length) console.warn(`${table.ours(locale)}: no such key: ${unknown.join(', ')}`);
  }
  const files = localeFiles(locales, tableName);
  if (args.includes('--check')) {
    const stale = [...files].filter(([name, text]) => {
      const path = join(outDir, name);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    });
    if (stale.length) {
      console.error(`${label} is out of date (${stale.map(([n]) => n).join(', ')}); run node scripts/generate-locales.mjs`);
      return 1;
    }
    console.log(`${label} is up to date (${locales.length} languages)`);
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  console.log(`wrote ${files.size} files to ${label} (${locales.length} languages)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
