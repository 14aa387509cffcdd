#!/usr/bin/env node
// npm run size:parts: where the element's own code goes.
//
// Bundles src/index.ts the way the element-code size budget counts it (minified, templates
// minified, Lit, @clerk/*, the language loader, the on-demand part and the enrolment part left out), then again with one part replaced
// by a stand-in without its code, and prints what each part costs: the bundle's brotli size
// minus the size without it. Parts compress better together, so their costs add up to less than
// the whole.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { minifyTemplates } from './minify-templates.mjs';

const file = (name) => resolve('src', name);
const EN_LITERAL = /export const BUILT_IN_EN = \{[\s\S]*?\n\} satisfies Partial<Strings>;\n/;

/**
 * A module without its own code: its run-time imports stay (so what it uses stays in the
 * bundle and is not counted as its cost), and each export becomes a stand-in that holds them.
 */
function withoutCode(source) {
  const imports = [...source.matchAll(/^import (?!type\b)[^;]*?from '(\.[^']+)';/gm)].map((m, i) => `import * as i${i} from '${m[1]}';`);
  const held = `[${imports.map((_, i) => `i${i}`).join(', ')}]`;
  const names = [...source.matchAll(/^export (?:async )?(?:function|const|let|class) (\w+)/gm)].map((m) => m[1]);
  return [...imports, ...names.map((name) => `export const ${name} = ${held};`)].join('\n');
}

/** Each part: the files it lives in and the stand-in that replaces each. */
const PARTS = [
  { name: 'the element class (src/clerk-mfa-sign-in.ts)', paths: ['clerk-mfa-sign-in.ts'], stub: withoutCode },
  {
    name: 'step templates, fields, icons, loading the on-demand part (src/step-templates.ts, field-templates.ts, icons.ts, load-on-demand.ts, download-once.ts)',
    paths: ['step-templates.ts', 'field-templates.ts', 'icons.ts', 'load-on-demand.ts', 'download-once.ts'],
    stub: withoutCode,
  },
  { name: 'sign-in controller (src/sign-in-controller.ts)', paths: ['sign-in-controller.ts'], stub: withoutCode },
  { name: 'Clerk adapter (src/clerk-adapter.ts, sign-in-adapter.ts, clerk-script.ts, own-failures.ts)', paths: ['clerk-adapter.ts', 'sign-in-adapter.ts', 'clerk-script.ts', 'own-failures.ts'], stub: withoutCode },
  { name: 'state machine (src/sign-in-machine.ts, strategies.ts, field-rules.ts)', paths: ['sign-in-machine.ts', 'strategies.ts', 'field-rules.ts'], stub: withoutCode },
  { name: 'CSS (src/theme.styles.ts, clerk-mfa-sign-in.styles.ts)', paths: ['theme.styles.ts', 'clerk-mfa-sign-in.styles.ts'], stub: (source) => source.replace(/css`[^`]*`/, 'css``') },
  { name: 'English strings built in (src/english.ts)', paths: ['english.ts'], stub: (source) => source.replace(EN_LITERAL, 'export const BUILT_IN_EN = {};\n') },
  { name: 'string lookup, language loading and direction (src/localization.ts, sign-in-strings.ts)', paths: ['localization.ts', 'sign-in-strings.ts'], stub: withoutCode },
  { name: 'URL checks for after-sign-in and clerk-js (src/safe-url.ts)', paths: ['safe-url.ts'], stub: withoutCode },
].map((part) => ({ ...part, paths: part.paths.map(file) }));

/** The bundle's brotli size, with `part` (if any) swapped for its stand-in. */
async function brotliSize(part, entry = 'src/index.ts') {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'error',
    external: ['lit', 'lit/*', '@lit/*', '@clerk/*', './locale-loader.js', './on-demand.js', './enrolment.js', '../locale-loader.js', '../locales/mfa/index.js'],
    plugins: [minifyTemplates((path, source) => (part?.paths.includes(path) ? part.stub(source) : source))],
  });
  const code = result.outputFiles[0].contents;
  return brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** The bundle's brotli size, and what each part of it costs. */
export async function measureParts() {
  if (!EN_LITERAL.test(readFileSync(file('english.ts'), 'utf8'))) {
    throw new Error('src/english.ts has no `export const BUILT_IN_EN = {...} satisfies Partial<Strings>;` to take out');
  }
  const whole = await brotliSize(null);
  const parts = [];
  for (const part of PARTS) parts.push({ name: part.name, bytes: whole - (await brotliSize(part)) });
  // Not in the element code: downloaded the first time something in it is needed.
  const onDemand = await brotliSize(null, 'src/on-demand.ts');
  // Nor the enrolment (the setup-mfa task), downloaded only when a user meets it.
  const enrolment = await brotliSize(null, 'src/mfa/enrolment.ts');
  return { whole, parts, onDemand, enrolment };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { whole, parts, onDemand, enrolment } = await measureParts();
  const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
  console.log(`element code, brotli: ${kB(whole)}`);
  for (const { name, bytes } of parts) console.log(`${kB(bytes).padStart(9)}  ${name}`);
  console.log(`not counted: the on-demand part (src/on-demand.ts and what it imports), ${kB(onDemand)}`);
  console.log(`not counted: the enrolment part (src/mfa/enrolment.ts, the QR encoder included), ${kB(enrolment)}`);
}
