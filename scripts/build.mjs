#!/usr/bin/env node
// npm run build:
//   dist/**            ES modules + .d.ts for bundlers (lit and @clerk/* stay imports)
//   dist/cdn/clerk-mfa-sign-in.js
//                      one self-contained, minified ES module for a plain <script type="module">:
//                      it starts clerk-js (fetched at run time), then registers the element (Lit
//                      inlined; translations and the parts an English sign-in rarely needs load
//                      on demand, from chunks/)
//   dist/cdn/clerk-mfa-setup.js
//                      one self-contained, minified ES module for <clerk-mfa-setup>, built apart
//                      (its own Lit, its own chunks in dist/cdn/setup-chunks/), so neither CDN
//                      file grows with the other
// In both, the markup and CSS inside Lit's html`` and css`` templates are minified: JavaScript
// minifiers leave template text alone, and it is a large share of the element's bytes.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import remapping from '@jridgewell/remapping';
import { minifyHTMLLiterals } from '@literals/html-css-minifier';
import { HAS_TEMPLATES, minifyTemplates } from './minify-templates.mjs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

/** Browser modules only: the emulator runs in Node and has no templates. */
function* browserModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'emulator' && entry.name !== 'cdn') yield* browserModules(path);
    } else if (entry.name.endsWith('.js')) {
      yield path;
    }
  }
}

let saved = 0;
for (const file of browserModules('dist')) {
  const source = readFileSync(file, 'utf8');
  if (!HAS_TEMPLATES.test(source)) continue;
  const result = await minifyHTMLLiterals(source, { fileName: file });
  if (!result) continue;
  writeFileSync(file, result.code);
  saved += source.length - result.code.length;
  // Keep the source map pointing at src/: chain "minified -> tsc output" onto "tsc output -> src".
  const mapFile = `${file}.map`;
  if (existsSync(mapFile) && result.map) {
    const tscMap = JSON.parse(readFileSync(mapFile, 'utf8'));
    // The minifier's map has one source, the tsc output; its loader answer is tsc's own map.
    const chained = remapping(JSON.parse(result.map.toString()), (_source, context) => (context.depth === 0 ? tscMap : null));
    writeFileSync(mapFile, JSON.stringify({ ...chained, file: tscMap.file }));
  }
}
console.log(`dist templates minified: ${saved} bytes saved`);

/** A CDN file: one entry, bundled, split only for what loads on demand (languages, views loaded later). */
async function buildCdn(name, entry, chunks) {
  const outdir = 'dist/cdn';
  const result = await build({
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    chunkNames: `${chunks}/[name]-[hash]`,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    // The same template minification, applied to the TypeScript sources.
    plugins: [minifyTemplates()],
  });
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file}  ${bytes} bytes`);
  }
  // The CDN file must render on its own: a static import would cost a round trip before the first
  // render (esbuild moves helpers shared with the locale chunks into such a chunk).
  const file = `${outdir}/${name}.js`;
  const entryImports = result.metafile.outputs[file]?.imports ?? [];
  const staticImports = entryImports.filter((i) => i.kind === 'import-statement');
  if (staticImports.length) {
    throw new Error(`${file} imports ${staticImports.map((i) => i.path).join(', ')} before it can render`);
  }
}

// The sign-in's: src/index.ts, which starts clerk-js for the elements on the page as it registers the element.
await buildCdn('clerk-mfa-sign-in', 'src/index.ts', 'chunks');
// The setup's, in its own chunks folder: a chunk of the one never shadows a chunk of the other.
await buildCdn('clerk-mfa-setup', 'src/setup/index.ts', 'setup-chunks');
