import { build } from 'esbuild';
import { brotliCompressSync, constants } from 'node:zlib';
import { minifyTemplates } from './minify-templates.mjs';
const rewrite = process.argv[2] ? (await import(process.argv[2])).default : undefined;
const r = await build({ entryPoints: ['src/index.ts'], bundle: true, minify: true, format: 'esm', target: 'es2022', tsconfig: 'tsconfig.json', write: false, logLevel: 'error',
  external: ['lit', 'lit/*', '@lit/*', '@clerk/*', './locale-loader.js', './on-demand.js'], plugins: [minifyTemplates(rewrite)] });
const c = r.outputFiles[0].contents;
console.log('min', c.length, 'brotli', brotliCompressSync(c, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
