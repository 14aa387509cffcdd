#!/usr/bin/env node
// Writes src/locales/<locale>.ts: for each language @clerk/localizations ships (US English aside,
// which is built in) and each other language src/translations has, every string
// <clerk-mfa-sign-in> shows, so the element loads one small, complete module per language on
// demand. Each string is Clerk's translation where Clerk has one the element can use, else the
// project's own, from src/translations/<locale>.json.
//
//   node scripts/generate-locales.mjs            write the files
//   node scripts/generate-locales.mjs --check    fail if they are out of date
//   node scripts/generate-locales.mjs --missing  list, per locale, the keys neither Clerk nor
//                                                src/translations has (fails if there are any)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'locales');
const oursDir = join(root, 'src', 'translations');
const require = createRequire(import.meta.url);
const distDir = dirname(require.resolve('@clerk/localizations/package.json')) + '/dist';

/** Our message key → path in Clerk's LocalizationResource. Keys not here are ours only. */
export const CLERK_PATHS = {
  identifierLabel: 'formFieldLabel__emailAddress',
  passwordLabel: 'formFieldLabel__password',
  continue: 'formButtonPrimary',
  verify: 'formButtonPrimary__verify',
  back: 'backButton',
  totpTitle: 'signIn.totpMfa.title',
  totpSubtitle: 'signIn.totpMfa.subtitle',
  codeLabel: 'signIn.totpMfa.formTitle',
  backupTitle: 'signIn.backupCodeMfa.title',
  backupSubtitle: 'signIn.backupCodeMfa.subtitle',
  backupLabel: 'formFieldLabel__backupCode',
  phoneTitle: 'signIn.phoneCodeMfa.title',
  phoneSubtitle: 'signIn.phoneCodeMfa.subtitle',
  emailTitle: 'signIn.emailCodeMfa.title',
  resend: 'signIn.phoneCodeMfa.resendButton',
  otherMethods: 'signIn.alternativeMethods.title',
  methodTotp: 'signIn.alternativeMethods.blockButton__totp',
  methodBackupCode: 'signIn.alternativeMethods.blockButton__backupCode',
  methodPhoneCode: 'signIn.alternativeMethods.blockButton__phoneCode',
  methodEmailCode: 'signIn.alternativeMethods.blockButton__emailCode',
  newDeviceNotice: 'signIn.newDeviceVerificationNotice',
  newPasswordTitle: 'signIn.resetPassword.title',
  newPasswordSubtitle: 'signIn.resetPassword.requiredMessage',
  newPasswordLabel: 'formFieldLabel__newPassword',
  newPasswordSubmit: 'signIn.resetPassword.formButtonPrimary',
  passwordIncorrect: 'unstable__errors.form_password_incorrect',
  identifierNotFound: 'unstable__errors.form_identifier_not_found',
  identifierInvalid: 'unstable__errors.form_param_format_invalid__email_address',
  codeIncorrect: 'unstable__errors.form_code_incorrect',
  sessionExists: 'unstable__errors.session_exists',
  fieldRequired: 'unstable__errors.form_param_nil',
  passwordPwned: 'unstable__errors.form_password_pwned__sign_in',
  passwordTooShort: 'unstable__errors.form_password_length_too_short',
  passwordWeak: 'unstable__errors.form_password_not_strong_enough',
  passwordSameAsCurrent: 'unstable__errors.form_new_password_matches_current',
  signedInAs: 'taskSetupMfa.signOut.actionText',
  taskChooseOrganization: 'taskChooseOrganization.chooseOrganization.title',
  taskResetPassword: 'taskResetPassword.title',
  taskSetupMfa: 'taskSetupMfa.start.title',
  signOut: 'taskSetupMfa.signOut.actionLink',
  forgotPassword: 'formFieldAction__forgotPassword',
  resetCodeSubtitle: 'signIn.forgotPassword.subtitle_email',
  signOutOfOtherSessions: 'formFieldLabel__signOutOfOtherSessions',
};

// English is the element's inline default; en-XA is Clerk's pseudo-locale for testing.
const SKIP = new Set(['en-US', 'en-XA', 'index']);

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
 * `{{applicationName}}`), and, outside English, not Clerk's US English left untranslated.
 */
function clerkText(key, resource, usEnglish, english, locale) {
  const path = CLERK_PATHS[key];
  const value = path && get(resource, path);
  if (typeof value !== 'string' || !value.trim()) return undefined;
  if (placeholders(value).join() !== placeholders(english).join()) return undefined;
  if (!locale.startsWith('en-') && (value === get(usEnglish, path) || value === english)) return undefined;
  return value;
}

/**
 * Every locale, merged: `strings` (Clerk's, then ours), which keys came from where, and what is
 * wrong with `src/translations/<locale>.json`: keys neither has (`missing`), entries Clerk now
 * covers (`unused`) and entries for keys the element does not have (`unknown`).
 */
export async function mergeLocales() {
  const { EN } = await tsImport('../src/strings.ts', import.meta.url);
  const usEnglish = await clerkResource('en-US');
  const merged = [];
  for (const locale of languages()) {
    const resource = await clerkResource(locale);
    const oursFile = join(oursDir, `${locale}.json`);
    const { _source: source, ...ours } = existsSync(oursFile) ? JSON.parse(readFileSync(oursFile, 'utf8')) : {};
    const fromClerk = {};
    const fromOurs = {};
    const missing = [];
    for (const [key, english] of Object.entries(EN)) {
      const text = clerkText(key, resource, usEnglish, english, locale);
      if (text !== undefined) fromClerk[key] = text;
      else if (typeof ours[key] === 'string') fromOurs[key] = ours[key];
      else missing.push(key);
    }
    const unused = Object.keys(ours).filter((key) => key in fromClerk);
    const unknown = Object.keys(ours).filter((key) => !(key in EN));
    merged.push({ locale, source, fromClerk, fromOurs, strings: { ...fromClerk, ...fromOurs }, missing, unused, unknown });
  }
  return { EN, locales: merged };
}

const version = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')).version;
const header = '// Generated by scripts/generate-locales.mjs. Do not edit.\n';
const entries = (strings) => Object.entries(strings).map(([key, text]) => `  ${JSON.stringify(key)}: ${JSON.stringify(text)},\n`).join('');

/** The files of src/locales, by name, for the merged `locales`. */
export function localeFiles(locales) {
  const files = new Map();
  for (const { locale, fromClerk, fromOurs } of locales) {
    files.set(
      `${locale}.ts`,
      `${header}import type { Strings } from '../strings.js';\n\nconst strings: Strings = {\n` +
        (Object.keys(fromClerk).length ? `  // Clerk's translations (@clerk/localizations ${version})\n${entries(fromClerk)}` : '') +
        (Object.keys(fromOurs).length ? `  // Ours, where Clerk has none (src/translations/${locale}.json)\n${entries(fromOurs)}` : '') +
        `};\n\nexport default strings;\n`,
    );
  }
  files.set(
    'index.ts',
    `${header}// @clerk/localizations ${version}\nimport type { Strings } from '../strings.js';\n\n` +
      `type Loader = () => Promise<{ default: Strings }>;\n\n` +
      `/** Each language's strings, loaded only when that language is used. */\nexport const LOCALES: Record<string, Loader> = {\n` +
      locales.map(({ locale }) => `  '${locale}': () => import('./${locale}.js'),\n`).join('') +
      `};\n`,
  );
  return files;
}

async function main(args) {
  const { locales } = await mergeLocales();
  if (args.includes('--missing')) {
    const lacking = locales.filter((l) => l.missing.length);
    for (const { locale, missing } of lacking) console.log(`${locale}: ${missing.join(', ')}`);
    console.log(lacking.length ? `${lacking.length} of ${locales.length} languages lack strings: add them to src/translations/<locale>.json` : `every string in all ${locales.length} languages`);
    return lacking.length ? 1 : 0;
  }
  for (const { locale, unused, unknown } of locales) {
    if (unused.length) console.warn(`src/translations/${locale}.json: Clerk has ${unused.join(', ')} now; remove them`);
    if (unknown.length) console.warn(`src/translations/${locale}.json: no such key: ${unknown.join(', ')}`);
  }
  const files = localeFiles(locales);
  if (args.includes('--check')) {
    const stale = [...files].filter(([name, text]) => {
      const path = join(outDir, name);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    });
    if (stale.length) {
      console.error(`src/locales is out of date (${stale.map(([n]) => n).join(', ')}); run node scripts/generate-locales.mjs`);
      return 1;
    }
    console.log(`src/locales is up to date (${locales.length} languages)`);
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  console.log(`wrote ${files.size} files to src/locales (${locales.length} languages)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
