// custom-elements.json is generated from the element's class JSDoc (`npm run manifest`) and
// committed; `npm test` fails when the committed file no longer matches the source.
export default {
  globs: ['src/clerk-mfa-sign-in.ts', 'src/events.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
