// An esbuild plugin that minifies the markup and CSS inside Lit's html`` and css`` templates of
// the TypeScript sources it loads: JavaScript minifiers leave template text alone, and it is a
// large share of the element's bytes. Used by the CDN build and by `npm run size:parts`.
import { readFileSync } from 'node:fs';
import { minifyHTMLLiterals } from '@literals/html-css-minifier';

/** Whether a module has templates to minify. */
export const HAS_TEMPLATES = /\b(?:html|css)\s*`/;

/** `rewrite(path, source)` may change a source before it is minified (size:parts swaps parts out). */
export function minifyTemplates(rewrite = (_path, source) => source) {
  return {
    name: 'minify-templates',
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
        const source = rewrite(path, readFileSync(path, 'utf8'));
        const result = HAS_TEMPLATES.test(source)
          ? await minifyHTMLLiterals(source, { fileName: path, generateSourceMap: false })
          : null;
        return { contents: result?.code ?? source, loader: 'ts' };
      });
    },
  };
}
