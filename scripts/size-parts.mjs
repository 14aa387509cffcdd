#!/usr/bin/env node
// npm run size:parts: where the element's own code goes.
//
// Bundles src/index.ts the way the element-code size budget counts it (minified, templates
// minified, Lit, @clerk/* and the language loader left out), then again with one part replaced
// by an empty stand-in, and prints what each part costs: the bundle's brotli size minus the
// size without it. Parts compress better together, so their costs add up to less than the whole.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { minifyTemplates } from './minify-templates.mjs';

const file = (name) => resolve('src', name);
const EN_LITERAL = /export const EN: Strings = \{[\s\S]*?\n\};\n/;

/** The module's run-time exports, each replaced by `undefined`, except `kept`. */
function emptyExports(source, kept = []) {
  const names = [...source.matchAll(/^export (?:async )?(?:function|const|let|class) (\w+)/gm)].map((m) => m[1]);
  return names
    .filter((name) => !kept.includes(name))
    .map((name) => `export const ${name} = undefined;`)
    .join('\n');
}

/** Each part: the file it lives in and the stand-in that replaces it. */
const PARTS = [
  {
    name: 'rendering (src/clerk-mfa-sign-in.ts, the element class and its templates)',
    path: file('clerk-mfa-sign-in.ts'),
    // Everything the element uses stays in the bundle, so only the class itself goes.
    stub: () => `import * as a from './clerk-adapter.js'; import * as e from './events.js'; import * as l from './localization.js';
import * as m from './sign-in-machine.js'; import { styles } from './clerk-mfa-sign-in.styles.js';
export const ClerkMfaSignInElement = [a, e, l, m, styles];`,
  },
  { name: 'Clerk adapter (src/clerk-adapter.ts)', path: file('clerk-adapter.ts'), stub: emptyExports },
  { name: 'state machine (src/sign-in-machine.ts)', path: file('sign-in-machine.ts'), stub: emptyExports },
  { name: 'CSS (src/clerk-mfa-sign-in.styles.ts)', path: file('clerk-mfa-sign-in.styles.ts'), stub: () => "import { css } from 'lit'; export const styles = css``;" },
  {
    name: 'English strings (EN in src/strings.ts)',
    path: file('strings.ts'),
    stub: (source) => source.replace(EN_LITERAL, 'export const EN = {};\n'),
  },
  {
    name: 'string lookup and language loading (src/localization.ts)',
    path: file('localization.ts'),
    // `mergeStrings` is what reads EN: a one-line stand-in keeps the strings in the bundle.
    stub: (source) => `import { EN } from './strings.js';\nexport const mergeStrings = () => EN;\n${emptyExports(source, ['mergeStrings'])}`,
  },
];

/** The bundle's brotli size, with `part` (if any) swapped for its stand-in. */
async function brotliSize(part) {
  const result = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'error',
    external: ['lit', 'lit/*', '@lit/*', '@clerk/*', './locale-loader.js'],
    plugins: [minifyTemplates((path, source) => (part?.path === path ? part.stub(source) : source))],
  });
  const code = result.outputFiles[0].contents;
  return brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** The bundle's brotli size, and what each part of it costs. */
export async function measureParts() {
  if (!EN_LITERAL.test(readFileSync(file('strings.ts'), 'utf8'))) {
    throw new Error('src/strings.ts has no `export const EN: Strings = {...};` to take out');
  }
  const whole = await brotliSize(null);
  const parts = [];
  for (const part of PARTS) parts.push({ name: part.name, bytes: whole - (await brotliSize(part)) });
  return { whole, parts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { whole, parts } = await measureParts();
  const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
  console.log(`element code, brotli: ${kB(whole)}`);
  for (const { name, bytes } of parts) console.log(`${kB(bytes).padStart(9)}  ${name}`);
}
