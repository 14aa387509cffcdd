#!/usr/bin/env node
// Writes src/locales/<locale>.ts: for each language @clerk/localizations ships (US English aside,
// which is built in) and each other language src/translations has, every string
// <clerk-mfa-sign-in> shows, so the element loads one small, complete module per language on
// demand. Each string is Clerk's translation where Clerk has one the element can use, else the
// project's own, from src/translations/<locale>.json. The same for the enrolment's own table
// (src/mfa/strings.ts): src/locales/mfa/<locale>.ts, ours from src/translations/mfa/<locale>.json.
//
//   node scripts/generate-locales.mjs            write the files
//   node scripts/generate-locales.mjs --check    fail if they are out of date
//   node scripts/generate-locales.mjs --missing  list, per locale, the keys neither Clerk nor
//                                                src/translations has (fails if there are any)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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

/** The enrolment's message key → path in Clerk's LocalizationResource. */
export const MFA_CLERK_PATHS = {
  enrolTitle: 'taskSetupMfa.start.title',
  enrolSubtitle: 'taskSetupMfa.start.subtitle',
  methodTotp: 'taskSetupMfa.start.methodSelection.totp',
  methodPhone: 'taskSetupMfa.start.methodSelection.phoneCode',
  totpTitle: 'taskSetupMfa.totpCode.title',
  scanInfo: 'taskSetupMfa.totpCode.addAuthenticatorApp.infoText__ableToScan',
  secretInfo: 'taskSetupMfa.totpCode.addAuthenticatorApp.infoText__unableToScan',
  copied: 'userProfile.backupCodePage.actionLabel__copied',
  totpCodeInfo: 'taskSetupMfa.totpCode.verifyTotp.subtitle',
  codeLabel: 'taskSetupMfa.totpCode.verifyTotp.formTitle',
  continue: 'taskSetupMfa.totpCode.addAuthenticatorApp.formButtonPrimary',
  phoneTitle: 'taskSetupMfa.smsCode.title',
  phoneInfo: 'taskSetupMfa.smsCode.addPhone.infoText',
  phoneLabel: 'formFieldLabel__phoneNumber',
  verifyPhoneTitle: 'taskSetupMfa.smsCode.verifyPhone.title',
  resend: 'taskSetupMfa.smsCode.verifyPhone.resendButton',
  totpEnabled: 'taskSetupMfa.totpCode.success.title',
  totpEnabledInfo: 'taskSetupMfa.totpCode.success.message1',
  phoneEnabled: 'taskSetupMfa.smsCode.success.title',
  phoneEnabledInfo: 'taskSetupMfa.smsCode.success.message1',
  backupCodesInfo: 'taskSetupMfa.totpCode.success.message2',
  backupCodesLabel: 'userProfile.backupCodePage.title__codelist',
  copyAll: 'userProfile.backupCodePage.actionLabel__copy',
  download: 'userProfile.backupCodePage.actionLabel__download',
  reverifyTitle: 'reverification.password.title',
  reverifyInfo: 'reverification.password.subtitle',
  passwordLabel: 'formFieldLabel__password',
  passwordIncorrect: 'unstable__errors.form_password_incorrect',
  phoneExists: 'unstable__errors.form_identifier_exists__phone_number',
  signedInAs: 'taskSetupMfa.signOut.actionText',
  signOut: 'taskSetupMfa.signOut.actionLink',
};

/**
 * The message tables: where each one's English is, its paths in Clerk's resource, where its
 * languages are written and where our own translations for it are.
 */
export const TABLES = {
  'sign-in': {
    english: ['../src/strings.ts', 'EN'],
    paths: CLERK_PATHS,
    outDir: join(root, 'src', 'locales'),
    ours: (locale) => `src/translations/${locale}.json`,
    type: ['Strings', 'src/strings.js'],
    index: 'LOCALES',
    what: "Each language's strings",
  },
  mfa: {
    english: ['../src/mfa/strings.ts', 'MFA_EN'],
    paths: MFA_CLERK_PATHS,
    outDir: join(root, 'src', 'locales', 'mfa'),
    ours: (locale) => `src/translations/mfa/${locale}.json`,
    type: ['MfaStrings', 'src/mfa/strings.js'],
    index: 'MFA_LOCALES',
    what: "Each language's enrolment strings",
    // A text whose English is the sign-in's, word for word, is translated as the sign-in's is.
    sameAs: 'sign-in',
  },
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
function clerkText(key, resource, usEnglish, english, locale, paths) {
  const path = paths[key];
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
export async function mergeLocales(tableName = 'sign-in') {
  const table = TABLES[tableName];
  const EN = (await tsImport(table.english[0], import.meta.url))[table.english[1]];
  const usEnglish = await clerkResource('en-US');
  const same = table.sameAs ? await sameEnglish(table.sameAs) : null;
  const merged = [];
  for (const locale of languages()) {
    const resource = await clerkResource(locale);
    const oursFile = join(root, table.ours(locale));
    const { _source: source, ...ours } = existsSync(oursFile) ? JSON.parse(readFileSync(oursFile, 'utf8')) : {};
    const fromClerk = {};
    const fromSame = {};
    const fromOurs = {};
    const missing = [];
    for (const [key, english] of Object.entries(EN)) {
      const text = clerkText(key, resource, usEnglish, english, locale, table.paths);
      const sameText = same?.(locale, english);
      if (text !== undefined) fromClerk[key] = text;
      else if (sameText !== undefined) fromSame[key] = sameText;
      else if (typeof ours[key] === 'string') fromOurs[key] = ours[key];
      else missing.push(key);
    }
    const unused = Object.keys(ours).filter((key) => key in fromClerk || key in fromSame);
    const unknown = Object.keys(ours).filter((key) => !(key in EN));
    merged.push({ locale, source, fromClerk, fromSame, fromOurs, strings: { ...fromClerk, ...fromSame, ...fromOurs }, missing, unused, unknown });
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

/** The files of the table's folder (src/locales, src/locales/mfa), by name, for the merged `locales`. */
export function localeFiles(locales, tableName = 'sign-in') {
  const table = TABLES[tableName];
  const [type, module] = table.type;
  // The table's types, imported from where its files are written.
  const from = relative(table.outDir, join(root, module)).split(sep).join('/');
  const files = new Map();
  for (const { locale, fromClerk, fromSame = {}, fromOurs } of locales) {
    files.set(
      `${locale}.ts`,
      `${header}import type { ${type} } from '${from}';\n\nconst strings: ${type} = {\n` +
        (Object.keys(fromClerk).length ? `  // Clerk's translations (@clerk/localizations ${version})\n${entries(fromClerk)}` : '') +
        (Object.keys(fromSame).length ? `  // As the sign-in says the same English (src/locales/${locale}.ts)\n${entries(fromSame)}` : '') +
        (Object.keys(fromOurs).length ? `  // Ours, where Clerk has none (${table.ours(locale)})\n${entries(fromOurs)}` : '') +
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
  const outDir = table.outDir;
  const label = outDir.slice(root.length + 1);
  const { locales } = await mergeLocales(tableName);
  if (args.includes('--missing')) {
    const lacking = locales.filter((l) => l.missing.length);
    for (const { locale, missing } of lacking) console.log(`${locale}: ${missing.join(', ')}`);
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
