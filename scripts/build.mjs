#!/usr/bin/env node
// npm run build:
//   dist/**            ES modules + .d.ts for bundlers (lit and @clerk/* stay imports)
//   dist/cdn/clerk-mfa-sign-in.js
//                      one self-contained, minified ES module for a plain <script type="module">
//                      (Lit inlined; clerk-js is fetched at run time, translations load on demand)
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const result = await build({
  entryPoints: { 'clerk-mfa-sign-in': 'src/index.ts' },
  outdir: 'dist/cdn',
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`${file}  ${bytes} bytes`);
}
