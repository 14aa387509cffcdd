// Size budgets (brotli), checked by `npm run size` in `npm test`. Only what a page downloads
// before the form works counts: translations other than English load on demand in their own
// chunks, and clerk-js is fetched at run time from the Frontend API host.
const external = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@clerk/shared', '@clerk/localizations', '@clerk/clerk-js'];

export default [
  {
    name: "element code (the package's own modules, Lit and @clerk/* excluded)",
    path: 'dist/index.js',
    ignore: external,
    brotli: true,
    limit: '8 KB',
    // Translations other than English are separate chunks fetched on demand.
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: [...config.external, './locales/index.js'] }),
  },
  {
    name: 'CDN file (dist/cdn/clerk-mfa-sign-in.js, Lit inlined)',
    path: 'dist/cdn/clerk-mfa-sign-in.js',
    // The file as served; its on-demand translation chunks are not part of the first download.
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: ['./chunks/*'] }),
    brotli: true,
    limit: '16 KB',
  },
];
